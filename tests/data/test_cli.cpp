// The `lnseg` command-line tool, run as a user would run it.
#include <QtTest/QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {

struct Result {
    int exitCode = -1;
    QString out;
    QString err;
};

Result run(const QStringList& arguments, int timeoutMs = 120000)
{
    QProcess process;
    process.start(LNSEG_CLI_PATH, arguments);
    if (!process.waitForFinished(timeoutMs))
        process.kill();
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

QString realData(const char* relative)
{
    return QString(LNSEG_SHARED_DATA_DIR) + "/" + relative;
}

}  // namespace

class CommandLineTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void helpOnEverySubcommand();
    void badInputGivesOneLineAndNonZeroExit();
    void infoOnNifti();
    void infoOnDicomFolderListsSeries();
    void convertDicomToEveryFormat();
    void phantomWritesCases();

private:
    QTemporaryDir m_folder;
};

void CommandLineTest::helpOnEverySubcommand()
{
    QCOMPARE(run({"--help"}).exitCode, 0);
    for (const char* command : {"info", "convert", "phantom", "demo"}) {
        const Result result = run({command, "--help"});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(result.out.contains("Usage:"), qPrintable(result.out));
    }
    QCOMPARE(run({}).exitCode, 2);
    QCOMPARE(run({"frobnicate"}).exitCode, 2);
}

void CommandLineTest::badInputGivesOneLineAndNonZeroExit()
{
    const Result missing = run({"info", m_folder.filePath("does-not-exist")});
    QCOMPARE(missing.exitCode, 1);
    QCOMPARE(missing.err.trimmed().count('\n'), 0);
    QVERIFY(missing.err.contains("does-not-exist"));

    const Result badOption = run({"info", "--frob", "x"});
    QCOMPARE(badOption.exitCode, 2);

    const Result badFormat = run({"convert", realData("niivue_demo_CT_nifti/CT_pitch.nii.gz"), m_folder.filePath("out.png")});
    QCOMPARE(badFormat.exitCode, 2);
    QVERIFY(badFormat.err.contains("unsupported output format"));

    QFile garbage(m_folder.filePath("garbage.nii.gz"));
    QVERIFY(garbage.open(QIODevice::WriteOnly));
    garbage.write("this is not an image");
    garbage.close();
    const Result corrupt = run({"info", garbage.fileName()});
    QCOMPARE(corrupt.exitCode, 1);
    QVERIFY(corrupt.err.contains("garbage.nii.gz"));
    QCOMPARE(corrupt.err.trimmed().count('\n'), 0);
}

void CommandLineTest::infoOnNifti()
{
    const Result result = run({"info", realData("niivue_demo_CT_nifti/CT_pitch.nii.gz"), "--json"});
    QCOMPARE(result.exitCode, 0);
    const QJsonObject json = QJsonDocument::fromJson(result.out.toUtf8()).object();
    QCOMPARE(json["format"].toString(), QString("nifti"));
    QCOMPARE(json["dimensions"].toArray().size(), 3);
    QCOMPARE(json["direction"].toArray().size(), 9);
    QVERIFY(json["value_range"].toArray().at(1).toInt() > json["value_range"].toArray().at(0).toInt());
    const Result text = run({"info", realData("niivue_demo_CT_nifti/CT_pitch.nii.gz")});
    QCOMPARE(text.exitCode, 0);
    QVERIFY(text.out.contains("dimensions:"));
}

void CommandLineTest::infoOnDicomFolderListsSeries()
{
    // Three CT slices and a DICOM SEG: one image series and one listed, not loaded, segmentation.
    const Result result = run({"info", realData("dcmqi_ct3slice_seg"), "--json"});
    QCOMPARE(result.exitCode, 0);
    const QJsonArray list = QJsonDocument::fromJson(result.out.toUtf8()).array();
    QVERIFY(list.size() >= 2);
    int images = 0, segmentations = 0;
    for (const auto& entry : list) {
        const QJsonObject series = entry.toObject();
        if (series["object_kind"] == "image") {
            ++images;
            QCOMPARE(series["modality"].toString(), QString("CT"));
            QCOMPARE(series["dimensions"].toArray().at(2).toInt(), 3);
            QVERIFY(series["loaded"].toBool());
        } else if (series["object_kind"] == "segmentation") {
            ++segmentations;
            QVERIFY(!series["loaded"].toBool());
        }
    }
    QCOMPARE(images, 1);
    QVERIFY(segmentations >= 1);
}

void CommandLineTest::convertDicomToEveryFormat()
{
    for (const char* extension : {".nii.gz", ".nii", ".nrrd", ".mha"}) {
        const QString output = m_folder.filePath(QString("ct3") + extension);
        QStringList arguments{"convert", realData("dcmqi_ct3slice_seg"), output};
        // The folder also holds segmentations: only one image series, so no --series is needed.
        const Result result = run(arguments);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        QVERIFY(QFileInfo::exists(output));
        const Result info = run({"info", output, "--json"});
        QCOMPARE(info.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(info.out.toUtf8()).object();
        QCOMPARE(json["dimensions"].toArray().at(2).toInt(), 3);
    }
}

void CommandLineTest::phantomWritesCases()
{
    const QString folder = m_folder.filePath("phantoms");
    const Result result = run({"phantom", "--out", folder, "--cases", "2", "--seed", "7", "--columns", "128", "--rows",
                               "128", "--slices", "40", "--pixel-spacing", "1.2", "--slice-spacing", "3", "--dicom"});
    QVERIFY2(result.exitCode == 0, qPrintable(result.err));
    for (const char* name : {"phantom_001_image.nii.gz", "phantom_001_labels.nii.gz", "phantom_001_nodes.json",
                             "phantom_002_image.nii.gz", "phantom_001_dicom"})
        QVERIFY2(QFileInfo::exists(folder + "/" + name), name);
    const Result info = run({"info", folder + "/phantom_001_dicom", "--json"});
    QVERIFY2(info.exitCode == 0, qPrintable(info.err));
    const QJsonObject json = QJsonDocument::fromJson(info.out.toUtf8()).object();
    QCOMPARE(json["dimensions"].toArray().at(2).toInt(), 40);
    QCOMPARE(json["modality"].toString(), QString("CT"));
    const Result bad = run({"phantom", "--out", folder, "--cases", "zero"});
    QCOMPARE(bad.exitCode, 2);
}

QTEST_GUILESS_MAIN(CommandLineTest)
#include "test_cli.moc"
