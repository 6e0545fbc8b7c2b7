#include "evaluation/SegmentationEvaluation.h"

#include <nlohmann/json.hpp>

#include <QtTest/QtTest>

#include <algorithm>
#include <map>

using namespace lnseg;

namespace {
ImageGeometry grid()
{
    ImageGeometry g;
    g.size = {40, 40, 10};
    g.spacing = {1.0, 1.0, 2.0};
    return g;
}
void box(LabelMap& labels, std::uint16_t label, int i0, int i1, int j0, int j1, int k0, int k1)
{
    for (int k = k0; k <= k1; ++k)
        for (int j = j0; j <= j1; ++j)
            for (int i = i0; i <= i1; ++i)
                labels.at(i, j, k) = label;
}
}  // namespace

class EvaluationTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void perfectPrediction();
    void partialAndFalsePositive();
    void perSliceDetectionOfThePaper();
    void mismatchedGridsAreRefused();
    void falsePositiveComponentsAreTheUntouchedOnes();
};

void EvaluationTest::perfectPrediction()
{
    LabelMap reference(grid());
    box(reference, 1, 5, 10, 5, 10, 2, 4);
    box(reference, 2, 20, 22, 20, 22, 6, 6);
    const CaseEvaluation e = evaluateCase(reference, reference, {{1, "IIA"}, {2, "III"}});
    QCOMPARE(e.dice, 1.0);
    QCOMPARE(e.iou, 1.0);
    QCOMPARE(e.meanSliceDice, 1.0);
    QCOMPARE(e.all.nodes, std::size_t(2));
    QCOMPARE(e.all.detected, std::size_t(2));
    QCOMPARE(e.falsePositives, std::size_t(0));
    QCOMPARE(e.byLevel.at("IIA").nodes, std::size_t(1));
    // Node 1 is 6x6 px of 1 mm: long axis ~ 5*sqrt(2)+1.41 mm -> 5-10 mm; node 2 3x3 -> < 5 mm.
    QCOMPARE(e.bySize.at("5-10mm").nodes, std::size_t(1));
    QCOMPARE(e.bySize.at("<5mm").nodes, std::size_t(1));
}

void EvaluationTest::partialAndFalsePositive()
{
    LabelMap reference(grid()), prediction(grid());
    box(reference, 1, 0, 9, 0, 9, 0, 0);       // 100 voxels
    box(prediction, 1, 0, 9, 0, 4, 0, 0);      // covers 50 of them
    box(prediction, 1, 30, 33, 30, 33, 5, 5);  // a separate false positive
    // Binary prediction: split into connected components.
    const CaseEvaluation e = evaluateCase(prediction, reference);
    // Dice = 2*50 / (66 + 100); IoU = 50 / 116.
    QVERIFY(std::abs(e.dice - 100.0 / 166.0) < 1e-12);
    QVERIFY(std::abs(e.iou - 50.0 / 116.0) < 1e-12);
    QCOMPARE(e.predictedComponents, std::size_t(2));
    QCOMPARE(e.all.detected, std::size_t(1));  // IoU 0.5 >= 0.1
    QCOMPARE(e.falsePositives, std::size_t(1));
    QCOMPARE(e.all.nodeSlicesFound, std::size_t(0));  // 50% < 80% coverage
    // Per-slice Dice over the one slice with nodes: 2*50/(50+100).
    QVERIFY(std::abs(e.meanSliceDice - 100.0 / 150.0) < 1e-12);
    const EvaluationSummary summary = summarize({e, e});
    QCOMPARE(summary.falsePositivesPerVolume, 1.0);
    const nlohmann::json json = toJson(summary);
    QCOMPARE(json["detection"]["nodes"].get<int>(), 2);
    QVERIFY(toTable(summary).find("false positives per volume") != std::string::npos);
}

void EvaluationTest::perSliceDetectionOfThePaper()
{
    // A node over 3 slices, covered fully on two of them and 70% on the third: 2/3 found.
    LabelMap reference(grid()), prediction(grid());
    box(reference, 1, 0, 9, 0, 9, 3, 5);
    box(prediction, 1, 0, 9, 0, 9, 3, 4);
    box(prediction, 1, 0, 9, 0, 6, 5, 5);
    const CaseEvaluation e = evaluateCase(prediction, reference);
    QCOMPARE(e.nodes.front().slices, 3);
    QCOMPARE(e.nodes.front().slicesFound, 2);
    QVERIFY(std::abs(e.all.sliceDetectionRate() - 2.0 / 3.0) < 1e-12);
}

void EvaluationTest::mismatchedGridsAreRefused()
{
    ImageGeometry other = grid();
    other.size[2] = 11;
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, evaluateCase(LabelMap(grid()), LabelMap(other)));
}

void EvaluationTest::falsePositiveComponentsAreTheUntouchedOnes()
{
    LabelMap reference(grid()), prediction(grid());
    box(reference, 1, 0, 9, 0, 9, 0, 1);
    box(prediction, 3, 5, 12, 5, 12, 1, 1);    // overlaps node 1 a little: not a false positive
    box(prediction, 4, 30, 33, 30, 33, 5, 6);  // touches nothing
    box(prediction, 7, 20, 21, 0, 1, 9, 9);    // touches nothing
    std::size_t count = 0;
    const LabelMap hard = falsePositiveComponents(prediction, reference, &count);
    QCOMPARE(count, std::size_t(2));
    QVERIFY(hard.geometry().sameGrid(prediction.geometry(), 0));
    std::map<std::uint16_t, std::size_t> voxels;
    for (std::size_t index = 0; index < hard.voxelCount(); ++index)
        if (hard.data()[index])
            ++voxels[hard.data()[index]];
    QCOMPARE(voxels.size(), std::size_t(2));
    QCOMPARE(voxels[4], std::size_t(4 * 4 * 2));  // labels kept
    QCOMPARE(voxels[7], std::size_t(2 * 2));

    // A binary prediction is split into components first: the part touching the node goes with it.
    LabelMap binary(grid());
    box(binary, 1, 8, 15, 8, 8, 0, 0);    // one component, touching node 1 at (8..9, 8)
    box(binary, 1, 30, 31, 30, 31, 0, 0); // another, apart
    const LabelMap hardFromBinary = falsePositiveComponents(binary, reference, &count);
    QCOMPARE(count, std::size_t(1));
    QCOMPARE(std::size_t(std::count_if(hardFromBinary.data(), hardFromBinary.data() + hardFromBinary.voxelCount(),
                                       [](std::uint16_t v) { return v != 0; })),
             std::size_t(4));
    QCOMPARE(hardFromBinary.at(15, 8, 0), std::uint16_t(0));

    ImageGeometry other = grid();
    other.size = {40, 40, 9};
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, falsePositiveComponents(LabelMap(other), reference));
}

QTEST_GUILESS_MAIN(EvaluationTest)
#include "test_evaluation.moc"
