// Tests of the phantom's domain randomization (phantom/DomainRandomization.h): the fixed phantom
// is unchanged when it is off; when on, every case draws within the ranges, deterministically, and
// each option changes what it should. Small grids (about 200 x 200 x 60) keep it fast.

#include "phantom/NeckPhantom.h"
#include "phantom/RandomizationOptions.h"
#include "phantom/Tissue.h"

#include <QtTest/QtTest>

#include <cmath>
#include <cstring>
#include <set>

using namespace lnseg;

namespace {

std::uint64_t fingerprint(const PhantomCase& phantom)
{
    std::uint64_t hash = 1469598103934665603ull;
    auto add = [&hash](const void* data, std::size_t bytes) {
        const auto* p = static_cast<const unsigned char*>(data);
        for (std::size_t n = 0; n < bytes; ++n)
            hash = (hash ^ p[n]) * 1099511628211ull;
    };
    add(phantom.image.data(), phantom.image.voxelCount() * sizeof(std::int16_t));
    add(phantom.labels.data(), phantom.labels.voxelCount() * sizeof(std::uint16_t));
    return hash;
}

bool sameImages(const PhantomCase& a, const PhantomCase& b) { return fingerprint(a) == fingerprint(b); }

// Randomized, with the resolution ranges narrowed to a small grid (about 200 x 200 x 60).
PhantomOptions smallRandomized(std::uint64_t seed)
{
    PhantomOptions options;
    options.seed = seed;
    options.keepTissueMap = true;
    DomainRandomization& r = options.randomization;
    r.enabled = true;
    r.pixelSpacingMm = {0.9, 1.0};
    r.fieldOfViewMm = {180, 200};
    r.sliceThicknessMm = {3, 5};
    r.scanLengthMm = {170, 190};
    return options;
}

struct TissueStatistics {
    double mean = 0;
    std::size_t count = 0;
};

// Mean HU of voxels whose class and in-plane 5 x 5 neighbourhood are all `tissue`, on slices in the
// mid neck (between z0 and z1), unlabelled.
TissueStatistics interiorMean(const PhantomCase& phantom, Tissue tissue, double z0, double z1)
{
    const ImageGeometry g = phantom.image.geometry();
    double sum = 0;
    std::size_t count = 0;
    for (std::int64_t k = 0; k < g.size[2]; ++k) {
        const double z = g.origin[2] + k * g.spacing[2];
        if (z < z0 || z > z1)
            continue;
        for (std::int64_t j = 2; j + 2 < g.size[1]; ++j)
            for (std::int64_t i = 2; i + 2 < g.size[0]; ++i) {
                bool inside = phantom.labels.at(i, j, k) == 0;
                for (int dj = -2; dj <= 2 && inside; ++dj)
                    for (int di = -2; di <= 2 && inside; ++di)
                        inside = phantom.tissues.at(i + di, j + dj, k) == static_cast<std::uint16_t>(tissue);
                if (!inside)
                    continue;
                sum += phantom.image.at(i, j, k);
                ++count;
            }
    }
    return {count ? sum / count : 0, count};
}

// Standard deviation and lag-1 (in-plane, along x) correlation of a - b over the mid-neck slices.
void differenceStatistics(const PhantomCase& a, const PhantomCase& b, double& deviation, double& lagOne)
{
    const ImageGeometry g = a.image.geometry();
    const double z0 = a.landmarks.cricoidBottom, z1 = a.landmarks.hyoidBottom;
    double sum = 0, squares = 0, products = 0;
    std::size_t count = 0, pairs = 0;
    for (std::int64_t k = 0; k < g.size[2]; ++k) {
        const double z = g.origin[2] + k * g.spacing[2];
        if (z < z0 || z > z1)
            continue;
        for (std::int64_t j = 0; j < g.size[1]; ++j)
            for (std::int64_t i = 0; i + 1 < g.size[0]; ++i) {
                const double d = a.image.at(i, j, k) - b.image.at(i, j, k);
                const double next = a.image.at(i + 1, j, k) - b.image.at(i + 1, j, k);
                if (a.image.at(i, j, k) <= -1024 || a.image.at(i, j, k) >= 3071)
                    continue;  // clipped
                sum += d;
                squares += d * d;
                ++count;
                products += d * next;
                ++pairs;
            }
    }
    const double mean = sum / count;
    const double variance = squares / count - mean * mean;
    deviation = std::sqrt(variance);
    lagOne = (products / pairs - mean * mean) / variance;
}

double gradientEnergy(const PhantomCase& phantom)
{
    const ImageGeometry g = phantom.image.geometry();
    const std::int64_t k = g.size[2] / 2;
    double energy = 0;
    for (std::int64_t j = 0; j < g.size[1]; ++j)
        for (std::int64_t i = 0; i + 1 < g.size[0]; ++i)
            energy += std::pow(phantom.image.at(i + 1, j, k) - phantom.image.at(i, j, k), 2);
    return energy;
}

}  // namespace

class PhantomRandomizationTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void defaultsUnchanged();
    void offIgnoresRanges();
    void drawsWithinRanges();
    void deterministicForAnyThreadCount();
    void geometryFollowsDraw();
    void tissueValuesWithinRanges();
    void noiseLevelAndTexture();
    void kernelSoftToSharp();
    void eachOptionHasAnEffect();
    void nodeVariety();
    void metadataRecordsDraw();
    void rangesAreValidated();
};

void PhantomRandomizationTest::defaultsUnchanged()
{
    // The fixed phantom of the options below, as generated before randomization existed: tests,
    // the demo study and held-out evaluation sets depend on it bit for bit.
    const PhantomOptions options = PhantomOptions::small(11, 160, 160, 64);
    QVERIFY(!options.randomization.enabled);
    const PhantomCase phantom = generateNeckPhantom(options, "fixed");
    QCOMPARE(fingerprint(phantom), 683875976105892835ull);
}

void PhantomRandomizationTest::offIgnoresRanges()
{
    PhantomOptions options = PhantomOptions::small(12, 96, 96, 24);
    PhantomOptions changed = options;
    changed.randomization.noiseStandardDeviationHu = {30, 30};
    changed.randomization.pixelSpacingMm = {0.5, 0.5};
    changed.randomization.streakProbability = 1;
    QVERIFY(sameImages(generateNeckPhantom(options, "a"), generateNeckPhantom(changed, "b")));
}

void PhantomRandomizationTest::drawsWithinRanges()
{
    const DomainRandomization r;  // the default ranges
    int overlapping = 0, streaks = 0;
    std::set<int> matrices;
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        const DrawnAppearance a = drawAppearance(r, seed);
        QVERIFY(r.pixelSpacingMm.contains(a.pixelSpacingMm));
        QVERIFY(a.matrix <= r.maximumMatrix && a.fieldOfViewMm <= r.fieldOfViewMm.high + 1e-9);
        QVERIFY(std::abs(a.fieldOfViewMm - a.matrix * a.pixelSpacingMm) < 1e-9);
        QVERIFY(r.sliceThicknessMm.contains(a.sliceThicknessMm));
        QVERIFY(a.sliceSpacingMm <= a.sliceThicknessMm + 1e-9 && a.sliceSpacingMm >= 0.5 * a.sliceThicknessMm - 1e-9);
        QVERIFY(a.slices <= r.maximumSlices);
        QVERIFY(r.kernelSharpness.contains(a.kernelSharpness));
        QVERIFY(r.noiseStandardDeviationHu.contains(a.noiseStandardDeviationHu));
        QVERIFY(r.arteryHu.contains(a.arteryHu) && r.arteryHu.contains(a.veinHu));
        QVERIFY(r.muscleHu.contains(a.muscleHu) && r.fatHu.contains(a.fatHu));
        QVERIFY(r.subcutaneousFatMm.contains(a.subcutaneousFatMm));
        QVERIFY(r.yawDegrees.contains(a.yawDegrees) && r.tiltDegrees.contains(a.rollDegrees) && r.tiltDegrees.contains(a.pitchDegrees));
        overlapping += a.sliceSpacingMm < a.sliceThicknessMm - 0.05;
        streaks += a.dentalStreaks || a.shoulderStreaks;
        matrices.insert(a.matrix);
    }
    QVERIFY(overlapping > 250);               // spacing differs from thickness
    QVERIFY(streaks > 20 && streaks < 80);    // rare: about 15%
    QVERIFY(matrices.size() > 50);
}

void PhantomRandomizationTest::deterministicForAnyThreadCount()
{
    PhantomOptions options = smallRandomized(5);
    const PhantomCase first = generateNeckPhantom(options, "a");
    options.threads = 3;
    const PhantomCase threaded = generateNeckPhantom(options, "b");
    QVERIFY(sameImages(first, threaded));
    QCOMPARE(toJson(first.nodes), toJson(threaded.nodes));
    QCOMPARE(toJson(first.appearance), toJson(threaded.appearance));
    const PhantomCase other = generateNeckPhantom(smallRandomized(6), "c");
    QVERIFY(!sameImages(first, other));
}

void PhantomRandomizationTest::geometryFollowsDraw()
{
    for (std::uint64_t seed : {21u, 22u}) {
        const PhantomOptions options = smallRandomized(seed);
        const PhantomCase phantom = generateNeckPhantom(options, "g");
        const DrawnAppearance& a = phantom.appearance;
        const ImageGeometry g = phantom.image.geometry();
        QVERIFY(phantom.randomized);
        QCOMPARE(g.size[0], std::int64_t(a.matrix));
        QCOMPARE(g.size[2], std::int64_t(a.slices));
        QCOMPARE(g.spacing[0], a.pixelSpacingMm);
        QCOMPARE(g.spacing[2], a.sliceSpacingMm);
        QVERIFY(options.randomization.pixelSpacingMm.contains(g.spacing[0]));
        QVERIFY(a.sliceSpacingMm < a.sliceThicknessMm);
        QVERIFY(g.size[0] * g.spacing[0] >= 180 - 1 && g.size[0] * g.spacing[0] <= 200 + 1);
        QVERIFY(phantom.nodes.size() >= 1);
    }
}

void PhantomRandomizationTest::tissueValuesWithinRanges()
{
    // Fat, muscle and arteries measured inside their regions (noise off): the drawn value, within
    // the texture and partial volume, and so within the ranges.
    for (std::uint64_t seed : {31u, 32u}) {
        PhantomOptions options = smallRandomized(seed);
        options.randomization.noiseStandardDeviationHu = {0, 0};
        options.randomization.streakProbability = 0;
        options.randomization.kernelSharpness = {0, 0};
        const PhantomCase phantom = generateNeckPhantom(options, "t");
        const DrawnAppearance& a = phantom.appearance;
        const double z0 = phantom.landmarks.clavicle + 20, z1 = phantom.landmarks.hyoidBottom;
        const TissueStatistics fat = interiorMean(phantom, Tissue::Fat, z0, z1);
        const TissueStatistics muscle = interiorMean(phantom, Tissue::Muscle, z0, z1);
        QVERIFY(fat.count > 500 && muscle.count > 500);
        QVERIFY2(std::abs(fat.mean - a.fatHu) < 8, qPrintable(QString("fat %1 drawn %2").arg(fat.mean).arg(a.fatHu)));
        QVERIFY2(std::abs(muscle.mean - a.muscleHu) < 8, qPrintable(QString("muscle %1 drawn %2").arg(muscle.mean).arg(a.muscleHu)));
        QVERIFY(fat.mean > -128 && fat.mean < -72 && muscle.mean > 32 && muscle.mean < 88);
        // Thick-slice partial volume lowers small vessels: the carotids and jugulars keep most.
        const TissueStatistics artery = interiorMean(phantom, Tissue::Artery, z0, z1);
        QVERIFY(artery.count > 20);
        QVERIFY2(artery.mean > a.arteryHu - 60 && artery.mean < a.arteryHu + 10,
                 qPrintable(QString("artery %1 drawn %2").arg(artery.mean).arg(a.arteryHu)));
    }
}

void PhantomRandomizationTest::noiseLevelAndTexture()
{
    // Same case with and without noise: the difference is the noise alone. Its SD in the mid neck
    // is the drawn one; its neighbouring pixels correlate (CT texture), unlike white noise.
    PhantomOptions quiet = smallRandomized(41);
    quiet.randomization.noiseStandardDeviationHu = {0, 0};
    const PhantomCase reference = generateNeckPhantom(quiet, "quiet");
    for (double level : {8.0, 35.0}) {
        PhantomOptions noisy = quiet;
        noisy.randomization.noiseStandardDeviationHu = {level, level};
        const PhantomCase phantom = generateNeckPhantom(noisy, "noisy");
        double deviation = 0, lagOne = 0;
        differenceStatistics(phantom, reference, deviation, lagOne);
        QVERIFY2(std::abs(deviation - level) < 0.12 * level + 0.6, qPrintable(QString("SD %1 for %2").arg(deviation).arg(level)));
        QVERIFY2(lagOne > 0.2 && lagOne < 0.9, qPrintable(QString("lag-1 correlation %1").arg(lagOne)));
    }
    // The fixed phantom's noise is white.
    PhantomOptions fixed = PhantomOptions::small(41, 128, 128, 40);
    const PhantomCase white = generateNeckPhantom(fixed, "white");
    fixed.noiseStandardDeviation = 0;
    double deviation = 0, lagOne = 0;
    differenceStatistics(white, generateNeckPhantom(fixed, "clean"), deviation, lagOne);
    QVERIFY(std::abs(lagOne) < 0.05);
}

void PhantomRandomizationTest::kernelSoftToSharp()
{
    PhantomOptions soft = smallRandomized(51);
    soft.randomization.noiseStandardDeviationHu = {0, 0};
    soft.randomization.kernelSharpness = {-1, -1};
    PhantomOptions standard = soft, sharp = soft;
    standard.randomization.kernelSharpness = {0, 0};
    sharp.randomization.kernelSharpness = {1, 1};
    const double e0 = gradientEnergy(generateNeckPhantom(soft, "soft"));
    const double e1 = gradientEnergy(generateNeckPhantom(standard, "standard"));
    const double e2 = gradientEnergy(generateNeckPhantom(sharp, "sharp"));
    QVERIFY2(e0 < 0.9 * e1 && e1 < 0.9 * e2, qPrintable(QString("%1 %2 %3").arg(e0).arg(e1).arg(e2)));
}

void PhantomRandomizationTest::eachOptionHasAnEffect()
{
    PhantomOptions base = smallRandomized(61);
    base.randomization.streakProbability = 0;
    base.randomization.yawDegrees = {0, 0};
    base.randomization.tiltDegrees = {0, 0};
    base.randomization.extraMimics = false;
    const PhantomCase plain = generateNeckPhantom(base, "plain");
    QCOMPARE(plain.appearance.yawDegrees, 0.0);

    PhantomOptions streaks = base;
    streaks.randomization.streakProbability = 1;
    const PhantomCase streaked = generateNeckPhantom(streaks, "streaks");
    QVERIFY(streaked.appearance.dentalStreaks || streaked.appearance.shoulderStreaks);
    QVERIFY(!sameImages(plain, streaked));

    PhantomOptions tilted = base;
    tilted.randomization.yawDegrees = {6, 6};
    tilted.randomization.tiltDegrees = {4, 4};
    const PhantomCase rotated = generateNeckPhantom(tilted, "tilt");
    QCOMPARE(rotated.appearance.yawDegrees, 6.0);
    QVERIFY(!sameImages(plain, rotated));
    QCOMPARE(rotated.nodes.size(), plain.nodes.size());  // same nodes, moved
    QVERIFY(std::abs(rotated.nodes[0].centre[0] - plain.nodes[0].centre[0]) + std::abs(rotated.nodes[0].centre[1] - plain.nodes[0].centre[1]) > 0.5);

    PhantomOptions mimics = base;
    mimics.randomization.extraMimics = true;
    QVERIFY(!sameImages(plain, generateNeckPhantom(mimics, "mimics")));

    // Habitus: more subcutaneous fat, a wider body.
    PhantomOptions thin = base, heavy = base;
    thin.randomization.subcutaneousFatMm = {3, 3};
    heavy.randomization.subcutaneousFatMm = {25, 25};
    auto bodyVoxels = [](const PhantomCase& phantom) {
        std::size_t count = 0;
        for (std::size_t n = 0; n < phantom.tissues.voxelCount(); ++n)
            count += phantom.tissues.data()[n] != static_cast<std::uint16_t>(Tissue::Air);
        return count;
    };
    QVERIFY(bodyVoxels(generateNeckPhantom(heavy, "heavy")) > 1.2 * bodyVoxels(generateNeckPhantom(thin, "thin")));
}

void PhantomRandomizationTest::nodeVariety()
{
    // Over a few cases: painted node HU within 10-90, sizes up to 30 mm, every variant appears,
    // levels valid, sides those of the patient's frame.
    // VI and RP: nodes medial to the carotid, labelled by the published rules (NodeLevels.h).
    const std::set<std::string> levels{"IA", "IB", "IIA", "IIB", "III", "IV", "VA", "VB", "VI", "RP"};
    int necrotic = 0, hilum = 0, reniform = 0, touching = 0, clustered = 0, nodes = 0;
    double largest = 0;
    for (std::uint64_t seed = 71; seed < 75; ++seed) {
        PhantomOptions options = smallRandomized(seed);
        options.minimumNodes = 20;
        options.maximumNodes = 30;
        options.randomization.yawDegrees = {0, 0};
        options.randomization.tiltDegrees = {0, 0};
        options.randomization.offsetMm = {0, 0};
        const PhantomCase phantom = generateNeckPhantom(options, "nodes");
        for (const PhantomNode& node : phantom.nodes) {
            QVERIFY(node.varied);
            QVERIFY2(node.meanValue >= 10 && node.meanValue <= 90, qPrintable(QString::number(node.meanValue)));
            QVERIFY2(levels.count(node.level), node.level.c_str());
            if (node.level != "IA" && node.level != "VI")  // midline levels
                QCOMPARE(node.side, std::string(node.centre[0] > 0 ? "left" : "right"));
            QVERIFY(node.longAxisMm <= 30 + 2 * phantom.image.geometry().spacing[0]);
            QVERIFY(node.volumeMm3 > 0);
            necrotic += node.necrotic;
            hilum += node.fattyHilum;
            reniform += node.reniform;
            touching += node.touching;
            clustered += node.clusterOf > 0;
            largest = std::max(largest, node.longAxisMm);
            ++nodes;
        }
    }
    QVERIFY(nodes >= 60);
    QVERIFY(necrotic > 0 && hilum > 0 && reniform > 0 && touching > 0 && clustered > 0);
    QVERIFY(largest > 12);
}

void PhantomRandomizationTest::metadataRecordsDraw()
{
    PhantomOptions options = smallRandomized(81);
    const PhantomCase phantom = generateNeckPhantom(options, "meta");
    const nlohmann::json meta = caseMetadata(phantom, options);
    QCOMPARE(meta["randomized"].get<bool>(), true);
    for (const char* key : {"pixel_spacing_mm", "slice_thickness_mm", "slice_spacing_mm", "field_of_view_mm", "kernel_sharpness",
                            "noise_sd_hu", "artery_hu", "vein_hu", "muscle_hu", "fat_hu", "subcutaneous_fat_mm", "yaw_degrees",
                            "dental_streaks", "shoulder_streaks"})
        QVERIFY2(meta["appearance"].contains(key), key);
    const nlohmann::json nodes = toJson(phantom.nodes);
    for (const char* key : {"value_hu", "necrotic", "calcified", "reniform", "touching", "matted", "cluster_of"})
        QVERIFY2(nodes.front().contains(key), key);
    // Fixed phantoms keep their node JSON fields as before.
    const PhantomCase fixed = generateNeckPhantom(PhantomOptions::small(1, 96, 96, 24), "fixed");
    QVERIFY(!toJson(fixed.nodes).front().contains("value_hu"));
}

void PhantomRandomizationTest::rangesAreValidated()
{
    PhantomOptions options = smallRandomized(1);
    options.randomization.noiseStandardDeviationHu = {40, 5};
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, generateNeckPhantom(options, "bad"));
    options = smallRandomized(1);
    options.randomization.nodes.necrosisProbability = 2;
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, generateNeckPhantom(options, "bad"));
    const Range range = parseRange("-120:-80");
    QCOMPARE(range.low, -120.0);
    QCOMPARE(range.high, -80.0);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseRange("5"));
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseRange("9:3"));
    DomainRandomization r;
    QVERIFY(setRandomizationRange(r, "noise-range", "10:20"));
    QCOMPARE(r.noiseStandardDeviationHu.high, 20.0);
    QVERIFY(!setRandomizationRange(r, "no-such-range", "1:2"));
}

QTEST_GUILESS_MAIN(PhantomRandomizationTest)
#include "test_phantom_randomization.moc"
