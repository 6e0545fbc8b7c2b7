// Bad input, as users and archives produce it: truncated and malformed DICOM, absurd sizes,
// truncated NIfTI, review sessions edited by hand or pointing elsewhere, a disk that fills up
// during a save. Each case checks that the refusal is a std::runtime_error whose message names the
// file and says what is wrong, and that nothing saved before is lost.
//
// Not repeated here (already covered): a pixel data element shorter than Rows x Columns,
// 65535 x 65535 x 100000 and 2*10^9 frames (unit/test_dicom_synthetic), a NIfTI-1 header claiming
// 30000^3 voxels and a .nii.gz cut in half (data/test_image_files), a label map on another grid
// (unit/test_review_session_file), corrupt, truncated and other-architecture model files
// (model/test_models).

#include "io/DicomSeries.h"
#include "io/ImageFileIO.h"
#include "io/ImageSource.h"
#include "review/ReviewSessionFile.h"

#include <dcmtk/dcmdata/dctk.h>

#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include "../support/FileTestHelpers.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>

using namespace lnseg;
using namespace lnseg::testing;
namespace fs = std::filesystem;

namespace {

// Where (7FE0,0010) Pixel Data starts in a file (its tag), or npos.
std::size_t pixelDataOffset(const std::string& bytes)
{
    const std::string tag("\xE0\x7F\x10\x00", 4);
    return bytes.rfind(tag);
}

std::shared_ptr<const Volume> smallImage()
{
    ImageGeometry g;
    g.size = {24, 20, 6};
    g.spacing = {0.7, 0.7, 2.0};
    return std::make_shared<const Volume>(g, std::int16_t(40));
}

// A document with one node covering a square on two slices.
std::unique_ptr<ReviewDocument> smallDocument()
{
    auto document = std::make_unique<ReviewDocument>(smallImage());
    document->setReviewer("reader");
    const std::uint16_t node = document->createNode();
    for (int k = 1; k < 3; ++k)
        document->fillPolygon(2, k, {{4, 4}, {12, 4}, {12, 12}, {4, 12}}, node);
    document->setLevel(node, NodeLevel::IIA);
    return document;
}

// The files of a folder (names), sorted.
QStringList filesIn(const QString& folder)
{
    QStringList names;
    for (const auto& entry : fs::directory_iterator(folder.toStdString()))
        names << QString::fromStdString(entry.path().filename().string());
    names.sort();
    return names;
}

// Runs `save` in a child process whose file size limit is `limitBytes` (writes beyond it fail
// with EFBIG, as on a full disk). Returns the child's exception message, or "saved" when the save
// succeeded, or "crashed".
QString saveWithFileSizeLimit(const std::function<void()>& save, rlim_t limitBytes)
{
    int pipeEnds[2];
    if (::pipe(pipeEnds) != 0)
        return "pipe failed";
    const pid_t child = ::fork();
    if (child == 0) {
        ::close(pipeEnds[0]);
        std::signal(SIGXFSZ, SIG_IGN);  // fail the write with EFBIG instead of killing the process
        const rlimit limit{limitBytes, limitBytes};
        ::setrlimit(RLIMIT_FSIZE, &limit);
        std::string message = "saved";
        try {
            save();
        } catch (const std::exception& error) {
            message = error.what();
        }
        (void)!::write(pipeEnds[1], message.data(), message.size());
        ::_exit(0);
    }
    ::close(pipeEnds[1]);
    std::string message;
    char buffer[512];
    ssize_t count = 0;
    while ((count = ::read(pipeEnds[0], buffer, sizeof buffer)) > 0)
        message.append(buffer, static_cast<std::size_t>(count));
    ::close(pipeEnds[0]);
    int status = 0;
    ::waitpid(child, &status, 0);
    if (!WIFEXITED(status))
        return "crashed";
    return QString::fromStdString(message);
}

}  // namespace

class BadInputsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void truncatedDicom_data();
    void truncatedDicom();
    void wrongValueRepresentations();
    void absurdDicomDimensions();
    void absurdNrrdSize();
    void truncatedCompressedNifti();
    void labelMapThatDoesNotFitItsSession();
    void handEditedSession_data();
    void handEditedSession();
    void fullDiskDuringSave();

private:
    QTemporaryDir m_folder;
};

void BadInputsTest::truncatedDicom_data()
{
    QTest::addColumn<QString>("file");
    const QString folder = "cornerstone_CT_transfer_syntaxes/";
    QTest::newRow("native explicit LE (fast path)")
        << folder + "CTImage.dcm_LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1.dcm";
    QTest::newRow("native implicit LE") << folder + "CTImage.dcm_LittleEndianImplicitTransferSyntax_1.2.840.10008.1.2.dcm";
    QTest::newRow("JPEG-LS lossless") << folder + "CTImage.dcm_JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80.dcm";
    QTest::newRow("JPEG 2000 lossless") << folder + "CTImage.dcm_JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90.dcm";
    QTest::newRow("RLE") << folder + "CTImage.dcm_RLELosslessTransferSyntax_1.2.840.10008.1.2.5.dcm";
}

// A real CT slice cut at several offsets (preamble, meta header, data set header, just inside the
// pixel data, half way, two bytes short): never loaded as if whole, always a message naming the
// file. Cuts in the pixel data must say the file is truncated.
void BadInputsTest::truncatedDicom()
{
    QFETCH(QString, file);
    const std::string bytes = readAll(realData(file.toStdString()));
    QVERIFY(bytes.size() > 10000);
    const std::size_t pixels = pixelDataOffset(bytes);
    QVERIFY(pixels != std::string::npos);
    struct Cut {
        const char* where;
        std::size_t size;
        bool inPixelData;
    };
    const std::vector<Cut> cuts = {{"preamble", 100, false},
                                   {"meta header", 200, false},
                                   {"data set header", std::min<std::size_t>(900, pixels - 10), false},
                                   {"pixel data element header", pixels + 6, true},
                                   {"start of pixel data", pixels + 40, true},
                                   {"half of the pixel data", pixels + (bytes.size() - pixels) / 2, true},
                                   {"two bytes short", bytes.size() - 2, true}};
    for (const Cut& cut : cuts) {
        QTemporaryDir folder;
        const std::string path = folder.filePath("cut.dcm").toStdString();
        writeAll(path, bytes.substr(0, cut.size));
        const QString message = REFUSED(loadImageSource(path));
        const QString context = QString("%1, cut in the %2 at %3 of %4 bytes: %5")
                                    .arg(file).arg(cut.where).arg(cut.size).arg(bytes.size()).arg(message);
        CHECK_MESSAGE(context, message != "NOT REFUSED" && !message.startsWith("WRONG EXCEPTION TYPE"));
        CHECK_MESSAGE(context, message.contains("cut.dcm"));
        if (cut.inPixelData)
            CHECK_MESSAGE(context, message.contains("truncated"));
        qInfo("%s", qPrintable(context));
    }
}

// Rows written as text (a string VR), Bits Allocated 12, Pixel Representation as text.
void BadInputsTest::wrongValueRepresentations()
{
    auto baseSlice = [](DcmDataset& data, const std::vector<Uint16>& pixels) {
        data.putAndInsertString(DCM_SOPClassUID, UID_CTImageStorage);
        data.putAndInsertString(DCM_SOPInstanceUID, "1.2.826.0.1.3680043.2.1125.9.1");
        data.putAndInsertString(DCM_SeriesInstanceUID, "1.2.826.0.1.3680043.2.1125.9.2");
        data.putAndInsertString(DCM_StudyInstanceUID, "1.2.826.0.1.3680043.2.1125.9.3");
        data.putAndInsertString(DCM_Modality, "CT");
        data.putAndInsertString(DCM_ImagePositionPatient, "0\\0\\0");
        data.putAndInsertString(DCM_ImageOrientationPatient, "1\\0\\0\\0\\1\\0");
        data.putAndInsertString(DCM_PixelSpacing, "1\\1");
        data.putAndInsertUint16(DCM_SamplesPerPixel, 1);
        data.putAndInsertString(DCM_PhotometricInterpretation, "MONOCHROME2");
        data.putAndInsertUint16(DCM_BitsAllocated, 16);
        data.putAndInsertUint16(DCM_BitsStored, 16);
        data.putAndInsertUint16(DCM_HighBit, 15);
        data.putAndInsertUint16(DCM_PixelRepresentation, 1);
        data.putAndInsertUint16Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(pixels.size()));
    };
    auto save = [](DcmFileFormat& file, const std::string& path) {
        QVERIFY(file.saveFile(path.c_str(), EXS_LittleEndianExplicit).good());
    };
    const std::vector<Uint16> pixels(16 * 16, 7);

    // Rows as a Long String holding words.
    {
        QTemporaryDir folder;
        const std::string path = folder.filePath("rows-text.dcm").toStdString();
        DcmFileFormat file;
        DcmDataset& data = *file.getDataset();
        baseSlice(data, pixels);
        data.putAndInsertUint16(DCM_Columns, 16);
        auto* rows = new DcmLongString(DcmTag(DCM_Rows, EVR_LO));
        rows->putString("sixteen");
        data.insert(rows, true);
        save(file, path);
        const QString message = REFUSED(loadImageSource(path));
        CHECK_MESSAGE(message, message.contains("rows-text.dcm") && message.contains("Rows"));
    }
    // Rows as a Long String holding a number: read as that number.
    {
        QTemporaryDir folder;
        const std::string path = folder.filePath("rows-number-text.dcm").toStdString();
        DcmFileFormat file;
        DcmDataset& data = *file.getDataset();
        baseSlice(data, pixels);
        data.putAndInsertUint16(DCM_Columns, 16);
        auto* rows = new DcmLongString(DcmTag(DCM_Rows, EVR_LO));
        rows->putString("16");
        data.insert(rows, true);
        save(file, path);
        const LoadedImage image = loadImageSource(path);
        QCOMPARE(image.volume.size()[1], std::int64_t(16));
        QCOMPARE(int(image.volume.at(3, 3, 0)), 7);
    }
    // Bits Allocated 12 (a packed format no CT uses).
    {
        QTemporaryDir folder;
        const std::string path = folder.filePath("bits12.dcm").toStdString();
        DcmFileFormat file;
        DcmDataset& data = *file.getDataset();
        baseSlice(data, pixels);
        data.putAndInsertUint16(DCM_Rows, 16);
        data.putAndInsertUint16(DCM_Columns, 16);
        data.putAndInsertUint16(DCM_BitsAllocated, 12);
        data.putAndInsertUint16(DCM_BitsStored, 12);
        data.putAndInsertUint16(DCM_HighBit, 11);
        save(file, path);
        const QString message = REFUSED(loadImageSource(path));
        CHECK_MESSAGE(message, message.contains("bits12.dcm") && message.contains("Bits Allocated 12"));
    }
    // Pixel data of 8-bit samples where Bits Allocated says 16 (half as many bytes as needed).
    {
        QTemporaryDir folder;
        const std::string path = folder.filePath("short-pixels.dcm").toStdString();
        DcmFileFormat file;
        DcmDataset& data = *file.getDataset();
        baseSlice(data, std::vector<Uint16>(16 * 8, 7));
        data.putAndInsertUint16(DCM_Rows, 16);
        data.putAndInsertUint16(DCM_Columns, 16);
        save(file, path);
        const QString message = REFUSED(loadImageSource(path));
        CHECK_MESSAGE(message, message.contains("short-pixels.dcm") && message.contains("truncated"));
    }
}

// Claims no file backs are refused before anything is allocated for them.
void BadInputsTest::absurdDicomDimensions()
{
    const std::string source =
        readAll(realData("cornerstone_CT_transfer_syntaxes/CTImage.dcm_JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80.dcm"));
    QTemporaryDir folder;
    struct Claim {
        const char* name;
        Uint16 rows, columns;
        const char* frames;
        const char* expected;
    };
    // Through DCMTK: a real JPEG-LS slice whose header is changed.
    const std::vector<Claim> claims = {
        {"65535x65535.dcm", 65535, 65535, nullptr, "exceeds the supported maximum"},
        {"million-frames.dcm", 512, 512, "1000000", "Number of Frames 1000000 is not plausible"},
        // 100 x 100 x 90000 stays under the voxel limit (1.8 GB of int16), but 167 kB cannot
        // hold 90000 compressed frames (each needs a fragment item of at least 8 bytes).
        {"90000-frames.dcm", 100, 100, "90000", "claims 90000 frames of 100 x 100 pixels but holds only"},
        // 46000 x 46000 (2.1 * 10^9 voxels, just under the limit) in one 167 kB file.
        {"46000x46000.dcm", 46000, 46000, nullptr, "claims 1 frame of 46000 x 46000 pixels but holds only"},
    };
    writeAll(folder.filePath("source.dcm").toStdString(), source);
    for (const Claim& claim : claims) {
        DcmFileFormat file;
        QVERIFY(file.loadFile(folder.filePath("source.dcm").toStdString().c_str()).good());
        DcmDataset& data = *file.getDataset();
        data.putAndInsertUint16(DCM_Rows, claim.rows);
        data.putAndInsertUint16(DCM_Columns, claim.columns);
        if (claim.frames)
            data.putAndInsertString(DCM_NumberOfFrames, claim.frames);
        const std::string path = folder.filePath(claim.name).toStdString();
        QVERIFY(file.saveFile(path.c_str(), data.getOriginalXfer()).good());
        const QString message = REFUSED(loadImageSource(path));
        CHECK_MESSAGE(message, message.contains(claim.name) && message.contains(claim.expected));
    }
}

// A NRRD header claiming 100000^3 voxels (NIfTI-1 cannot say more than 32767 per axis; that case
// is in test_image_files) is refused before the voxels are read.
void BadInputsTest::absurdNrrdSize()
{
    const std::string path = m_folder.filePath("huge.nrrd").toStdString();
    writeAll(path, "NRRD0004\ntype: short\ndimension: 3\nsizes: 100000 100000 100000\nspacings: 1 1 1\n"
                   "encoding: raw\nendian: little\n\n" + std::string(64, '\0'));
    const ImageFileHeader header = readImageHeader(path);  // the header alone is fine to read
    QCOMPARE(header.geometry.size[0], std::int64_t(100000));
    QString message = REFUSED(readVolume(path));
    CHECK_MESSAGE(message, message.contains("huge.nrrd") && message.contains("exceeds the supported maximum"));
    message = REFUSED(readLabelMap(path));
    CHECK_MESSAGE(message, message.contains("huge.nrrd") && message.contains("exceeds the supported maximum"));
}

// A real .nii.gz cut inside the gzip header, inside the NIfTI header, and a few bytes short.
void BadInputsTest::truncatedCompressedNifti()
{
    const std::string bytes = readAll(realData("openkbp_headneck_ct/nifti/pt_10_oar.nii.gz"));
    for (const std::size_t size : {std::size_t(5), std::size_t(60), bytes.size() - 8, bytes.size() - 1}) {
        const std::string path = m_folder.filePath(QString("cut%1.nii.gz").arg(size)).toStdString();
        writeAll(path, bytes.substr(0, size));
        for (int reader = 0; reader < 2; ++reader) {
            const QString message = reader == 0 ? REFUSED(readVolume(path)) : REFUSED(readLabelMap(path));
            const QString context = QString("cut at %1 of %2: %3").arg(size).arg(bytes.size()).arg(message);
            CHECK_MESSAGE(context, message.contains(QString("cut%1.nii.gz").arg(size)));
            CHECK_MESSAGE(context, message.contains("truncated") || message.contains("cannot read the image header"));
        }
    }
}

// The session's label map is missing, truncated, not a label map, or of another image.
void BadInputsTest::labelMapThatDoesNotFitItsSession()
{
    QTemporaryDir folder;
    const auto document = smallDocument();
    const std::string session = folder.filePath("case.review.json").toStdString();
    saveReviewSession(*document, session);
    const ImageGeometry geometry = document->image().geometry();
    QString labelsName;
    for (const QString& name : filesIn(folder.path()))
        if (name.contains(".labels-"))
            labelsName = name;
    QVERIFY(!labelsName.isEmpty());
    const std::string labels = folder.filePath(labelsName).toStdString();
    const std::string saved = readAll(labels);

    // Another image: a different slice count.
    ImageGeometry other = geometry;
    other.size[2] += 1;
    QString message = REFUSED(loadReviewSession(session, other));
    CHECK_MESSAGE(message, message.contains(labelsName) && message.contains("does not match its image"));
    // Truncated.
    writeAll(labels, saved.substr(0, saved.size() - 20));
    message = REFUSED(loadReviewSession(session, geometry));
    CHECK_MESSAGE(message, message.contains(labelsName) && message.contains("truncated"));
    // Float values that are not labels.
    VoxelGrid<float> fractions(geometry, 0.5f);
    writeImage(fractions, labels);
    message = REFUSED(loadReviewSession(session, geometry));
    CHECK_MESSAGE(message, message.contains(labelsName) && message.contains("not a label map"));
    // Missing.
    fs::remove(labels);
    message = REFUSED(loadReviewSession(session, geometry));
    CHECK_MESSAGE(message, message.contains(labelsName) && message.contains("no such file"));
}

void BadInputsTest::handEditedSession_data()
{
    QTest::addColumn<QString>("edit");     // JSON replacing one top-level field: "key": value
    QTest::addColumn<QString>("expected"); // part of the message
    QTest::newRow("saved_by a number") << R"("saved_by": 42)" << "'saved_by' must be a string";
    QTest::newRow("source path a list") << R"("source": {"path": ["a", "b"]})" << "'path' must be a string";
    QTest::newRow("format_version text") << R"("format_version": "1")" << "no format version";
    QTest::newRow("format a number") << R"("format": 7)" << "not an lnseg review session";
    QTest::newRow("label_map an object") << R"("label_map": {"file": "x.nii.gz"})" << "'label_map' must be a string";
    QTest::newRow("label_map missing") << R"("label_map": null)" << "names no label map file";
    QTest::newRow("label_map outside (relative)") << R"("label_map": "../elsewhere/labels.nii.gz")" << "not a file in the session's folder";
    QTest::newRow("label_map outside (absolute)") << R"("label_map": "/etc/passwd")" << "not a file in the session's folder";
    QTest::newRow("label_map parent folder") << R"("label_map": "..")" << "not a file in the session's folder";
    QTest::newRow("nodes an object") << R"("nodes": {"id": 1})" << "has no node list";
    QTest::newRow("nodes missing") << R"("nodes": null)" << "has no node list";
    QTest::newRow("node id text") << R"("nodes": [{"id": "1"}])" << "node 0: node field 'id' must be an integer";
    QTest::newRow("node id out of range") << R"("nodes": [{"id": 70000}])" << "from 1 to 65535";
    QTest::newRow("node level unknown") << R"("nodes": [{"id": 1, "level": "XIV"}])" << "unknown level 'XIV'";
    QTest::newRow("node side a number") << R"("nodes": [{"id": 1, "side": 1}])" << "'side' must be a string";
    QTest::newRow("node a list") << R"("nodes": [[1, 2]])" << "a node must be a JSON object";
}

// A saved session whose JSON was edited by hand: every refusal names the session file and the
// field; the label map the session named is left alone.
void BadInputsTest::handEditedSession()
{
    QFETCH(QString, edit);
    QFETCH(QString, expected);
    QTemporaryDir folder;
    const auto document = smallDocument();
    const std::string session = folder.filePath("edited.review.json").toStdString();
    saveReviewSession(*document, session);
    const QStringList before = filesIn(folder.path());

    // Replace the field through the JSON text: parse, set, write back.
    QJsonDocument json = QJsonDocument::fromJson(QByteArray::fromStdString(readAll(session)));
    QJsonObject object = json.object();
    const QJsonObject change = QJsonDocument::fromJson(("{" + edit + "}").toUtf8()).object();
    QVERIFY2(!change.isEmpty(), qPrintable(edit));
    for (auto it = change.begin(); it != change.end(); ++it)
        object.insert(it.key(), it.value());
    writeAll(session, QJsonDocument(object).toJson().toStdString());

    const QString message = REFUSED({
        (void)readReviewSessionSource(session);
        (void)loadReviewSession(session, document->image().geometry());
    });
    CHECK_MESSAGE(message, message.contains("edited.review.json") && message.contains(expected));
    QCOMPARE(filesIn(folder.path()), before);
}

// Saves that fail because the file system refuses to grow a file (RLIMIT_FSIZE: EFBIG, as on a
// full disk), once while writing the label map and once while writing the JSON: the message says
// the write failed, and the previous save is whole and loads.
void BadInputsTest::fullDiskDuringSave()
{
    QTemporaryDir folder;
    const auto document = smallDocument();
    const std::string session = folder.filePath("full.review.json").toStdString();
    saveReviewSession(*document, session);
    const std::string savedJson = readAll(session);
    const QStringList savedFiles = filesIn(folder.path());
    std::uintmax_t labelsBytes = 0;
    for (const QString& name : savedFiles)
        if (name.contains(".labels-"))
            labelsBytes = fs::file_size(folder.filePath(name).toStdString());
    QVERIFY(labelsBytes > 0);
    QVERIFY2(labelsBytes + 64 < savedJson.size(), "the JSON must be larger than the label map for the second case");

    document->setLevel(document->nodes().front().label, NodeLevel::IV);
    document->setSide(document->nodes().front().label, NodeSide::Right);
    // 1. The label map does not fit.
    QString message = saveWithFileSizeLimit([&] { saveReviewSession(*document, session); }, 32);
    CHECK_MESSAGE(message, message != "saved" && message != "crashed");
    CHECK_MESSAGE(message, message.contains("cannot write"));
    QCOMPARE(readAll(session), savedJson);
    QCOMPARE(filesIn(folder.path()), savedFiles);
    // 2. The label map fits, the JSON does not.
    message = saveWithFileSizeLimit([&] { saveReviewSession(*document, session); }, labelsBytes + 32);
    CHECK_MESSAGE(message, message != "saved" && message != "crashed");
    CHECK_MESSAGE(message, message.contains("full.review.json") && message.contains("disk full"));
    QCOMPARE(readAll(session), savedJson);
    QCOMPARE(filesIn(folder.path()), savedFiles);

    const ReviewSessionContents contents = loadReviewSession(session, document->image().geometry());
    QCOMPARE(contents.nodes.size(), std::size_t(1));
    QCOMPARE(contents.nodes.front().level, NodeLevel::IIA);
    // And without the limit the save goes through.
    saveReviewSession(*document, session);
    QCOMPARE(loadReviewSession(session, document->image().geometry()).nodes.front().level, NodeLevel::IV);
}

QTEST_GUILESS_MAIN(BadInputsTest)
#include "test_bad_inputs.moc"
