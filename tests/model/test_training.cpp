// Training (a few steps on tiny synthetic cases), checkpoints and resuming, the streaming cache's
// memory bound, cancellation, and whole-volume inference from the saved model file.
#include "Inference.h"
#include "ModelFile.h"
#include "SegmentationModel.h"
#include "Training.h"

#include "../support/SyntheticTrainingCases.h"

#include <QtTest/QtTest>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <cmath>
#include <filesystem>

using namespace lnseg::model;

namespace {

using SyntheticSource = SyntheticTrainingCases;

TrainingOptions tinyOptions(const QString& folder)
{
    TrainingOptions options = tinySnet2dOptions(folder.toStdString());
    options.epochs = 2;
    options.stepsPerEpoch = 2;
    options.batchSize = 2;
    options.learningRate = 1e-3;
    options.validationSlicesPerCase = 4;
    return options;
}

}  // namespace

class TrainingTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void trainsCheckpointsAndResumes();
    void cacheStaysWithinItsBound();
    void cancellationStopsAtOnce();
    void inferenceGivesOriginalGridAndCancels();
    void inferenceRunsOnEachSlicesBodyBox();
    void fineTuningStartsFromTheModelFile();

private:
    QTemporaryDir m_folder;
    std::string m_modelFile;
};

void TrainingTest::trainsCheckpointsAndResumes()
{
    SyntheticSource source(3);
    TrainingOptions options = tinyOptions(m_folder.filePath("run"));
    std::vector<TrainingProgress> reports;
    const TrainingResult result = trainModel(options, source, [&](const TrainingProgress& p) { reports.push_back(p); });
    QVERIFY(!result.cancelled);
    QCOMPARE(result.globalStep, std::int64_t(4));
    QCOMPARE(result.epochsCompleted, 2);
    QVERIFY(std::isfinite(result.lastLoss));
    QVERIFY(result.validationDice >= 0 && result.validationDice <= 1);
    QCOMPARE(result.split.validation.size() + result.split.training.size(), std::size_t(3));
    QVERIFY(!result.split.validation.empty());
    const auto checkpoint1 = m_folder.filePath("run/checkpoint_epoch_001.pt").toStdString();
    QVERIFY(std::filesystem::exists(checkpoint1));
    QVERIFY(std::filesystem::exists(m_folder.filePath("run/checkpoint_epoch_002.pt").toStdString()));
    QCOMPARE(reports.back().epochEnd, true);
    QVERIFY(reports.front().secondsLeft >= 0);

    // The model file carries the preprocessing and the training metadata.
    std::string metadataText;
    const ModelSpec spec = readModelFileSpec(result.modelFile, &metadataText);
    QCOMPARE(spec.widths, (std::vector<std::int64_t>{8, 8, 8}));
    const auto metadata = nlohmann::json::parse(metadataText);
    QCOMPARE(metadata["preprocessing"]["window_level"].get<double>(), 40.0);
    QCOMPARE(metadata["training"]["global_steps"].get<int>(), 4);
    QVERIFY(metadata["training"]["data_fingerprint"].get<std::string>().find("3 cases") == 0);
    QVERIFY(metadata.contains("date") && metadata["libraries"].contains("libtorch"));
    m_modelFile = result.modelFile;

    // Resume from epoch 1 to 3 epochs: continues at epoch 2, global step 3.
    options.outputFolder = m_folder.filePath("resumed").toStdString();
    options.resumeCheckpoint = checkpoint1;
    options.epochs = 3;
    std::vector<TrainingProgress> resumed;
    const TrainingResult second = trainModel(options, source, [&](const TrainingProgress& p) { resumed.push_back(p); });
    QCOMPARE(resumed.front().epoch, 2);
    QCOMPARE(resumed.front().globalStep, std::int64_t(3));
    QCOMPARE(second.globalStep, std::int64_t(6));
    QCOMPARE(second.epochsCompleted, 3);

    // A checkpoint of another architecture is refused.
    options.spec.architecture = "attunet";
    options.spec.widths = {4, 4, 4, 4};
    QVERIFY_THROWS_EXCEPTION(std::runtime_error, trainModel(options, source));
}

void TrainingTest::cacheStaysWithinItsBound()
{
    SyntheticSource source(8);
    TrainingOptions options = tinyOptions(m_folder.filePath("cache"));
    options.epochs = 1;
    options.stepsPerEpoch = 6;
    options.cachedCases = 2;
    options.stepsPerCaseSwap = 1;
    options.validationFraction = 0.1;
    const TrainingResult result = trainModel(options, source);
    QVERIFY(result.peakCachedCases <= 2);
    QVERIFY(result.casesLoaded >= 6);  // it did stream through the cases
    // One prepared case: 48 x 40 px at 1.25 mm plus margins, padded to 8 -> at most 64 x 56 x 10 x 5 bytes.
    const std::size_t caseBound = 64 * 56 * 10 * 5;
    QVERIFY2(result.peakCachedBytes <= 3 * caseBound, qPrintable(QString::number(result.peakCachedBytes)));
}

void TrainingTest::cancellationStopsAtOnce()
{
    SyntheticSource source(3);
    TrainingOptions options = tinyOptions(m_folder.filePath("cancel"));
    options.stepsPerEpoch = 50;
    std::atomic<bool> cancel{false};
    const TrainingResult result = trainModel(options, source, [&](const TrainingProgress& p) {
        if (p.globalStep == 2)
            cancel = true;
    }, &cancel);
    QVERIFY(result.cancelled);
    QCOMPARE(result.globalStep, std::int64_t(2));
    QVERIFY(result.modelFile.empty());
}

void TrainingTest::inferenceGivesOriginalGridAndCancels()
{
    QVERIFY(!m_modelFile.empty());
    SyntheticSource source(1);
    TrainingCase volume = source.load("case_1");
    InferenceOptions options;
    options.device = "cpu";
    options.threads = 1;  // OpenMP threads spin: under ctest -j2 more threads than cores is much slower
    options.batchSize = 3;
    InferenceEngine engine(m_modelFile, options);
    QCOMPARE(engine.spec().architecture, std::string("snet"));
    std::vector<std::int64_t> done;
    const ProbabilityVolume result = engine.predict(volume.view(), [&](std::int64_t d, std::int64_t total) {
        QCOMPARE(total, std::int64_t(10));
        done.push_back(d);
    });
    QCOMPARE(result.probabilities.size(), volume.image.size());
    QCOMPARE(done, (std::vector<std::int64_t>{3, 6, 9, 10}));
    for (float p : result.probabilities)
        QVERIFY(p >= 0 && p <= 1);

    std::atomic<bool> cancel{true};
    QVERIFY_THROWS_EXCEPTION(InferenceCancelled, engine.predict(volume.view(), {}, &cancel));
}

void TrainingTest::inferenceRunsOnEachSlicesBodyBox()
{
    QVERIFY(!m_modelFile.empty());
    // 64 x 48 x 6 at 1.25 mm: air, with soft tissue on the left of slice 1 and on the right of
    // slice 3; slices 0 and 5 hold air only.
    TrainingCase volume;
    volume.caseId = "boxes";
    volume.size[0] = 64;
    volume.size[1] = 48;
    volume.size[2] = 6;
    volume.spacing[0] = volume.spacing[1] = 1.25;
    volume.spacing[2] = 3;
    volume.image.assign(64 * 48 * 6, std::int16_t(-1000));
    volume.mask.assign(volume.image.size(), 0);
    const auto fill = [&](int slice, int firstColumn, int lastColumn) {
        for (int row = 15; row <= 30; ++row)
            for (int column = firstColumn; column <= lastColumn; ++column)
                volume.image[std::size_t((slice * 48 + row) * 64 + column)] = std::int16_t(40 + (row * 7 + column * 3) % 30);
    };
    fill(1, 12, 24);
    fill(3, 44, 56);
    InferenceOptions options;
    options.device = "cpu";
    options.threads = 1;
    // SNet (this model) runs on the whole grid by default: its axial attention sums over whole rows.
    InferenceEngine byModel(m_modelFile, options);
    const ProbabilityVolume defaultRun = byModel.predict(volume.view());
    QCOMPARE(defaultRun.networkPixels, defaultRun.prepared.size[0] * defaultRun.prepared.size[1] * 6);
    options.bodyBoxes = 1;
    InferenceEngine engine(m_modelFile, options);
    const ProbabilityVolume boxed = engine.predict(volume.view());
    QCOMPARE(boxed.batchSize, 1);  // the CPU default
    QCOMPARE(boxed.threads, 1);
    const std::int64_t gridPixels = boxed.prepared.size[0] * boxed.prepared.size[1];
    // Two slices with body, each in a box narrower than the grid; the air slices are skipped.
    QVERIFY(boxed.networkPixels > 0);
    QVERIFY2(boxed.networkPixels < 2 * gridPixels, qPrintable(QString::number(boxed.networkPixels)));
    const auto at = [&](const ProbabilityVolume& result, int slice, int row, int column) {
        return result.probabilities[std::size_t((slice * 48 + row) * 64 + column)];
    };
    for (int slice : {0, 2, 4, 5})
        for (int row = 0; row < 48; ++row)
            for (int column = 0; column < 64; ++column)
                QCOMPARE(at(boxed, slice, row, column), 0.0f);
    // Slice 1's box ends 8 px (10 mm) right of its tissue: the far right stays 0.
    QCOMPARE(at(boxed, 1, 20, 50), 0.0f);

    options.bodyBoxes = 0;  // the whole grid on every slice
    InferenceEngine whole(m_modelFile, options);
    const ProbabilityVolume full = whole.predict(volume.view());
    QCOMPARE(full.networkPixels, 6 * gridPixels);
    // Inside the tissue the two runs see the same pixels and nearly the same context.
    double largest = 0;
    for (int row = 18; row <= 27; ++row)
        for (int column = 15; column <= 21; ++column)
            largest = std::max(largest, double(std::abs(at(boxed, 1, row, column) - at(full, 1, row, column))));
    qInfo("largest probability difference inside the tissue, box vs whole grid: %.3g", largest);
    QVERIFY2(largest < 0.01, qPrintable(QString::number(largest)));

    // Channels-last (the CPU default) and the plain layout compute the same probabilities.
    options.channelsLast = 0;
    InferenceEngine plain(m_modelFile, options);
    const ProbabilityVolume plainResult = plain.predict(volume.view());
    double layoutDifference = 0;
    for (std::size_t index = 0; index < full.probabilities.size(); ++index)
        layoutDifference = std::max(layoutDifference,
                                    double(std::abs(full.probabilities[index] - plainResult.probabilities[index])));
    QVERIFY2(layoutDifference < 1e-4, qPrintable(QString::number(layoutDifference)));
}

void TrainingTest::fineTuningStartsFromTheModelFile()
{
    QVERIFY(!m_modelFile.empty());
    SyntheticSource source(3);
    TrainingOptions options = tinyOptions(m_folder.filePath("finetune"));
    // What the caller asks for is replaced by the starting model's spec and preprocessing.
    options.spec.architecture = "attunet";
    options.spec.widths = {4, 4, 4, 4};
    options.preprocessing.windowLevel = 300;
    options.initialModel = m_modelFile;
    options.epochs = 1;
    options.stepsPerEpoch = 1;
    options.learningRate = 1e-9;  // one step that barely moves the weights
    const TrainingResult result = trainModel(options, source);
    QCOMPARE(result.globalStep, std::int64_t(1));
    std::string metadataText;
    const ModelSpec spec = readModelFileSpec(result.modelFile, &metadataText);
    QCOMPARE(spec.architecture, std::string("snet"));
    QCOMPARE(spec.widths, (std::vector<std::int64_t>{8, 8, 8}));
    const auto metadata = nlohmann::json::parse(metadataText);
    QCOMPARE(metadata["preprocessing"]["window_level"].get<double>(), 40.0);
    QCOMPARE(metadata["fine_tuned_from"].get<std::string>(), std::filesystem::path(m_modelFile).filename().string());

    // The weights start from the file's: after one step at lr 1e-9 they are still the file's.
    const LoadedModel before = loadModelFile(m_modelFile);
    const LoadedModel after = loadModelFile(result.modelFile);
    auto afterParameters = after.model->module()->named_parameters();
    double largestChange = 0;
    for (const auto& item : before.model->module()->named_parameters())
        largestChange = std::max(largestChange, (item.value() - afterParameters[item.key()]).abs().max().item<double>());
    QVERIFY2(largestChange < 1e-6, qPrintable(QString::number(largestChange)));

    // A starting model that is not a model file is refused with the file's name.
    options.initialModel = m_folder.filePath("missing.lnsegmodel").toStdString();
    try {
        trainModel(options, source);
        QFAIL("a missing starting model was accepted");
    } catch (const std::runtime_error& error) {
        QVERIFY2(std::string(error.what()).find("missing.lnsegmodel") != std::string::npos, error.what());
    }
}

QTEST_APPLESS_MAIN(TrainingTest)
#include "test_training.moc"
