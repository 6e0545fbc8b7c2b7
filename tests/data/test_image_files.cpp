// NIfTI / NRRD / MetaImage import and export through ITK, on real files.
#include "io/ImageFileIO.h"

#include <QtTest/QtTest>

#include <filesystem>
#include <fstream>

using namespace lnseg;

namespace {
std::string realData(const char* relative)
{
    return std::string(LNSEG_SHARED_DATA_DIR) + "/" + relative;
}

void compareGeometry(const ImageGeometry& a, const ImageGeometry& b, double tolerance)
{
    QCOMPARE(a.size, b.size);
    for (int i = 0; i < 3; ++i) {
        QVERIFY2(std::abs(a.spacing[i] - b.spacing[i]) < tolerance, "spacing differs");
        QVERIFY2(std::abs(a.origin[i] - b.origin[i]) < tolerance, "origin differs");
    }
    for (int i = 0; i < 9; ++i)
        QVERIFY2(std::abs(a.direction[i] - b.direction[i]) < tolerance, "direction differs");
}
}  // namespace

class ImageFilesTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void obliqueRoundTripEveryFormat_data();
    void obliqueRoundTripEveryFormat();
    void realNeckCt();
    void labelMapMatchesImage();
    void labelMapMismatchIsRefused();
    void truncatedFileGivesClearError();
    void missingAndUnknownFiles();
    void failedWriteKeepsPreviousFile();

private:
    QTemporaryDir m_folder;
};

void ImageFilesTest::obliqueRoundTripEveryFormat_data()
{
    QTest::addColumn<QString>("extension");
    QTest::newRow("nii.gz") << ".nii.gz";
    QTest::newRow("nii") << ".nii";
    QTest::newRow("nrrd") << ".nrrd";
    QTest::newRow("mha") << ".mha";
}

void ImageFilesTest::obliqueRoundTripEveryFormat()
{
    QFETCH(QString, extension);
    const std::string source = realData("niivue_demo_CT_nifti/CT_pitch.nii.gz");
    ImportReport report;
    const Volume volume = readVolume(source, &report);
    const ImageGeometry geometry = volume.geometry();
    // The pitched CT is oblique: its slice axis is not aligned with the patient axes.
    QVERIFY(std::abs(std::abs(geometry.direction[8]) - 1.0) > 1e-3);

    const std::string copy = m_folder.filePath("pitch").toStdString() + extension.toStdString();
    writeImage(volume, copy);
    const Volume back = readVolume(copy);
    compareGeometry(back.geometry(), geometry, 1e-4);
    QVERIFY(std::equal(volume.data(), volume.data() + volume.voxelCount(), back.data()));
    // No temporary files are left behind.
    for (const auto& entry : std::filesystem::directory_iterator(m_folder.path().toStdString()))
        QVERIFY2(entry.path().filename().string().find(".partial") == std::string::npos, "temporary file left");
}

void ImageFilesTest::realNeckCt()
{
    const Volume ct = readVolume(realData("openkbp_headneck_ct/nifti/pt_1_ct.nii.gz"));
    QCOMPARE(ct.size(), (Size3{128, 128, 128}));
    const auto [low, high] = std::minmax_element(ct.data(), ct.data() + ct.voxelCount());
    QCOMPARE(*low, std::int16_t(-1024));
    QVERIFY(*high > 1000);  // bone
}

void ImageFilesTest::labelMapMatchesImage()
{
    const Volume ct = readVolume(realData("openkbp_headneck_ct/nifti/pt_1_ct.nii.gz"));
    const LabelMap organs = readLabelMapFor(realData("openkbp_headneck_ct/nifti/pt_1_oar.nii.gz"), ct.geometry());
    const auto high = *std::max_element(organs.data(), organs.data() + organs.voxelCount());
    QVERIFY(high >= 1 && high <= 7);
    const std::string copy = m_folder.filePath("organs.seg.nrrd").toStdString();
    writeImage(organs, copy);
    const LabelMap back = readLabelMapFor(copy, ct.geometry());
    QVERIFY(std::equal(organs.data(), organs.data() + organs.voxelCount(), back.data()));
}

void ImageFilesTest::labelMapMismatchIsRefused()
{
    const Volume pitch = readVolume(realData("niivue_demo_CT_nifti/CT_pitch.nii.gz"));
    try {
        readLabelMapFor(realData("openkbp_headneck_ct/nifti/pt_1_oar.nii.gz"), pitch.geometry());
        QFAIL("a label map of another grid was accepted");
    } catch (const std::runtime_error& error) {
        QVERIFY(QString(error.what()).contains("does not match its image"));
    }
    // A CT is not a label map: negative values are refused.
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, readLabelMap(realData("openkbp_headneck_ct/nifti/pt_1_ct.nii.gz")));
}

void ImageFilesTest::truncatedFileGivesClearError()
{
    const std::string source = realData("openkbp_headneck_ct/nifti/pt_2_ct.nii.gz");
    const std::string truncated = m_folder.filePath("truncated.nii.gz").toStdString();
    std::filesystem::copy_file(source, truncated, std::filesystem::copy_options::overwrite_existing);
    std::filesystem::resize_file(truncated, std::filesystem::file_size(source) / 2);
    try {
        readVolume(truncated);
        QFAIL("a truncated file was read");
    } catch (const std::runtime_error& error) {
        QVERIFY2(QString(error.what()).contains("truncated.nii.gz"), error.what());
    }
    // An uncompressed NIfTI header claiming 100000^3 voxels is refused before allocation.
    const std::string absurd = m_folder.filePath("absurd.nii").toStdString();
    {
        const Volume small = readVolume(source);
        writeImage(small, absurd);
        std::fstream file(absurd, std::ios::in | std::ios::out | std::ios::binary);
        const std::int16_t dims[4] = {3, 30000, 30000, 30000};
        file.seekp(40);
        file.write(reinterpret_cast<const char*>(dims), sizeof dims);
    }
    try {
        readVolume(absurd);
        QFAIL("an absurd size was accepted");
    } catch (const std::runtime_error& error) {
        QVERIFY2(QString(error.what()).contains("absurd.nii") || QString(error.what()).contains("exceeds"), error.what());
    }
}

void ImageFilesTest::missingAndUnknownFiles()
{
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, readVolume(m_folder.filePath("nothing.nii.gz").toStdString()));
    const std::string text = m_folder.filePath("notes.nii.gz").toStdString();
    std::ofstream(text) << "not an image";
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, readVolume(text));
}

void ImageFilesTest::failedWriteKeepsPreviousFile()
{
    const Volume ct = readVolume(realData("openkbp_headneck_ct/nifti/pt_1_ct.nii.gz"));
    const std::string saved = m_folder.filePath("saved.nii.gz").toStdString();
    writeImage(ct, saved);
    const auto sizeBefore = std::filesystem::file_size(saved);
    // A failure inside the writer leaves the earlier save untouched and no temporary file.
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, writeThroughTemporaryFile(saved, [](const std::string& temporary) {
                                 std::ofstream(temporary) << "partial";
                                 throw std::runtime_error("disk full");
                             }));
    QCOMPARE(std::filesystem::file_size(saved), sizeBefore);
    QVERIFY(readVolume(saved).voxelCount() == ct.voxelCount());
}

QTEST_GUILESS_MAIN(ImageFilesTest)
#include "test_image_files.moc"
