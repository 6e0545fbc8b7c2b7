// 2d / 2.5d training crops (TrainingOptions::cropSize): where a crop lies, what fills it, and a
// short training run on crops that records its crop size. Also the appearance augmentation and
// frozen BatchNorm statistics (fine-tuning on small batches of crops).
#include "ModelFile.h"
#include "Training.h"
#include "Training3d.h"

#include "../support/SyntheticTrainingCases.h"

#include <QtTest/QtTest>

#include <nlohmann/json.hpp>

#include <random>

using namespace lnseg::model;

// A tiny SNet 2d trained on 24 px crops of the synthetic cases (48 x 40 slices), one thread.
TrainingOptions tinyCropTraining(const QTemporaryDir& folder)
{
    TrainingOptions options = tinySnet2dOptions(folder.filePath("run").toStdString());
    options.epochs = 1;
    options.cropSize = 24;
    options.validationSlicesPerCase = 2;
    return options;
}

class TrainingCropsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void centredCropsHoldTheirCentre();
    void uniformCropsStayInsideLargeSlices();
    void smallSlicesAreCoveredWhole();
    void windowsArePaddedWithTheGivenValue();
    void trainsOnCropsAndRecordsTheSize();
    void hardNegativesTakeTheirShareOfCrops();
    void hardNegativesOfAnotherSizeAreRefused();
    void gaussianBlurKeepsMeanAndSmooths();
    void appearanceAugmentationVariesKernelAndNoise();
    void frozenBatchNormKeepsRunningStatistics();
};

void TrainingCropsTest::centredCropsHoldTheirCentre()
{
    std::mt19937_64 random(3);
    for (const std::int64_t extent : {20, 128, 216, 272}) {
        for (int draw = 0; draw < 2000; ++draw) {
            const std::int64_t crop = 128;
            const std::int64_t centre = std::uniform_int_distribution<std::int64_t>(0, extent - 1)(random);
            const std::int64_t corner = cropCorner(extent, crop, centre, random);
            QVERIFY2(centre >= corner && centre < corner + crop,
                     qPrintable(QString("extent %1 centre %2 corner %3").arg(extent).arg(centre).arg(corner)));
            if (extent >= crop)
                QVERIFY(corner >= 0 && corner + crop <= extent);
        }
    }
    // The jitter moves the centre within +-crop/4 of the crop's middle (away from the edges).
    std::int64_t lowest = 1000, highest = -1000;
    for (int draw = 0; draw < 5000; ++draw) {
        const std::int64_t offset = 300 - cropCorner(600, 128, 300, random);
        lowest = std::min(lowest, offset);
        highest = std::max(highest, offset);
    }
    QCOMPARE(lowest, std::int64_t(64 - 32));
    QCOMPARE(highest, std::int64_t(64 + 32));
}

void TrainingCropsTest::uniformCropsStayInsideLargeSlices()
{
    std::mt19937_64 random(5);
    std::int64_t lowest = 1000, highest = -1;
    for (int draw = 0; draw < 5000; ++draw) {
        const std::int64_t corner = cropCorner(272, 128, -1, random);
        lowest = std::min(lowest, corner);
        highest = std::max(highest, corner);
    }
    QCOMPARE(lowest, std::int64_t(0));
    QCOMPARE(highest, std::int64_t(272 - 128));
}

void TrainingCropsTest::smallSlicesAreCoveredWhole()
{
    std::mt19937_64 random(7);
    for (int draw = 0; draw < 1000; ++draw) {
        const std::int64_t corner = cropCorner(40, 64, -1, random);
        QVERIFY(corner <= 0 && corner + 64 >= 40);
    }
}

void TrainingCropsTest::windowsArePaddedWithTheGivenValue()
{
    // Two channels of 3 x 4, values 100 * channel + 10 * row + column.
    std::vector<float> planes(2 * 3 * 4);
    for (int channel = 0; channel < 2; ++channel)
        for (int row = 0; row < 3; ++row)
            for (int column = 0; column < 4; ++column)
                planes[std::size_t((channel * 3 + row) * 4 + column)] = float(100 * channel + 10 * row + column);
    std::vector<float> window(2 * 5 * 5, -1);
    copySliceWindow(planes.data(), 2, 3, 4, -1, 1, 5, 0.5f, window.data());
    // Row -1 is outside, row 0 of the window is the padding.
    for (int column = 0; column < 5; ++column)
        QCOMPARE(window[std::size_t(column)], 0.5f);
    QCOMPARE(window[std::size_t(1 * 5 + 0)], 1.0f);    // (row 0, column 1)
    QCOMPARE(window[std::size_t(1 * 5 + 2)], 3.0f);    // (row 0, column 3)
    QCOMPARE(window[std::size_t(1 * 5 + 3)], 0.5f);    // column 4 is outside
    QCOMPARE(window[std::size_t(25 + 3 * 5 + 1)], 122.0f);  // channel 1, row 2, column 2
    QCOMPARE(window[std::size_t(25 + 4 * 5 + 1)], 0.5f);    // row 3 is outside
    const std::vector<std::uint8_t> mask{0, 7, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    std::vector<float> maskWindow(4, -1);
    copySliceWindow(mask.data(), 3, 4, 0, 1, 2, maskWindow.data());
    QCOMPARE(maskWindow, (std::vector<float>{1, 0, 0, 0}));
    copySliceWindow(mask.data(), 3, 4, 2, 3, 2, maskWindow.data());
    QCOMPARE(maskWindow, (std::vector<float>{1, 0, 0, 0}));
}

void TrainingCropsTest::trainsOnCropsAndRecordsTheSize()
{
    QTemporaryDir folder;
    SyntheticTrainingCases source(3);
    TrainingOptions options = tinyCropTraining(folder);
    options.stepsPerEpoch = 3;
    options.batchSize = 4;
    options.learningRate = 1e-3;
    const TrainingResult result = trainModel(options, source);
    QCOMPARE(result.globalStep, std::int64_t(3));
    QVERIFY(std::isfinite(result.lastLoss) && result.lastLoss > 0);
    const nlohmann::json metadata = nlohmann::json::parse(result.metadataJson);
    QCOMPARE(metadata["training"]["crop_size"].get<int>(), 24);
    QCOMPARE(metadata["training"]["batch_size"].get<int>(), 4);

    options.cropSize = 4;  // too small for the networks' down-sampling
    options.outputFolder = folder.filePath("bad").toStdString();
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, trainModel(options, source));
}

void TrainingCropsTest::hardNegativesTakeTheirShareOfCrops()
{
    // Batches of 4: samples 1 and 3 are not centred on a node; with hard negatives in every case,
    // fraction 1 centres both on one, fraction 0 neither, 0.5 about half (a binomial of 40 draws).
    QTemporaryDir folder;
    SyntheticTrainingCases source(3);
    source.mimics = true;
    TrainingOptions options = tinyCropTraining(folder);
    options.stepsPerEpoch = 20;
    options.batchSize = 4;
    options.learningRate = 1e-3;
    options.validationSlicesPerCase = 1;
    const auto trainWith = [&](double fraction, const char* run) {
        options.hardNegativeFraction = fraction;
        options.outputFolder = folder.filePath(run).toStdString();
        return trainModel(options, source);
    };
    const TrainingResult always = trainWith(1.0, "always");
    QCOMPARE(always.hardNegativeSamples, std::int64_t(2 * 20));
    const nlohmann::json metadata = nlohmann::json::parse(always.metadataJson);
    QCOMPARE(metadata["training"]["hard_negatives"]["samples"].get<std::int64_t>(), std::int64_t(40));
    QCOMPARE(metadata["training"]["hard_negatives"]["fraction"].get<double>(), 1.0);
    QCOMPARE(trainWith(0.0, "never").hardNegativeSamples, std::int64_t(0));
    const std::int64_t half = trainWith(0.5, "half").hardNegativeSamples;
    QVERIFY2(half >= 10 && half <= 30, qPrintable(QString::number(half)));
    // Without hard negatives in the data, the fraction has nothing to draw from.
    source.mimics = false;
    const TrainingResult none = trainWith(1.0, "none");
    QCOMPARE(none.hardNegativeSamples, std::int64_t(0));
    QVERIFY(!nlohmann::json::parse(none.metadataJson)["training"].contains("hard_negatives"));
}

void TrainingCropsTest::hardNegativesOfAnotherSizeAreRefused()
{
    class Mismatched : public SyntheticTrainingCases {
    public:
        Mismatched() : SyntheticTrainingCases(2) {}
        lnseg::model::TrainingCase load(const std::string& caseId) override
        {
            lnseg::model::TrainingCase result = SyntheticTrainingCases::load(caseId);
            result.hardNegatives.assign(result.image.size() / 2, 1);
            return result;
        }
    };
    QTemporaryDir folder;
    Mismatched source;
    TrainingOptions options = tinyCropTraining(folder);
    options.stepsPerEpoch = 1;
    try {
        trainModel(options, source);
        QFAIL("hard negatives of another size were accepted");
    } catch (const std::runtime_error& error) {
        QVERIFY2(QString(error.what()).contains("hard negative sizes do not match"), error.what());
    }
}

void TrainingCropsTest::gaussianBlurKeepsMeanAndSmooths()
{
    torch::manual_seed(5);
    const torch::Tensor noise = torch::rand({2, 3, 40, 48});
    const torch::Tensor blurred = gaussianBlur2d(noise, 1.5);
    QCOMPARE(blurred.sizes(), noise.sizes());
    // A normalised kernel with replicated edges keeps a constant image constant.
    const torch::Tensor constant = torch::full({1, 2, 16, 16}, 0.3f);
    QVERIFY(torch::allclose(gaussianBlur2d(constant, 2.0), constant, 1e-5, 1e-6));
    QVERIFY(std::abs(blurred.mean().item<double>() - noise.mean().item<double>()) < 0.01);
    QVERIFY(blurred.std().item<double>() < 0.5 * noise.std().item<double>());  // sigma 1.5: much smoother
    QVERIFY(torch::equal(gaussianBlur2d(noise, 0), noise));
}

void TrainingCropsTest::appearanceAugmentationVariesKernelAndNoise()
{
    // A disc of soft tissue (0.5) in air (0): edges and noise change, the range stays [0, 1], air stays air.
    torch::manual_seed(11);
    const std::int64_t samples = 30;
    auto disc = torch::zeros({samples, 1, 48, 48});
    const auto coordinates = torch::arange(48, torch::kFloat32) - 23.5f;
    const auto radius = (coordinates.view({-1, 1}).pow(2) + coordinates.view({1, -1}).pow(2)).sqrt();
    disc.index_put_({torch::indexing::Slice(), 0}, (radius < 15).to(torch::kFloat32) * 0.5f);
    torch::Tensor augmented = disc.clone();
    augmentAppearance(augmented, 0.0f);
    QVERIFY(augmented.min().item<float>() >= 0 && augmented.max().item<float>() <= 1);
    QVERIFY(augmented.index({torch::indexing::Slice(), 0, 0, 0}).abs().max().item<float>() < 1e-6);  // air corner
    // Inside the disc: noise of different strengths between samples (SD 0-0.06).
    const auto inside = augmented.index({torch::indexing::Slice(), 0, torch::indexing::Slice(18, 30), torch::indexing::Slice(18, 30)});
    const auto deviation = inside.reshape({samples, -1}).std(1);
    QVERIFY(deviation.max().item<double>() > 0.02);
    QVERIFY(deviation.min().item<double>() < deviation.max().item<double>() / 2);
    // The edge profile across the disc's border: some samples blurred (wider), some sharpened (overshoot).
    const auto profile = augmented.index({torch::indexing::Slice(), 0, 24, torch::indexing::Slice(4, 14)});
    QVERIFY((profile.amax(1) > 0.53).any().item<bool>());  // edge enhancement overshoots 0.5
    int blurredEdges = 0;
    for (std::int64_t index = 0; index < samples; ++index) {
        const auto row = augmented.index({index, 0, 24});
        if (row.index({8}).item<float>() > 0.05 && row.index({8}).item<float>() < 0.45 &&
            row.index({7}).item<float>() > 0.01)
            ++blurredEdges;  // the pixel just outside the disc picks up tissue
    }
    QVERIFY(blurredEdges > 0);
    // Different draws give different results; the same seed the same ones.
    torch::manual_seed(11);
    torch::Tensor again = disc.clone();
    augmentAppearance(again, 0.0f);
    QVERIFY(torch::equal(again, augmented));
}

void TrainingCropsTest::frozenBatchNormKeepsRunningStatistics()
{
    torch::nn::Sequential network(torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 4, 3).padding(1)),
                                  torch::nn::BatchNorm2d(4), torch::nn::ReLU());
    network->train();
    freezeBatchNormStatistics(*network);
    auto* norm = network[1]->as<torch::nn::BatchNorm2d>();
    QVERIFY(norm && !norm->is_training());
    QVERIFY(network[0]->is_training());
    const torch::Tensor mean = norm->running_mean.clone(), variance = norm->running_var.clone();
    torch::optim::SGD optimizer(network->parameters(), torch::optim::SGDOptions(0.1));
    for (int step = 0; step < 3; ++step) {
        optimizer.zero_grad();
        network->forward(torch::rand({2, 1, 8, 8}) * 5 + 3).mean().backward();
        optimizer.step();
    }
    QVERIFY(torch::equal(norm->running_mean, mean));
    QVERIFY(torch::equal(norm->running_var, variance));
    QVERIFY(norm->weight.grad().defined());  // scale and shift still learn

    // Through trainModel: the option is recorded in the model file, and a validation before the
    // first step is reported as epoch 0.
    QTemporaryDir folder;
    SyntheticTrainingCases source(3);
    TrainingOptions options = tinyCropTraining(folder);
    options.stepsPerEpoch = 2;
    options.batchSize = 2;
    options.freezeBatchNorm = true;
    options.validateFirst = true;
    std::vector<int> validatedEpochs;
    const TrainingResult result = trainModel(options, source, [&](const TrainingProgress& progress) {
        if (progress.epochEnd) validatedEpochs.push_back(progress.epoch);
    });
    QCOMPARE(validatedEpochs, (std::vector<int>{0, 1}));
    const nlohmann::json metadata = nlohmann::json::parse(result.metadataJson);
    QCOMPARE(metadata["training"]["batch_norm_statistics"].get<std::string>(), std::string("frozen"));
    QCOMPARE(metadata["training"]["augmentation"].get<std::string>(), std::string("appearance"));
    options.augmentation = "strong";
    QVERIFY_THROWS_EXCEPTION(std::invalid_argument, trainModel(options, source));
}

QTEST_APPLESS_MAIN(TrainingCropsTest)
#include "test_training_crops.moc"
