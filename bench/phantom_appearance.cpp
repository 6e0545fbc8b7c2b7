// Measures the look of a CT the same way for real images and phantoms, for
// core/phantom/APPEARANCE.md: fat and muscle HU, noise SD and the noise's spatial correlation in
// uniform regions, and writes a small axial picture (W400/L40).
//
//   lnseg_phantom_appearance real PATH OUT.png            (a DICOM file/folder or image file)
//   lnseg_phantom_appearance phantom SEED OUT.png [--randomize]
//   lnseg_phantom_appearance view IMAGE OUT.png [LABELS] [SLICE]
//                             axial (slice SLICE, default the middle) beside the coronal through the
//                             middle row, 0.5 mm per pixel, node label outlines in colour (a visual check)
//
// Method (no tissue map needed): on the middle half of the slices, square windows of about 6 mm;
// windows whose every pixel lies in -200..150 HU with a mean of -150..-50 (fat) or 20..90 (muscle)
// are candidates; the third with the lowest SD is taken as uniform. Reported: median mean HU of
// fat and muscle windows, median SD of the uniform windows (the noise, slightly underestimated),
// and the normalised autocorrelation of the uniform windows (mean removed) at lags 1-4 pixels
// along rows and columns, with the lag in mm.
#include "image/WindowLevel.h"
#include "io/ImageFileIO.h"
#include "io/ImageSource.h"
#include "phantom/NeckPhantom.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace lnseg;

namespace {

struct Window {
    double mean, deviation;
    bool fat;
    std::int64_t i, j, k;
};

double median(std::vector<double> values)
{
    if (values.empty())
        return NAN;
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
}

void measure(const Volume& volume, const char* name)
{
    const ImageGeometry g = volume.geometry();
    const int size = std::max(5, static_cast<int>(std::lround(6.0 / g.spacing[0])));
    std::vector<Window> windows;
    const std::int64_t k0 = g.size[2] / 4, k1 = std::max(k0 + 1, 3 * g.size[2] / 4);
    for (std::int64_t k = k0; k < k1; ++k)
        for (std::int64_t j = 0; j + size <= g.size[1]; j += size / 2)
            for (std::int64_t i = 0; i + size <= g.size[0]; i += size / 2) {
                double sum = 0, squares = 0;
                bool inRange = true;
                for (int dj = 0; dj < size && inRange; ++dj)
                    for (int di = 0; di < size; ++di) {
                        const double v = volume.at(i + di, j + dj, k);
                        if (v < -200 || v > 150) {
                            inRange = false;
                            break;
                        }
                        sum += v;
                        squares += v * v;
                    }
                if (!inRange)
                    continue;
                const double n = size * size, mean = sum / n;
                const bool fat = mean > -150 && mean < -50, muscle = mean > 20 && mean < 90;
                if (fat || muscle)
                    windows.push_back({mean, std::sqrt(std::max(0.0, squares / n - mean * mean)), fat, i, j, k});
            }
    std::vector<double> fatMeans, muscleMeans, deviations;
    for (const Window& w : windows)
        (w.fat ? fatMeans : muscleMeans).push_back(w.mean);
    std::sort(windows.begin(), windows.end(), [](const Window& a, const Window& b) { return a.deviation < b.deviation; });
    windows.resize(windows.size() / 3);
    double correlation[5] = {0, 0, 0, 0, 0}, count[5] = {0, 0, 0, 0, 0};
    for (const Window& w : windows) {
        deviations.push_back(w.deviation);
        for (int lag = 0; lag <= 4 && lag < size; ++lag)
            for (int dj = 0; dj < size; ++dj)
                for (int di = 0; di + lag < size; ++di) {
                    // Along rows and along columns.
                    correlation[lag] += (volume.at(w.i + di, w.j + dj, w.k) - w.mean) * (volume.at(w.i + di + lag, w.j + dj, w.k) - w.mean);
                    correlation[lag] += (volume.at(w.i + dj, w.j + di, w.k) - w.mean) * (volume.at(w.i + dj, w.j + di + lag, w.k) - w.mean);
                    count[lag] += 2;
                }
    }
    std::printf("%s: %lld x %lld x %lld, spacing %.3f x %.3f x %.3f mm\n", name, static_cast<long long>(g.size[0]),
                static_cast<long long>(g.size[1]), static_cast<long long>(g.size[2]), g.spacing[0], g.spacing[1], g.spacing[2]);
    std::printf("  fat %.0f HU (%zu windows), muscle %.0f HU (%zu windows), noise SD %.1f HU (%zu uniform windows of %d px)\n",
                median(fatMeans), fatMeans.size(), median(muscleMeans), muscleMeans.size(), median(deviations), deviations.size(), size);
    std::printf("  autocorrelation:");
    for (int lag = 1; lag <= 4; ++lag)
        if (count[lag] > 0)
            std::printf(" lag %d (%.2f mm) %.2f;", lag, lag * g.spacing[0], (correlation[lag] / count[lag]) / (correlation[0] / count[0]));
    std::printf("\n");
}

void writePicture(const Volume& volume, std::int64_t slice, const std::string& path)
{
    const ImageGeometry g = volume.geometry();
    QImage image(static_cast<int>(g.size[0]), static_cast<int>(g.size[1]), QImage::Format_Grayscale8);
    const WindowLevel window = defaultWindow();
    for (int row = 0; row < image.height(); ++row)
        for (int column = 0; column < image.width(); ++column)
            image.scanLine(row)[column] = windowGrey(volume.at(column, row, slice), window);
    // 0.8 mm per output pixel: the same physical scale for every picture.
    const int width = static_cast<int>(std::lround(g.size[0] * g.spacing[0] / 0.8));
    const int height = static_cast<int>(std::lround(g.size[1] * g.spacing[1] / 0.8));
    image.scaled(width, height, Qt::IgnoreAspectRatio, Qt::SmoothTransformation).save(QString::fromStdString(path));
}


// Axial slice `slice` and the coronal through the middle row side by side at 0.5 mm per pixel, with
// the outline of every labelled voxel (label k in a colour of its own) when `labels` is given.
void writeView(const Volume& volume, const LabelMap* labels, std::int64_t slice, const std::string& path)
{
    const ImageGeometry g = volume.geometry();
    const WindowLevel window = defaultWindow();
    auto colour = [](std::uint16_t label) {
        return QColor::fromHsv(static_cast<int>((label * 67) % 360), 255, 255).rgb();
    };
    auto outline = [&](std::int64_t i, std::int64_t j, std::int64_t k, int axis) -> std::uint16_t {
        if (!labels)
            return 0;
        const std::uint16_t value = labels->at(i, j, k);
        if (value == 0)
            return 0;
        const std::int64_t di[2] = {1, 0}, dj[2] = {0, axis == 0 ? 1 : 0}, dk[2] = {0, axis == 0 ? 0 : 1};
        for (int d = 0; d < 2; ++d)
            for (int s = -1; s <= 1; s += 2) {
                const std::int64_t a = i + s * di[d], b = j + s * dj[d], c = k + s * dk[d];
                if (a < 0 || b < 0 || c < 0 || a >= g.size[0] || b >= g.size[1] || c >= g.size[2] || labels->at(a, b, c) != value)
                    return value;
            }
        return 0;
    };
    QImage axial(static_cast<int>(g.size[0]), static_cast<int>(g.size[1]), QImage::Format_RGB32);
    for (int row = 0; row < axial.height(); ++row)
        for (int column = 0; column < axial.width(); ++column) {
            const std::uint8_t grey = windowGrey(volume.at(column, row, slice), window);
            axial.setPixel(column, row, qRgb(grey, grey, grey));
        }
    QImage coronal(static_cast<int>(g.size[0]), static_cast<int>(g.size[2]), QImage::Format_RGB32);
    const std::int64_t middleRow = g.size[1] / 2;
    for (int row = 0; row < coronal.height(); ++row)
        for (int column = 0; column < coronal.width(); ++column) {
            const std::uint8_t grey = windowGrey(volume.at(column, middleRow, g.size[2] - 1 - row), window);
            coronal.setPixel(column, row, qRgb(grey, grey, grey));
        }
    constexpr double scale = 2.0;  // pixels per mm
    const int aw = static_cast<int>(std::lround(scale * g.size[0] * g.spacing[0])), ah = static_cast<int>(std::lround(scale * g.size[1] * g.spacing[1]));
    const int ch = static_cast<int>(std::lround(scale * g.size[2] * g.spacing[2]));
    QImage axialScaled = axial.scaled(aw, ah, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    QImage coronalScaled = coronal.scaled(aw, ch, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    // Outlines drawn after scaling, voxel by voxel as small rectangles.
    QPainter pa(&axialScaled), pc(&coronalScaled);
    for (std::int64_t j = 0; j < g.size[1]; ++j)
        for (std::int64_t i = 0; i < g.size[0]; ++i)
            if (const std::uint16_t label = outline(i, j, slice, 0))
                pa.fillRect(QRectF(scale * i * g.spacing[0], scale * j * g.spacing[1], scale * g.spacing[0], scale * g.spacing[1]), QColor(colour(label)));
    for (std::int64_t k = 0; k < g.size[2]; ++k)
        for (std::int64_t i = 0; i < g.size[0]; ++i)
            if (const std::uint16_t label = outline(i, middleRow, k, 1))
                pc.fillRect(QRectF(scale * i * g.spacing[0], scale * (g.size[2] - 1 - k) * g.spacing[2], scale * g.spacing[0], scale * g.spacing[2]), QColor(colour(label)));
    pa.end();
    pc.end();
    QImage montage(aw * 2 + 4, std::max(ah, ch), QImage::Format_RGB32);
    montage.fill(Qt::black);
    QPainter painter(&montage);
    painter.drawImage(0, 0, axialScaled);
    painter.drawImage(aw + 4, 0, coronalScaled);
    painter.end();
    montage.save(QString::fromStdString(path));
}

}  // namespace

int main(int argc, char** argv)
{
    QGuiApplication application(argc, argv);
    if (argc < 4) {
        std::fprintf(stderr, "usage: lnseg_phantom_appearance real PATH OUT.png | phantom SEED OUT.png [--randomize] | view IMAGE OUT.png [LABELS] [SLICE]\n");
        return 2;
    }
    const std::string mode = argv[1];
    if (mode == "view") {
        const LoadedImage loaded = loadImageSource(argv[2]);
        LabelMap labels;
        const bool withLabels = argc > 4 && std::strlen(argv[4]) > 0;
        if (withLabels)
            labels = readLabelMapFor(argv[4], loaded.volume.geometry());
        const std::int64_t slice = argc > 5 ? std::atoll(argv[5]) : loaded.volume.geometry().size[2] / 2;
        writeView(loaded.volume, withLabels ? &labels : nullptr, slice, argv[3]);
        return 0;
    }
    if (mode == "real") {
        const LoadedImage loaded = loadImageSource(argv[2]);
        measure(loaded.volume, argv[2]);
        writePicture(loaded.volume, loaded.volume.geometry().size[2] / 2, argv[3]);
        return 0;
    }
    PhantomOptions options;
    options.seed = std::strtoull(argv[2], nullptr, 10);
    options.threads = 0;
    options.randomization.enabled = argc > 4 && std::strcmp(argv[4], "--randomize") == 0;
    const PhantomCase phantom = generateNeckPhantom(options, "appearance");
    std::string name = std::string("phantom seed ") + argv[2];
    if (phantom.randomized)
        name += " randomized " + toJson(phantom.appearance).dump();
    measure(phantom.image, name.c_str());
    const double levelThree = 0.5 * (phantom.landmarks.cricoidBottom + phantom.landmarks.hyoidBottom);
    const ImageGeometry g = phantom.image.geometry();
    const std::int64_t slice = std::clamp<std::int64_t>(std::llround((levelThree - g.origin[2]) / g.spacing[2]), 0, g.size[2] - 1);
    writePicture(phantom.image, slice, argv[3]);
    return 0;
}
