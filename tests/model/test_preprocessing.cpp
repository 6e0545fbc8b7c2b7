// Preprocessing (crop, resample, window, map back) and the patient-level split: torch-free code.
#include "Preprocessing.h"
#include "Training.h"

#include <QtTest/QtTest>

#include <algorithm>
#include <cmath>

using namespace lnseg::model;

namespace {

// A 100 x 80 x 6 volume at 0.7 mm: an elliptic "body" (40 HU) in air, and a 10 x 8 px blob mask.
struct Phantom {
    std::vector<std::int16_t> image;
    std::vector<std::uint8_t> mask;
    VolumeView view;
};

Phantom makePhantom()
{
    Phantom phantom;
    const std::int64_t columns = 100, rows = 80, slices = 6;
    phantom.image.assign(std::size_t(columns * rows * slices), -1000);
    phantom.mask.assign(phantom.image.size(), 0);
    for (std::int64_t z = 0; z < slices; ++z)
        for (std::int64_t y = 0; y < rows; ++y)
            for (std::int64_t x = 0; x < columns; ++x) {
                const double dx = (double(x) - 55) / 30, dy = (double(y) - 40) / 25;
                const std::size_t index = std::size_t((z * rows + y) * columns + x);
                if (dx * dx + dy * dy <= 1)
                    phantom.image[index] = 40;
                if (z >= 2 && z <= 3 && x >= 50 && x < 60 && y >= 35 && y < 43)
                    phantom.mask[index] = 3;  // any label value counts as foreground
            }
    phantom.view.voxels = phantom.image.data();
    phantom.view.size[0] = columns;
    phantom.view.size[1] = rows;
    phantom.view.size[2] = slices;
    phantom.view.spacing[0] = phantom.view.spacing[1] = 0.7;
    phantom.view.spacing[2] = 3.0;
    return phantom;
}

}  // namespace

class PreprocessingTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void cropCoversBodyPlusMarginPaddedToMultiple();
    void windowNormalises();
    void maskRoundTripLandsWhereItWas();
    void neighbourChannelsAreClamped();
    void stackChannelsLieAtFixedMillimetres();
    void parametersRoundTripThroughJson();
    void splitIsDeterministicAndPatientLevel();
};

void PreprocessingTest::cropCoversBodyPlusMarginPaddedToMultiple()
{
    const Phantom phantom = makePhantom();
    PreprocessingParameters parameters;  // 1.25 mm, margin 10 mm
    const PreparedGeometry geometry = planPreparedGeometry(phantom.view, parameters);
    // Body x in [25, 85], y in [15, 65]; margin ceil(10 / 0.7) = 15 px, clamped to the image.
    QCOMPARE(geometry.cropLow[0], std::int64_t(10));
    QCOMPARE(geometry.cropHigh[0], std::int64_t(99));
    QCOMPARE(geometry.cropLow[1], std::int64_t(0));
    QCOMPARE(geometry.cropHigh[1], std::int64_t(79));
    QCOMPARE(geometry.size[0] % 8, std::int64_t(0));
    QCOMPARE(geometry.size[1] % 8, std::int64_t(0));
    QCOMPARE(geometry.size[2], std::int64_t(6));
    QVERIFY(double(geometry.size[0]) * 1.25 >= 90 * 0.7);  // covers the crop
    QVERIFY(double(geometry.size[0] - 8) * 1.25 < 90 * 0.7);
}

void PreprocessingTest::windowNormalises()
{
    std::vector<std::int16_t> values{-1000, -160, 40, 240, 3000, 140, 40, 40};
    VolumeView view;
    view.voxels = values.data();
    view.size[0] = 8;
    view.size[1] = view.size[2] = 1;
    PreprocessingParameters parameters;
    parameters.targetPixelSpacingMm = 0;  // keep the spacing: pixels map one to one
    parameters.marginMm = 100;
    const PreparedGeometry geometry = planPreparedGeometry(view, parameters);
    const std::vector<float> prepared = prepareIntensities(view, geometry, parameters);
    QCOMPARE(prepared[0], 0.0f);
    QCOMPARE(prepared[1], 0.0f);
    QCOMPARE(prepared[2], 0.5f);
    QCOMPARE(prepared[3], 1.0f);
    QCOMPARE(prepared[4], 1.0f);
    QVERIFY(std::abs(prepared[5] - 0.75f) < 1e-6f);
}

void PreprocessingTest::maskRoundTripLandsWhereItWas()
{
    const Phantom phantom = makePhantom();
    const PreprocessingParameters parameters;
    const PreparedGeometry geometry = planPreparedGeometry(phantom.view, parameters);
    const std::vector<std::uint8_t> prepared = prepareMask(phantom.mask.data(), geometry);
    std::vector<float> asProbability(prepared.begin(), prepared.end());
    const std::vector<float> back = mapToOriginalGrid(asProbability, geometry);
    QCOMPARE(back.size(), phantom.mask.size());  // exactly the original grid
    double intersection = 0, predicted = 0, reference = 0, sumX = 0, sumY = 0, refX = 0, refY = 0;
    for (std::size_t index = 0; index < back.size(); ++index) {
        const bool p = back[index] >= 0.5f, r = phantom.mask[index] != 0;
        const double x = double(index % 100), y = double((index / 100) % 80);
        intersection += p && r;
        predicted += p;
        reference += r;
        if (p) { sumX += x; sumY += y; }
        if (r) { refX += x; refY += y; }
        if (index / (100 * 80) < 2 || index / (100 * 80) > 3)
            QCOMPARE(back[index], 0.0f);  // slices without the blob stay empty
    }
    QVERIFY2(2 * intersection / (predicted + reference) > 0.85, qPrintable(QString::number(2 * intersection / (predicted + reference))));
    QVERIFY(std::abs(sumX / predicted - refX / reference) < 1.0);
    QVERIFY(std::abs(sumY / predicted - refY / reference) < 1.0);
}

void PreprocessingTest::neighbourChannelsAreClamped()
{
    PreparedGeometry geometry;
    geometry.size[0] = 2;
    geometry.size[1] = 1;
    geometry.size[2] = 4;
    const std::vector<float> prepared{0, 0, 1, 1, 2, 2, 3, 3};
    std::vector<float> channels(5 * 2);
    copyInputChannels(prepared, geometry, 0, 5, channels.data());
    QCOMPARE(channels, (std::vector<float>{0, 0, 0, 0, 0, 0, 1, 1, 2, 2}));
    copyInputChannels(prepared, geometry, 3, 5, channels.data());
    QCOMPARE(channels, (std::vector<float>{1, 1, 2, 2, 3, 3, 3, 3, 3, 3}));
}

void PreprocessingTest::stackChannelsLieAtFixedMillimetres()
{
    // Each prepared slice holds its z position in mm; a 2 mm stack must read the same positions
    // at 1 mm, 3 mm and 0.7 mm slices (linear interpolation of a linear ramp is exact).
    for (const double sliceSpacing : {1.0, 3.0, 0.7}) {
        PreparedGeometry geometry;
        geometry.size[0] = 2;
        geometry.size[1] = 1;
        geometry.size[2] = std::int64_t(std::lround(60.0 / sliceSpacing));
        geometry.sliceSpacingMm = sliceSpacing;
        geometry.stackSpacingMm = 2.0;
        std::vector<float> prepared;
        for (std::int64_t z = 0; z < geometry.size[2]; ++z)
            prepared.insert(prepared.end(), 2, float(double(z) * sliceSpacing));
        const double lastPosition = double(geometry.size[2] - 1) * sliceSpacing;
        for (const std::int64_t slice : {std::int64_t(0), geometry.size[2] / 2, geometry.size[2] - 1}) {
            std::vector<float> channels(15 * 2);
            copyInputChannels(prepared, geometry, slice, 15, channels.data());
            for (int channel = 0; channel < 15; ++channel) {
                const double expected = std::clamp(double(slice) * sliceSpacing + (channel - 7) * 2.0, 0.0, lastPosition);
                QVERIFY2(std::abs(channels[std::size_t(channel) * 2] - expected) < 1e-3,
                         qPrintable(QString("spacing %1 slice %2 channel %3: %4, expected %5").arg(sliceSpacing).arg(slice)
                                        .arg(channel).arg(channels[std::size_t(channel) * 2]).arg(expected)));
                QCOMPARE(channels[std::size_t(channel) * 2 + 1], channels[std::size_t(channel) * 2]);
            }
        }
    }
    // planPreparedGeometry carries the volume's slice spacing and the parameters' stack spacing.
    std::vector<std::int16_t> voxels(8 * 8 * 4, 40);
    VolumeView volume;
    volume.voxels = voxels.data();
    volume.size[0] = volume.size[1] = 8;
    volume.size[2] = 4;
    volume.spacing[0] = volume.spacing[1] = 1.25;
    volume.spacing[2] = 3;
    PreprocessingParameters parameters;
    const PreparedGeometry geometry = planPreparedGeometry(volume, parameters);
    QCOMPARE(geometry.sliceSpacingMm, 3.0);
    QCOMPARE(geometry.stackSpacingMm, 2.0);
    // Model files from before the mm stack have no "stack_spacing_mm": they stack slices.
    QCOMPARE(PreprocessingParameters::fromJson("{\"neighbour_slices\": 7}").stackSpacingMm, 0.0);
    QCOMPARE(PreprocessingParameters::fromJson(parameters.toJson()).stackSpacingMm, 2.0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, PreprocessingParameters::fromJson("{\"stack_spacing_mm\": -1}"));
}

void PreprocessingTest::parametersRoundTripThroughJson()
{
    PreprocessingParameters parameters;
    parameters.windowLevel = 50;
    parameters.targetPixelSpacingMm = 0.9;
    parameters.neighbourSlices = 3;
    const PreprocessingParameters back = PreprocessingParameters::fromJson(parameters.toJson());
    QCOMPARE(back.windowLevel, 50.0);
    QCOMPARE(back.targetPixelSpacingMm, 0.9);
    QCOMPARE(back.neighbourSlices, 3);
    QCOMPARE(back.windowWidth, 400.0);
}

void PreprocessingTest::splitIsDeterministicAndPatientLevel()
{
    std::vector<std::string> ids;
    for (int index = 0; index < 200; ++index)
        ids.push_back("patient_" + std::to_string(index));
    const DataSplit split = splitCases(ids, 0.2);
    QCOMPARE(split.training.size() + split.validation.size(), ids.size());
    QVERIFY(split.validation.size() > 20 && split.validation.size() < 60);
    for (const auto& id : split.validation)
        QVERIFY(std::find(split.training.begin(), split.training.end(), id) == split.training.end());
    // Same answer in another order, and a case keeps its side when other cases are added.
    std::vector<std::string> reversed(ids.rbegin(), ids.rend());
    QCOMPARE(splitCases(reversed, 0.2).validation, split.validation);
    std::vector<std::string> more = ids;
    more.push_back("patient_new_1");
    more.push_back("patient_new_2");
    const DataSplit larger = splitCases(more, 0.2);
    for (const auto& id : split.validation)
        QVERIFY(std::find(larger.validation.begin(), larger.validation.end(), id) != larger.validation.end());
    // Two cases: one on each side.
    const DataSplit two = splitCases({"a", "b"}, 0.2);
    QCOMPARE(two.training.size(), std::size_t(1));
    QCOMPARE(two.validation.size(), std::size_t(1));
}

QTEST_APPLESS_MAIN(PreprocessingTest)
#include "test_preprocessing.moc"
