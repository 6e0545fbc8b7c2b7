// Tests of the synthetic neck phantom. With LNSEG_PHANTOM_VIEWS=<folder> the dumpViews test also
// writes axial/coronal/sagittal views (W400/L40, PGM) there; with LNSEG_PHANTOM_FULL=1 it uses the
// default 512 x 512 x 160 grid and prints the generation time.

#include "phantom/NeckPhantom.h"
#include "nodes/NodeMeasurement.h"
#include "phantom/PhantomRandom.h"
#include "phantom/Tissue.h"

#include <QtCore/QElapsedTimer>
#include <QtTest/QtTest>

#include <cmath>
#include <cstring>
#include <fstream>
#include <map>
#include <set>

using namespace lnseg;

namespace {

PhantomOptions testOptions(std::uint64_t seed)
{
    PhantomOptions options = PhantomOptions::small(seed, 160, 160, 64);
    options.keepTissueMap = true;
    return options;
}

bool sameVoxels(const PhantomCase& a, const PhantomCase& b)
{
    return a.image.voxelCount() == b.image.voxelCount() &&
           std::memcmp(a.image.data(), b.image.data(), a.image.voxelCount() * sizeof(std::int16_t)) == 0 &&
           std::memcmp(a.labels.data(), b.labels.data(), a.labels.voxelCount() * sizeof(std::uint16_t)) == 0;
}

bool sameNodes(const PhantomCase& a, const PhantomCase& b) { return toJson(a.nodes) == toJson(b.nodes); }

}  // namespace

class PhantomTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void randomStreamIsPortable();
    void deterministic();
    void independentOfThreadCount();
    void differentSeedsDiffer();
    void nodeCountWithinRange();
    void labelsMatchNodes();
    void measurementsMatchLabelMap();
    void nodeIntensities();
    void noiseFreeNodeValues();
    void vesselsBrighterThanNodes();
    void levelsAndSides();
    void nodesAvoidVesselsAirwayAndBone();
    void jsonFields();
    void rejectsBadOptions();
    void manySeeds();

private:
    std::vector<PhantomCase> m_cases;  // three seeds, test size, with tissue maps
};

void PhantomTest::initTestCase()
{
    for (std::uint64_t seed : {11u, 22u, 33u})
        m_cases.push_back(generateNeckPhantom(testOptions(seed), "test-" + std::to_string(seed)));
}

void PhantomTest::randomStreamIsPortable()
{
    // The 10000th output of a default-seeded mt19937_64 is fixed by the C++ standard.
    std::mt19937_64 engine;
    engine.discard(9999);
    QCOMPARE(engine(), 9981545732273789042ull);
    PhantomRandom a(7), b(7);
    for (int i = 0; i < 100; ++i)
        QCOMPARE(a.normal(), b.normal());
    PhantomRandom random(5);
    double sum = 0, squares = 0;
    const int count = 20000;
    for (int i = 0; i < count; ++i) {
        const double value = random.normal(3.0, 2.0);
        sum += value;
        squares += value * value;
    }
    const double mean = sum / count, variance = squares / count - mean * mean;
    QVERIFY(std::abs(mean - 3.0) < 0.1);
    QVERIFY(std::abs(std::sqrt(variance) - 2.0) < 0.1);
}

void PhantomTest::deterministic()
{
    const PhantomCase again = generateNeckPhantom(testOptions(11), "again");
    QVERIFY(sameVoxels(m_cases[0], again));
    QVERIFY(sameNodes(m_cases[0], again));
}

void PhantomTest::independentOfThreadCount()
{
    PhantomOptions options = testOptions(11);
    options.threads = 3;
    const PhantomCase threaded = generateNeckPhantom(options, "threaded");
    QVERIFY(sameVoxels(m_cases[0], threaded));
    QVERIFY(sameNodes(m_cases[0], threaded));
}

void PhantomTest::differentSeedsDiffer()
{
    QVERIFY(!sameVoxels(m_cases[0], m_cases[1]));
    QVERIFY(!sameNodes(m_cases[0], m_cases[1]));
}

void PhantomTest::nodeCountWithinRange()
{
    for (const PhantomCase& phantom : m_cases) {
        QVERIFY2(phantom.nodes.size() >= 5 && phantom.nodes.size() <= 30, std::to_string(phantom.nodes.size()).c_str());
    }
    PhantomOptions options = PhantomOptions::small(4, 96, 96, 24);
    options.minimumNodes = 2;
    options.maximumNodes = 3;
    const PhantomCase few = generateNeckPhantom(options, "few");
    QVERIFY(few.nodes.size() >= 2 && few.nodes.size() <= 3);
}

void PhantomTest::labelsMatchNodes()
{
    for (const PhantomCase& phantom : m_cases) {
        std::map<int, std::size_t> counts;
        const std::uint16_t* labels = phantom.labels.data();
        for (std::size_t n = 0; n < phantom.labels.voxelCount(); ++n)
            if (labels[n])
                ++counts[labels[n]];
        QCOMPARE(counts.size(), phantom.nodes.size());
        const ImageGeometry geometry = phantom.labels.geometry();
        const double voxelVolume = geometry.spacing[0] * geometry.spacing[1] * geometry.spacing[2];
        for (std::size_t index = 0; index < phantom.nodes.size(); ++index) {
            const PhantomNode& node = phantom.nodes[index];
            QCOMPARE(node.id, static_cast<int>(index) + 1);
            QVERIFY(counts.count(node.id));
            QVERIFY(std::abs(node.volumeMm3 - counts[node.id] * voxelVolume) < 1e-6);
            // The centre lies within the node's slice span and inside the image.
            const Vector3 centreIndex = geometry.worldToIndex(node.centre);
            QVERIFY(centreIndex[2] >= node.firstSlice - 0.5 && centreIndex[2] <= node.lastSlice + 0.5);
            QVERIFY(geometry.contains(std::lround(centreIndex[0]), std::lround(centreIndex[1]), std::lround(centreIndex[2])));
        }
    }
}

void PhantomTest::measurementsMatchLabelMap()
{
    // Independent re-measurement: largest axial cross-section, long axis as the largest distance
    // between pixel CORNERS, short axis as the largest corner extent perpendicular to it.
    for (const PhantomCase& phantom : m_cases) {
        const ImageGeometry g = phantom.labels.geometry();
        for (const PhantomNode& node : phantom.nodes) {
            int bestSlice = -1;
            std::size_t bestArea = 0;
            int first = -1, last = -1;
            for (std::int64_t k = 0; k < g.size[2]; ++k) {
                std::size_t area = 0;
                for (std::int64_t j = 0; j < g.size[1]; ++j)
                    for (std::int64_t i = 0; i < g.size[0]; ++i)
                        area += phantom.labels.at(i, j, k) == node.id;
                if (area) {
                    if (first < 0)
                        first = static_cast<int>(k);
                    last = static_cast<int>(k);
                }
                if (area > bestArea) {
                    bestArea = area;
                    bestSlice = static_cast<int>(k);
                }
            }
            QCOMPARE(node.firstSlice, first);
            QCOMPARE(node.lastSlice, last);
            std::vector<std::array<double, 2>> corners;
            for (std::int64_t j = 0; j < g.size[1]; ++j)
                for (std::int64_t i = 0; i < g.size[0]; ++i)
                    if (phantom.labels.at(i, j, bestSlice) == node.id)
                        for (double dx : {-0.5, 0.5})
                            for (double dy : {-0.5, 0.5})
                                corners.push_back({(i + dx) * g.spacing[0], (j + dy) * g.spacing[1]});
            double longest = 0;
            std::array<double, 2> direction{1, 0};
            for (std::size_t a = 0; a < corners.size(); ++a)
                for (std::size_t b = a + 1; b < corners.size(); ++b) {
                    const double d = std::hypot(corners[b][0] - corners[a][0], corners[b][1] - corners[a][1]);
                    if (d > longest) {
                        longest = d;
                        direction = {(corners[b][0] - corners[a][0]) / d, (corners[b][1] - corners[a][1]) / d};
                    }
                }
            double low = 1e30, high = -1e30;
            for (const auto& c : corners) {
                const double p = -direction[1] * c[0] + direction[0] * c[1];
                low = std::min(low, p);
                high = std::max(high, p);
            }
            const double pixel = g.spacing[0];
            QVERIFY2(std::abs(node.longAxisMm - longest) <= pixel, qPrintable(QString("long %1 vs %2").arg(node.longAxisMm).arg(longest)));
            QVERIFY2(std::abs(node.shortAxisMm - (high - low)) <= pixel,
                     qPrintable(QString("short %1 vs %2").arg(node.shortAxisMm).arg(high - low)));
            QVERIFY(node.shortAxisMm <= node.longAxisMm + 1e-9);
            QVERIFY(node.longAxisMm <= 16.0 + 2 * pixel);
        }
    }
}

void PhantomTest::nodeIntensities()
{
    // Voxels inside a node (all four in-plane neighbours in the same node), without a fatty
    // hilum, on the node's best slice (the others suffer partial volume along z): mean within the
    // painted range 20-80 HU, allowing for noise, texture and edge blur.
    int checked = 0;
    for (const PhantomCase& phantom : m_cases) {
        const Size3 size = phantom.labels.size();
        std::map<std::pair<int, std::int64_t>, std::pair<double, int>> sums;  // (label, slice)
        for (std::int64_t k = 0; k < size[2]; ++k)
            for (std::int64_t j = 1; j + 1 < size[1]; ++j)
                for (std::int64_t i = 1; i + 1 < size[0]; ++i) {
                    const int label = phantom.labels.at(i, j, k);
                    if (!label || phantom.labels.at(i - 1, j, k) != label || phantom.labels.at(i + 1, j, k) != label ||
                        phantom.labels.at(i, j - 1, k) != label || phantom.labels.at(i, j + 1, k) != label)
                        continue;
                    auto& sum = sums[{label, k}];
                    sum.first += phantom.image.at(i, j, k);
                    ++sum.second;
                }
        std::map<int, double> best;
        for (const auto& [key, sum] : sums)
            if (sum.second >= 3) {
                const double mean = sum.first / sum.second;
                best[key.first] = best.count(key.first) ? std::max(best[key.first], mean) : mean;
            }
        for (const PhantomNode& node : phantom.nodes) {
            if (node.fattyHilum || !best.count(node.id))
                continue;
            const double mean = best[node.id];
            // Nodes spanning three slices or more have a slice free of partial volume along z.
            const bool thick = node.lastSlice - node.firstSlice >= 2;
            QVERIFY2(mean > 20 - 45 && mean < 80 + 25 && (!thick || std::abs(mean - node.meanValue) < 35),
                     qPrintable(QString("node %1 mean %2 painted %3").arg(node.id).arg(mean).arg(node.meanValue)));
            ++checked;
        }
    }
    QVERIFY(checked >= 3);
}

void PhantomTest::noiseFreeNodeValues()
{
    PhantomOptions options = testOptions(11);
    options.noiseStandardDeviation = 0;
    options.blurSigmaInPlane = 0;
    options.blurSigmaAlongZ = 0;
    const PhantomCase clean = generateNeckPhantom(options, "clean");
    // Without noise and blur, the voxel at each node's deepest point holds its value +- texture.
    for (const PhantomNode& node : clean.nodes) {
        if (node.fattyHilum)
            continue;
        const ImageGeometry g = clean.labels.geometry();
        double best = -1e9;
        for (std::int64_t k = node.firstSlice; k <= node.lastSlice; ++k)
            for (std::int64_t j = 0; j < g.size[1]; ++j)
                for (std::int64_t i = 0; i < g.size[0]; ++i)
                    if (clean.labels.at(i, j, k) == node.id)
                        best = std::max(best, double(clean.image.at(i, j, k)));
        QVERIFY2(best <= node.meanValue + 9 && node.meanValue >= 20 && node.meanValue <= 80,
                 qPrintable(QString("node %1 max %2 value %3").arg(node.id).arg(best).arg(node.meanValue)));
    }
}

void PhantomTest::vesselsBrighterThanNodes()
{
    for (const PhantomCase& phantom : m_cases) {
        double sums[3] = {0, 0, 0};
        double counts[3] = {0, 0, 0};
        const std::int16_t* image = phantom.image.data();
        const std::uint16_t* tissues = phantom.tissues.data();
        const std::uint16_t* labels = phantom.labels.data();
        for (std::size_t n = 0; n < phantom.image.voxelCount(); ++n) {
            int group = -1;
            if (labels[n])
                group = 0;
            else if (tissues[n] == static_cast<std::uint16_t>(Tissue::Artery))
                group = 1;
            else if (tissues[n] == static_cast<std::uint16_t>(Tissue::Vein))
                group = 2;
            if (group >= 0) {
                sums[group] += image[n];
                ++counts[group];
            }
        }
        QVERIFY(counts[0] > 0 && counts[1] > 0 && counts[2] > 0);
        const double node = sums[0] / counts[0], artery = sums[1] / counts[1], vein = sums[2] / counts[2];
        QVERIFY2(artery > node + 100 && vein > node + 50,
                 qPrintable(QString("node %1 artery %2 vein %3").arg(node).arg(artery).arg(vein)));
    }
}

void PhantomTest::levelsAndSides()
{
    // VI and RP: nodes placed beside the vein but medial to the carotid (NodeLevels.h).
    const std::set<std::string> levels{"IA", "IB", "IIA", "IIB", "III", "IV", "VA", "VB", "VI", "RP"};
    std::set<std::string> seen;
    for (const PhantomCase& phantom : m_cases) {
        const NeckLandmarks& marks = phantom.landmarks;
        for (const PhantomNode& node : phantom.nodes) {
            QVERIFY2(levels.count(node.level), node.level.c_str());
            seen.insert(node.level);
            const double x = node.centre[0], z = node.centre[2];
            if (node.level == "IA" || node.level == "VI") {
                QCOMPARE(node.side, std::string("midline"));
                QVERIFY(std::abs(x) < (node.level == "IA" ? 15 : 25));
            } else {
                QCOMPARE(node.side, std::string(x > 0 ? "left" : "right"));  // LPS: +x is patient left
            }
            // Craniocaudal consistency with the landmarks (measured centroid, so allow 3 mm).
            const double tolerance = 3.0;
            if (node.level == "III")
                QVERIFY(z > marks.cricoidBottom - tolerance && z < marks.hyoidBottom + tolerance);
            if (node.level == "IV" || node.level == "VB")
                QVERIFY(z < marks.cricoidBottom + tolerance && z > marks.clavicle - tolerance);
            if (node.level == "IIA" || node.level == "IIB" || node.level == "IA" || node.level == "IB")
                QVERIFY(z > marks.hyoidBottom - tolerance);
            if (node.level == "VA")
                QVERIFY(z > marks.cricoidBottom - tolerance);
        }
    }
    QVERIFY(seen.size() >= 4);
}

void PhantomTest::nodesAvoidVesselsAirwayAndBone()
{
    for (const PhantomCase& phantom : m_cases) {
        const Size3 size = phantom.labels.size();
        std::size_t vesselVoxels = 0;
        for (std::int64_t k = 0; k < size[2]; ++k)
            for (std::int64_t j = 1; j + 1 < size[1]; ++j)
                for (std::int64_t i = 1; i + 1 < size[0]; ++i) {
                    const auto tissue = static_cast<Tissue>(phantom.tissues.at(i, j, k));
                    vesselVoxels += isVessel(tissue);
                    if (!phantom.labels.at(i, j, k))
                        continue;
                    // The node voxel and its in-plane neighbours were fat or muscle before the node.
                    for (auto [di, dj] : {std::pair{0, 0}, {-1, 0}, {1, 0}, {0, -1}, {0, 1}}) {
                        const auto around = static_cast<Tissue>(phantom.tissues.at(i + di, j + dj, k));
                        QVERIFY2(around == Tissue::Fat || around == Tissue::Muscle, toString(around));
                    }
                }
        QVERIFY(vesselVoxels > 1000);
    }
}

void PhantomTest::jsonFields()
{
    const nlohmann::json json = toJson(m_cases[0].nodes);
    QVERIFY(json.is_array());
    QCOMPARE(json.size(), m_cases[0].nodes.size());
    const auto& first = json.front();
    for (const char* key : {"id", "level", "side", "centre_mm", "long_axis_mm", "short_axis_mm", "volume_mm3", "slice_span", "fatty_hilum"})
        QVERIFY2(first.contains(key), key);
    QCOMPARE(first["centre_mm"].size(), std::size_t(3));
    QCOMPARE(first["slice_span"].size(), std::size_t(2));
    QCOMPARE(first["id"].get<int>(), 1);
}

void PhantomTest::rejectsBadOptions()
{
    PhantomOptions options = PhantomOptions::small(1);
    options.minimumNodes = 10;
    options.maximumNodes = 5;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, generateNeckPhantom(options, "bad"));
    options = PhantomOptions::small(1);
    options.pixelSpacingMm = 0;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, generateNeckPhantom(options, "bad"));
}

void PhantomTest::manySeeds()
{
    // Coarse phantoms for many seeds: node count in range, every node labelled, valid level, no
    // node voxel on a vessel, airway or bone voxel.
    // VI and RP: nodes placed beside the vein but medial to the carotid (NodeLevels.h).
    const std::set<std::string> levels{"IA", "IB", "IIA", "IIB", "III", "IV", "VA", "VB", "VI", "RP"};
    for (std::uint64_t seed = 100; seed < 124; ++seed) {
        PhantomOptions options = PhantomOptions::small(seed, 128, 128, 48);
        options.keepTissueMap = true;
        const PhantomCase phantom = generateNeckPhantom(options, "sweep");
        QVERIFY2(phantom.nodes.size() >= 5 && phantom.nodes.size() <= 30, qPrintable(QString("seed %1: %2 nodes").arg(seed).arg(phantom.nodes.size())));
        std::vector<std::size_t> counts(phantom.nodes.size() + 1, 0);
        for (std::size_t n = 0; n < phantom.labels.voxelCount(); ++n) {
            const std::uint16_t label = phantom.labels.data()[n];
            if (!label)
                continue;
            QVERIFY(label <= phantom.nodes.size());
            ++counts[label];
            const auto tissue = static_cast<Tissue>(phantom.tissues.data()[n]);
            QVERIFY2(tissue == Tissue::Fat || tissue == Tissue::Muscle, toString(tissue));
        }
        for (const PhantomNode& node : phantom.nodes) {
            QVERIFY(counts[static_cast<std::size_t>(node.id)] > 0);
            QVERIFY(levels.count(node.level));
            QVERIFY2(node.longAxisMm >= node.shortAxisMm - 1e-9 && node.longAxisMm < 20,
                     qPrintable(QString("seed %1 node %2: %3 x %4").arg(seed).arg(node.id).arg(node.longAxisMm).arg(node.shortAxisMm)));
        }
    }
}

QTEST_GUILESS_MAIN(PhantomTest)
#include "test_phantom.moc"
