// Review actions on suggested levels (ReviewDocument::suggestLevels / confirmLevel / setLevel):
// the record says suggested until a reader confirms or changes it, each is one undo step, and the
// provenance survives the node JSON.

#include "anatomy/AnatomicalLandmarks.h"
#include "nodes/NodeRecord.h"
#include "review/ReviewDocument.h"

#include <nlohmann/json.hpp>

#include <QtTest/QtTest>

using namespace lnseg;

namespace {

// Heights only: manubrium 0, cricoid 40, hyoid 85, mandible 95 (no vessels: levels III/IV by height).
AnatomicalLandmarks heights()
{
    AnatomicalLandmarks marks;
    marks.manubriumTop = {true, 0, 1};
    marks.cricoidBottom = {true, 40, 1};
    marks.hyoidBottom = {true, 85, 1};
    marks.mandibleBottom = {true, 95, 1};
    for (double z = -10; z <= 120; z += 2) {
        LandmarkSection section;
        section.z = z;
        for (int side = 0; side < 2; ++side) {
            SideSection& s = section.side[side];
            s.muscle = true;
            s.muscleBackY = 30;
        }
        marks.sections.push_back(section);
    }
    return marks;
}

}  // namespace

class LevelReviewTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void suggestConfirmChange()
    {
        ImageGeometry geometry;
        geometry.size = {40, 40, 40};
        geometry.spacing = {2, 2, 2};
        geometry.origin = {-40, -40, 0};  // x from -40 (right) to 38 (left), z 0..78
        auto image = std::make_shared<Volume>(geometry, 0);
        ReviewDocument document(image);
        document.setReviewer("reader");
        // A hand-drawn node at x = 20 (left), z = 60 (between cricoid and hyoid: III).
        const std::uint16_t label = document.createNode();
        document.beginStroke(label, false);
        document.paintDab(2, {30, 20, 30}, 4);
        document.endStroke();
        QVERIFY(document.findNode(label)->measurement.voxelCount > 0);

        const int steps = document.undoStack().count();
        QCOMPARE(document.suggestLevels(heights()), std::size_t(1));
        QCOMPARE(document.undoStack().count(), steps + 1);
        const NodeRecord* node = document.findNode(label);
        QCOMPARE(node->level, NodeLevel::III);
        QCOMPARE(node->side, NodeSide::Left);
        QCOMPARE(node->levelSource, LevelSource::Suggested);
        QVERIFY(node->levelIsSuggestion());
        QVERIFY(node->levelConfidence > 0 && node->levelConfidence <= 1);
        QCOMPARE(node->levelSuggestion, std::string("III"));

        // JSON: level, source, confidence, what was suggested; read back the same.
        const nlohmann::json json = toJson(*node);
        QCOMPARE(json["level_source"].get<std::string>(), std::string("suggested"));
        QCOMPARE(json["level_was_suggested"].get<bool>(), true);
        const NodeRecord read = nodeRecordFromJson(json);  // (measurements are re-measured on load)
        QCOMPARE(read.levelSource, LevelSource::Suggested);
        QCOMPARE(read.levelConfidence, node->levelConfidence);
        QCOMPARE(read.levelSuggestion, node->levelSuggestion);
        QCOMPARE(read.level, NodeLevel::III);

        // Confirm (the key in the node table): one step, undoable.
        document.confirmLevel(label);
        QCOMPARE(document.findNode(label)->levelSource, LevelSource::Confirmed);
        QCOMPARE(document.findNode(label)->level, NodeLevel::III);
        document.undoStack().undo();
        QCOMPARE(document.findNode(label)->levelSource, LevelSource::Suggested);
        document.undoStack().redo();
        // A later suggestion leaves a confirmed level alone.
        QCOMPARE(document.suggestLevels(heights()), std::size_t(0));

        // The reader changes it: provenance "reader", the suggestion kept for the record.
        document.setLevel(label, NodeLevel::IV);
        node = document.findNode(label);
        QCOMPARE(node->levelSource, LevelSource::Reader);
        QCOMPARE(node->levelSuggestion, std::string("III"));
        QCOMPARE(toJson(*node)["level_was_suggested"].get<bool>(), true);
        QCOMPARE(document.suggestLevels(heights()), std::size_t(0));
        document.undoStack().undo();
        QCOMPARE(document.findNode(label)->level, NodeLevel::III);

        // Choosing the suggested level itself counts as confirming it.
        document.undoStack().undo();  // back to suggested
        QCOMPARE(document.findNode(label)->levelSource, LevelSource::Suggested);
        document.setLevel(label, NodeLevel::III);
        QCOMPARE(document.findNode(label)->levelSource, LevelSource::Confirmed);
    }
    void suggestionFollowsTheVoxels()
    {
        ImageGeometry geometry;
        geometry.size = {40, 40, 40};
        geometry.spacing = {2, 2, 2};
        geometry.origin = {-40, -40, 0};
        ReviewDocument document(std::make_shared<Volume>(geometry, 0));
        document.setReviewer("reader");
        QSignalSpy landmarksChanged(&document, &ReviewDocument::landmarksChanged);
        AnatomicalLandmarks marks = heights();
        marks.cricoidBottom = {};  // not found: named with the suggestion
        document.setLandmarks(std::make_shared<const AnatomicalLandmarks>(marks));
        QCOMPARE(landmarksChanged.count(), 1);
        QVERIFY(document.undoStack().count() == 0);  // landmarks are no edit

        // A node drawn by hand gets its suggestion with the stroke: one undo step.
        const std::uint16_t label = document.createNode();
        const int steps = document.undoStack().count();
        document.beginStroke(label, false);
        document.paintDab(2, {30, 20, 30}, 4);  // z = 60
        document.endStroke();
        QCOMPARE(document.undoStack().count(), steps + 1);
        const NodeRecord* node = document.findNode(label);
        QCOMPARE(node->levelSource, LevelSource::Suggested);
        QVERIFY(node->level != NodeLevel::Unassigned);
        QVERIFY(!node->levelMissingLandmarks.empty());
        const NodeRecord read = nodeRecordFromJson(toJson(*node));
        QCOMPARE(read.levelMissingLandmarks, node->levelMissingLandmarks);
        QCOMPARE(read.levelAlternatives, node->levelAlternatives);
        document.undoStack().undo();
        QCOMPARE(document.findNode(label)->levelSource, LevelSource::None);
        QCOMPARE(document.findNode(label)->level, NodeLevel::Unassigned);
        document.undoStack().redo();

        // Moved down (z = 20, between manubrium and cricoid estimate): the suggestion follows;
        // once confirmed, painting leaves the level alone.
        document.beginStroke(label, false);
        document.paintDab(2, {30, 20, 10}, 4);
        document.endStroke();
        document.beginStroke(label, true);
        document.paintDab(2, {30, 20, 30}, 6);
        document.endStroke();
        const NodeLevel moved = document.findNode(label)->level;
        QCOMPARE(document.findNode(label)->levelSource, LevelSource::Suggested);
        QVERIFY(moved != read.level);
        document.confirmLevel(label);
        document.beginStroke(label, false);
        document.paintDab(2, {30, 20, 30}, 4);
        document.endStroke();
        QCOMPARE(document.findNode(label)->level, moved);
        QCOMPARE(document.findNode(label)->levelSource, LevelSource::Confirmed);
    }
    void unknownSourceIsAnError()
    {
        nlohmann::json json{{"id", 3}, {"level", "III"}, {"side", "left"}, {"level_source", "guessed"}};
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, nodeRecordFromJson(json));
    }
};

QTEST_GUILESS_MAIN(LevelReviewTest)
#include "test_level_review.moc"
