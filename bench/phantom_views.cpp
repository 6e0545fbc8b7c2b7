// Writes a montage of a synthetic neck phantom (axial slice at level III, coronal and sagittal
// through the middle, window W400/L40, square millimetres) as a PNG, for the README and for
// comparing the phantom with real neck CTs by eye.
// Usage: lnseg_phantom_views OUT.png [--seed S]
#include "image/SliceExtraction.h"
#include "image/WindowLevel.h"
#include "phantom/NeckPhantom.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <cmath>
#include <cstdio>
#include <cstring>

using namespace lnseg;

namespace {

// One view's slice as an 8-bit image with square pixels (rows and columns scaled to mm).
QImage sliceImage(const Volume& volume, SlicePlane plane, std::int64_t slice, double millimetresPerPixel)
{
    const SliceLayout layout = sliceLayoutFor(volume.geometry(), plane);
    std::vector<std::int16_t> values(static_cast<std::size_t>(layout.width * layout.height));
    extractSlice(volume, layout, slice, values.data());
    QImage image(static_cast<int>(layout.width), static_cast<int>(layout.height), QImage::Format_Grayscale8);
    const WindowLevel window = defaultWindow();
    for (int row = 0; row < image.height(); ++row) {
        uchar* line = image.scanLine(row);
        for (int column = 0; column < image.width(); ++column)
            line[column] = windowGrey(values[static_cast<std::size_t>(row) * image.width() + column], window);
    }
    return image.scaled(static_cast<int>(std::lround(layout.width * layout.columnSpacing / millimetresPerPixel)),
                        static_cast<int>(std::lround(layout.height * layout.rowSpacing / millimetresPerPixel)),
                        Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
}

}  // namespace

int main(int argc, char** argv)
{
    QGuiApplication application(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: lnseg_phantom_views OUT.png [--seed S]\n");
        return 2;
    }
    PhantomOptions options;
    options.threads = 0;
    options.seed = 11;
    for (int index = 2; index + 1 < argc; index += 2)
        if (std::strcmp(argv[index], "--seed") == 0)
            options.seed = std::strtoull(argv[index + 1], nullptr, 10);
    const PhantomCase phantom = generateNeckPhantom(options, "views");
    const ImageGeometry g = phantom.image.geometry();
    const double levelThree = 0.5 * (phantom.landmarks.cricoidBottom + phantom.landmarks.hyoidBottom);
    const Vector3 centre = g.worldToIndex({0, 0, levelThree});
    const double millimetresPerPixel = 0.8;
    const QImage axial = sliceImage(phantom.image, SlicePlane::Axial, std::lround(centre[2]), millimetresPerPixel);
    const QImage coronal = sliceImage(phantom.image, SlicePlane::Coronal, g.size[1] / 2, millimetresPerPixel);
    const QImage sagittal = sliceImage(phantom.image, SlicePlane::Sagittal, g.size[0] / 2, millimetresPerPixel);
    const int height = std::max({axial.height(), coronal.height(), sagittal.height()});
    QImage montage(axial.width() + coronal.width() + sagittal.width() + 20, height, QImage::Format_RGB32);
    montage.fill(Qt::black);
    QPainter painter(&montage);
    int x = 0;
    for (const auto& [image, title] : {std::pair<const QImage*, const char*>{&axial, "axial, level III"},
                                       {&coronal, "coronal"}, {&sagittal, "sagittal"}}) {
        painter.drawImage(x, 0, *image);
        painter.setPen(Qt::white);
        painter.drawText(x + 8, 18, title);
        x += image->width() + 10;
    }
    painter.end();
    if (!montage.save(argv[1])) {
        std::fprintf(stderr, "cannot write %s\n", argv[1]);
        return 1;
    }
    std::printf("%s: %zu nodes\n", argv[1], phantom.nodes.size());
    return 0;
}
