// A model's operating point: the probability threshold chosen for it on validation data, stored
// in its file (lnseg_set_operating_point) and used by proposeNodes, `lnseg segment` and the
// application unless a threshold is given (issue 12: the shipped model's false positives).
#include "engine/NodeProposal.h"
#include "model/ModelFile.h"
#include "phantom/NeckPhantom.h"

#include <QtTest/QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>

using namespace lnseg;
namespace fs = std::filesystem;

namespace {

int runTool(const QStringList& arguments, QString* output = nullptr)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(LNSEG_SET_OPERATING_POINT_PATH, arguments);
    if (!process.waitForFinished(120000))
        process.kill();
    if (output)
        *output = QString::fromUtf8(process.readAll());
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

std::string metadataOf(const std::string& path)
{
    std::string metadata;
    model::readModelFileSpec(path, &metadata);
    return metadata;
}

std::size_t labelledVoxels(const ExtractedNodes& nodes)
{
    return std::size_t(std::count_if(nodes.labels.data(), nodes.labels.data() + nodes.labels.voxelCount(),
                                     [](std::uint16_t label) { return label != 0; }));
}

}  // namespace

class OperatingPointTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void readsTheThresholdFromMetadata();
    void modelFileThresholdIsUsedUnlessOneIsGiven();
    void toolRefusesBadInput();
};

void OperatingPointTest::readsTheThresholdFromMetadata()
{
    QCOMPARE(operatingThreshold(R"({"operating_point": {"threshold": 0.8, "note": "validation"}})"), 0.8f);
    for (const char* none : {"{}", "not json", R"({"operating_point": 0.8})", R"({"operating_point": {"threshold": "0.8"}})",
                             R"({"operating_point": {"threshold": 1.5}})", R"({"operating_point": {"threshold": 0}})"})
        QVERIFY2(operatingThreshold(none) < 0, none);
}

void OperatingPointTest::modelFileThresholdIsUsedUnlessOneIsGiven()
{
    QTemporaryDir folder;
    const std::string model = folder.filePath("model.lnsegmodel").toStdString();
    fs::copy_file(std::string(LNSEG_CORE_SOURCE_DIR) + "/../resources/models/default.lnsegmodel", model);
    QString output;
    QCOMPARE(runTool({QString::fromStdString(model), "0.97", "a test"}, &output), 0);
    QVERIFY2(output.contains("0.97"), qPrintable(output));
    QCOMPARE(operatingThreshold(metadataOf(model)), 0.97f);
    QVERIFY(metadataOf(model).find("\"preprocessing\"") != std::string::npos);  // the rest of the metadata kept
    QVERIFY(!fs::exists(model + ".partial"));

    const PhantomCase phantom = generateNeckPhantom(PhantomOptions::small(31, 96, 96, 16), "case");
    NodeProposalOptions options;
    options.inference.threads = 1;
    const NodeProposal fromModel = proposeNodes(phantom.image, model, options);
    QCOMPARE(fromModel.threshold, 0.97f);
    options.thresholdFromModel = false;  // the caller's threshold (0.5) wins
    const NodeProposal given = proposeNodes(phantom.image, model, options);
    QCOMPARE(given.threshold, 0.5f);
    QVERIFY(labelledVoxels(fromModel.nodes) <= labelledVoxels(given.nodes));
    // The same probabilities, cut at the model's threshold.
    NodeExtractionOptions at97 = options.extraction;
    at97.threshold = 0.97f;
    QCOMPARE(labelledVoxels(extractNodes(given.probability, at97)), labelledVoxels(fromModel.nodes));
}

void OperatingPointTest::toolRefusesBadInput()
{
    QTemporaryDir folder;
    const std::string model = folder.filePath("model.lnsegmodel").toStdString();
    fs::copy_file(std::string(LNSEG_CORE_SOURCE_DIR) + "/../resources/models/default.lnsegmodel", model);
    const auto size = fs::file_size(model);
    QString output;
    QCOMPARE(runTool({QString::fromStdString(model), "1.5"}, &output), 1);
    QVERIFY2(output.contains("between 0 and 1"), qPrintable(output));
    QCOMPARE(fs::file_size(model), size);
    const std::string text = folder.filePath("not_a_model.lnsegmodel").toStdString();
    std::ofstream(text) << "hello";
    QCOMPARE(runTool({QString::fromStdString(text), "0.8"}, &output), 1);
    QVERIFY2(output.contains("not_a_model.lnsegmodel"), qPrintable(output));
    QCOMPARE(runTool({}, &output), 2);
}

QTEST_GUILESS_MAIN(OperatingPointTest)
#include "test_operating_point.moc"
