// Slice extraction, orientation labels, window lookup tables, label colours and slice composition
// (core/image): the pure computations behind the slice views.

#include "image/LabelPalette.h"
#include "image/SliceComposition.h"
#include "image/SliceExtraction.h"
#include "image/WindowLevel.h"

#include <QtTest/QtTest>

#include <cmath>

using namespace lnseg;

namespace {

ImageGeometry geometryWith(const Matrix3& direction, Size3 size = {5, 4, 3}, Vector3 spacing = {0.7, 0.7, 2.0})
{
    ImageGeometry geometry;
    geometry.size = size;
    geometry.spacing = spacing;
    geometry.direction = direction;
    return geometry;
}

const Matrix3 kLps{1, 0, 0, 0, 1, 0, 0, 0, 1};
const Matrix3 kRas{-1, 0, 0, 0, -1, 0, 0, 0, 1};
// OpenKBP: axis 0 = A->P, axis 1 = R->L, axis 2 = S->I (columns are the axis directions).
const Matrix3 kOpenKbp{0, 1, 0, 1, 0, 0, 0, 0, -1};

// A volume whose voxel value is its own linear offset.
Volume numberedVolume(const ImageGeometry& geometry)
{
    Volume volume(geometry);
    for (std::size_t offset = 0; offset < volume.voxelCount(); ++offset)
        volume.data()[offset] = std::int16_t(offset);
    return volume;
}

std::int16_t pixelOf(const Volume& volume, SlicePlane plane, const Index3& voxel)
{
    const SliceLayout layout = sliceLayoutFor(volume.geometry(), plane);
    std::vector<std::int16_t> slice(std::size_t(layout.width * layout.height));
    extractSlice(volume, layout, voxel[layout.normalAxis], slice.data());
    // Where must this voxel appear? Use the layout's own inverse and check it round-trips.
    const Vector3 position = layout.slicePosition({double(voxel[0]), double(voxel[1]), double(voxel[2])});
    const Index3 back = layout.voxelIndex(voxel[layout.normalAxis], std::int64_t(position[0]), std::int64_t(position[1]));
    if (back != voxel)
        return -1;
    return slice[std::size_t(std::int64_t(position[1]) * layout.width + std::int64_t(position[0]))];
}

}  // namespace

class SliceExtractionTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void lpsLayouts();
    void knownVoxelInEveryPlane();
    void knownVoxelExplicitPixels();
    void anisotropicSpacing();
    void orientationLabelsLps();
    void orientationLabelsFlipped();
    void permutedAxesOpenKbp();
    void obliqueLetters();
    void windowTable();
    void paletteNeighboursDiffer();
    void composition();
};

void SliceExtractionTest::lpsLayouts()
{
    const ImageGeometry g = geometryWith(kLps);
    const SliceLayout axial = sliceLayoutFor(g, SlicePlane::Axial);
    QCOMPARE(axial.normalAxis, 2);
    QCOMPARE(axial.columnAxis, 0);
    QCOMPARE(axial.rowAxis, 1);
    QVERIFY(!axial.columnReversed && !axial.rowReversed);
    const SliceLayout coronal = sliceLayoutFor(g, SlicePlane::Coronal);
    QCOMPARE(coronal.normalAxis, 1);
    QCOMPARE(coronal.rowAxis, 2);
    QVERIFY(coronal.rowReversed);  // +k is superior, screen down is inferior
    const SliceLayout sagittal = sliceLayoutFor(g, SlicePlane::Sagittal);
    QCOMPARE(sagittal.normalAxis, 0);
    QCOMPARE(sagittal.columnAxis, 1);
    QCOMPARE(sagittal.width, 4);
    QCOMPARE(sagittal.height, 3);
}

void SliceExtractionTest::knownVoxelInEveryPlane()
{
    for (const Matrix3& direction : {kLps, kRas, kOpenKbp}) {
        const Volume volume = numberedVolume(geometryWith(direction));
        for (const Index3 voxel : {Index3{1, 2, 0}, Index3{4, 0, 2}, Index3{0, 3, 1}})
            for (SlicePlane plane : {SlicePlane::Axial, SlicePlane::Coronal, SlicePlane::Sagittal})
                QCOMPARE(pixelOf(volume, plane, voxel), std::int16_t(volume.offset(voxel[0], voxel[1], voxel[2])));
    }
}

void SliceExtractionTest::knownVoxelExplicitPixels()
{
    // LPS volume 5x4x3, voxel (1, 2, 0): axial slice 0 pixel (1, 2); coronal slice 2 pixel
    // (1, 2) because row 0 is the top (k = 2); sagittal slice 1 pixel (2, 2).
    const Volume volume = numberedVolume(geometryWith(kLps));
    const std::int16_t expected = std::int16_t(volume.offset(1, 2, 0));
    std::vector<std::int16_t> slice(20);
    SliceLayout layout = sliceLayoutFor(volume.geometry(), SlicePlane::Axial);
    extractSlice(volume, layout, 0, slice.data());
    QCOMPARE(slice[2 * 5 + 1], expected);
    layout = sliceLayoutFor(volume.geometry(), SlicePlane::Coronal);
    extractSlice(volume, layout, 2, slice.data());
    QCOMPARE(slice[2 * 5 + 1], expected);
    layout = sliceLayoutFor(volume.geometry(), SlicePlane::Sagittal);
    extractSlice(volume, layout, 1, slice.data());
    QCOMPARE(slice[2 * 4 + 2], expected);
    // RAS: index 0 is the patient's LEFT-most column, so it shows on the screen's right.
    const Volume flipped = numberedVolume(geometryWith(kRas));
    layout = sliceLayoutFor(flipped.geometry(), SlicePlane::Axial);
    extractSlice(flipped, layout, 0, slice.data());
    QCOMPARE(slice[std::size_t((3 - 0) * 5 + (4 - 0))], std::int16_t(flipped.offset(0, 0, 0)));
}

void SliceExtractionTest::anisotropicSpacing()
{
    const ImageGeometry g = geometryWith(kLps, {512, 512, 300}, {0.7, 0.7, 2.0});
    const SliceLayout coronal = sliceLayoutFor(g, SlicePlane::Coronal);
    QCOMPARE(coronal.columnSpacing, 0.7);
    QCOMPARE(coronal.rowSpacing, 2.0);
    QCOMPARE(coronal.height, 300);
    const SliceLayout sagittal = sliceLayoutFor(g, SlicePlane::Sagittal);
    QCOMPARE(sagittal.rowSpacing, 2.0);
}

void SliceExtractionTest::orientationLabelsLps()
{
    const ImageGeometry g = geometryWith(kLps);
    OrientationLabels labels = orientationLabelsFor(g, sliceLayoutFor(g, SlicePlane::Axial));
    QCOMPARE(labels.left, std::string("R"));  // radiological: patient right on screen left
    QCOMPARE(labels.right, std::string("L"));
    QCOMPARE(labels.top, std::string("A"));
    QCOMPARE(labels.bottom, std::string("P"));
    labels = orientationLabelsFor(g, sliceLayoutFor(g, SlicePlane::Coronal));
    QCOMPARE(labels.left + labels.right + labels.top + labels.bottom, std::string("RLSI"));
    labels = orientationLabelsFor(g, sliceLayoutFor(g, SlicePlane::Sagittal));
    QCOMPARE(labels.left + labels.right + labels.top + labels.bottom, std::string("APSI"));
}

void SliceExtractionTest::orientationLabelsFlipped()
{
    // A flipped volume is shown flipped back: the labels stay radiological.
    for (const Matrix3& direction : {kRas, kOpenKbp}) {
        const ImageGeometry g = geometryWith(direction);
        QCOMPARE(orientationLabelsFor(g, sliceLayoutFor(g, SlicePlane::Axial)).left, std::string("R"));
        QCOMPARE(orientationLabelsFor(g, sliceLayoutFor(g, SlicePlane::Axial)).top, std::string("A"));
        QCOMPARE(orientationLabelsFor(g, sliceLayoutFor(g, SlicePlane::Coronal)).top, std::string("S"));
        QCOMPARE(orientationLabelsFor(g, sliceLayoutFor(g, SlicePlane::Sagittal)).left, std::string("A"));
    }
    const ImageGeometry ras = geometryWith(kRas);
    QVERIFY(sliceLayoutFor(ras, SlicePlane::Axial).columnReversed);
    QVERIFY(sliceLayoutFor(ras, SlicePlane::Axial).rowReversed);
}

void SliceExtractionTest::permutedAxesOpenKbp()
{
    const ImageGeometry g = geometryWith(kOpenKbp, {128, 128, 100}, {4.0, 4.0, 2.5});
    const SliceLayout axial = sliceLayoutFor(g, SlicePlane::Axial);
    QCOMPARE(axial.normalAxis, 2);
    QCOMPARE(axial.columnAxis, 1);  // R->L along screen x
    QCOMPARE(axial.rowAxis, 0);     // A->P along screen y: face at the top
    QVERIFY(!axial.columnReversed && !axial.rowReversed);
    const SliceLayout coronal = sliceLayoutFor(g, SlicePlane::Coronal);
    QCOMPARE(coronal.normalAxis, 0);
    QCOMPARE(coronal.rowAxis, 2);
    QVERIFY(!coronal.rowReversed);  // axis 2 already runs S->I
    QCOMPARE(coronal.rowSpacing, 2.5);
}

void SliceExtractionTest::obliqueLetters()
{
    QCOMPARE(directionLetters({1, 0, 0}), std::string("L"));
    QCOMPARE(directionLetters({0, 0, -1}), std::string("I"));
    QCOMPARE(directionLetters({0, 0.5, -0.866}), std::string("IP"));
    QCOMPARE(directionLetters({0, -0.1, 0.995}), std::string("S"));  // small tilt: one letter
    // A tilted (gantry) volume: axial columns still R/L; rows become A/P with some S/I.
    const double angle = 25.0 * M_PI / 180.0;
    const ImageGeometry g = geometryWith({1, 0, 0, 0, std::cos(angle), -std::sin(angle), 0, std::sin(angle), std::cos(angle)});
    const OrientationLabels labels = orientationLabelsFor(g, sliceLayoutFor(g, SlicePlane::Axial));
    QCOMPARE(labels.left, std::string("R"));
    QCOMPARE(labels.top, std::string("AI"));
}

void SliceExtractionTest::windowTable()
{
    const WindowLevel soft{400, 40};
    QCOMPARE(windowGrey(-160, soft), std::uint8_t(0));
    QCOMPARE(windowGrey(-1000, soft), std::uint8_t(0));
    QCOMPARE(windowGrey(240, soft), std::uint8_t(255));
    QCOMPARE(windowGrey(40, soft), std::uint8_t(128));
    const WindowLookupTable table(soft);
    for (int value = -32768; value <= 32767; value += 7)
        QCOMPARE(table(std::int16_t(value)), windowGrey(std::int16_t(value), soft));
    QCOMPARE(table(32767), std::uint8_t(255));
    QCOMPARE(table(-32768), std::uint8_t(0));
    QCOMPARE(windowPresets().size(), std::size_t(4));
    QVERIFY(defaultWindow() == soft);
    QCOMPARE(windowPresets()[1].window.width, 120.0);
    QCOMPARE(windowPresets()[2].window.level, 480.0);
    QCOMPARE(windowPresets()[3].window.level, -600.0);
}

void SliceExtractionTest::paletteNeighboursDiffer()
{
    QCOMPARE(labelColour(0), RgbColour{});
    for (int label = 1; label < 300; ++label) {
        const RgbColour a = labelColour(std::uint16_t(label));
        const RgbColour b = labelColour(std::uint16_t(label + 1));
        const int distance = std::abs(a.red - b.red) + std::abs(a.green - b.green) + std::abs(a.blue - b.blue);
        QVERIFY2(distance > 120, qPrintable(QString("labels %1 and %2 too similar").arg(label).arg(label + 1)));
        QCOMPARE(labelColourArgb(std::uint16_t(label)),
                 0xff000000u | (std::uint32_t(a.red) << 16) | (std::uint32_t(a.green) << 8) | a.blue);
    }
}

void SliceExtractionTest::composition()
{
    // 3x3 slice, centre voxel labelled 2 in a ring of label 2 at the top row.
    const std::int16_t values[9] = {40, 40, 40, 40, 40, 40, 40, 40, 40};
    const std::uint16_t labels[9] = {0, 0, 0, 0, 2, 0, 0, 0, 0};
    std::uint32_t out[9];
    const WindowLookupTable table(WindowLevel{400, 40});
    OverlayStyle style;
    style.opacity = 1.0;
    composeSlice(values, labels, 3, 3, table, style, out, 3);
    QCOMPARE(out[4], labelColourArgb(2));
    QCOMPARE(out[0], 0xff808080u);
    style.visible = false;
    composeSlice(values, labels, 3, 3, table, style, out, 3);
    QCOMPARE(out[4], 0xff808080u);
    style.visible = true;
    style.opacity = 0.5;
    composeSlice(values, labels, 3, 3, table, style, out, 3);
    const std::uint32_t colour = labelColourArgb(2);
    const std::uint32_t expectedRed = (((colour >> 16) & 0xff) * 128 + 128 * 128) >> 8;
    QCOMPARE((out[4] >> 16) & 0xff, expectedRed);
    // Outline: a single labelled voxel is all border.
    style.outline = true;
    composeSlice(values, labels, 3, 3, table, style, out, 3);
    QCOMPARE(out[4], colour);
    composeSlice(values, nullptr, 3, 3, table, style, out, 3);
    QCOMPARE(out[4], 0xff808080u);
}

QTEST_GUILESS_MAIN(SliceExtractionTest)
#include "test_slice_extraction.moc"
