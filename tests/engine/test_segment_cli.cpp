// `lnseg train`, `lnseg segment` and `lnseg evaluate` end to end on tiny phantoms, run as a user
// runs them (a model trained for a few steps here: the mechanics, not the accuracy).
#include "io/ImageFileIO.h"
#include "nodes/NodeExtraction.h"

#include <QtTest/QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <map>

namespace {

struct Result {
    int exitCode = -1;
    QString out;
    QString err;
};

Result run(const QStringList& arguments, const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment())
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(LNSEG_CLI_PATH, arguments);
    if (!process.waitForFinished(300000))
        process.kill();
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()), QString::fromUtf8(process.readAllStandardError())};
}

}  // namespace

class SegmentCommandTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void trainWritesModelAndCheckpoint();
    void segmentKeepsTheInputGeometry();
    void nodesFromASavedProbabilityMap();
    void evaluateFilesAndFolders();
    void trainsOnMinedHardNegatives();
    void usageErrors();
    void systemReportsTheEngine();

private:
    QTemporaryDir m_folder;
    QString m_model;
};

void SegmentCommandTest::initTestCase()
{
    const Result phantoms = run({"phantom", "--out", m_folder.filePath("data"), "--cases", "3", "--seed", "5",
                                 "--columns", "64", "--rows", "64", "--slices", "20", "--pixel-spacing", "3",
                                 "--slice-spacing", "5"});
    QVERIFY2(phantoms.exitCode == 0, qPrintable(phantoms.err));
}

void SegmentCommandTest::trainWritesModelAndCheckpoint()
{
    const Result trained = run({"train", "--data", m_folder.filePath("data"), "--arch", "attunet", "--mode", "2d",
                                "--out", m_folder.filePath("run"), "--epochs", "1", "--steps-per-epoch", "3",
                                "--batch", "2", "--lr", "0.001", "--threads", "1", "--validation-slices", "4",
                                "--pixel-spacing", "2.5"});  // a coarse network grid keeps the test fast
    QVERIFY2(trained.exitCode == 0, qPrintable(trained.out + trained.err));
    // The hash split of 3 cases happens to put 2 in validation: fine, it is deterministic.
    QVERIFY2(trained.out.contains("1 training cases, 2 validation cases"), qPrintable(trained.out));
    QVERIFY(QFile::exists(m_folder.filePath("run/checkpoint_epoch_001.pt")));
    m_model = m_folder.filePath("run/model.lnsegmodel");
    QVERIFY(QFile::exists(m_model));

    // Fine-tuning from that model: its architecture and preprocessing come with it.
    const Result tuned = run({"train", "--data", m_folder.filePath("data"), "--init-from", m_model, "--out",
                              m_folder.filePath("tuned"), "--epochs", "1", "--steps-per-epoch", "1", "--batch", "2",
                              "--threads", "1", "--validation-slices", "2"});
    QVERIFY2(tuned.exitCode == 0, qPrintable(tuned.out + tuned.err));
    QVERIFY(QFile::exists(m_folder.filePath("tuned/model.lnsegmodel")));
    const Result conflicting = run({"train", "--data", m_folder.filePath("data"), "--init-from", m_model, "--out",
                                    m_folder.filePath("tuned2"), "--arch", "snet"});
    QCOMPARE(conflicting.exitCode, 2);
    QVERIFY2(conflicting.err.contains("--init-from"), qPrintable(conflicting.err));
}

void SegmentCommandTest::segmentKeepsTheInputGeometry()
{
    const QString input = m_folder.filePath("data/phantom_001_image.nii.gz");
    const Result segmented = run({"segment", input, "--out", m_folder.filePath("pred/phantom_001_labels.nii.gz"),
                                  "--model", m_model, "--nodes", m_folder.filePath("nodes.json"), "--prob",
                                  m_folder.filePath("prob.nii.gz"), "--threads", "1", "--threshold", "0.5"});
    QVERIFY2(segmented.exitCode == 0, qPrintable(segmented.err));
    const auto image = lnseg::readImageHeader(input.toStdString());
    const auto labels = lnseg::readImageHeader(m_folder.filePath("pred/phantom_001_labels.nii.gz").toStdString());
    const auto probability = lnseg::readImageHeader(m_folder.filePath("prob.nii.gz").toStdString());
    QVERIFY(labels.geometry.sameGrid(image.geometry, 1e-6));
    QVERIFY(probability.geometry.sameGrid(image.geometry, 1e-6));
    QCOMPARE(probability.componentType, std::string("float"));
    QFile nodes(m_folder.filePath("nodes.json"));
    QVERIFY(nodes.open(QIODevice::ReadOnly));
    QVERIFY(QJsonDocument::fromJson(nodes.readAll()).isArray());

    // Without --model: the default model, here through $LNSEG_DEFAULT_MODEL.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("LNSEG_DEFAULT_MODEL", m_model);
    const Result byDefault = run({"segment", input, "--out", m_folder.filePath("default.nii.gz"), "--threads", "1"},
                                 environment);
    QVERIFY2(byDefault.exitCode == 0, qPrintable(byDefault.err));
}

void SegmentCommandTest::nodesFromASavedProbabilityMap()
{
    // --from-prob runs no network: the nodes are the extraction of the saved map at the given
    // operating point, voxel for voxel.
    const QString input = m_folder.filePath("data/phantom_001_image.nii.gz");
    const QString map = m_folder.filePath("prob.nii.gz");
    const Result rethresholded = run({"segment", input, "--from-prob", map, "--out", m_folder.filePath("from-prob.nii.gz"),
                                      "--threshold", "0.2", "--min-long-axis", "0"});
    QVERIFY2(rethresholded.exitCode == 0, qPrintable(rethresholded.err));
    QVERIFY2(rethresholded.out.contains("none"), qPrintable(rethresholded.out));
    lnseg::NodeExtractionOptions options;
    options.threshold = 0.2f;
    options.minimumLongAxisMm = 0;
    const lnseg::ExtractedNodes expected = lnseg::extractNodes(lnseg::readProbabilityMap(map.toStdString()), options);
    const lnseg::LabelMap written = lnseg::readLabelMap(m_folder.filePath("from-prob.nii.gz").toStdString());
    QCOMPARE(written.voxelCount(), expected.labels.voxelCount());
    QVERIFY(std::equal(written.data(), written.data() + written.voxelCount(), expected.labels.data()));

    // A CT is not a probability map; no network options with --from-prob.
    const Result notProbabilities = run({"segment", input, "--from-prob", input, "--out", m_folder.filePath("x.nii.gz")});
    QCOMPARE(notProbabilities.exitCode, 1);
    QVERIFY2(notProbabilities.err.contains("not a probability map"), qPrintable(notProbabilities.err));
    const Result withModel = run({"segment", input, "--from-prob", map, "--model", m_model, "--out", m_folder.filePath("x.nii.gz")});
    QCOMPARE(withModel.exitCode, 2);
    QVERIFY2(withModel.err.contains("--from-prob"), qPrintable(withModel.err));
}

void SegmentCommandTest::evaluateFilesAndFolders()
{
    const QString reference = m_folder.filePath("data/phantom_001_labels.nii.gz");
    // The reference against itself: perfect scores.
    const Result self = run({"evaluate", "--pred", reference, "--ref", reference, "--json", "--nodes-ref",
                             m_folder.filePath("data/phantom_001_nodes.json")});
    QVERIFY2(self.exitCode == 0, qPrintable(self.err));
    const QJsonObject json = QJsonDocument::fromJson(self.out.toUtf8()).object();
    QVERIFY2(!json.isEmpty(), qPrintable(self.out));
    const Result table = run({"evaluate", "--pred", m_folder.filePath("pred/phantom_001_labels.nii.gz"), "--ref", reference});
    QVERIFY2(table.exitCode == 0, qPrintable(table.err));
    QVERIFY(table.out.contains("Dice", Qt::CaseInsensitive));
    // Folders matched by case name: only phantom_001 has a prediction.
    const Result folders = run({"evaluate", "--pred", m_folder.filePath("pred"), "--ref", m_folder.filePath("data"), "--json"});
    QVERIFY2(folders.exitCode == 0, qPrintable(folders.err));
    QVERIFY(folders.err.contains("2 reference cases have no prediction"));
    QVERIFY(folders.out.contains("phantom_001"));
}

void SegmentCommandTest::trainsOnMinedHardNegatives()
{
    // A "model's" predictions: the reference nodes plus a box in the middle of the neck where there
    // is no node. `lnseg evaluate --false-positives` keeps only the box, beside the training pairs;
    // `lnseg train` then centres crops on it.
    QDir().mkpath(m_folder.filePath("mined/data"));
    QDir().mkpath(m_folder.filePath("mined/pred"));
    std::map<QString, std::int64_t> boxVoxels;
    for (const QString name : {"phantom_001", "phantom_002"}) {
        for (const QString suffix : {"_image.nii.gz", "_labels.nii.gz"})
            QVERIFY(QFile::copy(m_folder.filePath("data/" + name + suffix), m_folder.filePath("mined/data/" + name + suffix)));
        lnseg::LabelMap prediction = lnseg::readLabelMap(m_folder.filePath("data/" + name + "_labels.nii.gz").toStdString());
        const lnseg::LabelMap reference = prediction;
        const auto size = prediction.size();
        for (std::int64_t k = 0; k < size[2]; ++k)
            for (std::int64_t j = size[1] / 2 - 2; j < size[1] / 2 + 2; ++j)
                for (std::int64_t i = size[0] / 2 - 2; i < size[0] / 2 + 2; ++i)
                    if (!reference.at(i, j, k)) {
                        prediction.at(i, j, k) = 900;
                        ++boxVoxels[name];
                    }
        QVERIFY(boxVoxels[name] > 0);
        lnseg::writeImage(prediction, m_folder.filePath("mined/pred/" + name + "_labels.nii.gz").toStdString());
    }
    const Result mined = run({"evaluate", "--pred", m_folder.filePath("mined/pred"), "--ref", m_folder.filePath("mined/data"),
                              "--false-positives", m_folder.filePath("mined/data")});
    QVERIFY2(mined.exitCode == 0, qPrintable(mined.err));
    const QString hardPath = m_folder.filePath("mined/data/phantom_001_hard_negatives.nii.gz");
    for (const QString name : {"phantom_001", "phantom_002"}) {
        const lnseg::LabelMap hard = lnseg::readLabelMap(m_folder.filePath("mined/data/" + name + "_hard_negatives.nii.gz").toStdString());
        QCOMPARE(std::count(hard.data(), hard.data() + hard.voxelCount(), std::uint16_t(900)), boxVoxels[name]);
        QCOMPARE(std::count(hard.data(), hard.data() + hard.voxelCount(), std::uint16_t(0)),
                 std::int64_t(hard.voxelCount()) - boxVoxels[name]);
    }

    // Two steps of two slices: the second sample of each step is not centred on a node, and with
    // --hard-negative-fraction 1 goes to the box (whichever case the split puts on the training side).
    const QStringList train{"train", "--data", m_folder.filePath("mined/data"), "--arch", "attunet", "--mode", "2d",
                            "--epochs", "1", "--steps-per-epoch", "2", "--batch", "2", "--threads", "1",
                            "--validation-slices", "2", "--pixel-spacing", "2.5", "--hard-negative-fraction", "1"};
    const Result trained = run(QStringList(train) << "--out" << m_folder.filePath("mined/run"));
    QVERIFY2(trained.exitCode == 0, qPrintable(trained.out + trained.err));
    QVERIFY2(trained.out.contains("2 samples centred on hard negatives"), qPrintable(trained.out));
    const Result none = run(QStringList(train) << "--out" << m_folder.filePath("mined/none") << "--hard-negative-fraction" << "0");
    QVERIFY2(none.exitCode == 0, qPrintable(none.out + none.err));
    QVERIFY2(!none.out.contains("hard negatives"), qPrintable(none.out));
    QCOMPARE(run(QStringList(train) << "--out" << m_folder.filePath("mined/bad") << "--hard-negative-fraction" << "2").exitCode, 2);

    // Hard negatives on another grid than their image: refused, naming the file; nothing is written.
    const lnseg::LabelMap reference = lnseg::readLabelMap(m_folder.filePath("data/phantom_001_labels.nii.gz").toStdString());
    lnseg::ImageGeometry other = reference.geometry();
    other.size[2] -= 1;
    lnseg::writeImage(lnseg::LabelMap(other), hardPath.toStdString());
    lnseg::writeImage(lnseg::LabelMap(other), m_folder.filePath("mined/data/phantom_002_hard_negatives.nii.gz").toStdString());
    const Result refused = run(QStringList(train) << "--out" << m_folder.filePath("mined/refused"));
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("_hard_negatives.nii.gz"), qPrintable(refused.err));
    QVERIFY(!QFile::exists(m_folder.filePath("mined/refused/model.lnsegmodel")));

    QVERIFY(run({"evaluate", "--help"}).out.contains("--false-positives"));
    QVERIFY(run({"train", "--help"}).out.contains("--hard-negative-fraction"));
}

void SegmentCommandTest::usageErrors()
{
    for (const char* command : {"segment", "evaluate", "train"}) {
        const Result help = run({command, "--help"});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("Usage:"));
    }
    QVERIFY(run({"train", "--help"}).out.contains("--patch-size"));
    // --patch-size belongs to 3d training and must be a sensible edge (the 3d run itself is
    // tested on tiny networks in tests/model/test_training_3d: default-width 3d SNet is a GPU job).
    const Result patchIn2d = run({"train", "--data", m_folder.filePath("data"), "--out", m_folder.filePath("p2d"),
                                  "--mode", "2d", "--patch-size", "16"});
    QCOMPARE(patchIn2d.exitCode, 2);
    QVERIFY2(patchIn2d.err.contains("--mode 3d"), qPrintable(patchIn2d.err));
    QCOMPARE(run({"train", "--data", m_folder.filePath("data"), "--out", m_folder.filePath("p3d"), "--mode", "3d",
                  "--patch-size", "2"}).exitCode, 2);
    QCOMPARE(run({"segment", "x.nii.gz"}).exitCode, 2);
    QCOMPARE(run({"evaluate", "--pred", "x"}).exitCode, 2);
    const Result badModel = run({"segment", m_folder.filePath("data/phantom_001_image.nii.gz"), "--out",
                                 m_folder.filePath("x.nii.gz"), "--model", m_folder.filePath("missing.lnsegmodel")});
    QCOMPARE(badModel.exitCode, 1);
    QVERIFY(badModel.err.contains("missing.lnsegmodel"));
}

void SegmentCommandTest::systemReportsTheEngine()
{
    // `lnseg system` hands over to lnseg-engine, like segment and train.
    const Result json = run({"system", "--json"});
    QVERIFY2(json.exitCode == 0, qPrintable(json.err));
    const QJsonObject report = QJsonDocument::fromJson(json.out.toUtf8()).object();
    for (const char* key : {"libtorch_version", "blas", "onednn", "openmp", "torch_threads", "hardware_threads",
                            "flush_denormals", "cuda_devices", "warnings", "engine_defaults", "default_model"})
        QVERIFY2(report.contains(QLatin1String(key)), key);
    QVERIFY(!report["blas"].toObject()["library"].toString().isEmpty());
    const QJsonObject defaults = report["engine_defaults"].toObject();
    if (defaults["device"].toString() == "cpu") {
        // The engine's CPU settings, not LibTorch's start-up single thread.
        QCOMPARE(defaults["inference_batch"].toInt(), 1);
        QCOMPARE(report["torch_threads"].toInt(), report["hardware_threads"].toInt());
        QVERIFY(report["flush_denormals"].toBool());
    }
    QVERIFY(report["default_model"].toString().endsWith(QStringLiteral("default.lnsegmodel")));
    // Each warning also goes to stderr; the reference BLAS is named with its fix.
    const QJsonArray warnings = report["warnings"].toArray();
    QCOMPARE(json.err.count(QStringLiteral("warning: ")), warnings.size());
    if (report["blas"].toObject()["reference"].toBool())
        QVERIFY(json.err.contains(QStringLiteral("libopenblas0-openmp")));

    const Result text = run({"system"});
    QVERIFY2(text.exitCode == 0, qPrintable(text.err));
    QVERIFY(text.out.contains(QStringLiteral("LibTorch: ")) && text.out.contains(QStringLiteral("BLAS: ")) &&
            text.out.contains(QStringLiteral("Engine defaults")));
}

QTEST_GUILESS_MAIN(SegmentCommandTest)
#include "test_segment_cli.moc"
