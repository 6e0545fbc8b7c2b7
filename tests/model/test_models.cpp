// The LibTorch segmentation networks, their losses and model files (core/model).
// Small inputs only: the whole program stays well under a minute on 2 CPU cores.

#include "model/Losses.h"
#include "model/ModelFile.h"
#include "model/SegmentationModel.h"

#include <torch/torch.h>

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

#include <cmath>
#include <fstream>
#include <random>

using namespace lnseg::model;

namespace {

ModelSpec makeSpec(const QString& architecture, const QString& mode) {
    ModelSpec spec;
    spec.architecture = architecture.toStdString();
    spec.mode = mode.toStdString();
    return spec;
}

// Batch 2; by default 2d 1x64x64, 2.5d 15x64x64, 3d 1x32x32x32 (size3d: the 3d edge).
torch::Tensor sampleInput(const ModelSpec& resolved, std::int64_t size3d = 32) {
    if (resolved.mode == "3d") return torch::randn({2, resolved.inputChannels, size3d, size3d, size3d});
    return torch::randn({2, resolved.inputChannels, 64, 64});
}

// A mask with a few blob-like positives (so every loss term has an edge to work on).
torch::Tensor sampleMask(const torch::Tensor& input) {
    std::vector<std::int64_t> shape(input.sizes().begin(), input.sizes().end());
    shape[1] = 1;
    torch::Tensor mask = torch::zeros(shape);
    if (shape.size() == 4) mask.slice(2, 10, 20).slice(3, 30, 44).fill_(1.0);
    else mask.slice(2, 2, 5).slice(3, 3, 6).slice(4, 2, 6).fill_(1.0);
    return mask;
}

bool isAttentionProjection(const std::string& name) {
    return name.find("along_axis") != std::string::npos && name.find("gamma") == std::string::npos;
}

QString messageOf(const std::function<void()>& action) {
    try {
        action();
    } catch (const std::runtime_error& error) {
        return QString::fromStdString(error.what());
    }
    return {};
}

void writeBytes(const QString& path, const std::string& bytes) {
    std::ofstream stream(path.toStdString(), std::ios::binary);
    stream.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string readBytes(const QString& path) {
    std::ifstream stream(path.toStdString(), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>());
}

}  // namespace

class TestModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        torch::set_num_threads(2);
        torch::manual_seed(7);
    }

    void architecturesAndModes_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<QString>("mode");
        QTest::addColumn<int>("sideMaps");
        QTest::newRow("snet 2d") << "snet" << "2d" << 2;
        QTest::newRow("snet 2.5d") << "snet" << "2.5d" << 2;
        QTest::newRow("snet 3d") << "snet" << "3d" << 2;
        QTest::newRow("attunet 2d") << "attunet" << "2d" << 0;
        QTest::newRow("attunet 2.5d") << "attunet" << "2.5d" << 0;
        QTest::newRow("attunet 3d") << "attunet" << "3d" << 0;
    }

    void outputShapes_data() { architecturesAndModes_data(); }
    void outputShapes() {
        QFETCH(QString, architecture);
        QFETCH(QString, mode);
        QFETCH(int, sideMaps);
        auto model = createModel(makeSpec(architecture, mode));
        QCOMPARE(model->spec().inputChannels, mode == "2.5d" ? 15 : 1);
        model->eval();
        c10::InferenceMode inference;
        const torch::Tensor input = sampleInput(model->spec());
        const ModelOutput output = model->forward(input);
        std::vector<std::int64_t> expected(input.sizes().begin(), input.sizes().end());
        expected[1] = 1;
        QCOMPARE(output.logits.sizes().vec(), expected);
        QCOMPARE(static_cast<int>(output.sideLogits.size()), sideMaps);
        for (const torch::Tensor& side : output.sideLogits) QCOMPARE(side.sizes().vec(), expected);
        QVERIFY(torch::isfinite(output.logits).all().item<bool>());
    }

    // Sizes that are not multiples of the network's down-sampling are padded and cropped back.
    void oddSizesArePaddedAndCropped() {
        for (const char* architecture : {"snet", "attunet"}) {
            auto model = createModel(makeSpec(architecture, "2d"));
            model->eval();
            c10::InferenceMode inference;
            const ModelOutput output = model->forward(torch::randn({1, 1, 30, 37}));
            QCOMPARE(output.logits.sizes().vec(), (std::vector<std::int64_t>{1, 1, 30, 37}));
            for (const torch::Tensor& side : output.sideLogits)
                QCOMPARE(side.sizes().vec(), (std::vector<std::int64_t>{1, 1, 30, 37}));
        }
    }

    // A 2d model inflated to 2.5d computes what the 2d model computes on the stack's centre
    // slice, whatever the neighbours hold (their stem weights start at zero).
    void inflatedModelStartsAsTheTwoDimensionalOne() {
        for (const char* architecture : {"snet", "attunet"}) {
            auto flat = createModel(makeSpec(architecture, "2d"));
            // BatchNorm statistics that are not the defaults, so that buffers must be copied too.
            flat->train();
            {
                torch::NoGradGuard noGrad;
                flat->forward(torch::randn({2, 1, 64, 64}) * 3 + 1);
            }
            flat->eval();
            auto stacked = inflateTo25d(*flat, 15);
            QCOMPARE(stacked->spec().mode, std::string("2.5d"));
            QCOMPARE(stacked->spec().inputChannels, std::int64_t(15));
            QVERIFY(!stacked->isTraining());
            c10::InferenceMode inference;
            const torch::Tensor stack = torch::randn({2, 15, 64, 64});
            const torch::Tensor expected = flat->forward(stack.narrow(1, 7, 1).contiguous()).logits;
            const torch::Tensor actual = stacked->forward(stack).logits;
            QVERIFY2(torch::allclose(actual, expected, 1e-4, 1e-4),
                     qPrintable(QString("%1: max difference %2").arg(architecture)
                                    .arg((actual - expected).abs().max().item<double>())));
        }
        auto notFlat = createModel(makeSpec("snet", "2.5d"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, inflateTo25d(*notFlat, 15));
        auto flat = createModel(makeSpec("snet", "2d"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, inflateTo25d(*flat, 4));
    }

    void wrongInputIsRefused() {
        auto model = createModel(makeSpec("snet", "2.5d"));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, model->forward(torch::randn({1, 1, 64, 64})));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, createModel(makeSpec("unet++", "2d")));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, createModel(makeSpec("snet", "4d")));
    }

    // One backward pass of the paper's total loss reaches every parameter. The axial attention's
    // gamma starts at 0 (identity block), so its query/key/value projections get exactly zero
    // gradient on the first step while gamma itself gets one; once gamma is non-zero, all do.
    void everyParameterGetsGradient_data() { architecturesAndModes_data(); }
    void everyParameterGetsGradient() {
        QFETCH(QString, architecture);
        QFETCH(QString, mode);
        auto model = createModel(makeSpec(architecture, mode));
        model->train();
        const torch::Tensor input = sampleInput(model->spec(), 8);  // 3d: CPU dilated conv3d is slow
        const torch::Tensor mask = sampleMask(input);

        const auto backwardOnce = [&] {
            for (auto& parameter : model->parameters()) parameter.mutable_grad() = torch::Tensor();
            segmentationLoss(model->forward(input), mask).total.backward();
        };
        backwardOnce();
        int gammas = 0;
        for (const auto& item : model->module()->named_parameters()) {
            const torch::Tensor& gradient = item.value().grad();
            QVERIFY2(gradient.defined(), item.key().c_str());
            const bool nonZero = gradient.abs().max().item<double>() > 0.0;
            if (isAttentionProjection(item.key())) {
                QVERIFY2(!nonZero, ("gamma = 0 should block " + item.key()).c_str());
            } else {
                QVERIFY2(nonZero, ("zero gradient: " + item.key()).c_str());
            }
            if (item.key().find("gamma") != std::string::npos) ++gammas;
        }
        const int dimensions = mode == "3d" ? 3 : 2;
        QCOMPARE(gammas, architecture == "snet" ? 2 * dimensions : 0);
        if (gammas == 0) return;

        {
            torch::NoGradGuard noGrad;
            for (const auto& item : model->module()->named_parameters())
                if (item.key().find("gamma") != std::string::npos) item.value().fill_(0.1);
        }
        backwardOnce();
        for (const auto& item : model->module()->named_parameters()) {
            const torch::Tensor& gradient = item.value().grad();
            QVERIFY2(gradient.defined() && gradient.abs().max().item<double>() > 0.0,
                     ("zero gradient with gamma 0.1: " + item.key()).c_str());
        }
    }

    void parameterCountsAreStable() {
        // Guards against accidental wiring changes (model files are keyed by these modules).
        QCOMPARE(createModel(makeSpec("snet", "2d"))->parameterCount(),
                 createModel(makeSpec("snet", "2d"))->parameterCount());
        const std::int64_t snet2d = createModel(makeSpec("snet", "2d"))->parameterCount();
        const std::int64_t snet25d = createModel(makeSpec("snet", "2.5d"))->parameterCount();
        // Only the stem differs: 14 more input channels x 32 filters x 3x3.
        QCOMPARE(snet25d - snet2d, std::int64_t{14 * 32 * 9});
        qInfo("parameters: snet 2d %lld, snet 2.5d %lld, snet 3d %lld, attunet 2d %lld, attunet 2.5d %lld",
              static_cast<long long>(snet2d), static_cast<long long>(snet25d),
              static_cast<long long>(createModel(makeSpec("snet", "3d"))->parameterCount()),
              static_cast<long long>(createModel(makeSpec("attunet", "2d"))->parameterCount()),
              static_cast<long long>(createModel(makeSpec("attunet", "2.5d"))->parameterCount()));
    }

    void saveLoadGivesIdenticalOutputs_data() {
        QTest::addColumn<QString>("architecture");
        QTest::addColumn<QString>("mode");
        QTest::newRow("snet 2d") << "snet" << "2d";
        QTest::newRow("snet 3d") << "snet" << "3d";
        QTest::newRow("attunet 2.5d") << "attunet" << "2.5d";
    }
    void saveLoadGivesIdenticalOutputs() {
        QFETCH(QString, architecture);
        QFETCH(QString, mode);
        ModelSpec spec = makeSpec(architecture, mode);
        spec.attentionDownsample = 2;  // a non-default spec must survive the round trip
        auto model = createModel(spec);
        const torch::Tensor input = sampleInput(model->spec(), 8);
        {
            // Move BatchNorm running statistics and gammas away from their initial values.
            torch::NoGradGuard noGrad;
            model->train();
            model->forward(input);
            for (const auto& item : model->module()->named_parameters())
                if (item.key().find("gamma") != std::string::npos) item.value().fill_(0.25);
        }
        model->eval();
        QTemporaryDir directory;
        const QString path = directory.filePath("model.pt");
        const std::string metadata = R"({"trained_on":"phantom","epochs":3})";
        saveModelFile(*model, path.toStdString(), metadata);
        QVERIFY(!QFile::exists(path + ".partial"));

        LoadedModel loaded = loadModelFile(path.toStdString(), {architecture.toStdString(), mode.toStdString(), 0});
        QCOMPARE(loaded.metadataJson, metadata);
        QCOMPARE(loaded.formatVersion, kModelFileFormatVersion);
        QCOMPARE(loaded.model->spec().architecture, model->spec().architecture);
        QCOMPARE(loaded.model->spec().mode, model->spec().mode);
        QCOMPARE(loaded.model->spec().widths, model->spec().widths);
        QCOMPARE(loaded.model->spec().attentionDownsample, std::int64_t{2});
        QVERIFY(!loaded.model->isTraining());
        QCOMPARE(readModelFileSpec(path.toStdString()).architecture, model->spec().architecture);

        c10::InferenceMode inference;
        const ModelOutput original = model->forward(input);
        const ModelOutput restored = loaded.model->forward(input);
        QVERIFY(torch::equal(original.logits, restored.logits));
        QCOMPARE(restored.sideLogits.size(), original.sideLogits.size());
        for (std::size_t index = 0; index < original.sideLogits.size(); ++index)
            QVERIFY(torch::equal(original.sideLogits[index], restored.sideLogits[index]));
    }

    void savingIntoAMissingFolderFailsCleanly() {
        QTemporaryDir directory;
        const QString path = directory.filePath("no-such-folder/model.pt");
        const QString message =
            messageOf([&] { saveModelFile(*createModel(makeSpec("attunet", "2d")), path.toStdString()); });
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY(!QFile::exists(path) && !QFile::exists(path + ".partial"));
    }

    void modelOfAnotherArchitectureIsRefused() {
        QTemporaryDir directory;
        const QString path = directory.filePath("attention-unet.pt");
        saveModelFile(*createModel(makeSpec("attunet", "2d")), path.toStdString());

        QString message = messageOf([&] { loadModelFile(path.toStdString(), {"snet", "", 0}); });
        QVERIFY2(message.contains(path) && message.contains("attunet") && message.contains("expected architecture snet"),
                 qPrintable(message));
        message = messageOf([&] { loadModelFile(path.toStdString(), {"attunet", "2.5d", 0}); });
        QVERIFY2(message.contains(path) && message.contains("expected mode 2.5d"), qPrintable(message));
        message = messageOf([&] { loadModelFile(path.toStdString(), {"", "", 15}); });
        QVERIFY2(message.contains("expected 15 input channels"), qPrintable(message));
    }

    // A file whose header claims SNet but whose parameters are an attention U-Net's.
    void parametersThatContradictTheHeaderAreRefused() {
        QTemporaryDir directory;
        const QString path = directory.filePath("forged.pt");
        auto attentionUnet = createModel(makeSpec("attunet", "2d"));
        torch::serialize::OutputArchive archive;
        archive.write("lnseg_model_file", c10::IValue(std::string("lnseg segmentation model")));
        archive.write("format_version", c10::IValue(std::int64_t{1}));
        archive.write("architecture", c10::IValue(std::string("snet")));
        archive.write("mode", c10::IValue(std::string("2d")));
        archive.write("input_channels", c10::IValue(std::int64_t{1}));
        archive.write("attention_channels", c10::IValue(std::int64_t{32}));
        archive.write("attention_downsample", c10::IValue(std::int64_t{1}));
        archive.write("widths", torch::tensor(std::vector<std::int64_t>{32, 48, 64}, torch::kLong));
        archive.write("metadata_json", c10::IValue(std::string("{}")));
        torch::serialize::OutputArchive parameters;
        attentionUnet->module()->save(parameters);
        archive.write("parameters", parameters);
        archive.save_to(path.toStdString());

        const QString message = messageOf([&] { loadModelFile(path.toStdString()); });
        QVERIFY2(message.contains(path) && message.contains("do not match the snet 2d architecture"),
                 qPrintable(message));
    }

    void corruptFilesAreRefused() {
        QTemporaryDir directory;
        const QString valid = directory.filePath("valid.pt");
        saveModelFile(*createModel(makeSpec("attunet", "2d")), valid.toStdString());
        const std::string bytes = readBytes(valid);
        QVERIFY(bytes.size() > 1000);

        std::mt19937 generator(3);
        std::string noise(4096, '\0');
        for (char& byte : noise) byte = static_cast<char>(generator() & 0xff);

        struct BadFile { const char* name; std::string content; };
        const std::vector<BadFile> badFiles = {
            {"random.pt", noise},
            {"empty.pt", ""},
            {"half.pt", bytes.substr(0, bytes.size() / 2)},
            {"short-tail.pt", bytes.substr(0, bytes.size() - 100)},
            {"header-only.pt", bytes.substr(0, 200)},
            {"text.pt", "{\"architecture\": \"snet\"}\n"},
        };
        for (const BadFile& bad : badFiles) {
            const QString path = directory.filePath(bad.name);
            writeBytes(path, bad.content);
            const QString message = messageOf([&] { loadModelFile(path.toStdString()); });
            QVERIFY2(message.contains(path), qPrintable(QString(bad.name) + ": " + message));
            QVERIFY2(!message.contains("Exception raised from"), qPrintable(message));  // no backtrace
        }
        // A valid LibTorch archive that is not an lnseg model.
        const QString tensorFile = directory.filePath("tensor.pt");
        torch::save(torch::ones({3}), tensorFile.toStdString());
        QString message = messageOf([&] { loadModelFile(tensorFile.toStdString()); });
        QVERIFY2(message.contains(tensorFile) && message.contains("not an lnseg model file"), qPrintable(message));

        const QString missing = directory.filePath("missing.pt");
        message = messageOf([&] { loadModelFile(missing.toStdString()); });
        QVERIFY2(message.contains(missing) && message.contains("does not exist"), qPrintable(message));
    }

    // 1x1x4x4, mask = the 2x2 top-left block (4 of 16 pixels).
    void tverskyMatchesHandComputation() {
        torch::Tensor mask = torch::zeros({1, 1, 4, 4});
        mask.slice(2, 0, 2).slice(3, 0, 2).fill_(1.0);

        // Logits 0 -> p = 0.5 everywhere: TP = 4*0.5 = 2, FP = 12*0.5 = 6, FN = 4*0.5 = 2.
        // Smoothing 1: TI = (2 + 1) / (2 + 0.3*6 + 0.7*2 + 1) = 3 / 6.2; loss = 1 - 3/6.2 = 0.516129.
        const double uniform = tverskyLoss(torch::zeros({1, 1, 4, 4}), mask).item<double>();
        QVERIFY(std::abs(uniform - (1.0 - 3.0 / 6.2)) < 1e-6);

        // p = 0.8 on the node (logit ln 4), 0.2 elsewhere (logit -ln 4), no smoothing:
        // TP = 4*0.8 = 3.2, FP = 12*0.2 = 2.4, FN = 4*0.2 = 0.8;
        // TI = 3.2 / (3.2 + 0.3*2.4 + 0.7*0.8) = 3.2 / 4.48 = 5/7; loss = 2/7.
        const torch::Tensor logits = torch::where(mask > 0.5, torch::full({1, 1, 4, 4}, std::log(4.0)),
                                                  torch::full({1, 1, 4, 4}, -std::log(4.0)));
        TverskyOptions noSmoothing;
        noSmoothing.smoothing = 0.0;
        QVERIFY(std::abs(tverskyLoss(logits, mask, noSmoothing).item<double>() - 2.0 / 7.0) < 1e-6);

        // alpha = beta = 0.5 is the Dice loss: TI = 3.2 / (3.2 + 1.2 + 0.4) = 2/3.
        TverskyOptions dice = noSmoothing;
        dice.falsePositiveWeight = dice.falseNegativeWeight = 0.5;
        QVERIFY(std::abs(tverskyLoss(logits, mask, dice).item<double>() - 1.0 / 3.0) < 1e-6);

        // Perfect, confident prediction: loss ~ 0.
        QVERIFY(tverskyLoss((mask - 0.5) * 40.0, mask).item<double>() < 1e-6);
    }

    void structureLossMatchesHandComputation() {
        torch::Tensor mask = torch::zeros({1, 1, 4, 4});
        mask.slice(2, 0, 2).slice(3, 0, 2).fill_(1.0);
        // The 31x31 average (padding 15, zeros counted) covers the whole 4x4 image from every
        // pixel: avg = 4/961 everywhere. Weights: node 1 + 5(1 - 4/961), background 1 + 5*4/961.
        const double nodeWeight = 1.0 + 5.0 * (1.0 - 4.0 / 961.0);
        const double backgroundWeight = 1.0 + 5.0 * 4.0 / 961.0;
        const torch::Tensor weights = structureWeights(mask);
        QVERIFY(std::abs(weights[0][0][0][0].item<double>() - nodeWeight) < 1e-5);
        QVERIFY(std::abs(weights[0][0][3][3].item<double>() - backgroundWeight) < 1e-5);

        // p = 0.8 on the node (logit ln 4), p = 0.5 on the background (logit 0).
        const torch::Tensor logits =
            torch::where(mask > 0.5, torch::full({1, 1, 4, 4}, std::log(4.0)), torch::zeros({1, 1, 4, 4}));
        const double nodeBce = -std::log(0.8), backgroundBce = std::log(2.0);
        const double weightSum = 4 * nodeWeight + 12 * backgroundWeight;
        const double expectedBce = (4 * nodeWeight * nodeBce + 12 * backgroundWeight * backgroundBce) / weightSum;
        // = (4*5.979188*0.223144 + 12*1.020812*0.693147) / 36.166493 = 0.382336
        QVERIFY(std::abs(expectedBce - 0.382336) < 1e-5);
        QVERIFY(std::abs(weightedBinaryCrossEntropy(logits, mask).item<double>() - expectedBce) < 1e-5);

        // I = sum(p t w) = 4*0.8*w1; U = sum((p + t) w) = 4*1.8*w1 + 12*0.5*w0;
        // wIoU = 1 - (I + 1) / (U - I + 1).
        const double intersection = 4 * 0.8 * nodeWeight;
        const double unionArea = 4 * 1.8 * nodeWeight + 12 * 0.5 * backgroundWeight;
        const double expectedIou = 1.0 - (intersection + 1.0) / (unionArea - intersection + 1.0);
        // = 1 - 20.133403 / 31.041623 = 0.351406
        QVERIFY(std::abs(expectedIou - 0.351406) < 1e-5);
        QVERIFY(std::abs(weightedIntersectionOverUnion(logits, mask).item<double>() - expectedIou) < 1e-5);
        QVERIFY(std::abs(structureLoss(logits, mask).item<double>() - (expectedBce + expectedIou)) < 1e-5);

        // The total: Tversky on the final map plus structure loss on each side map.
        ModelOutput output;
        output.logits = torch::zeros({1, 1, 4, 4});
        output.sideLogits = {logits, logits};
        const LossTerms terms = segmentationLoss(output, mask);
        QVERIFY(std::abs(terms.total.item<double>() -
                         ((1.0 - 3.0 / 6.2) + 2 * (expectedBce + expectedIou))) < 1e-5);
    }

    void weightingChangesTheBce() {
        torch::Tensor mask = torch::zeros({1, 1, 4, 4});
        mask.slice(2, 0, 2).slice(3, 0, 2).fill_(1.0);
        const torch::Tensor logits =
            torch::where(mask > 0.5, torch::full({1, 1, 4, 4}, std::log(4.0)), torch::zeros({1, 1, 4, 4}));
        namespace F = torch::nn::functional;
        // Unweighted: (4 * 0.223144 + 12 * 0.693147) / 16 = 0.575646.
        const double unweighted = F::binary_cross_entropy_with_logits(logits, mask).item<double>();
        QVERIFY(std::abs(unweighted - (4 * -std::log(0.8) + 12 * std::log(2.0)) / 16) < 1e-6);
        QVERIFY(std::abs(weightedBinaryCrossEntropy(logits, mask).item<double>() - unweighted) > 0.1);

        // 3D masks use a 31^3 average: a lone foreground voxel in 8^3 weighs 1 + 5(1 - 1/29791).
        torch::Tensor volume = torch::zeros({1, 1, 8, 8, 8});
        volume[0][0][4][4][4] = 1.0;
        QVERIFY(std::abs(structureWeights(volume)[0][0][4][4][4].item<double>() -
                         (1.0 + 5.0 * (1.0 - 1.0 / 29791.0))) < 1e-5);
    }
};

QTEST_GUILESS_MAIN(TestModels)
#include "test_models.moc"
