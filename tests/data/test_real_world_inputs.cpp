// Real-world inputs a new user meets (issue 13), each built at test time from a real file of
// ../shared/data/real: a series whose anonymiser emptied its UIDs, a CT slice with Pixel Spacing
// 0\0 (and missing or absurd spacing, slices all at one position), a NIfTI with a negative or zero
// dimension and other invalid header fields, and a file with garbage after the DICM marker.

#include "io/DicomSeries.h"
#include "io/ImageFileIO.h"
#include "io/ImageSource.h"
#include "export/Export.h"
#include "export/ProjectExport.h"
#include "io/DicomSegmentationReader.h"
#include "project/Project.h"

#include <dcmtk/dcmdata/dctk.h>
#include <nlohmann/json.hpp>
#include <zlib.h>

#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include "../support/FileTestHelpers.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>

using namespace lnseg;
using namespace lnseg::testing;
namespace fs = std::filesystem;

namespace {

const std::string kCtSlice = "cornerstone_CT_transfer_syntaxes/CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm";
const std::string kThreeSlices = "dcmqi_ct3slice_seg";  // 01.dcm 02.dcm 03.dcm: one real CT series
const std::string kSmallNifti = "openkbp_headneck_ct/nifti/pt_10_oar.nii.gz";

std::string gunzip(const std::string& path)
{
    gzFile file = gzopen(path.c_str(), "rb");
    std::string bytes;
    char buffer[65536];
    int got = 0;
    while ((got = gzread(file, buffer, sizeof buffer)) > 0)
        bytes.append(buffer, static_cast<std::size_t>(got));
    gzclose(file);
    return bytes;
}

void writeGzip(const std::string& path, const std::string& bytes)
{
    gzFile file = gzopen(path.c_str(), "wb");
    gzwrite(file, bytes.data(), static_cast<unsigned>(bytes.size()));
    gzclose(file);
}

template <typename Value>
void put(std::string& bytes, std::size_t offset, Value value)
{
    std::memcpy(&bytes[offset], &value, sizeof value);
}

QString textOf(const ImportReport& report, const std::string& code)
{
    for (const auto& message : report.messages)
        if (message.code == code)
            return QString::fromStdString(message.text);
    return {};
}

QString codesOf(const ImportReport& report)
{
    QStringList codes;
    for (const auto& message : report.messages)
        codes << QString::fromStdString(message.code + ": " + message.text);
    return codes.join("\n");
}

// Copies a real DICOM file to `target` after `edit` changed its data set (the meta header follows
// the data set, as an anonymiser rewriting the file would leave it).
void rewrite(const std::string& source, const std::string& target, const std::function<void(DcmDataset&)>& edit)
{
    DcmFileFormat file;
    QVERIFY(file.loadFile(source.c_str()).good());
    DcmDataset& data = *file.getDataset();
    data.loadAllDataIntoMemory();
    edit(data);
    QVERIFY(file.saveFile(target.c_str(), data.getOriginalXfer()).good());
}

void emptyUids(DcmDataset& data)
{
    data.putAndInsertString(DCM_SeriesInstanceUID, "");
    data.putAndInsertString(DCM_StudyInstanceUID, "");
    data.putAndInsertString(DCM_SOPClassUID, "");
}

}  // namespace

class RealWorldInputsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void garbageAfterTheDicmMarker();
    void otherFilesAreNotDicom();
    void niftiWithInvalidDimensions_data();
    void niftiWithInvalidDimensions();
    void niftiWithZeroSpacingLoadsWithWarning();
    void zeroPixelSpacing_data();
    void zeroPixelSpacing();
    void slicesAllAtOnePosition();
    void seriesWithoutUids();
    void seriesWithoutUidsStillSplitWhatDiffers();
    void repeatedAcquisitionsWithoutUids();
    void seriesWithoutUidsInAProjectAndItsExport();
};

// The DICM marker of a real file followed by random bytes (three seeds), and by bytes that start
// like the Pixel Data tag (where DCMTK's header-only read stops at once and reads nothing).
void RealWorldInputsTest::garbageAfterTheDicmMarker()
{
    const std::string real = readAll(realData(kCtSlice));
    QVERIFY(real.size() > 1000);
    QTemporaryDir folder;
    std::vector<std::string> garbage;
    for (unsigned seed : {1u, 2u, 3u}) {
        std::mt19937 random(seed);
        std::string bytes(4000, '\0');
        for (char& byte : bytes)
            byte = static_cast<char>(random() & 0xff);
        garbage.push_back(bytes);
    }
    garbage.push_back(std::string("\xE0\x7F\x10\x00", 4) + std::string(2000, 'x'));
    for (std::size_t index = 0; index < garbage.size(); ++index) {
        const std::string name = "garbage" + std::to_string(index) + ".dcm";
        const std::string path = folder.filePath(QString::fromStdString(name)).toStdString();
        writeAll(path, real.substr(0, 132) + garbage[index]);
        QVERIFY(isDicomFile(path));  // it does carry the marker
        const DicomScanResult scan = scanDicom(path);
        QCOMPARE(scan.series.size(), std::size_t(0));
        QCOMPARE(scan.skipped.size(), std::size_t(1));
        CHECK_MESSAGE(QString::fromStdString(scan.skipped.front().reason),
                      scan.skipped.front().reason.find("not readable DICOM") != std::string::npos);
        const QString message = REFUSED(loadImageSource(path));
        CHECK_MESSAGE(message, message.contains(QString::fromStdString(name)) && message.contains("not readable DICOM"));
        const QString described = REFUSED(describeSource(path));
        CHECK_MESSAGE(described, described.contains("not readable DICOM"));
    }
}

// Files without the DICM marker are DICOM only when a raw data set starts within their first
// bytes. A ZIP archive (what a LibTorch model file is) starts with bytes that pass a one-element
// check at offset 7 ((0008,0000), length 0), so the check reads two elements; a series of such
// files must not appear as a DICOM series "without UIDs".
void RealWorldInputsTest::otherFilesAreNotDicom()
{
    const std::string model = std::string(LNSEG_CORE_SOURCE_DIR) + "/../resources/models/default.lnsegmodel";
    QVERIFY(std::filesystem::exists(model));
    QVERIFY(!isDicomFile(model));
    QTemporaryDir folder;
    std::string zip("PK\x03\x04\x00\x00\x08\x08\x00\x00\x00\x00\x00\x00\x00\x00", 16);
    zip += std::string(600, '\0');
    const std::string path = folder.filePath("archive.bin").toStdString();
    writeAll(path, zip);
    QVERIFY(!isDicomFile(path));
    QCOMPARE(scanDicom(folder.path().toStdString()).series.size(), std::size_t(0));
    // A raw data set after a stray byte still is DICOM (CT_small without its meta header).
    QVERIFY(isDicomFile(realData("pydicom_testfiles/from_python3-pydicom_2.3.1_deb/no_meta.dcm")));
}

void RealWorldInputsTest::niftiWithInvalidDimensions_data()
{
    // Byte offset in the NIfTI-1 header, 16-bit value to write there, expected message part.
    QTest::addColumn<int>("offset");
    QTest::addColumn<int>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("dim[2] negative") << 40 + 2 * 2 << -16 << "dim[2] is -16";
    QTest::newRow("dim[3] zero") << 40 + 2 * 3 << 0 << "dim[3] is 0";
    QTest::newRow("dim[1] negative") << 40 + 2 * 1 << -1 << "dim[1] is -1";
    QTest::newRow("dim[0] zero") << 40 << 0 << "dim[0] is 0";
    QTest::newRow("dim[0] eight") << 40 << 8 << "dim[0] is 8";
    QTest::newRow("datatype unknown") << 70 << 3 << "datatype 3 is not a NIfTI data type";
    QTest::newRow("bitpix disagrees") << 72 << 64 << "bitpix 64 does not match datatype";
    QTest::newRow("qform_code unknown") << 252 << 9 << "qform_code 9";
    QTest::newRow("sform_code negative") << 254 << -2 << "sform_code -2";
}

// A real NIfTI whose header is changed, written both as .nii and .nii.gz: refused with a message
// naming the file and the field, by every reader (volume, label map, header).
void RealWorldInputsTest::niftiWithInvalidDimensions()
{
    QFETCH(int, offset);
    QFETCH(int, value);
    QFETCH(QString, expected);
    std::string bytes = gunzip(realData(kSmallNifti));
    QVERIFY(bytes.size() > 348);
    put(bytes, static_cast<std::size_t>(offset), static_cast<std::int16_t>(value));
    QTemporaryDir folder;
    for (const char* name : {"invalid.nii", "invalid.nii.gz"}) {
        const std::string path = folder.filePath(name).toStdString();
        if (std::string(name).size() > 11)
            writeGzip(path, bytes);
        else
            writeAll(path, bytes);
        for (int reader = 0; reader < 3; ++reader) {
            const QString message = reader == 0   ? REFUSED(readVolume(path))
                                    : reader == 1 ? REFUSED(readLabelMap(path))
                                                  : REFUSED(readImageHeader(path));
            CHECK_MESSAGE(message, message.contains(name) && message.contains("invalid NIfTI header") &&
                                       message.contains(expected));
        }
    }
}

// pixdim[1] = 0 (and pixdim[3] negative): the image loads with 1 mm there, and says so.
void RealWorldInputsTest::niftiWithZeroSpacingLoadsWithWarning()
{
    std::string bytes = gunzip(realData(kSmallNifti));
    const Volume original = readVolume(realData(kSmallNifti));
    put(bytes, 76 + 4 * 1, 0.0f);
    put(bytes, 76 + 4 * 3, -2.5f);
    QTemporaryDir folder;
    const std::string path = folder.filePath("zero-spacing.nii.gz").toStdString();
    writeGzip(path, bytes);
    const LoadedImage image = loadImageSource(path);
    const QString warning = textOf(image.description.report, "spacing_assumed");
    CHECK_MESSAGE(codesOf(image.description.report), warning.contains("pixdim[1]") && warning.contains("1 mm was assumed"));
    QCOMPARE(image.volume.size(), original.size());
    QCOMPARE(image.volume.geometry().spacing[0], 1.0);
    QCOMPARE(image.volume.geometry().spacing[1], original.geometry().spacing[1]);
    QVERIFY(image.volume.geometry().spacing[2] > 0);
    QCOMPARE(toJson(image.description)["warnings"].size(), image.description.report.messages.size());
}

void RealWorldInputsTest::zeroPixelSpacing_data()
{
    QTest::addColumn<QString>("spacing");  // written into Pixel Spacing; "(none)" removes it
    QTest::addColumn<QString>("expected");
    QTest::newRow("0\\0") << "0\\0" << "Pixel Spacing is '0\\0', not a usable spacing";
    QTest::newRow("missing") << "(none)" << "Pixel Spacing is missing";
    QTest::newRow("absurd") << "100000\\100000" << "Pixel Spacing is '100000\\100000'";
    QTest::newRow("one value") << "0.7" << "Pixel Spacing is '0.7'";
}

// A real CT slice whose Pixel Spacing is 0\0, missing, absurd or incomplete: it loads with
// 1 x 1 mm pixels and a spacing_assumed warning saying so, in the info JSON too.
void RealWorldInputsTest::zeroPixelSpacing()
{
    QFETCH(QString, spacing);
    QFETCH(QString, expected);
    QTemporaryDir folder;
    const std::string path = folder.filePath("spacing.dcm").toStdString();
    rewrite(realData(kCtSlice), path, [&](DcmDataset& data) {
        if (spacing == "(none)")
            data.findAndDeleteElement(DCM_PixelSpacing);
        else
            data.putAndInsertString(DCM_PixelSpacing, spacing.toLatin1().constData());
    });
    const LoadedImage image = loadImageSource(path);
    const QString warning = textOf(image.description.report, "spacing_assumed");
    CHECK_MESSAGE(codesOf(image.description.report), warning.contains(expected) && warning.contains("1 x 1 mm"));
    QCOMPARE(image.volume.geometry().spacing[0], 1.0);
    QCOMPARE(image.volume.geometry().spacing[1], 1.0);
    const auto json = toJson(describeSource(path).front());
    bool listed = false;
    for (const auto& item : json["warnings"])
        listed = listed || item["code"] == "spacing_assumed";
    QVERIFY(listed);
}

// Three real slices whose Image Position (Patient) an anonymiser set to 0\0\0: stacked in Instance
// Number order at the Slice Thickness, with a positions_assumed warning (not one slice kept).
void RealWorldInputsTest::slicesAllAtOnePosition()
{
    QTemporaryDir folder;
    for (const char* name : {"01.dcm", "02.dcm", "03.dcm"})
        rewrite(realData(kThreeSlices + "/" + name), folder.filePath(name).toStdString(),
                [](DcmDataset& data) { data.putAndInsertString(DCM_ImagePositionPatient, "0\\0\\0"); });
    const LoadedImage image = loadImageSource(folder.path().toStdString());
    QCOMPARE(image.volume.size()[2], std::int64_t(3));
    const QString warning = textOf(image.description.report, "positions_assumed");
    CHECK_MESSAGE(codesOf(image.description.report), warning.contains("all 3 slices at one position") &&
                                                         warning.contains("Instance Number order"));
    // Instance Number 1 (01.dcm) comes first.
    const LoadedImage first = loadImageSource(realData(kThreeSlices + "/01.dcm"));
    const std::size_t sliceVoxels = first.volume.voxelCount();
    QVERIFY(std::equal(first.volume.data(), first.volume.data() + sliceVoxels, image.volume.data()));
    QVERIFY(!std::equal(first.volume.data(), first.volume.data() + sliceVoxels, image.volume.data() + sliceVoxels));
}

// The real three-slice CT with Series Instance UID, Study Instance UID and SOP Class UID emptied,
// files named in reverse order without extension: one series of three slices (not three series),
// a missing_uids warning, a key that --series (loadImageSource) accepts, the voxels of the
// original series.
void RealWorldInputsTest::seriesWithoutUids()
{
    QTemporaryDir folder;
    const char* names[] = {"01.dcm", "02.dcm", "03.dcm"};
    for (int index = 0; index < 3; ++index)
        rewrite(realData(kThreeSlices + "/" + names[index]), folder.filePath(QString("IMG%1").arg(3 - index)).toStdString(),
                emptyUids);
    const DicomScanResult scan = scanDicom(folder.path().toStdString());
    QCOMPARE(scan.series.size(), std::size_t(1));
    const DicomSeriesInfo& series = scan.series.front();
    QCOMPARE(series.frames.size(), std::size_t(3));
    QVERIFY(series.seriesInstanceUid.empty());
    QVERIFY2(series.seriesKey.rfind("nouid-", 0) == 0, series.seriesKey.c_str());
    QCOMPARE(series.kind, DicomObjectKind::Image);
    const QString warning = textOf(series.report, "missing_uids");
    CHECK_MESSAGE(warning, warning.contains("Series Instance UID") && warning.contains("Study Instance UID") &&
                               warning.contains("SOP Class UID") && warning.contains(QString::fromStdString(series.seriesKey)));
    // The key is stable: scanning again gives the same.
    QCOMPARE(scanDicom(folder.path().toStdString()).series.front().seriesKey, series.seriesKey);

    const LoadedImage original = loadImageSource(realData(kThreeSlices), "1.2.392.200103.20080913.113635.1.2009.6.22.21.43.10.23430.1");
    for (const std::string& choice : {std::string(), series.seriesKey}) {
        const LoadedImage image = loadImageSource(folder.path().toStdString(), choice);
        QCOMPARE(image.volume.size(), original.volume.size());
        QVERIFY(image.volume.geometry().sameGrid(original.volume.geometry(), 1e-4));
        QVERIFY(std::equal(image.volume.data(), image.volume.data() + image.volume.voxelCount(), original.volume.data()));
        QCOMPARE(image.description.seriesKey, series.seriesKey);
        QVERIFY(image.description.report.has("missing_uids"));
    }
    QCOMPARE(toJson(describeSource(folder.path().toStdString()).front())["series_key"].get<std::string>(), series.seriesKey);
}

// Two UID-less series in one folder (the same slices written again as series 99, moved 50 mm):
// two series with their own keys; without a choice the message lists both keys, each key loads
// its own series.
void RealWorldInputsTest::seriesWithoutUidsStillSplitWhatDiffers()
{
    QTemporaryDir folder;
    for (const char* name : {"01.dcm", "02.dcm", "03.dcm"}) {
        const std::string source = realData(kThreeSlices + "/" + name);
        rewrite(source, folder.filePath(QString("a_") + name).toStdString(), emptyUids);
        rewrite(source, folder.filePath(QString("b_") + name).toStdString(), [](DcmDataset& data) {
            emptyUids(data);
            data.putAndInsertString(DCM_SeriesNumber, "99");
            const auto z = QString::fromLatin1([&] {
                OFString text;
                data.findAndGetOFStringArray(DCM_ImagePositionPatient, text);
                return std::string(text.c_str());
            }().c_str()).split('\\');
            const QString moved = QString("%1\\%2\\%3").arg(z[0]).arg(z[1]).arg(z[2].toDouble() + 50.0);
            data.putAndInsertString(DCM_ImagePositionPatient, moved.toLatin1().constData());
        });
    }
    const DicomScanResult scan = scanDicom(folder.path().toStdString());
    QCOMPARE(scan.series.size(), std::size_t(2));
    QCOMPARE(scan.series[0].frames.size(), std::size_t(3));
    QCOMPARE(scan.series[1].frames.size(), std::size_t(3));
    QVERIFY(scan.series[0].seriesKey != scan.series[1].seriesKey);
    const QString message = REFUSED(loadImageSource(folder.path().toStdString()));
    CHECK_MESSAGE(message, message.contains("2 image series found") &&
                               message.contains(QString::fromStdString(scan.series[0].seriesKey)) &&
                               message.contains(QString::fromStdString(scan.series[1].seriesKey)));
    for (const DicomSeriesInfo& series : scan.series) {
        const LoadedImage image = loadImageSource(folder.path().toStdString(), series.seriesKey);
        QCOMPARE(image.volume.size()[2], std::int64_t(3));
        QCOMPARE(image.description.seriesNumber, series.seriesNumber);
    }
    const QString unknown = REFUSED(loadImageSource(folder.path().toStdString(), "nouid-0000000000000000"));
    CHECK_MESSAGE(unknown, unknown.contains("no image series named nouid-0000000000000000"));
}

// Acquisition Number: two acquisitions at the same positions (a repeated scan) are two series;
// one acquisition number per slice at distinct positions (sequential CT) stays one series.
void RealWorldInputsTest::repeatedAcquisitionsWithoutUids()
{
    {
        QTemporaryDir folder;
        for (const char* name : {"01.dcm", "02.dcm", "03.dcm"})
            for (const char* acquisition : {"1", "2"})
                rewrite(realData(kThreeSlices + "/" + name), folder.filePath(QString("%1_%2").arg(acquisition, name)).toStdString(),
                        [&](DcmDataset& data) {
                            emptyUids(data);
                            data.putAndInsertString(DCM_AcquisitionNumber, acquisition);
                        });
        const DicomScanResult scan = scanDicom(folder.path().toStdString());
        QCOMPARE(scan.series.size(), std::size_t(2));
        for (const auto& series : scan.series) {
            QCOMPARE(series.frames.size(), std::size_t(3));
            QVERIFY(series.report.has("mixed_series_split"));
        }
    }
    {
        QTemporaryDir folder;
        int acquisition = 0;
        for (const char* name : {"01.dcm", "02.dcm", "03.dcm"}) {
            const std::string number = std::to_string(++acquisition);
            rewrite(realData(kThreeSlices + "/" + name), folder.filePath(name).toStdString(), [&](DcmDataset& data) {
                emptyUids(data);
                data.putAndInsertString(DCM_AcquisitionNumber, number.c_str());
            });
        }
        const DicomScanResult scan = scanDicom(folder.path().toStdString());
        QCOMPARE(scan.series.size(), std::size_t(1));
        QCOMPARE(scan.series.front().frames.size(), std::size_t(3));
    }
}

// A project of anonymised series (no Series, Study or SOP Class UID, no Patient ID): each series
// is known by its key (the same folder twice is refused, a different series is added as another
// patient), the key survives the manifest, and the DICOM SEG export, identified or not, writes a CT
// series with new UIDs for the SEG to reference instead of empty ones.
void RealWorldInputsTest::seriesWithoutUidsInAProjectAndItsExport()
{
    QTemporaryDir folder;
    const auto path = [&](const std::string& relative) { return folder.filePath(QString::fromStdString(relative)).toStdString(); };
    const char* names[] = {"01.dcm", "02.dcm", "03.dcm"};
    for (const std::string series : {"a", "a-copy", "b"}) {
        fs::create_directories(path(series));
        for (int index = 0; index < 3; ++index)
            rewrite(realData(kThreeSlices + "/" + names[index]), path(series + "/IMG" + std::to_string(index)), [&](DcmDataset& data) {
                emptyUids(data);
                data.putAndInsertString(DCM_PatientID, "");
                if (series == "b") {  // another scan: its own frame of reference and series number
                    data.putAndInsertString(DCM_FrameOfReferenceUID, "1.2.826.0.1.3680043.2.1125.99.1");
                    data.putAndInsertString(DCM_SeriesNumber, "77");
                }
            });
    }
    const LoadedImage image = loadImageSource(path("a"));
    QVERIFY(image.description.seriesInstanceUid.empty());
    LabelMap labels(image.volume.geometry(), 0);
    const auto size = labels.size();
    for (std::int64_t z = 0; z < size[2]; ++z)
        for (std::int64_t y = size[1] / 2 - 6; y < size[1] / 2 + 6; ++y)
            for (std::int64_t x = size[0] / 2 - 6; x < size[0] / 2 + 6; ++x)
                labels.at(x, y, z) = 1;
    writeImage(labels, path("a_labels.nii.gz"));

    using namespace project;
    {
        Project created = Project::create(path("project"), "anonymised", "lead");
        project::AddCaseOptions options;
        options.user = "lead";
        options.labelsPath = path("a_labels.nii.gz");
        const std::string first = created.addCase(path("a"), options);
        const QString duplicate = REFUSED(created.addCase(path("a-copy"), {}));
        CHECK_MESSAGE(duplicate, duplicate.contains("already in the project as " + QString::fromStdString(first)) &&
                                     duplicate.contains(QString::fromStdString(image.description.seriesKey)));
        created.addCase(path("b"), {});
    }
    Project reopened = Project::open(path("project"));
    QCOMPARE(reopened.manifest().cases.size(), std::size_t(2));
    const ProjectCase& a = reopened.manifest().cases[0];
    const ProjectCase& b = reopened.manifest().cases[1];
    QCOMPARE(a.source.seriesKey, image.description.seriesKey);
    QVERIFY(a.source.seriesInstanceUid.empty());
    QVERIFY(b.source.seriesKey.rfind("nouid-", 0) == 0 && b.source.seriesKey != a.source.seriesKey);
    QVERIFY2(a.patient != b.patient, "two scans without Patient ID or study UID fell into one patient");
    const QString again = REFUSED(reopened.addCase(path("a-copy"), {}));  // the key read back from the manifest
    CHECK_MESSAGE(again, again.contains("already in the project"));

    const std::vector<ExportCase> cases =
        exportCasesOf(reopened, {ReviewState::New, ReviewState::InProgress, ReviewState::Reviewed, ReviewState::Approved});
    QCOMPARE(cases.size(), std::size_t(2));
    QVERIFY(cases[0].dicom && cases[0].dicom->seriesInstanceUid.empty());
    for (const bool deidentify : {false, true}) {
        ExportOptions options;
        options.outputFolder = path(deidentify ? "export-deidentified" : "export-identified");
        options.deidentify = deidentify;
        exportDicomSeg({cases[0]}, options);
        std::ifstream manifestFile(options.outputFolder + "/manifest.json");
        const nlohmann::json manifest = nlohmann::json::parse(manifestFile);
        const nlohmann::json& entry = manifest["cases"][0];
        QVERIFY2(entry["files"].contains("ct_series"), qPrintable(QString::fromStdString(entry.dump())));
        QVERIFY(entry.contains("generated_uids"));
        const std::string missing = entry["generated_uids"]["missing_in_source"].dump();
        QVERIFY2(missing.find("Series Instance UID") != std::string::npos && missing.find("Study Instance UID") != std::string::npos,
                 missing.c_str());
        for (const char* uid : {"study_instance_uid", "referenced_series_instance_uid", "frame_of_reference_uid"})
            QVERIFY2(!entry[uid].get<std::string>().empty(), uid);
        // The SEG references the CT series written beside it, instance by instance.
        const std::string ct = options.outputFolder + "/" + entry["files"]["ct_series"].get<std::string>();
        const LoadedImage written = loadImageSource(ct);
        QCOMPARE(written.description.seriesInstanceUid, entry["referenced_series_instance_uid"].get<std::string>());
        QCOMPARE(written.description.studyInstanceUid, entry["study_instance_uid"].get<std::string>());
        const DicomSegmentationContents seg = readDicomSegmentation(
            options.outputFolder + "/" + entry["files"]["seg"].get<std::string>(), written.volume.geometry(),
            entry["frame_of_reference_uid"].get<std::string>());
        QCOMPARE(seg.referencedSeriesInstanceUid, written.description.seriesInstanceUid);
        QCOMPARE(seg.referencedSopInstanceUids.size(), std::size_t(3));
        for (const std::string& instance : seg.referencedSopInstanceUids)
            QVERIFY(!instance.empty());
        QCOMPARE(seg.nodes.size(), std::size_t(1));
    }
}

QTEST_GUILESS_MAIN(RealWorldInputsTest)
#include "test_real_world_inputs.moc"
