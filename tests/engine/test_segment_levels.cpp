// `lnseg segment --nodes` writes level, side and level_confidence for every node (issue 15): the
// phantom's reference label map as the probability map (--from-prob: no network), so the nodes
// are the reference nodes and their suggested levels can be checked against the phantom's.

#include "io/ImageFileIO.h"
#include "nodes/NodeVocabulary.h"
#include "phantom/NeckPhantom.h"

#include <nlohmann/json.hpp>

#include <QtCore/QProcess>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>
#include <fstream>

class SegmentLevelsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void nodesCarryTheirSuggestedLevels()
    {
        QTemporaryDir folder;
        lnseg::PhantomOptions options = lnseg::PhantomOptions::small(31950, 288, 288, 160);
        options.threads = 2;
        const lnseg::PhantomCase phantom = lnseg::generateNeckPhantom(options, "levels");
        const std::string image = folder.filePath("image.nii.gz").toStdString(), map = folder.filePath("map.nii.gz").toStdString();
        lnseg::writeImage(phantom.image, image);
        lnseg::VoxelGrid<float> probability(phantom.labels.geometry(), 0.0f);
        for (std::size_t n = 0; n < probability.voxelCount(); ++n)
            probability.data()[n] = phantom.labels.data()[n] ? 1.0f : 0.0f;
        lnseg::writeImage(probability, map);

        QProcess process;
        process.start(LNSEG_CLI_PATH, {"segment", QString::fromStdString(image), "--from-prob", QString::fromStdString(map),
                                       "--out", folder.filePath("labels.nii.gz"), "--nodes", folder.filePath("nodes.json"),
                                       "--landmarks", folder.filePath("landmarks.json"), "--min-long-axis", "0"});
        QVERIFY(process.waitForFinished(120000));
        QVERIFY2(process.exitCode() == 0, process.readAllStandardError().constData());

        std::ifstream nodesFile(folder.filePath("nodes.json").toStdString());
        const nlohmann::json nodes = nlohmann::json::parse(nodesFile);
        QVERIFY(nodes.is_array() && nodes.size() >= 5);
        int matched = 0, sameLevel = 0, sameSide = 0;
        for (const nlohmann::json& node : nodes) {
            QVERIFY(node["level"].is_string() && lnseg::nodeLevelFromString(node["level"].get<std::string>()));
            QVERIFY(node["side"].is_string() && lnseg::nodeSideFromString(node["side"].get<std::string>()));
            const double confidence = node["level_confidence"].get<double>();
            QVERIFY(confidence >= 0 && confidence <= 1);
            QCOMPARE(node["level_source"].get<std::string>(), std::string("suggested"));
            QVERIFY(node["level_alternatives"].is_array());
            // The reference node at the same centre.
            const auto centre = node["centre_mm"].get<std::vector<double>>();
            for (const lnseg::PhantomNode& reference : phantom.nodes)
                if (std::hypot(reference.centre[0] - centre[0], reference.centre[1] - centre[1], reference.centre[2] - centre[2]) < 2.0) {
                    ++matched;
                    sameLevel += reference.level == node["level"].get<std::string>();
                    sameSide += reference.side == node["side"].get<std::string>();
                }
        }
        QVERIFY(matched >= 0.8 * nodes.size());
        QVERIFY2(sameLevel >= 0.8 * matched, qPrintable(QString("%1 of %2").arg(sameLevel).arg(matched)));
        QVERIFY(sameSide >= 0.95 * matched);

        std::ifstream landmarksFile(folder.filePath("landmarks.json").toStdString());
        const nlohmann::json landmarks = nlohmann::json::parse(landmarksFile);
        QVERIFY(landmarks["hyoid_bottom"]["found"].get<bool>());
        QVERIFY(std::abs(landmarks["hyoid_bottom"]["z_mm"].get<double>() - phantom.landmarks.hyoidBottom) < 4.0);
        QVERIFY(landmarks["missing"].is_array());
        QVERIFY(landmarks["sections"].is_array());
    }
};

QTEST_GUILESS_MAIN(SegmentLevelsTest)
#include "test_segment_levels.moc"
