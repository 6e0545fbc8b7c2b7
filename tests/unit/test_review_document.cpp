// The review document: every edit is undoable, voxel-exact, and human work is never overwritten.
#include "review/ReviewDocument.h"

#include <QtTest/QtTest>

#include <cstring>

using namespace lnseg;

namespace {

std::shared_ptr<const Volume> makeImage()
{
    ImageGeometry g;
    g.size = {64, 64, 20};
    g.spacing = {0.5, 0.5, 2.0};
    return std::make_shared<const Volume>(g, std::int16_t(40));
}

std::vector<std::uint16_t> snapshot(const LabelMap& labels)
{
    return std::vector<std::uint16_t>(labels.data(), labels.data() + labels.voxelCount());
}

ExtractedNodes proposalBlob(const ImageGeometry& g, int i0, int j0, int k0, int size, std::uint16_t label = 1)
{
    VoxelGrid<float> probability(g, 0.0f);
    for (int k = k0; k < k0 + 3; ++k)
        for (int j = j0; j < j0 + size; ++j)
            for (int i = i0; i < i0 + size; ++i)
                probability.at(i, j, k) = 0.9f;
    (void)label;
    return extractNodes(probability);
}

}  // namespace

class ReviewDocumentTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void paintStrokeUndoRedoIsVoxelExact();
    void eraseOnlyTouchesItsNode();
    void polygonFillAndInterpolation();
    void deleteMergeSplitUndo();
    void levelSideStatusUndoAndQueue();
    void proposalsNeverOverwriteHumanWork();
    void readOnlyDocumentIgnoresEdits();
};

void ReviewDocumentTest::paintStrokeUndoRedoIsVoxelExact()
{
    ReviewDocument document(makeImage());
    document.setReviewer("dr.test");
    const std::uint16_t node = document.createNode();
    QCOMPARE(node, std::uint16_t(1));
    const auto empty = snapshot(document.labels());
    QSignalSpy labelsChanged(&document, &ReviewDocument::labelsChanged);
    document.beginStroke(node, false);
    for (int step = 0; step < 5; ++step)
        document.paintDab(2, {20.0 + step, 30.0, 10.0}, 2.0);  // 2 mm = 4 px radius
    document.endStroke();
    QVERIFY(labelsChanged.count() >= 5);
    const auto painted = snapshot(document.labels());
    QVERIFY(painted != empty);
    QCOMPARE(document.labels().at(20, 30, 10), node);
    QCOMPARE(document.labels().at(20, 30, 9), std::uint16_t(0));  // only the one slice
    const NodeRecord* record = document.findNode(node);
    QVERIFY(record->measurement.voxelCount > 50);
    QCOMPARE(record->modifiedBy, std::string("dr.test"));
    QVERIFY(record->measurement.longAxisMm > 5.0);
    QCOMPARE(document.undoStack().count(), 2);  // new node + one stroke

    document.undoStack().undo();
    QVERIFY(snapshot(document.labels()) == empty);
    QCOMPARE(document.findNode(node)->measurement.voxelCount, std::size_t(0));
    document.undoStack().redo();
    QVERIFY(snapshot(document.labels()) == painted);
    QCOMPARE(document.findNode(node)->measurement.voxelCount, record->measurement.voxelCount);
}

void ReviewDocumentTest::eraseOnlyTouchesItsNode()
{
    ReviewDocument document(makeImage());
    const std::uint16_t a = document.createNode();
    const std::uint16_t b = document.createNode();
    document.beginStroke(a, false);
    document.paintDab(2, {20, 20, 5}, 3.0);
    document.endStroke();
    document.beginStroke(b, false);
    document.paintDab(2, {26, 20, 5}, 3.0);  // overlaps a: paints background only
    document.endStroke();
    QCOMPARE(document.labels().at(20, 20, 5), a);
    QCOMPARE(document.labels().at(28, 20, 5), b);
    const std::size_t bVoxels = document.findNode(b)->measurement.voxelCount;
    document.beginStroke(a, true);
    document.paintDab(2, {23, 20, 5}, 5.0);
    document.endStroke();
    QCOMPARE(document.labels().at(20, 20, 5), std::uint16_t(0));
    QCOMPARE(document.findNode(b)->measurement.voxelCount, bVoxels);
}

void ReviewDocumentTest::polygonFillAndInterpolation()
{
    ReviewDocument document(makeImage());
    const std::uint16_t node = document.createNode();
    // Squares on slices 4 and 8: 10x10 px and 16x16 px.
    document.fillPolygon(2, 4, {{20, 20}, {29.5, 20}, {29.5, 29.5}, {20, 29.5}}, node);
    document.fillPolygon(2, 8, {{17, 17}, {32.5, 17}, {32.5, 32.5}, {17, 32.5}}, node);
    QCOMPARE(document.findNode(node)->measurement.voxelCount, std::size_t(100 + 256));
    const auto before = snapshot(document.labels());
    document.interpolateBetweenSlices(node, 2);
    for (int slice = 5; slice <= 7; ++slice)
        QCOMPARE(document.labels().at(25, 25, slice), node);
    QCOMPARE(document.labels().at(25, 25, 3), std::uint16_t(0));
    QCOMPARE(document.labels().at(25, 25, 9), std::uint16_t(0));
    // The middle slice is about the average size.
    std::size_t middle = 0;
    for (int j = 0; j < 64; ++j)
        for (int i = 0; i < 64; ++i)
            middle += document.labels().at(i, j, 6) == node;
    QVERIFY2(middle > 120 && middle < 240, qPrintable(QString::number(middle)));
    document.undoStack().undo();
    QVERIFY(snapshot(document.labels()) == before);
    // Coronal polygon: (i, k) plane.
    document.fillPolygon(1, 40, {{0, 0}, {5, 0}, {5, 5}, {0, 5}}, node);
    QCOMPARE(document.labels().at(2, 40, 2), node);
}

void ReviewDocumentTest::deleteMergeSplitUndo()
{
    ReviewDocument document(makeImage());
    const std::uint16_t a = document.createNode();
    const std::uint16_t b = document.createNode();
    document.fillPolygon(2, 5, {{5, 5}, {10, 5}, {10, 10}, {5, 10}}, a);
    document.fillPolygon(2, 5, {{30, 30}, {35, 30}, {35, 35}, {30, 35}}, a);  // a has two parts
    document.fillPolygon(2, 12, {{40, 40}, {45, 40}, {45, 45}, {40, 45}}, b);
    const auto start = snapshot(document.labels());
    const std::size_t nodesBefore = document.nodes().size();

    const auto parts = document.splitNode(a);
    QCOMPARE(parts.size(), std::size_t(2));
    QCOMPARE(document.nodes().size(), nodesBefore + 1);
    QVERIFY(document.labels().at(7, 7, 5) != document.labels().at(32, 32, 5));
    QVERIFY(document.findNode(parts[1])->measurement.voxelCount > 0);

    document.mergeNodes(b, parts[1]);
    QCOMPARE(document.findNode(parts[1]), nullptr);
    QCOMPARE(document.labels().at(32, 32, 5), b);

    document.deleteNode(b);
    QCOMPARE(document.labels().at(32, 32, 5), std::uint16_t(0));
    QCOMPARE(document.labels().at(42, 42, 12), std::uint16_t(0));
    QCOMPARE(document.findNode(b), nullptr);

    document.undoStack().undo();
    document.undoStack().undo();
    document.undoStack().undo();
    QVERIFY(snapshot(document.labels()) == start);
    QCOMPARE(document.nodes().size(), nodesBefore);
}

void ReviewDocumentTest::levelSideStatusUndoAndQueue()
{
    ReviewDocument document(makeImage());
    const auto proposals = proposalBlob(document.labels().geometry(), 10, 10, 4, 14);
    QCOMPARE(document.addProposals(proposals, "snet-test"), std::size_t(1));
    const auto second = proposalBlob(document.labels().geometry(), 40, 40, 10, 14);
    // A second run replaces the untouched proposal, so add both in one set instead.
    ExtractedNodes both = proposals;
    for (std::size_t index = 0; index < both.labels.voxelCount(); ++index)
        if (second.labels.data()[index])
            both.labels.data()[index] = 2;
    ExtractedNode extra = second.nodes.front();
    extra.measurement.label = 2;
    both.nodes.push_back(extra);
    QCOMPARE(document.addProposals(both, "snet-test"), std::size_t(2));
    QCOMPARE(document.nodes().size(), std::size_t(2));
    QCOMPARE(document.reviewedCount(), std::size_t(0));
    const std::uint16_t first = document.nextUnreviewed(0);
    QVERIFY(first != 0);
    document.setStatus(first, NodeStatus::Accepted);
    document.setLevel(first, NodeLevel::IIA);
    document.setSide(first, NodeSide::Left);
    QCOMPARE(document.reviewedCount(), std::size_t(1));
    const std::uint16_t next = document.nextUnreviewed(first);
    QVERIFY(next != 0 && next != first);
    document.setStatus(next, NodeStatus::Rejected);
    QCOMPARE(document.nextUnreviewed(next), std::uint16_t(0));
    QCOMPARE(document.findNode(first)->level, NodeLevel::IIA);
    document.undoStack().undo();  // reject
    document.undoStack().undo();  // side
    QCOMPARE(document.findNode(first)->side, NodeSide::Unassigned);
    QCOMPARE(document.findNode(first)->level, NodeLevel::IIA);
    document.undoStack().undo();  // level
    QCOMPARE(document.findNode(first)->level, NodeLevel::Unassigned);
    document.undoStack().undo();  // accept
    QCOMPARE(document.reviewedCount(), std::size_t(0));
    // Level IA is a midline level.
    document.setLevel(first, NodeLevel::IA);
    QCOMPARE(document.findNode(first)->side, NodeSide::Midline);
}

void ReviewDocumentTest::proposalsNeverOverwriteHumanWork()
{
    ReviewDocument document(makeImage());
    const ImageGeometry g = document.labels().geometry();
    document.addProposals(proposalBlob(g, 10, 10, 4, 14), "model-a");
    const std::uint16_t proposal = document.nodes().front().label;
    document.setStatus(proposal, NodeStatus::Accepted);
    const std::uint16_t drawn = document.createNode();
    document.fillPolygon(2, 12, {{40, 40}, {50, 40}, {50, 50}, {40, 50}}, drawn);
    const auto humanVoxels = snapshot(document.labels());

    // The model proposes the same two places again plus one new node.
    VoxelGrid<float> probability(g, 0.0f);
    auto blob = [&](int i0, int j0, int k0, int k1, int size) {
        for (int k = k0; k <= k1; ++k)
            for (int j = j0; j < j0 + size; ++j)
                for (int i = i0; i < i0 + size; ++i)
                    probability.at(i, j, k) = 0.8f;
    };
    blob(10, 10, 4, 6, 14);
    blob(40, 40, 12, 12, 11);
    blob(20, 44, 15, 17, 12);
    const std::size_t added = document.addProposals(extractNodes(probability), "model-b");
    QCOMPARE(added, std::size_t(1));
    for (std::size_t index = 0; index < humanVoxels.size(); ++index)
        if (humanVoxels[index])
            QCOMPARE(document.labels().data()[index], humanVoxels[index]);
    QCOMPARE(document.findNode(proposal)->status, NodeStatus::Accepted);
    QCOMPARE(document.nodes().size(), std::size_t(3));
    // Running it again replaces only the untouched proposal.
    QCOMPARE(document.addProposals(extractNodes(probability), "model-c"), std::size_t(1));
    QCOMPARE(document.nodes().size(), std::size_t(3));
    QCOMPARE(document.nodes().back().proposedByModel, std::string("model-c"));
    document.undoStack().undo();
    QCOMPARE(document.nodes().back().proposedByModel, std::string("model-b"));
}

// A case someone else holds opens read-only: no editing call changes labels, nodes or the undo stack.
void ReviewDocumentTest::readOnlyDocumentIgnoresEdits()
{
    ReviewDocument document(makeImage());
    document.setReviewer("dr.second");
    const std::uint16_t node = document.createNode();
    document.beginStroke(node, false);
    document.paintDab(2, {20.0, 30.0, 10.0}, 2.0);
    document.endStroke();
    const auto before = snapshot(document.labels());
    const std::vector<NodeRecord> nodesBefore = document.nodes();
    const int steps = document.undoStack().count();
    document.setReadOnly(true);
    QVERIFY(document.isReadOnly());
    document.beginStroke(node, true);
    document.paintDab(2, {20.0, 30.0, 10.0}, 3.0);
    document.endStroke();
    document.fillPolygon(2, 12, {{{5, 5}}, {{15, 5}}, {{15, 15}}}, node);
    QCOMPARE(document.createNode(), std::uint16_t(0));
    document.setLevel(node, NodeLevel::III);
    document.setSide(node, NodeSide::Left);
    document.setStatus(node, NodeStatus::Accepted);
    QVERIFY(document.splitNode(node).empty());
    document.interpolateBetweenSlices(node);
    document.deleteNode(node);
    QVERIFY(snapshot(document.labels()) == before);
    QVERIFY(document.nodes() == nodesBefore);
    QCOMPARE(document.undoStack().count(), steps);
    document.setReadOnly(false);
    document.setLevel(node, NodeLevel::III);
    QCOMPARE(document.findNode(node)->level, NodeLevel::III);
}

QTEST_GUILESS_MAIN(ReviewDocumentTest)
#include "test_review_document.moc"
