#include "nodes/NodeMeasurement.h"

#include <QtTest/QtTest>

using namespace lnseg;

class NodeMeasurementTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void rectangleAxes();
    void diagonalEllipse();
    void labelMapNodes();
};

void NodeMeasurementTest::rectangleAxes()
{
    // 10 x 4 pixels at 0.5 mm: 5 mm by 2 mm.
    std::vector<std::array<int, 2>> pixels;
    for (int j = 0; j < 4; ++j)
        for (int i = 0; i < 10; ++i)
            pixels.push_back({i, j});
    const AxisPair axes = measureAxes(pixels, 0.5, 0.5);
    // The longest diameter of a rectangle is its diagonal (between pixel centres, plus one pixel).
    QVERIFY(std::abs(axes.longAxisMm - (std::hypot(4.5, 1.5) + 0.5 * (4.5 + 1.5) / std::hypot(4.5, 1.5))) < 1e-9);
    // Perpendicular to that diagonal, the other two corners span 2 * 4.5 * 1.5 / diagonal, plus one pixel.
    const double diagonal = std::hypot(4.5, 1.5);
    QVERIFY(std::abs(axes.shortAxisMm - (2 * 4.5 * 1.5 / diagonal + 0.5 * (4.5 + 1.5) / diagonal)) < 1e-9);
}

void NodeMeasurementTest::diagonalEllipse()
{
    // An ellipse with semi-axes 20 and 8 pixels rotated by 45 degrees, 1 mm pixels.
    std::vector<std::array<int, 2>> pixels;
    const double c = std::cos(M_PI / 4), s = std::sin(M_PI / 4);
    for (int j = -30; j <= 30; ++j)
        for (int i = -30; i <= 30; ++i) {
            const double u = c * i + s * j, v = -s * i + c * j;
            if ((u * u) / 400.0 + (v * v) / 64.0 <= 1.0)
                pixels.push_back({i, j});
        }
    const AxisPair axes = measureAxes(pixels, 1.0, 1.0);
    QVERIFY2(std::abs(axes.longAxisMm - 40.0) < 2.5, qPrintable(QString::number(axes.longAxisMm)));
    QVERIFY2(std::abs(axes.shortAxisMm - 16.0) < 2.5, qPrintable(QString::number(axes.shortAxisMm)));
}

void NodeMeasurementTest::labelMapNodes()
{
    ImageGeometry g;
    g.size = {40, 40, 10};
    g.spacing = {0.5, 0.5, 2.0};
    g.origin = {10, 20, 30};
    LabelMap labels(g);
    // Node 1: a 6x6 block on slices 2..4, largest on slice 3 (8x8 there).
    for (int k = 2; k <= 4; ++k) {
        const int half = k == 3 ? 4 : 3;
        for (int j = 10 - half; j < 10 + half; ++j)
            for (int i = 10 - half; i < 10 + half; ++i)
                labels.at(i, j, k) = 1;
    }
    // Node 3 (no node 2): one voxel.
    labels.at(30, 30, 7) = 3;
    const auto nodes = measureNodes(labels);
    QCOMPARE(nodes.size(), std::size_t(2));
    QCOMPARE(nodes[0].label, std::uint16_t(1));
    QCOMPARE(nodes[0].voxelCount, std::size_t(36 + 64 + 36));
    QCOMPARE(nodes[0].firstSlice, 2);
    QCOMPARE(nodes[0].lastSlice, 4);
    QCOMPARE(nodes[0].largestSlice, 3);
    QVERIFY(std::abs(nodes[0].volumeMm3 - 136 * 0.5) < 1e-9);
    QVERIFY(std::abs(nodes[0].centre[2] - (30 + 3 * 2.0)) < 1e-9);
    QVERIFY(std::abs(nodes[0].centre[0] - (10 + 9.5 * 0.5)) < 1e-9);
    // 8x8 pixels of 0.5 mm: the diagonal between corner centres is 3.5*sqrt(2) mm, plus one pixel.
    QVERIFY(std::abs(nodes[0].longAxisMm - (3.5 * std::sqrt(2.0) + 0.5 * std::sqrt(2.0))) < 1e-9);
    QCOMPARE(nodes[1].label, std::uint16_t(3));
    QCOMPARE(nodes[1].longAxisMm, 0.5);
    QCOMPARE(nodes[1].shortAxisMm, 0.5);
}

QTEST_GUILESS_MAIN(NodeMeasurementTest)
#include "test_node_measurement.moc"
