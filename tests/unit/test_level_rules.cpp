// The nodal level boundary rules (anatomy/LevelRules.h) on a hand-built landmark set, and the
// phantom generator's own level labels checked against the same rules on its true anatomy.

#include "anatomy/LevelRules.h"
#include "phantom/NeckPhantom.h"
#include "../support/PhantomLandmarks.h"

#include <nlohmann/json.hpp>

#include <QtTest/QtTest>

using namespace lnseg;

namespace {

// A simple neck: midline x = 2, heights 0 (manubrium), 40 (cricoid), 85 (hyoid), 95 (mandible),
// 170 (skull base); on each side the vein at |x - 2| = 35, y = 0, radius 6; the carotid at
// |x - 2| = 22, y = -8, radius 4 (medial wall at 18); the back of the sternocleidomastoid at
// y = 10; the back of the submandibular glands at y = -20.
AnatomicalLandmarks simpleNeck()
{
    AnatomicalLandmarks marks;
    marks.manubriumTop = {true, 0, 1};
    marks.cricoidBottom = {true, 40, 1};
    marks.hyoidBottom = {true, 85, 1};
    marks.mandibleBottom = {true, 95, 1};
    marks.skullBase = {true, 170, 1};
    marks.gland[0] = marks.gland[1] = {true, -20, 1};
    marks.digastricFound = true;
    marks.submentalHalfWidthMm = 10;
    marks.vesselConfidence = marks.muscleConfidence = 1;
    for (double z = -20; z <= 180; z += 2) {
        LandmarkSection section;
        section.z = z;
        section.midlineX = 2;
        for (int side = 0; side < 2; ++side) {
            const double sign = side ? 1 : -1;
            SideSection& s = section.side[side];
            s.vein = s.artery = s.muscle = true;
            s.veinX = 2 + sign * 35; s.veinY = 0; s.veinRadius = 6;
            s.arteryX = 2 + sign * 22; s.arteryY = -8; s.arteryRadius = 4;
            s.muscleBackY = 10; s.muscleX = 2 + sign * 45;
        }
        marks.sections.push_back(section);
    }
    return marks;
}

}  // namespace

class LevelRulesTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void levelsFromTheBoundaries()
    {
        const AnatomicalLandmarks marks = simpleNeck();
        auto level = [&](double x, double y, double z) { return std::string(toString(levelAtPoint({x, y, z}, marks))); };
        QCOMPARE(level(4, -30, 100), std::string("IA"));    // submental, between the digastrics
        QCOMPARE(level(30, -30, 100), std::string("IB"));   // lateral to them, in front of the gland's back
        QCOMPARE(level(40, -10, 110), std::string("IIA"));  // behind the gland, in front of the vein's back
        QCOMPARE(level(40, 8, 110), std::string("IIB"));    // behind the vein's back, in front of the SCM's back
        QCOMPARE(level(45, 16, 110), std::string("VA"));    // behind the SCM
        QCOMPARE(level(8, 0, 120), std::string("RP"));      // medial to the internal carotid, above the hyoid
        QCOMPARE(level(-35, -10, 60), std::string("III"));  // hyoid to cricoid
        QCOMPARE(level(-35, 16, 60), std::string("VA"));
        QCOMPARE(level(-35, -10, 20), std::string("IV"));   // cricoid to manubrium
        QCOMPARE(level(-35, 16, 20), std::string("VB"));
        QCOMPARE(level(-6, -10, 20), std::string("VI"));    // between the carotids
        QCOMPARE(level(4, -10, -10), std::string("VII"));   // below the top of the manubrium
        QCOMPARE(level(40, 0, 175), std::string("other"));  // above the skull base
    }
    void sideFromPhysicalX()
    {
        const AnatomicalLandmarks marks = simpleNeck();
        QCOMPARE(suggestLevel({40, -10, 60}, marks).side, NodeSide::Left);   // LPS: +x is the patient's left
        QCOMPARE(suggestLevel({-30, -10, 60}, marks).side, NodeSide::Right);
        // Relative to the midline (x = 2), not to x = 0.
        QCOMPARE(sideOfLevel(NodeLevel::III, {1, -10, 60}, marks), NodeSide::Right);
        QCOMPARE(suggestLevel({4, -30, 100}, marks).side, NodeSide::Midline);  // IA
        QCOMPARE(suggestLevel({-6, -10, 20}, marks).side, NodeSide::Midline);  // VI
    }
    void uncertainNearABoundary()
    {
        const AnatomicalLandmarks marks = simpleNeck();
        // Well inside III: certain.
        const LevelSuggestion inside = suggestLevel({-35, -10, 62}, marks);
        QCOMPARE(inside.level, NodeLevel::III);
        QVERIFY(inside.alternatives.empty());
        QVERIFY(inside.confidence > 0.95);
        QCOMPARE(inside.describe(), std::string("III"));
        // 1 mm above the bottom of the hyoid: II or III.
        const LevelSuggestion near = suggestLevel({-35, -10, 86}, marks);
        QCOMPARE(near.level, NodeLevel::IIA);
        QCOMPARE(near.alternatives, std::vector<NodeLevel>{NodeLevel::III});
        QVERIFY(near.confidence < 0.8);
        QCOMPARE(near.describe(), std::string("uncertain between IIA and III"));
    }
    void missingLandmarksAreNamedAndLowerConfidence()
    {
        AnatomicalLandmarks marks = simpleNeck();
        marks.cricoidBottom = {};
        const LevelSuggestion s = suggestLevel({-35, -10, 60}, marks);
        QVERIFY(std::find(s.missing.begin(), s.missing.end(), "cricoid cartilage") != s.missing.end());
        QVERIFY(s.confidence <= 0.5);
        QVERIFY(std::find(marks.missing().begin(), marks.missing().end(), std::string("cricoid cartilage")) != marks.missing().end());
        const nlohmann::json json = toJson(marks);
        QCOMPARE(json["cricoid_bottom"]["found"].get<bool>(), false);
        QVERIFY(!json["cricoid_bottom"].contains("z_mm"));
        QCOMPARE(json["hyoid_bottom"]["z_mm"].get<double>(), 85.0);
    }
    // The generator labels each node by the published rules on its own anatomy: the same rules
    // applied to the phantom's true landmarks give the generator's level and side for every node.
    void phantomLabelsFollowTheRules()
    {
        int nodes = 0, agree = 0, sides = 0;
        for (std::uint64_t seed : {5u, 6u, 7u}) {
            PhantomOptions options = PhantomOptions::small(seed, 128, 128, 48);
            const PhantomCase phantom = generateNeckPhantom(options, "rules");
            const AnatomicalLandmarks truth = phantomLandmarks(*phantomAnatomy(options));
            for (const PhantomNode& node : phantom.nodes) {
                // The rules at the node's drawn centre (the labelled centroid differs by voxels).
                const NodeLevel level = levelAtPoint(node.centre, truth);
                ++nodes;
                agree += node.level == toString(level);
                sides += node.side == toString(sideOfLevel(level, node.centre, truth));
            }
        }
        QVERIFY(nodes > 20);
        // The centroid on a 2.6 mm grid lies up to ~1.5 mm from the drawn centre: allow 1 in 20.
        QVERIFY2(agree >= 0.95 * nodes, qPrintable(QString("%1 of %2").arg(agree).arg(nodes)));
        QVERIFY2(sides >= 0.95 * nodes, qPrintable(QString("%1 of %2").arg(sides).arg(nodes)));
    }
};

QTEST_GUILESS_MAIN(LevelRulesTest)
#include "test_level_rules.moc"
