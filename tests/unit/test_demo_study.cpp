// findDemoStudy (where `lnseg demo` puts the demo) and ground-truth node lists from the phantom.
#include "review/DemoStudy.h"
#include "review/GroundTruthNodes.h"

#include <QTemporaryDir>
#include <QtTest/QtTest>

#include <fstream>

using namespace lnseg;

class DemoStudyTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void findsDemoOnlyWhenComplete();
    void readsGroundTruthNodes();
    void refusesBadNodeLists();
};

void DemoStudyTest::findsDemoOnlyWhenComplete()
{
    QTemporaryDir folder, home;
    qputenv("LNSEG_DEMO_DIR", folder.path().toUtf8());
    qputenv("HOME", home.path().toUtf8());
    QVERIFY(!findDemoStudy());
    std::ofstream(folder.filePath(QStringLiteral("demo_image.nii.gz")).toStdString()) << "x";
    std::ofstream(folder.filePath(QStringLiteral("demo_labels.nii.gz")).toStdString()) << "x";
    QVERIFY(!findDemoStudy());  // the node list is missing
    std::ofstream(folder.filePath(QStringLiteral("demo_nodes.json")).toStdString()) << "[]";
    const auto demo = findDemoStudy();
    QVERIFY(demo);
    QCOMPARE(QString::fromStdString(demo->imagePath), folder.filePath(QStringLiteral("demo_image.nii.gz")));
    // Without the variable, ~/.cache/lnseg/demo is used.
    qunsetenv("LNSEG_DEMO_DIR");
    QVERIFY(!findDemoStudy());
    const QString cache = home.filePath(QStringLiteral(".cache/lnseg/demo"));
    QVERIFY(QDir().mkpath(cache));
    for (const char* name : {"demo_image.nii.gz", "demo_labels.nii.gz", "demo_nodes.json"})
        std::ofstream((cache + QLatin1Char('/') + QLatin1String(name)).toStdString()) << "x";
    QCOMPARE(QString::fromStdString(findDemoStudy()->folder), cache);
}

void DemoStudyTest::readsGroundTruthNodes()
{
    QTemporaryDir folder;
    const std::string path = folder.filePath(QStringLiteral("nodes.json")).toStdString();
    std::ofstream(path) << R"({"nodes": [
        {"id": 1, "level": "IIA", "side": "left", "long_axis_mm": 12.5, "centre_mm": [1, 2, 3]},
        {"id": 7, "level": "IA", "side": "midline"},
        {"id": 3, "level": "unknown", "side": "R"}]})";
    const std::vector<NodeRecord> nodes = readGroundTruthNodes(path, "phantom");
    QCOMPARE(nodes.size(), std::size_t(3));
    QVERIFY(nodes[0].label == 1 && nodes[0].level == NodeLevel::IIA && nodes[0].side == NodeSide::Left);
    QVERIFY(nodes[1].label == 7 && nodes[1].level == NodeLevel::IA && nodes[1].side == NodeSide::Midline);
    QVERIFY(nodes[2].level == NodeLevel::Unassigned && nodes[2].side == NodeSide::Right);
    for (const NodeRecord& node : nodes) {
        QVERIFY(node.status == NodeStatus::Accepted);
        QVERIFY(node.proposedByModel.empty());
        QCOMPARE(node.createdBy, std::string("phantom"));
        QVERIFY(node.touchedByHuman());  // proposals never overwrite ground truth
    }
}

void DemoStudyTest::refusesBadNodeLists()
{
    QTemporaryDir folder;
    const std::string path = folder.filePath(QStringLiteral("bad.json")).toStdString();
    for (const char* text : {"{", "{\"a\": 1}", "[{\"level\": \"IA\"}]", "[{\"id\": 70000}]"}) {
        std::ofstream(path) << text;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, readGroundTruthNodes(path));
    }
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, readGroundTruthNodes(folder.filePath(QStringLiteral("none.json")).toStdString()));
}

QTEST_GUILESS_MAIN(DemoStudyTest)
#include "test_demo_study.moc"
