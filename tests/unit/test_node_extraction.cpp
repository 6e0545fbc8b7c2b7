#include "nodes/NodeExtraction.h"

#include <QtTest/QtTest>

using namespace lnseg;

class NodeExtractionTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void thresholdsLabelsAndFilters();
    void dropsComponentsOnTooFewSlices();
};

void NodeExtractionTest::thresholdsLabelsAndFilters()
{
    ImageGeometry g;
    g.size = {64, 64, 8};
    g.spacing = {0.5, 0.5, 2.0};
    VoxelGrid<float> probability(g, 0.0f);
    // A 16x12 px blob (8 x 6 mm) over 3 slices at 0.9, a 4x4 px speck (2 mm) at 0.8, and a
    // below-threshold blob at 0.4 on two slices.
    for (int k = 2; k <= 4; ++k)
        for (int j = 10; j < 22; ++j)
            for (int i = 10; i < 26; ++i)
                probability.at(i, j, k) = 0.9f;
    for (int j = 40; j < 44; ++j)
        for (int i = 40; i < 44; ++i)
            probability.at(i, j, 6) = 0.8f;
    for (int k = 0; k <= 1; ++k)  // two slices: 4 mm, above the default minimum z extent
        for (int j = 40; j < 60; ++j)
            for (int i = 5; i < 25; ++i)
                probability.at(i, j, k) = 0.4f;
    const ExtractedNodes result = extractNodes(probability);
    QCOMPARE(result.nodes.size(), std::size_t(1));
    QCOMPARE(result.componentsRemoved, std::size_t(1));
    const ExtractedNode& node = result.nodes.front();
    QCOMPARE(node.measurement.label, std::uint16_t(1));
    QCOMPARE(node.measurement.voxelCount, std::size_t(16 * 12 * 3));
    QVERIFY(std::abs(node.meanProbability - 0.9) < 1e-6);
    QCOMPARE(node.measurement.firstSlice, 2);
    QCOMPARE(node.measurement.lastSlice, 4);
    QVERIFY(node.measurement.longAxisMm > 8.0 && node.measurement.longAxisMm < 11.0);
    QCOMPARE(result.labels.at(12, 12, 3), std::uint16_t(1));
    QCOMPARE(result.labels.at(41, 41, 6), std::uint16_t(0));  // removed speck
    QVERIFY(result.labels.geometry().sameGrid(g));
    // A lower threshold keeps the 0.4 blob too.
    NodeExtractionOptions options;
    options.threshold = 0.3f;
    QCOMPARE(extractNodes(probability, options).nodes.size(), std::size_t(2));
}

void NodeExtractionTest::dropsComponentsOnTooFewSlices()
{
    // Two 8 x 6 mm blobs: one on a single slice (a vessel cross-section as a 2D model sees it),
    // one on two slices.
    auto blobs = [](double sliceSpacing) {
        ImageGeometry g;
        g.size = {64, 64, 8};
        g.spacing = {0.5, 0.5, sliceSpacing};
        VoxelGrid<float> probability(g, 0.0f);
        for (int j = 10; j < 22; ++j)
            for (int i = 10; i < 26; ++i)
                probability.at(i, j, 3) = 0.9f;
        for (int k = 5; k <= 6; ++k)
            for (int j = 40; j < 52; ++j)
                for (int i = 40; i < 56; ++i)
                    probability.at(i, j, k) = 0.9f;
        return probability;
    };
    NodeExtractionOptions options;
    QCOMPARE(options.minimumZExtentMm, 3.0);  // the default, chosen on validation phantoms
    options.minimumZExtentMm = 0;
    QCOMPARE(extractNodes(blobs(1.5), options).nodes.size(), std::size_t(2));
    options.minimumZExtentMm = 3;
    const ExtractedNodes thin = extractNodes(blobs(1.5), options);
    QCOMPARE(thin.nodes.size(), std::size_t(1));
    QCOMPARE(thin.componentsRemoved, std::size_t(1));
    QCOMPARE(thin.nodes.front().measurement.firstSlice, 5);
    QCOMPARE(thin.labels.at(12, 12, 3), std::uint16_t(0));
    QCOMPARE(thin.labels.at(45, 45, 5), std::uint16_t(1));
    // With 3 mm slices one slice already spans 3 mm: both stay.
    QCOMPARE(extractNodes(blobs(3.0), options).nodes.size(), std::size_t(2));
}

QTEST_GUILESS_MAIN(NodeExtractionTest)
#include "test_node_extraction.moc"
