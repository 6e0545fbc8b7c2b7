// Small synthetic DICOM series written with DCMTK into a temporary folder, one per geometry or
// file problem that real scanners and archives produce.

#include "io/DicomSeries.h"

#include <dcmtk/dcmdata/dctk.h>

#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>

using namespace lnseg;

namespace {

constexpr double kPi = 3.14159265358979323846;
const char* kCtImageStorage = "1.2.840.10008.5.1.4.1.1.2";

struct SliceSpec {
    Vector3 position{0, 0, 0};
    int instanceNumber = 1;
    int rows = 16;
    int columns = 16;
    std::vector<std::int16_t> pixels;  // rows * columns; filled with `fill` when empty
    std::int16_t fill = 0;
    std::array<double, 6> orientation{1, 0, 0, 0, 1, 0};
    std::string seriesUid = "1.2.826.0.1.3680043.2.1125.1";
    std::string sopClass = kCtImageStorage;
    double slope = 1;
    double intercept = 0;
    bool withMetaHeader = true;
    std::optional<std::string> metaSopClass;  // written into the meta header as given
    std::optional<long> numberOfFrames;
    std::optional<std::size_t> pixelDataBytes;  // to write a pixel data element shorter than needed
};

std::string joined(const double* values, int count)
{
    std::ostringstream text;
    text.precision(10);
    for (int index = 0; index < count; ++index)
        text << (index ? "\\" : "") << values[index];
    return text.str();
}

void writeSlice(const std::string& path, const SliceSpec& spec)
{
    static int uidCounter = 0;
    DcmFileFormat file;
    DcmDataset& data = *file.getDataset();
    const std::string instanceUid = "1.2.826.0.1.3680043.2.1125.2." + std::to_string(++uidCounter);
    data.putAndInsertString(DCM_SOPClassUID, spec.sopClass.c_str());
    data.putAndInsertString(DCM_SOPInstanceUID, instanceUid.c_str());
    data.putAndInsertString(DCM_StudyInstanceUID, "1.2.826.0.1.3680043.2.1125.3");
    data.putAndInsertString(DCM_SeriesInstanceUID, spec.seriesUid.c_str());
    data.putAndInsertString(DCM_Modality, "CT");
    data.putAndInsertString(DCM_SeriesNumber, "7");
    data.putAndInsertString(DCM_InstanceNumber, std::to_string(spec.instanceNumber).c_str());
    data.putAndInsertString(DCM_ImagePositionPatient, joined(spec.position.data(), 3).c_str());
    data.putAndInsertString(DCM_ImageOrientationPatient, joined(spec.orientation.data(), 6).c_str());
    data.putAndInsertString(DCM_PixelSpacing, "1\\1");
    data.putAndInsertString(DCM_SliceThickness, "1");
    data.putAndInsertString(DCM_RescaleSlope, joined(&spec.slope, 1).c_str());
    data.putAndInsertString(DCM_RescaleIntercept, joined(&spec.intercept, 1).c_str());
    data.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(spec.rows));
    data.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(spec.columns));
    data.putAndInsertUint16(DCM_SamplesPerPixel, 1);
    data.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
    data.putAndInsertUint16(DCM_BitsAllocated, 16);
    data.putAndInsertUint16(DCM_BitsStored, 16);
    data.putAndInsertUint16(DCM_HighBit, 15);
    data.putAndInsertUint16(DCM_PixelRepresentation, 1);
    if (spec.numberOfFrames)
        data.putAndInsertString(DCM_NumberOfFrames, std::to_string(*spec.numberOfFrames).c_str());
    std::vector<std::int16_t> pixels = spec.pixels;
    if (pixels.empty())
        pixels.assign(static_cast<std::size_t>(spec.rows) * static_cast<std::size_t>(spec.columns), spec.fill);
    std::size_t words = pixels.size();
    if (spec.pixelDataBytes)
        words = std::min(words, *spec.pixelDataBytes / 2);
    data.putAndInsertUint16Array(DCM_PixelData, reinterpret_cast<const Uint16*>(pixels.data()), static_cast<unsigned long>(words));
    E_FileWriteMode mode = spec.withMetaHeader ? EWM_fileformat : EWM_dataset;
    if (spec.metaSopClass) {
        DcmMetaInfo& meta = *file.getMetaInfo();
        const Uint8 version[2] = {0, 1};
        meta.putAndInsertUint8Array(DCM_FileMetaInformationVersion, version, 2);
        meta.putAndInsertString(DCM_MediaStorageSOPClassUID, spec.metaSopClass->c_str());
        meta.putAndInsertString(DCM_MediaStorageSOPInstanceUID, instanceUid.c_str());
        meta.putAndInsertString(DCM_TransferSyntaxUID, UID_LittleEndianExplicitTransferSyntax);
        mode = EWM_dontUpdateMeta;
    }
    const OFCondition status = file.saveFile(path.c_str(), EXS_LittleEndianExplicit, EET_ExplicitLength, EGL_recalcGL,
                                             EPD_noChange, 0, 0, mode);
    if (status.bad())
        throw std::runtime_error("cannot write " + path + ": " + status.text());
}

// A slice whose pixel values are all `value`, at height z (axial).
SliceSpec flatSlice(double z, std::int16_t value, int instanceNumber)
{
    SliceSpec spec;
    spec.position = {-8, -8, z};
    spec.fill = value;
    spec.instanceNumber = instanceNumber;
    return spec;
}

// Writes the slices and returns the one series the folder holds.
DicomSeriesInfo writeSeries(const QTemporaryDir& folder, const std::vector<SliceSpec>& slices)
{
    for (std::size_t index = 0; index < slices.size(); ++index)
        writeSlice(folder.filePath(QString("slice%1.dcm").arg(index)).toStdString(), slices[index]);
    const DicomScanResult scan = scanDicom(folder.path().toStdString());
    if (scan.series.size() != 1)
        throw std::runtime_error("expected one series, found " + std::to_string(scan.series.size()));
    return scan.series.front();
}

std::string messageText(const ImportReport& report, const std::string& code)
{
    for (const auto& message : report.messages)
        if (message.code == code)
            return message.text;
    return {};
}

}  // namespace

class DicomSyntheticTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void shuffledSlicesAreOrderedByPosition();
    void unevenSpacingIsResampled();
    void gapIsReportedAsMissingSlices();
    void duplicatePositionsKeepOne();
    void gantryTiltIsMeasuredAndResampled();
    void corruptAndTruncatedFilesAreSkipped();
    void absurdClaimsAreRefused();
    void fileWithoutMetaHeader();
    void emptySopClassFallsBackToMetaHeader();
    void rescaleRoundsAndClamps();
    void mixedSeriesIsSplit();
    void cancelAndProgress();
};

void DicomSyntheticTest::shuffledSlicesAreOrderedByPosition()
{
    QTemporaryDir folder;
    // Written in shuffled order with shuffled Instance Numbers; the value encodes the height.
    const std::vector<int> heights = {3, 0, 5, 1, 4, 2};
    const std::vector<int> instances = {2, 6, 1, 5, 3, 4};
    std::vector<SliceSpec> slices;
    for (std::size_t index = 0; index < heights.size(); ++index)
        slices.push_back(flatSlice(100 + 2.5 * heights[index], static_cast<std::int16_t>(10 * heights[index]), instances[index]));
    const LoadedDicomSeries loaded = loadDicomSeries(writeSeries(folder, slices));
    const ImageGeometry geometry = loaded.volume.geometry();
    QCOMPARE(geometry.size[2], std::int64_t(6));
    QVERIFY(std::abs(geometry.spacing[2] - 2.5) < 1e-9);
    QVERIFY(std::abs(geometry.origin[2] - 100) < 1e-9);
    QVERIFY(std::abs(loaded.sliceSpacing - 2.5) < 1e-9);
    for (int k = 0; k < 6; ++k)
        QCOMPARE(int(loaded.volume.at(3, 3, k)), 10 * k);
    QVERIFY2(loaded.report.messages.empty(), loaded.report.messages.empty() ? "" : loaded.report.messages.front().text.c_str());
    QCOMPARE(loaded.sliceFiles.size(), std::size_t(6));

    // A normal pointing the other way (row x column = -z): still ordered along the normal.
    QTemporaryDir flipped;
    std::vector<SliceSpec> flippedSlices;
    for (std::size_t index = 0; index < heights.size(); ++index) {
        SliceSpec spec = flatSlice(2.5 * heights[index], static_cast<std::int16_t>(10 * heights[index]), instances[index]);
        spec.orientation = {1, 0, 0, 0, -1, 0};
        flippedSlices.push_back(spec);
    }
    const LoadedDicomSeries reversed = loadDicomSeries(writeSeries(flipped, flippedSlices));
    QCOMPARE(int(reversed.volume.at(0, 0, 0)), 50);  // highest z first: it is first along -z
    QVERIFY(std::abs(reversed.volume.geometry().axisDirection(2)[2] + 1) < 1e-9);
}

void DicomSyntheticTest::unevenSpacingIsResampled()
{
    QTemporaryDir folder;
    const std::vector<double> heights = {0, 1, 2, 3.5, 4.5, 5.5};
    std::vector<SliceSpec> slices;
    for (std::size_t index = 0; index < heights.size(); ++index)
        slices.push_back(flatSlice(heights[index], static_cast<std::int16_t>(std::lround(100 * heights[index])), int(index) + 1));
    const LoadedDicomSeries loaded = loadDicomSeries(writeSeries(folder, slices));
    QVERIFY(loaded.report.has("uneven_spacing"));
    QVERIFY(messageText(loaded.report, "uneven_spacing").find("1.5 mm") != std::string::npos);
    QVERIFY(loaded.report.has("resampled"));
    QCOMPARE(loaded.volume.size()[2], std::int64_t(6));  // 0..5 mm at 1 mm
    QVERIFY(std::abs(loaded.volume.geometry().spacing[2] - 1.0) < 1e-9);
    // Values are linear in z, so linear interpolation reproduces them exactly.
    for (int k = 0; k < 6; ++k)
        QCOMPARE(int(loaded.volume.at(5, 5, k)), 100 * k);

    DicomLoadOptions keep;
    keep.resampleIrregularGrids = false;
    const LoadedDicomSeries raw = loadDicomSeries(writeSeries(folder, slices), keep);
    QCOMPARE(raw.volume.size()[2], std::int64_t(6));
    QVERIFY(!raw.report.has("resampled"));
    QVERIFY(raw.report.has("uneven_spacing"));
}

void DicomSyntheticTest::gapIsReportedAsMissingSlices()
{
    QTemporaryDir folder;
    const std::vector<double> heights = {0, 2, 4, 8, 10};  // one 2 mm slice missing at 6 mm
    std::vector<SliceSpec> slices;
    for (std::size_t index = 0; index < heights.size(); ++index)
        slices.push_back(flatSlice(heights[index], static_cast<std::int16_t>(10 * heights[index]), int(index) + 1));
    const LoadedDicomSeries loaded = loadDicomSeries(writeSeries(folder, slices));
    QVERIFY(loaded.report.has("missing_slices"));
    QVERIFY(!loaded.report.has("uneven_spacing"));
    QVERIFY(messageText(loaded.report, "missing_slices").find("About 1 slice") != std::string::npos);
    QVERIFY(loaded.report.has("resampled"));
    QCOMPARE(loaded.volume.size()[2], std::int64_t(6));
    QCOMPARE(int(loaded.volume.at(0, 0, 3)), 60);  // interpolated across the gap
}

void DicomSyntheticTest::duplicatePositionsKeepOne()
{
    QTemporaryDir folder;
    const LoadedDicomSeries loaded = loadDicomSeries(writeSeries(folder, {flatSlice(0, 0, 1), flatSlice(1, 10, 2),
                                                                          flatSlice(1, 10, 3), flatSlice(2, 20, 4)}));
    QVERIFY(loaded.report.has("duplicate_positions"));
    QVERIFY(!loaded.report.has("resampled"));
    QCOMPARE(loaded.volume.size()[2], std::int64_t(3));
    QCOMPARE(int(loaded.volume.at(0, 0, 2)), 20);
}

void DicomSyntheticTest::gantryTiltIsMeasuredAndResampled()
{
    // Axial slices 1 mm apart, each shifted 1 mm * tan(15 deg) further along +y (a sheared
    // stack as a tilted gantry produces). Each slice holds a bright line along row 4.
    QTemporaryDir folder;
    const double shear = std::tan(15.0 * kPi / 180.0);
    std::vector<SliceSpec> slices;
    for (int k = 0; k < 10; ++k) {
        SliceSpec spec;
        spec.position = {0, k * shear, double(k)};
        spec.instanceNumber = 10 - k;
        spec.pixels.assign(256, 0);
        for (int i = 0; i < 16; ++i)
            spec.pixels[4 * 16 + i] = 1000;
        slices.push_back(spec);
    }
    const LoadedDicomSeries loaded = loadDicomSeries(writeSeries(folder, slices));
    QVERIFY(loaded.report.has("gantry_tilt"));
    QVERIFY(loaded.report.has("resampled"));
    const std::string text = messageText(loaded.report, "gantry_tilt");
    const double angle = std::stod(text.substr(text.find("of ") + 3));
    QVERIFY2(std::abs(angle - 15.0) < 0.05, text.c_str());

    const ImageGeometry geometry = loaded.volume.geometry();
    // Orthogonal output: the third axis is the slice normal.
    QVERIFY(std::abs(dot(geometry.axisDirection(0), geometry.axisDirection(2))) < 1e-9);
    QVERIFY(std::abs(dot(geometry.axisDirection(1), geometry.axisDirection(2))) < 1e-9);
    QCOMPARE(geometry.size[2], std::int64_t(10));
    // In slice k the line must lie at world y = 4 + k * tan(15 deg), z = k.
    for (int k = 0; k < 10; ++k) {
        double weight = 0, weightedRow = 0;
        for (int j = 0; j < 16; ++j) {
            const double value = loaded.volume.at(8, j, k);
            weight += value;
            weightedRow += value * j;
        }
        QVERIFY(weight > 900);
        const Vector3 world = geometry.indexToWorld({8, weightedRow / weight, double(k)});
        QVERIFY2(std::abs(world[1] - (4 + k * shear)) < 0.05, qPrintable(QString("slice %1: y %2").arg(k).arg(world[1])));
        QVERIFY(std::abs(world[2] - k) < 1e-9);
    }
}

void DicomSyntheticTest::corruptAndTruncatedFilesAreSkipped()
{
    QTemporaryDir folder;
    std::vector<SliceSpec> slices;
    for (int k = 0; k < 6; ++k)
        slices.push_back(flatSlice(k, static_cast<std::int16_t>(10 * k), k + 1));
    for (std::size_t index = 0; index < slices.size(); ++index)
        writeSlice(folder.filePath(QString("slice%1.dcm").arg(index)).toStdString(), slices[index]);
    // Slice 5 (the last): cut in the middle of its pixel data. Slice 2: garbage.
    const std::string truncated = folder.filePath("slice5.dcm").toStdString();
    std::filesystem::resize_file(truncated, std::filesystem::file_size(truncated) - 200);
    {
        std::ofstream garbage(folder.filePath("slice2.dcm").toStdString(), std::ios::binary | std::ios::trunc);
        for (int index = 0; index < 4000; ++index)
            garbage.put(static_cast<char>((index * 7919) % 251));
    }
    const DicomScanResult scan = scanDicom(folder.path().toStdString());
    QCOMPARE(scan.skipped.size(), std::size_t(1));
    QVERIFY(scan.skipped.front().path.find("slice2.dcm") != std::string::npos);
    QVERIFY(!scan.skipped.front().reason.empty());
    QCOMPARE(scan.series.size(), std::size_t(1));

    const LoadedDicomSeries loaded = loadDicomSeries(scan.series.front());
    QVERIFY(loaded.report.has("skipped_file"));
    QVERIFY(messageText(loaded.report, "skipped_file").find("slice5.dcm") != std::string::npos);
    // Slices 0, 1, 3, 4 remain: the hole left by the garbage file is a reported gap.
    QVERIFY(loaded.report.has("missing_slices"));
    QCOMPARE(loaded.volume.size()[2], std::int64_t(5));
    QCOMPARE(int(loaded.volume.at(0, 0, 2)), 20);
    QCOMPARE(int(loaded.volume.at(0, 0, 4)), 40);

    // A series that is only the truncated file fails with a message naming it.
    QTemporaryDir single;
    QVERIFY(QFile::copy(QString::fromStdString(truncated), single.filePath("only.dcm")));
    const DicomScanResult singleScan = scanDicom(single.path().toStdString());
    QCOMPARE(singleScan.series.size(), std::size_t(1));
    try {
        loadDicomSeries(singleScan.series.front());
        QFAIL("a truncated single file must not load");
    } catch (const std::runtime_error& error) {
        QVERIFY2(std::string(error.what()).find("only.dcm") != std::string::npos, error.what());
    }
}

void DicomSyntheticTest::absurdClaimsAreRefused()
{
    QTemporaryDir folder;
    // 65535 x 65535 x 100000 claimed, 512 bytes present.
    SliceSpec huge = flatSlice(0, 0, 1);
    huge.rows = 65535;
    huge.columns = 65535;
    huge.numberOfFrames = 100000;
    huge.pixels.assign(256, 0);
    writeSlice(folder.filePath("huge.dcm").toStdString(), huge);
    DicomScanResult scan = scanDicom(folder.filePath("huge.dcm").toStdString());
    QCOMPARE(scan.series.size(), std::size_t(1));
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, loadDicomSeries(scan.series.front()));

    // Each axis alone is plausible but the pixel data is shorter than Rows x Columns say.
    SliceSpec shortData = flatSlice(0, 0, 1);
    shortData.rows = 4000;
    shortData.columns = 4000;
    shortData.pixels.assign(256, 0);
    writeSlice(folder.filePath("short.dcm").toStdString(), shortData);
    scan = scanDicom(folder.filePath("short.dcm").toStdString());
    try {
        loadDicomSeries(scan.series.front());
        QFAIL("a pixel data element shorter than the header claims must be refused");
    } catch (const std::runtime_error& error) {
        const std::string text = error.what();
        // Refused before the stack is allocated (the file is smaller than one frame), or by the
        // decoder comparing the element with the header.
        QVERIFY2(text.find("short.dcm") != std::string::npos &&
                     (text.find("Pixel Data holds") != std::string::npos || text.find("but holds only") != std::string::npos),
                 error.what());
    }

    // Number of Frames beyond any plausible value is refused while scanning.
    SliceSpec manyFrames = flatSlice(0, 0, 1);
    manyFrames.numberOfFrames = 2000000000;
    writeSlice(folder.filePath("frames.dcm").toStdString(), manyFrames);
    scan = scanDicom(folder.filePath("frames.dcm").toStdString());
    QCOMPARE(scan.series.size(), std::size_t(0));
    QCOMPARE(scan.skipped.size(), std::size_t(1));
}

void DicomSyntheticTest::fileWithoutMetaHeader()
{
    QTemporaryDir folder;
    SliceSpec spec = flatSlice(0, 42, 1);
    spec.withMetaHeader = false;
    writeSlice(folder.filePath("raw.dcm").toStdString(), spec);
    QVERIFY(isDicomFile(folder.filePath("raw.dcm").toStdString()));
    const DicomScanResult scan = scanDicom(folder.path().toStdString());
    QCOMPARE(scan.series.size(), std::size_t(1));
    const LoadedDicomSeries loaded = loadDicomSeries(scan.series.front());
    QCOMPARE(int(loaded.volume.at(0, 0, 0)), 42);
}

void DicomSyntheticTest::emptySopClassFallsBackToMetaHeader()
{
    QTemporaryDir folder;
    SliceSpec spec = flatSlice(0, 7, 1);
    spec.sopClass = "";
    spec.metaSopClass = kCtImageStorage;
    writeSlice(folder.filePath("empty_sop.dcm").toStdString(), spec);
    const DicomScanResult scan = scanDicom(folder.path().toStdString());
    QCOMPARE(scan.series.size(), std::size_t(1));
    QCOMPARE(scan.series.front().sopClassUid, std::string(kCtImageStorage));
    QCOMPARE(int(scan.series.front().kind), int(DicomObjectKind::Image));
    QCOMPARE(int(loadDicomSeries(scan.series.front()).volume.at(0, 0, 0)), 7);
}

void DicomSyntheticTest::rescaleRoundsAndClamps()
{
    QTemporaryDir rounding;
    SliceSpec spec = flatSlice(0, 3, 1);
    spec.slope = 0.5;
    spec.intercept = -1024;
    const LoadedDicomSeries rounded = loadDicomSeries(writeSeries(rounding, {spec}));
    QCOMPARE(int(rounded.volume.at(0, 0, 0)), -1022);  // 1.5 - 1024 = -1022.5 -> -1022 (to even)
    QVERIFY(rounded.report.has("values_rounded"));
    QVERIFY(!rounded.report.has("values_clamped"));

    QTemporaryDir clamping;
    spec.slope = 1;
    spec.intercept = 40000;
    const LoadedDicomSeries clamped = loadDicomSeries(writeSeries(clamping, {spec}));
    QCOMPARE(int(clamped.volume.at(0, 0, 0)), 32767);
    QVERIFY(clamped.report.has("values_clamped"));
    QVERIFY(!clamped.report.has("values_rounded"));
}

void DicomSyntheticTest::mixedSeriesIsSplit()
{
    QTemporaryDir folder;
    std::vector<SliceSpec> slices = {flatSlice(0, 1, 1), flatSlice(1, 2, 2)};
    SliceSpec other = flatSlice(0, 3, 3);
    other.rows = other.columns = 8;
    slices.push_back(other);
    SliceSpec sagittal = flatSlice(0, 4, 4);
    sagittal.orientation = {0, 1, 0, 0, 0, -1};
    slices.push_back(sagittal);
    for (std::size_t index = 0; index < slices.size(); ++index)
        writeSlice(folder.filePath(QString("s%1.dcm").arg(index)).toStdString(), slices[index]);
    const DicomScanResult scan = scanDicom(folder.path().toStdString());
    QCOMPARE(scan.series.size(), std::size_t(3));
    for (const auto& series : scan.series) {
        QVERIFY(series.report.has("mixed_series_split"));
        QVERIFY(loadDicomSeries(series).volume.voxelCount() > 0);
    }
}

void DicomSyntheticTest::cancelAndProgress()
{
    QTemporaryDir folder;
    std::vector<SliceSpec> slices;
    for (int k = 0; k < 8; ++k)
        slices.push_back(flatSlice(k, 0, k + 1));
    const DicomSeriesInfo series = writeSeries(folder, slices);
    std::atomic<bool> cancel{true};
    DicomLoadOptions options;
    options.cancel = &cancel;
    QVERIFY_THROWS_EXCEPTION(ImportCancelled, loadDicomSeries(series, options));

    cancel = false;
    std::size_t lastDone = 0, lastTotal = 0;
    options.progress = [&](std::size_t done, std::size_t total) {
        lastDone = done;
        lastTotal = total;
    };
    options.threads = 3;
    loadDicomSeries(series, options);
    QCOMPARE(lastTotal, std::size_t(8));
    QCOMPARE(lastDone, std::size_t(8));
}

QTEST_GUILESS_MAIN(DicomSyntheticTest)
#include "test_dicom_synthetic.moc"
