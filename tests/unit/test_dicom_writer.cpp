// Writes small phantoms as DICOM series (uncompressed and JPEG-LS) and reads them back with DCMTK.

#include "io/DicomSeriesWriter.h"
#include "io/DicomSourceAttributes.h"
#include "io/ImageSource.h"
#include "phantom/NeckPhantom.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcmetinf.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmjpls/djdecode.h>

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <set>

using namespace lnseg;

namespace {

std::string text(DcmItem& dataset, const DcmTagKey& tag, int index = -1)
{
    OFString value;
    if (index < 0)
        dataset.findAndGetOFStringArray(tag, value);
    else
        dataset.findAndGetOFString(tag, value, static_cast<unsigned long>(index));
    return value.c_str();
}

double number(DcmDataset& dataset, const DcmTagKey& tag, int index = 0)
{
    Float64 value = 0;
    if (dataset.findAndGetFloat64(tag, value, static_cast<unsigned long>(index)).bad())
        return std::nan("");
    return value;
}

Volume testVolume()
{
    PhantomOptions options = PhantomOptions::small(5, 64, 48, 12);
    options.maximumNodes = 8;
    return generateNeckPhantom(options, "dicom").image;
}

}  // namespace

class DicomWriterTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { DJLSDecoderRegistration::registerCodecs(); }
    void cleanupTestCase() { DJLSDecoderRegistration::cleanup(); }
    void roundTrip_data();
    void roundTrip();
    void signedStorageForLowValues();
    void refusesToOverwrite();
    void sourceAttributesFollowSliceOrder();
};

void DicomWriterTest::roundTrip_data()
{
    QTest::addColumn<bool>("jpegLs");
    QTest::addColumn<int>("threads");
    QTest::newRow("explicit little endian") << false << 1;
    QTest::newRow("jpeg-ls lossless, 3 threads") << true << 3;
}

void DicomWriterTest::roundTrip()
{
    QFETCH(bool, jpegLs);
    QFETCH(int, threads);
    const Volume volume = testVolume();
    const ImageGeometry g = volume.geometry();
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    DicomSeriesWriteOptions options;
    options.transferSyntax = jpegLs ? DicomTransferSyntax::JpegLsLossless : DicomTransferSyntax::ExplicitLittleEndian;
    options.threads = threads;
    const DicomSeriesWriteResult written = writeDicomSeries(volume, folder.path().toStdString(), options);
    QCOMPARE(written.files.size(), std::size_t(g.size[2]));
    QVERIFY(written.totalBytes > 0);
    // Nothing but the series in the folder (no temporary files left).
    QCOMPARE(QDir(folder.path()).entryList(QDir::Files).size(), int(g.size[2]));

    std::set<std::string> instanceUids;
    for (std::size_t n = 0; n < written.files.size(); ++n) {
        DcmFileFormat file;
        QVERIFY(file.loadFile(written.files[n].c_str()).good());
        DcmDataset& d = *file.getDataset();
        const char* expectedSyntax = jpegLs ? UID_JPEGLSLosslessTransferSyntax : UID_LittleEndianExplicitTransferSyntax;
        QCOMPARE(text(*file.getMetaInfo(), DCM_TransferSyntaxUID), std::string(expectedSyntax));
        QCOMPARE(d.getOriginalXfer(), jpegLs ? EXS_JPEGLSLossless : EXS_LittleEndianExplicit);
        QCOMPARE(text(d, DCM_SOPClassUID), std::string(UID_CTImageStorage));
        QCOMPARE(text(d, DCM_Modality), std::string("CT"));
        QCOMPARE(text(d, DCM_Manufacturer), std::string("lnseg phantom"));
        QCOMPARE(text(d, DCM_SeriesInstanceUID), written.seriesInstanceUid);
        QCOMPARE(text(d, DCM_StudyInstanceUID), written.studyInstanceUid);
        QVERIFY(!text(d, DCM_PatientName).empty() && !text(d, DCM_PatientID).empty());
        instanceUids.insert(text(d, DCM_SOPInstanceUID));
        QCOMPARE(text(d, DCM_InstanceNumber), std::to_string(n + 1));
        // Geometry: the most superior slice first.
        const int k = int(g.size[2]) - 1 - int(n);
        const Vector3 position = g.indexToWorld({0, 0, double(k)});
        for (int axis = 0; axis < 3; ++axis)
            QVERIFY(std::abs(number(d, DCM_ImagePositionPatient, axis) - position[axis]) < 1e-4);
        const double orientation[6] = {1, 0, 0, 0, 1, 0};
        for (int i = 0; i < 6; ++i)
            QVERIFY(std::abs(number(d, DCM_ImageOrientationPatient, i) - orientation[i]) < 1e-6);
        QVERIFY(std::abs(number(d, DCM_PixelSpacing, 0) - g.spacing[1]) < 1e-6);
        QVERIFY(std::abs(number(d, DCM_PixelSpacing, 1) - g.spacing[0]) < 1e-6);
        QVERIFY(std::abs(number(d, DCM_SliceThickness) - g.spacing[2]) < 1e-6);
        QVERIFY(std::abs(number(d, DCM_SpacingBetweenSlices) - g.spacing[2]) < 1e-6);
        QVERIFY(std::abs(number(d, DCM_SliceLocation) - position[2]) < 1e-4);
        QCOMPARE(number(d, DCM_RescaleIntercept), -1024.0);
        QCOMPARE(number(d, DCM_RescaleSlope), 1.0);
        QCOMPARE(number(d, DCM_WindowCenter), 40.0);
        QCOMPARE(number(d, DCM_WindowWidth), 400.0);
        Uint16 rows = 0, columns = 0, representation = 9;
        d.findAndGetUint16(DCM_Rows, rows);
        d.findAndGetUint16(DCM_Columns, columns);
        d.findAndGetUint16(DCM_PixelRepresentation, representation);
        QCOMPARE(int(rows), int(g.size[1]));
        QCOMPARE(int(columns), int(g.size[0]));
        QCOMPARE(int(representation), 0);
        // Pixels: HU exact after rescale.
        QVERIFY(d.chooseRepresentation(EXS_LittleEndianExplicit, nullptr).good());
        const Uint16* pixels = nullptr;
        QVERIFY(d.findAndGetUint16Array(DCM_PixelData, pixels).good() && pixels);
        for (std::int64_t j = 0; j < g.size[1]; ++j)
            for (std::int64_t i = 0; i < g.size[0]; ++i)
                QCOMPARE(int(pixels[i + j * g.size[0]]) - 1024, int(volume.at(i, j, k)));
    }
    QCOMPARE(instanceUids.size(), written.files.size());
}

void DicomWriterTest::signedStorageForLowValues()
{
    Volume volume = testVolume();
    volume.data()[0] = -2000;  // padding value below the unsigned range
    QTemporaryDir folder;
    DicomSeriesWriteOptions options;
    options.sliceThicknessMm = 2.5;  // thicker than the spacing (overlapping reconstruction)
    const DicomSeriesWriteResult written = writeDicomSeries(volume, folder.path().toStdString(), options);
    DcmFileFormat file;
    QVERIFY(file.loadFile(written.files.back().c_str()).good());  // the last instance is slice 0
    DcmDataset& d = *file.getDataset();
    Uint16 representation = 0;
    d.findAndGetUint16(DCM_PixelRepresentation, representation);
    QCOMPARE(int(representation), 1);
    QCOMPARE(number(d, DCM_RescaleIntercept), 0.0);
    QCOMPARE(number(d, DCM_SliceThickness), 2.5);
    QVERIFY(std::abs(number(d, DCM_SpacingBetweenSlices) - volume.geometry().spacing[2]) < 1e-6);
    const Uint16* pixels = nullptr;  // OW: read as 16-bit words, interpreted as signed
    QVERIFY(d.findAndGetUint16Array(DCM_PixelData, pixels).good());
    QCOMPARE(int(static_cast<Sint16>(pixels[0])), -2000);
    QCOMPARE(int(static_cast<Sint16>(pixels[1])), int(volume.data()[1]));
}

void DicomWriterTest::refusesToOverwrite()
{
    const Volume volume = testVolume();
    QTemporaryDir folder;
    const std::string existing = (std::filesystem::path(folder.path().toStdString()) / "CT000003.dcm").string();
    {
        QFile file(QString::fromStdString(existing));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("user data");
    }
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, writeDicomSeries(volume, folder.path().toStdString()));
    QFile file(QString::fromStdString(existing));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), QByteArray("user data"));
    QCOMPARE(QDir(folder.path()).entryList(QDir::Files).size(), 1);
    DicomSeriesWriteOptions options;
    options.overwrite = true;
    const DicomSeriesWriteResult written = writeDicomSeries(volume, folder.path().toStdString(), options);
    QCOMPARE(QDir(folder.path()).entryList(QDir::Files).size(), int(written.files.size()));
}

// The attributes a DICOM SEG export needs, read back in volume slice order (the writer numbers
// instances from the most superior slice, the volume runs from inferior to superior).
void DicomWriterTest::sourceAttributesFollowSliceOrder()
{
    const Volume volume = testVolume();
    QTemporaryDir folder;
    DicomSeriesWriteOptions options;
    options.patientName = "DOE^JANE";
    options.accessionNumber = "ACC42";
    const DicomSeriesWriteResult written = writeDicomSeries(volume, folder.path().toStdString(), options);
    const LoadedImage image = loadImageSource(folder.path().toStdString());
    QCOMPARE(image.sliceFiles.size(), std::size_t(volume.geometry().size[2]));
    const DicomSourceAttributes attributes = readDicomSourceAttributes(image.sliceFiles);
    QCOMPARE(attributes.patientName, std::string("DOE^JANE"));
    QCOMPARE(attributes.accessionNumber, std::string("ACC42"));
    QCOMPARE(attributes.seriesInstanceUid, written.seriesInstanceUid);
    QCOMPARE(attributes.studyInstanceUid, written.studyInstanceUid);
    QVERIFY(!attributes.frameOfReferenceUid.empty());
    QCOMPARE(attributes.instances.size(), image.sliceFiles.size());
    for (std::size_t k = 0; k < attributes.instances.size(); ++k) {
        DcmFileFormat file;
        QVERIFY(file.loadFile(written.files[written.files.size() - 1 - k].c_str()).good());
        QCOMPARE(attributes.instances[k].sopInstanceUid, text(*file.getDataset(), DCM_SOPInstanceUID));
        QCOMPARE(attributes.instances[k].sopClassUid, std::string(UID_CTImageStorage));
        QCOMPARE(attributes.instances[k].frameNumber, 0);
    }
    const DicomSourceAttributes back = dicomSourceAttributesFromJson(toJson(attributes));
    QCOMPARE(toJson(back).dump(), toJson(attributes).dump());
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, dicomSourceAttributesFromJson(nlohmann::json::array()));
}

QTEST_GUILESS_MAIN(DicomWriterTest)
#include "test_dicom_writer.moc"
