// 3d training: the balanced patch sampler (half the patches centred on node voxels, padding of
// volumes smaller than a patch), the affine augmentation keeping image and mask aligned, and a
// tiny 3d SNet trained for 2 epochs x 2 steps on 24^3 synthetic volumes with 16^3 patches:
// checkpoints, resume, the model file's patch size, and sliding-window inference from it.
#include "model/Inference.h"
#include "model/ModelFile.h"
#include "model/Training.h"
#include "model/Training3d.h"

#include <torch/torch.h>

#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <filesystem>

using namespace lnseg::model;

namespace {

// 24 x 24 x S volumes of 1.25 mm voxels: a soft-tissue ball in air with a bright node (radius 3)
// that moves with the case number. case_0 has 12 slices only (shorter than a 16 voxel patch).
class SyntheticVolumes : public TrainingCaseSource {
public:
    explicit SyntheticVolumes(int cases) : m_cases(cases) {}
    std::vector<std::string> caseIds() const override
    {
        std::vector<std::string> ids;
        for (int index = 0; index < m_cases; ++index)
            ids.push_back("case_" + std::to_string(index));
        return ids;
    }
    TrainingCase load(const std::string& caseId) override
    {
        const int number = std::stoi(caseId.substr(5));
        const int slices = number == 0 ? 12 : 24;
        TrainingCase result;
        result.caseId = caseId;
        result.size[0] = 24;
        result.size[1] = 24;
        result.size[2] = slices;
        result.spacing[0] = result.spacing[1] = result.spacing[2] = 1.25;
        result.image.assign(std::size_t(24 * 24 * slices), -1000);
        result.mask.assign(result.image.size(), 0);
        const int cx = 9 + number % 3 * 3, cy = 11, cz = slices / 2;
        for (int z = 0; z < slices; ++z)
            for (int y = 0; y < 24; ++y)
                for (int x = 0; x < 24; ++x) {
                    const std::size_t index = std::size_t((z * 24 + y) * 24 + x);
                    if ((x - 12) * (x - 12) + (y - 12) * (y - 12) < 10 * 10)
                        result.image[index] = std::int16_t(40 + (x * 7 + y * 3 + z * 5) % 13);
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) + (z - cz) * (z - cz) <= 9) {
                        result.image[index] = 180;
                        result.mask[index] = 1;
                    }
                }
        return result;
    }

private:
    int m_cases;
};

TrainingOptions tiny3dOptions(const QString& folder)
{
    TrainingOptions options;
    options.spec.architecture = "snet";
    options.spec.mode = "3d";
    options.spec.widths = {4, 4, 4};
    options.spec.attentionChannels = 8;
    options.patchSize = 16;
    options.outputFolder = folder.toStdString();
    options.epochs = 2;
    options.stepsPerEpoch = 2;
    options.batchSize = 2;
    options.learningRate = 1e-3;
    options.threads = 1;  // OpenMP threads spin: under ctest -j2 more threads than cores is much slower
    options.cachedCases = 2;
    options.stepsPerCaseSwap = 1;
    return options;
}

bool inside(const PatchPick& pick, std::int64_t patch, const std::int64_t voxel[3])
{
    for (int axis = 0; axis < 3; ++axis)
        if (voxel[axis] < pick.corner[axis] || voxel[axis] >= pick.corner[axis] + patch)
            return false;
    return true;
}

}  // namespace

class Training3dTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(1); }
    void samplerCentresHalfThePatchesOnNodes();
    void patchesArePaddedWithAir();
    void affineAugmentationKeepsImageAndMaskAligned();
    void trainsCheckpointsResumesAndInfers();

private:
    QTemporaryDir m_folder;
};

void Training3dTest::samplerCentresHalfThePatchesOnNodes()
{
    // A: 64 x 64 x 40 with one 2-voxel node far from the centre; B: as large, no node;
    // C: 10 x 12 x 8, smaller than the patch, no node.
    const std::int64_t patch = 16;
    std::vector<std::uint32_t> nodesA{std::uint32_t((30 * 64 + 10) * 64 + 50), std::uint32_t((30 * 64 + 10) * 64 + 51)};
    std::vector<std::uint32_t> none;
    std::vector<PatchVolume> volumes(3);
    volumes[0].size[0] = 64, volumes[0].size[1] = 64, volumes[0].size[2] = 40, volumes[0].nodeVoxels = &nodesA;
    volumes[1].size[0] = 64, volumes[1].size[1] = 64, volumes[1].size[2] = 40, volumes[1].nodeVoxels = &none;
    volumes[2].size[0] = 10, volumes[2].size[1] = 12, volumes[2].size[2] = 8, volumes[2].nodeVoxels = &none;
    std::mt19937_64 random(7);
    int positives = 0, negatives = 0, negativesWithNode = 0, centredInX = 0;
    std::vector<int> negativeVolumes(3, 0);
    const std::int64_t node[3] = {50, 10, 30};
    for (int batch = 0; batch < 200; ++batch) {
        const std::vector<PatchPick> picks = drawPatchPicks(volumes, 8, patch, random);
        QCOMPARE(picks.size(), std::size_t(8));
        for (std::size_t index = 0; index < picks.size(); ++index) {
            const PatchPick& pick = picks[index];
            QCOMPARE(pick.positive, index % 2 == 0);
            const PatchVolume& volume = volumes[pick.volume];
            for (int axis = 0; axis < 3; ++axis) {
                const std::int64_t low = std::min<std::int64_t>(0, volume.size[axis] - patch);
                const std::int64_t high = std::max<std::int64_t>(0, volume.size[axis] - patch);
                QVERIFY(pick.corner[axis] >= low && pick.corner[axis] <= high);
            }
            if (pick.positive) {
                ++positives;
                QCOMPARE(pick.volume, std::size_t(0));
                QCOMPARE(pick.nodeVoxel[1], std::int64_t(10));
                QCOMPARE(pick.nodeVoxel[2], std::int64_t(30));
                QVERIFY(pick.nodeVoxel[0] == 50 || pick.nodeVoxel[0] == 51);
                QVERIFY(inside(pick, patch, pick.nodeVoxel));
                // x is far from the borders: the patch centre is the node voxel +- patch / 4.
                if (std::abs(pick.corner[0] + patch / 2 - pick.nodeVoxel[0]) <= patch / 4)
                    ++centredInX;
            } else {
                ++negatives;
                ++negativeVolumes[pick.volume];
                if (pick.volume == 0 && inside(pick, patch, node))
                    ++negativesWithNode;
                if (pick.volume == 2)  // smaller than the patch: the whole volume lies in it
                    for (int axis = 0; axis < 3; ++axis)
                        QVERIFY(pick.corner[axis] <= 0 && pick.corner[axis] + patch >= volume.size[axis]);
            }
        }
    }
    QCOMPARE(positives, 800);
    QCOMPARE(negatives, 800);
    QCOMPARE(centredInX, positives);
    for (int count : negativeVolumes)
        QVERIFY2(count > 200, qPrintable(QString::number(count)));  // random volumes, ~267 each
    // A random patch rarely holds the small node (~(16/64)^2 x 16/40 of A's patches ~ 2.5 %).
    QVERIFY2(negativesWithNode < 40, qPrintable(QString::number(negativesWithNode)));

    // Without any node voxel every patch is random.
    std::vector<PatchVolume> empty(volumes.begin() + 1, volumes.end());
    for (const PatchPick& pick : drawPatchPicks(empty, 4, patch, random))
        QVERIFY(!pick.positive);
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, drawPatchPicks({}, 4, patch, random));
}

void Training3dTest::patchesArePaddedWithAir()
{
    PreprocessingParameters parameters;
    QCOMPARE(normalisedAir(parameters), 0.0f);
    parameters.windowLevel = -600;
    parameters.windowWidth = 1600;  // lung window: -1400 .. 200, air at 0.25
    QCOMPARE(normalisedAir(parameters), 0.25f);

    const std::int64_t size[3] = {3, 2, 2};
    std::vector<float> volume(12);
    std::vector<std::uint8_t> mask(12, 1);
    for (std::size_t index = 0; index < volume.size(); ++index)
        volume[index] = 0.5f + 0.01f * float(index);
    const std::int64_t corner[3] = {-1, -1, -1}, patch = 4;
    std::vector<float> intensities(64), maskPatch(64);
    copyPatch(volume.data(), size, corner, patch, 0.25f, intensities.data());
    copyPatch(mask.data(), size, corner, patch, maskPatch.data());
    for (std::int64_t z = 0; z < 4; ++z)
        for (std::int64_t y = 0; y < 4; ++y)
            for (std::int64_t x = 0; x < 4; ++x) {
                const std::size_t index = std::size_t((z * 4 + y) * 4 + x);
                const bool in = x >= 1 && x <= 3 && y >= 1 && y <= 2 && z >= 1 && z <= 2;
                const float expected = in ? volume[std::size_t(((z - 1) * 2 + (y - 1)) * 3 + (x - 1))] : 0.25f;
                QCOMPARE(intensities[index], expected);
                QCOMPARE(maskPatch[index], in ? 1.0f : 0.0f);
            }
}

void Training3dTest::affineAugmentationKeepsImageAndMaskAligned()
{
    // An off-centre ellipsoid (long along x) whose intensity falls linearly with the ellipsoidal
    // radius, 1 at the centre and 0.5 on the surface; mask = intensity > 0.5. After the affine,
    // flip and resampling, the mask must still be the thresholded image up to boundary voxels:
    // fewer disagreements than a one-voxel shift of the mask would give.
    torch::manual_seed(11);
    const std::int64_t n = 6, depth = 20, height = 24, width = 28;
    const auto z = torch::arange(depth, torch::kFloat32).view({depth, 1, 1});
    const auto y = torch::arange(height, torch::kFloat32).view({1, height, 1});
    const auto x = torch::arange(width, torch::kFloat32).view({1, 1, width});
    const auto radius = torch::sqrt(((x - 17) / 7).pow(2) + ((y - 9) / 3.5).pow(2) + ((z - 10) / 4).pow(2));
    const auto image = (1 - radius / 2).clamp(0, 1).expand({n, 1, depth, height, width}).contiguous();
    const auto mask = (image > 0.5).to(torch::kFloat32);
    const double maskVoxels = mask[0].sum().item<double>();
    QVERIFY(maskVoxels > 300);

    torch::Tensor input = image.clone(), augmentedMask = mask.clone();
    VolumeAugmentationOptions options;
    options.intensity = false;
    augmentVolumes(input, augmentedMask, options);
    QCOMPARE(input.sizes(), image.sizes());
    QCOMPARE(augmentedMask.sizes(), mask.sizes());
    QVERIFY(((augmentedMask == 0) | (augmentedMask == 1)).all().item<bool>());
    int changed = 0;
    for (std::int64_t sample = 0; sample < n; ++sample) {
        const auto thresholded = (input[sample] > 0.5).to(torch::kFloat32);
        const double aligned = (thresholded != augmentedMask[sample]).sum().item<double>();
        const double unaligned = ((image[sample] > 0.5).to(torch::kFloat32) != augmentedMask[sample]).sum().item<double>();
        double shiftedMin = 1e9;
        for (int dim = 1; dim <= 3; ++dim)
            for (int step : {-1, 1})
                shiftedMin = std::min(shiftedMin, (thresholded != augmentedMask[sample].roll({step}, {dim})).sum().item<double>());
        QVERIFY2(aligned < shiftedMin, qPrintable(QString("sample %1: %2 of %3 voxels disagree, %4 after a 1 voxel shift")
                                                              .arg(sample).arg(aligned).arg(maskVoxels).arg(shiftedMin)));
        if (unaligned > 4 * aligned + 10)
            ++changed;  // the transform moved the node (against the original) far more than the mismatch
    }
    QVERIFY2(changed >= n / 2, qPrintable(QString::number(changed)));
    // (The disagreement left, 6-19 % of the mask here, is the original mask's staircase against the
    // smooth ramp, resampled: fewer than any one-voxel shift of the mask gives.)

    // A binary image (image = mask) goes through exactly the same grid and flip as the mask: the
    // thresholded image equals the mask voxel for voxel.
    torch::manual_seed(12);
    torch::Tensor binary = mask.clone(), binaryMask = mask.clone();
    augmentVolumes(binary, binaryMask, options);
    QCOMPARE(((binary >= 0.5).to(torch::kFloat32) != binaryMask).sum().item<double>(), 0.0);
    QVERIFY(!binaryMask.equal(mask));

    // With the intensity shift: values stay in [0, 1], the mask stays binary.
    torch::Tensor shifted = image.clone(), shiftedMask = mask.clone();
    augmentVolumes(shifted, shiftedMask);
    QVERIFY(shifted.min().item<float>() >= 0 && shifted.max().item<float>() <= 1);
    QVERIFY(((shiftedMask == 0) | (shiftedMask == 1)).all().item<bool>());
    QVERIFY(shiftedMask.sum().item<double>() > 0);
}

void Training3dTest::trainsCheckpointsResumesAndInfers()
{
    SyntheticVolumes source(4);
    TrainingOptions options = tiny3dOptions(m_folder.filePath("run"));
    std::vector<TrainingProgress> reports;
    const auto start = std::chrono::steady_clock::now();
    const TrainingResult result = trainModel(options, source, [&](const TrainingProgress& p) { reports.push_back(p); });
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    qInfo("3d SNet widths 4/4/4, batch 2 of 16^3: 4 steps + 2 validations in %.1f s, %.2f patches/s while training",
          seconds, result.slicesPerSecond);
    QVERIFY(!result.cancelled);
    QCOMPARE(result.globalStep, std::int64_t(4));
    QCOMPARE(result.epochsCompleted, 2);
    QVERIFY(std::isfinite(result.lastLoss) && result.lastLoss > 0);
    QVERIFY(result.validationDice >= 0 && result.validationDice <= 1);
    QVERIFY(!result.split.validation.empty());
    QVERIFY(result.peakCachedCases <= 2);
    // A prepared case: at most 24 x 24 x 24 voxels x 5 bytes + 4 bytes per node voxel (123 of them).
    const std::size_t caseBound = 24 * 24 * 24 * 5 + 123 * 4;
    QVERIFY2(result.peakCachedBytes <= 3 * caseBound, qPrintable(QString::number(result.peakCachedBytes)));
    const auto checkpoint1 = m_folder.filePath("run/checkpoint_epoch_001.pt").toStdString();
    QVERIFY(std::filesystem::exists(checkpoint1));
    QVERIFY(std::filesystem::exists(m_folder.filePath("run/checkpoint_epoch_002.pt").toStdString()));
    QVERIFY(reports.back().epochEnd);

    std::string metadataText;
    const ModelSpec spec = readModelFileSpec(result.modelFile, &metadataText);
    QCOMPARE(spec.mode, std::string("3d"));
    const auto metadata = nlohmann::json::parse(metadataText);
    QCOMPARE(metadata["preprocessing"]["patch_size"].get<int>(), 16);
    QCOMPARE(metadata["mode"].get<std::string>(), std::string("3d"));
    QCOMPARE(metadata["training"]["batch_size"].get<int>(), 2);

    // Resume from epoch 1 to 3 epochs: continues at epoch 2, global step 3.
    TrainingOptions resumed = options;
    resumed.outputFolder = m_folder.filePath("resumed").toStdString();
    resumed.resumeCheckpoint = checkpoint1;
    resumed.epochs = 3;
    std::vector<TrainingProgress> resumedReports;
    const TrainingResult second = trainModel(resumed, source, [&](const TrainingProgress& p) { resumedReports.push_back(p); });
    QCOMPARE(resumedReports.front().epoch, 2);
    QCOMPARE(resumedReports.front().globalStep, std::int64_t(3));
    QCOMPARE(second.globalStep, std::int64_t(6));
    QCOMPARE(second.epochsCompleted, 3);

    // A 3d checkpoint does not resume a 2d model.
    TrainingOptions other = resumed;
    other.spec.mode = "2d";
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, trainModel(other, source));

    // The model file predicts through the sliding window with its own 16^3 patch.
    InferenceOptions inference;
    inference.device = "cpu";
    inference.threads = 1;
    InferenceEngine engine(result.modelFile, inference);
    QCOMPARE(engine.preprocessing().patchSize, 16);
    TrainingCase volume = source.load("case_1");
    std::int64_t windows = 0;
    const ProbabilityVolume prediction =
        engine.predict(volume.view(), [&](std::int64_t, std::int64_t total) { windows = total; });
    QCOMPARE(prediction.probabilities.size(), volume.image.size());
    QCOMPARE(windows, std::int64_t(8));  // 24 voxels, 16 voxel windows, 50 % overlap: 2 per axis
    for (float p : prediction.probabilities)
        QVERIFY(p >= 0 && p <= 1);
}

QTEST_APPLESS_MAIN(Training3dTest)
#include "test_training_3d.moc"
