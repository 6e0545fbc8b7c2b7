// Sliding-window inference (3d models): window placement, blending, batching, progress,
// cancellation, exact agreement with one whole-volume pass when the volume fits in one window,
// seamless stitching for translation-equivariant networks, and the InferenceEngine's 3d path
// from a model file (tiny 3d SNet, 16^3 windows).
#include "model/Inference.h"
#include "model/ModelFile.h"
#include "model/SegmentationModel.h"
#include "model/SlidingWindow.h"

#include <torch/torch.h>

#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

using namespace lnseg::model;

namespace {

double maxDifference(const torch::Tensor& a, const torch::Tensor& b)
{
    return (a - b).abs().max().item<double>();
}

std::unique_ptr<SegmentationModel> tinySnet3d()
{
    ModelSpec spec;
    spec.architecture = "snet";
    spec.mode = "3d";
    spec.widths = {4, 4, 4};
    spec.attentionChannels = 8;
    auto model = createModel(spec);
    model->eval();
    return model;
}

// A "neck" of soft tissue in air with a bright blob: 48 x 40 x 20 voxels of 1.25 x 1.25 x 2 mm.
struct SyntheticVolume {
    std::vector<std::int16_t> voxels;
    VolumeView view;
    SyntheticVolume()
    {
        voxels.assign(48 * 40 * 20, -1000);
        for (int z = 0; z < 20; ++z)
            for (int y = 0; y < 40; ++y)
                for (int x = 0; x < 48; ++x) {
                    std::int16_t& voxel = voxels[std::size_t((z * 40 + y) * 48 + x)];
                    if ((x - 24) * (x - 24) + (y - 20) * (y - 20) < 17 * 17)
                        voxel = std::int16_t(40 + 3 * ((x * 7 + y * 3 + z * 5) % 11));
                    if ((x - 20) * (x - 20) + (y - 18) * (y - 18) + (z - 9) * (z - 9) < 16)
                        voxel = 180;
                }
        view.voxels = voxels.data();
        view.size[0] = 48;
        view.size[1] = 40;
        view.size[2] = 20;
        view.spacing[0] = view.spacing[1] = 1.25;
        view.spacing[2] = 2;
    }
};

std::string metadataWithPatch(int patch)
{
    PreprocessingParameters preprocessing;
    preprocessing.patchSize = patch;
    return nlohmann::json{{"preprocessing", nlohmann::json::parse(preprocessing.toJson())}}.dump();
}

}  // namespace

class SlidingWindowTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        torch::set_num_threads(1);
        torch::manual_seed(3);
    }

    void windowsCoverTheAxisWithTheRequestedOverlap()
    {
        QCOMPARE(windowStarts(40, 16, 0.5), (std::vector<std::int64_t>{0, 8, 16, 24}));
        QCOMPARE(windowStarts(37, 16, 0.5), (std::vector<std::int64_t>{0, 7, 14, 21}));
        QCOMPARE(windowStarts(40, 16, 0.0), (std::vector<std::int64_t>{0, 12, 24}));
        QCOMPARE(windowStarts(10, 16, 0.5), (std::vector<std::int64_t>{0}));  // smaller than a window
        QCOMPARE(windowStarts(16, 16, 0.5), (std::vector<std::int64_t>{0}));
        for (std::int64_t extent = 17; extent < 80; ++extent) {
            const std::vector<std::int64_t> starts = windowStarts(extent, 16, 0.5);
            QCOMPARE(starts.front(), std::int64_t(0));
            QCOMPARE(starts.back(), extent - 16);
            for (std::size_t index = 1; index < starts.size(); ++index) {
                QVERIFY(starts[index] > starts[index - 1]);
                QVERIFY(starts[index] - starts[index - 1] <= 8);
            }
        }
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, windowStarts(40, 16, 1.0));
    }

    void gaussianWeightsPeakInTheMiddle()
    {
        const torch::Tensor weights = blendingWeights({8, 6, 10}, true);
        QCOMPARE(weights.sizes().vec(), (std::vector<std::int64_t>{8, 6, 10}));
        QVERIFY(weights.min().item<float>() > 0);
        QVERIFY(std::abs(weights.max().item<float>() - 1.0f) < 1e-6f);
        QVERIFY(weights[0][0][0].item<float>() < 1e-3f);
        QCOMPARE(maxDifference(weights, weights.flip({0, 1, 2})), 0.0);  // symmetric
        QCOMPARE(blendingWeights({4, 4}, false).sum().item<float>(), 16.0f);
    }

    // When the volume fits in one window the result is exactly one forward pass of the whole
    // volume (the window is clamped to the volume; nothing is padded beyond it).
    void volumeInOneWindowEqualsOneForwardPass()
    {
        auto model = tinySnet3d();
        c10::InferenceMode inference;
        const torch::Tensor volume = torch::rand({1, 12, 16, 14});
        int calls = 0;
        const auto network = [&](const torch::Tensor& x) {
            ++calls;
            return torch::sigmoid(model->forward(x).logits);
        };
        SlidingWindowOptions options;
        options.patchSize = {16, 16, 16};
        const torch::Tensor tiled = slidingWindowInference(volume, network, options);
        const torch::Tensor whole = torch::sigmoid(model->forward(volume.unsqueeze(0)).logits)[0];
        QCOMPARE(calls, 1);
        QCOMPARE(tiled.sizes().vec(), (std::vector<std::int64_t>{1, 12, 16, 14}));
        QVERIFY2(maxDifference(tiled, whole) < 1e-6, qPrintable(QString::number(maxDifference(tiled, whole))));
    }

    // A network whose output is translation-equivariant gives the same map tiled and whole: exactly
    // for a point-wise one; for 3x3x3 convolutions (zero padding at every window's border) the
    // Gaussian blending hides the window borders, far better than plain averaging.
    void blendingIsSeamless()
    {
        c10::InferenceMode inference;
        // Odd sizes: windows overlap unevenly. Windows of 16 against a receptive-field radius of 2.
        const torch::Tensor volume = torch::rand({2, 41, 37, 35});
        SlidingWindowOptions options;
        options.patchSize = {16, 16, 16};
        options.batchSize = 5;

        torch::nn::Conv3d pointwise(torch::nn::Conv3dOptions(2, 1, 1));
        const auto pointwiseNetwork = [&](const torch::Tensor& x) { return torch::sigmoid(pointwise(x)); };
        const torch::Tensor exact = slidingWindowInference(volume, pointwiseNetwork, options);
        QCOMPARE(exact.sizes().vec(), (std::vector<std::int64_t>{1, 41, 37, 35}));
        QVERIFY(maxDifference(exact, pointwiseNetwork(volume.unsqueeze(0))[0]) < 1e-6);

        torch::nn::Conv3d first(torch::nn::Conv3dOptions(2, 4, 3).padding(1));
        torch::nn::Conv3d second(torch::nn::Conv3dOptions(4, 1, 3).padding(1));
        const auto convolutional = [&](const torch::Tensor& x) {
            return torch::sigmoid(3.0 * second(torch::relu(first(x))));
        };
        const torch::Tensor whole = convolutional(volume.unsqueeze(0))[0];
        const double gaussianError = maxDifference(slidingWindowInference(volume, convolutional, options), whole);
        options.gaussian = false;
        const double averagingError = maxDifference(slidingWindowInference(volume, convolutional, options), whole);
        qInfo("max |tiled - whole|: Gaussian %.2e, plain averaging %.2e", gaussianError, averagingError);
        QVERIFY(averagingError > 1e-3);  // the window borders do matter for this network
        QVERIFY(gaussianError < 5e-3);
        QVERIFY(gaussianError < averagingError / 5);
    }

    void batchesReportProgressAndCancel()
    {
        c10::InferenceMode inference;
        const torch::Tensor volume = torch::rand({1, 20, 20, 12});  // 4 x 4 x 2 windows of 8^3
        SlidingWindowOptions options;
        options.patchSize = {8, 8, 8};
        options.batchSize = 3;
        std::vector<std::int64_t> batchSizes;
        const auto network = [&](const torch::Tensor& x) {
            batchSizes.push_back(x.size(0));
            return x.mean(1, true);
        };
        std::vector<std::pair<std::int64_t, std::int64_t>> reports;
        const torch::Tensor result = slidingWindowInference(
            volume, network, options, [&](std::int64_t done, std::int64_t total) { reports.emplace_back(done, total); });
        QVERIFY(maxDifference(result, volume) < 1e-6);
        const std::int64_t windows = 4 * 4 * 2;
        QCOMPARE(std::int64_t(batchSizes.size()), (windows + 2) / 3);
        QCOMPARE(batchSizes.back(), windows % 3);
        QCOMPARE(reports.back(), std::make_pair(windows, windows));
        QCOMPARE(reports.front(), std::make_pair(std::int64_t(3), windows));

        std::atomic<bool> cancel{false};
        batchSizes.clear();
        QVERIFY_THROWS_EXCEPTION(InferenceCancelled,
                                 slidingWindowInference(volume, network, options,
                                                        [&](std::int64_t, std::int64_t) { cancel = true; }, &cancel));
        QCOMPARE(batchSizes.size(), std::size_t(1));  // stopped before the second batch
    }

    // The InferenceEngine runs 3d model files through the sliding window and maps back to the input
    // grid; with a window larger than the prepared volume it equals one whole-volume pass.
    void engineRunsThreeDimensionalModels()
    {
        QTemporaryDir folder;
        auto model = tinySnet3d();
        const std::string small = folder.filePath("tiny3d_16.lnsegmodel").toStdString();
        const std::string large = folder.filePath("tiny3d_64.lnsegmodel").toStdString();
        saveModelFile(*model, small, metadataWithPatch(16));
        saveModelFile(*model, large, metadataWithPatch(64));
        const SyntheticVolume volume;
        InferenceOptions options;
        options.device = "cpu";
        options.threads = 1;

        InferenceEngine engine(small, options);
        QCOMPARE(engine.preprocessing().patchSize, 16);
        const PreparedGeometry geometry = planPreparedGeometry(volume.view, engine.preprocessing());
        std::int64_t windows = 1;
        for (int axis = 0; axis < 3; ++axis)
            windows *= std::int64_t(windowStarts(geometry.size[axis], 16, 0.5).size());
        QVERIFY(windows > 8);
        std::int64_t lastDone = 0, reportedTotal = 0;
        const ProbabilityVolume tiled = engine.predict(volume.view, [&](std::int64_t done, std::int64_t total) {
            lastDone = done;
            reportedTotal = total;
        });
        QCOMPARE(reportedTotal, windows);
        QCOMPARE(lastDone, windows);
        QCOMPARE(tiled.probabilities.size(), volume.voxels.size());  // the input's grid exactly
        for (float p : tiled.probabilities)
            QVERIFY(p >= 0 && p <= 1);

        InferenceEngine oneWindow(large, options);
        const ProbabilityVolume whole = oneWindow.predict(volume.view);
        // By hand: prepare, one forward pass of the whole prepared volume, map back.
        const std::vector<float> intensities = prepareIntensities(volume.view, whole.prepared, oneWindow.preprocessing());
        std::vector<float> probabilities(intensities.size());
        {
            c10::InferenceMode inference;
            const torch::Tensor input = torch::from_blob(const_cast<float*>(intensities.data()),
                                                         {1, 1, whole.prepared.size[2], whole.prepared.size[1],
                                                          whole.prepared.size[0]});
            const torch::Tensor output = torch::sigmoid(model->forward(input).logits).contiguous();
            std::copy_n(output.data_ptr<float>(), probabilities.size(), probabilities.data());
        }
        const std::vector<float> expected = mapToOriginalGrid(probabilities, whole.prepared);
        QCOMPARE(whole.probabilities.size(), expected.size());
        float largest = 0;
        for (std::size_t index = 0; index < expected.size(); ++index)
            largest = std::max(largest, std::abs(expected[index] - whole.probabilities[index]));
        QVERIFY2(largest < 1e-6f, qPrintable(QString::number(largest)));

        std::atomic<bool> cancel{true};
        QVERIFY_THROWS_EXCEPTION(InferenceCancelled, engine.predict(volume.view, {}, &cancel));
    }
};

QTEST_APPLESS_MAIN(SlidingWindowTest)
#include "test_sliding_window.moc"
