// lnseg_train_phantoms: trains one or more models on neck phantoms generated in memory, for a GPU
// machine that has LibTorch but no ITK/Qt (needs only lnseg_model and the phantom generator).
//
//   lnseg_train_phantoms --out DIR --cases 40 --seed 1000 --seconds 150 snet:2d snet:2.5d attunet:2d
//   (--help: the options; --epochs N --steps-per-epoch M: at most N x M steps)
//   (--vary-resolution: every case at its own pixel and slice spacing; see PhantomSource;
//    --randomize: domain-randomized cases (phantom/DomainRandomization.h: resolution, kernel,
//    correlated noise, streaks, contrast, habitus, pose, node variety), at most --max-matrix
//    columns (default 384) and --max-slices slices (default 160) each, with any range of
//    `lnseg phantom --help` as --NAME LOW:HIGH, e.g. --noise-range 5:40;
//    --init-from MODEL: fine-tune that model file, which replaces the model list)
//
// Writes DIR/<arch>_<mode>.lnsegmodel for each model and DIR/metrics.json (validation Dice, steps,
// throughput, timings, and the CUDA/CPU time of a whole 512 x 512 x 200 volume's inference).
#include "Inference.h"
#include "ModelFile.h"
#include "Training.h"

#include "phantom/NeckPhantom.h"
#include "phantom/RandomizationOptions.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace {

using namespace lnseg;

model::TrainingCase toTrainingCase(const PhantomCase& phantom)
{
    model::TrainingCase result;
    result.caseId = phantom.caseId;
    const ImageGeometry geometry = phantom.image.geometry();
    for (int axis = 0; axis < 3; ++axis) {
        result.size[axis] = geometry.size[std::size_t(axis)];
        result.spacing[axis] = geometry.spacing[std::size_t(axis)];
    }
    result.image.assign(phantom.image.data(), phantom.image.data() + phantom.image.voxelCount());
    result.mask.resize(phantom.labels.voxelCount());
    for (std::size_t index = 0; index < result.mask.size(); ++index)
        result.mask[index] = phantom.labels.data()[index] ? 1 : 0;
    return result;
}

// Every case generated up front (in parallel) and kept in memory: the GPU machine has plenty.
class PhantomSource : public model::TrainingCaseSource {
public:
    // varyResolution: each case gets its own in-plane spacing in [0.6, 0.95] mm and slice spacing in
    // [1, 3] mm (from its seed), with the grid sized to keep a 333 mm x 200 mm field of view, so
    // that the model does not learn one scanner's resolution (a model trained at 0.87 x 2 mm alone
    // produced 4x the false positives on 0.65 x 1.5 mm phantoms).
    // With base.randomization.enabled, every case draws its own appearance instead (kept in
    // appearances(), in case order).
    PhantomSource(const PhantomOptions& base, int cases, std::uint64_t firstSeed, int threads, bool varyResolution)
    {
        m_cases.resize(std::size_t(cases));
        m_appearances.resize(std::size_t(cases));
        std::vector<std::thread> workers;
        std::atomic<int> next{0};
        for (int worker = 0; worker < std::max(1, threads); ++worker)
            workers.emplace_back([&] {
                for (int index = next++; index < cases; index = next++) {
                    PhantomOptions options = base;
                    options.seed = firstSeed + std::uint64_t(index);
                    options.threads = 1;
                    if (varyResolution) {
                        std::uint64_t bits = options.seed * 0x9e3779b97f4a7c15ull;
                        bits ^= bits >> 29;
                        const double u = double(bits & 0xffff) / 65535.0, v = double((bits >> 16) & 0xffff) / 65535.0;
                        options.pixelSpacingMm = 0.6 + 0.35 * u;
                        options.sliceSpacingMm = 1.0 + 2.0 * v;
                        options.columns = options.rows = int(std::lround(333.0 / options.pixelSpacingMm / 2)) * 2;
                        options.slices = int(std::lround(200.0 / options.sliceSpacingMm));
                    }
                    char id[32];
                    std::snprintf(id, sizeof id, "phantom_seed_%llu", static_cast<unsigned long long>(options.seed));
                    const PhantomCase phantom = generateNeckPhantom(options, id);
                    m_cases[std::size_t(index)] = toTrainingCase(phantom);
                    if (phantom.randomized)
                        m_appearances[std::size_t(index)] = caseMetadata(phantom, options);
                }
            });
        for (auto& worker : workers)
            worker.join();
    }
    std::vector<std::string> caseIds() const override
    {
        std::vector<std::string> ids;
        for (const auto& c : m_cases)
            ids.push_back(c.caseId);
        return ids;
    }
    model::TrainingCase load(const std::string& caseId) override
    {
        for (const auto& c : m_cases)
            if (c.caseId == caseId)
                return c;
        throw std::runtime_error("no phantom " + caseId);
    }

    const std::vector<nlohmann::json>& appearances() const { return m_appearances; }

private:
    std::vector<model::TrainingCase> m_cases;
    std::vector<nlohmann::json> m_appearances;
};

const char* const kUsage =
    "usage: lnseg_train_phantoms [options] [ARCH:MODE[:ATTENTION_DOWNSAMPLE] ...]   (default snet:2d)\n"
    "Trains each model on neck phantoms generated in memory; writes OUT/<arch>_<mode>.lnsegmodel and OUT/metrics.json.\n"
    "  --out DIR                 output folder (default phantom-models)\n"
    "  --cases N --seed S        phantoms generated (default 40, first seed 1000)\n"
    "  --seconds T               training time per model (default 120)\n"
    "  --epochs N --steps-per-epoch N   at most N epochs (default 1000: the time limit ends it) of N steps (default 200)\n"
    "  --batch N --lr X --threads N --device cpu|cuda|auto\n"
    "  --columns N --rows N --slices N --pixel-spacing MM --slice-spacing MM   phantom grid (without --randomize)\n"
    "  --vary-resolution         every case at its own pixel and slice spacing\n"
    "  --randomize               domain-randomized cases; --max-matrix N (default 384), --max-slices N (default 160),\n"
    "                            --streak-probability P, and any range of `lnseg phantom --help` as --NAME LOW:HIGH\n"
    "  --init-from MODEL         fine-tune that model file (replaces the model list)\n"
    "  --no-timing               skip the 512 x 512 x 200 inference timing\n";

double seconds(std::chrono::steady_clock::time_point since)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

}  // namespace

int main(int argc, char** argv)
{
    std::string out = "phantom-models";
    int cases = 40, threads = int(std::max(1u, std::thread::hardware_concurrency()));
    std::uint64_t seed = 1000;
    double secondsPerModel = 120, learningRate = 3e-4, pixelSpacing = 0.87, sliceSpacing = 2.0;
    int columns = 384, rows = 384, slices = 100, stepsPerEpoch = 200, batch = 0, epochs = 1000;
    std::string device = "auto";
    bool varyResolution = false;
    DomainRandomization randomization;
    randomization.maximumMatrix = 384;  // dozens of cases are kept in memory
    randomization.maximumSlices = 160;
    std::string initialModel;
    bool timeInference = true;  // --no-timing: skip the 512 x 512 x 200 inference timing (slow on a CPU)
    std::vector<std::string> models;
    for (int index = 1; index < argc; ++index) {
        const std::string argument = argv[index];
        auto value = [&]() -> std::string {
            if (index + 1 >= argc)
                throw std::invalid_argument(argument + " needs a value");
            return argv[++index];
        };
        if (argument == "--help" || argument == "-h") {
            std::printf("%s", kUsage);
            return 0;
        }
        else if (argument == "--out") out = value();
        else if (argument == "--cases") cases = std::stoi(value());
        else if (argument == "--seed") seed = std::stoull(value());
        else if (argument == "--seconds") secondsPerModel = std::stod(value());
        else if (argument == "--lr") learningRate = std::stod(value());
        else if (argument == "--batch") batch = std::stoi(value());
        else if (argument == "--steps-per-epoch") stepsPerEpoch = std::stoi(value());
        else if (argument == "--epochs") epochs = std::stoi(value());
        else if (argument == "--columns") columns = std::stoi(value());
        else if (argument == "--rows") rows = std::stoi(value());
        else if (argument == "--slices") slices = std::stoi(value());
        else if (argument == "--pixel-spacing") pixelSpacing = std::stod(value());
        else if (argument == "--slice-spacing") sliceSpacing = std::stod(value());
        else if (argument == "--threads") threads = std::stoi(value());
        else if (argument == "--device") device = value();
        else if (argument == "--vary-resolution") varyResolution = true;
        else if (argument == "--randomize") randomization.enabled = true;
        else if (argument == "--max-matrix") randomization.maximumMatrix = std::stoi(value());
        else if (argument == "--max-slices") randomization.maximumSlices = std::stoi(value());
        else if (argument == "--streak-probability") randomization.streakProbability = std::stod(value());
        else if (argument.rfind("--", 0) == 0 && argument.size() > 8 && argument.compare(argument.size() - 6, 6, "-range") == 0) {
            if (!setRandomizationRange(randomization, argument.substr(2), value())) {
                std::fprintf(stderr, "unknown option %s\n", argument.c_str());
                return 2;
            }
        }
        else if (argument == "--init-from") initialModel = value();
        else if (argument == "--no-timing") timeInference = false;
        else if (argument.rfind("--", 0) == 0) {
            std::fprintf(stderr, "unknown option %s\n", argument.c_str());
            return 2;
        } else
            models.push_back(argument);
    }
    if (!initialModel.empty()) {
        if (!models.empty()) {
            std::fprintf(stderr, "--init-from MODEL trains that model: leave out the model list\n");
            return 2;
        }
        const model::ModelSpec spec = model::readModelFileSpec(initialModel);
        models = {spec.architecture + ":" + spec.mode + ":" + std::to_string(spec.attentionDownsample)};
    }
    if (models.empty())
        models = {"snet:2d"};
    std::filesystem::create_directories(out);
    nlohmann::json metrics;
    const auto start = std::chrono::steady_clock::now();
    PhantomOptions base;
    base.columns = columns;
    base.rows = rows;
    base.slices = slices;
    base.pixelSpacingMm = pixelSpacing;
    base.sliceSpacingMm = sliceSpacing;
    base.randomization = randomization;
    if (randomization.enabled && varyResolution) {
        std::fprintf(stderr, "--randomize draws the resolution itself: leave out --vary-resolution\n");
        return 2;
    }
    validate(randomization);
    PhantomSource source(base, cases, seed, threads, varyResolution);
    metrics["phantoms"] = {{"cases", cases}, {"first_seed", seed}, {"columns", columns}, {"rows", rows},
                           {"slices", slices}, {"pixel_spacing_mm", pixelSpacing}, {"slice_spacing_mm", sliceSpacing}, {"vary_resolution", varyResolution},
                           {"randomized", randomization.enabled}, {"generation_seconds", seconds(start)}};
    if (randomization.enabled)
        metrics["phantoms"]["cases_drawn"] = source.appearances();
    PhantomOptions big;
    big.seed = 999999;
    big.slices = 200;
    big.threads = threads;
    const model::TrainingCase timingVolume = timeInference ? toTrainingCase(generateNeckPhantom(big, "timing")) : model::TrainingCase{};
    std::printf("%d phantoms%s in %.1f s\n", cases, timeInference ? " and a 512 x 512 x 200 timing volume" : "", seconds(start));
    std::fflush(stdout);

    for (const std::string& name : models) {
        model::TrainingOptions options;
        const auto colon = name.find(':');
        options.spec.architecture = name.substr(0, colon);
        std::string rest = colon == std::string::npos ? "2d" : name.substr(colon + 1);
        const auto second = rest.find(':');
        options.spec.mode = rest.substr(0, second);
        if (second != std::string::npos)
            options.spec.attentionDownsample = std::stoi(rest.substr(second + 1));
        std::string label = options.spec.architecture + "_" + options.spec.mode;
        if (options.spec.attentionDownsample > 1)
            label += "_ad" + std::to_string(options.spec.attentionDownsample);
        options.outputFolder = out + "/" + label;
        options.epochs = epochs;  // by default the time limit ends it
        options.stepsPerEpoch = stepsPerEpoch;
        options.batchSize = batch;
        options.learningRate = learningRate;
        options.cachedCases = cases;
        options.validationSlicesPerCase = 0;
        options.maximumSeconds = secondsPerModel;
        options.device = device;
        options.initialModel = initialModel;
        options.threads = threads;
        options.seed = seed;
        options.extraMetadataJson = nlohmann::json{{"trained_by", "lnseg_train_phantoms"}, {"phantoms", metrics["phantoms"]}}.dump();
        std::printf("training %s for %.0f s\n", label.c_str(), secondsPerModel);
        std::fflush(stdout);
        const model::TrainingResult result = model::trainModel(options, source, [](const model::TrainingProgress& p) {
            if (p.epochEnd)
                std::printf("  epoch %d step %lld loss %.4f validation dice %.4f %.0f s\n", p.epoch,
                            static_cast<long long>(p.globalStep), p.loss, p.validationDice, p.secondsElapsed);
            std::fflush(stdout);
        });
        const std::string modelFile = out + "/" + label + ".lnsegmodel";
        std::filesystem::copy_file(result.modelFile, modelFile, std::filesystem::copy_options::overwrite_existing);
        nlohmann::json entry{{"model_file", modelFile}, {"validation_dice", result.validationDice},
                             {"steps", result.globalStep}, {"epochs", result.epochsCompleted},
                             {"final_loss", result.lastLoss}, {"slices_per_second", result.slicesPerSecond},
                             {"seconds", result.seconds}, {"device", result.device},
                             {"validation_cases", result.split.validation.size()},
                             {"training_cases", result.split.training.size()}};
        // Whole-volume inference time on a 512 x 512 x 200 phantom (first call warms up).
        if (timeInference) try {
            model::InferenceOptions inferenceOptions;
            inferenceOptions.device = device;
            inferenceOptions.threads = threads;
            inferenceOptions.batchSize = 32;
            model::InferenceEngine engine(modelFile, inferenceOptions);
            engine.predict(timingVolume.view());
            const model::ProbabilityVolume timed = engine.predict(timingVolume.view());
            entry["inference_512x512x200"] = {{"seconds", timed.seconds}, {"network_seconds", timed.networkSeconds},
                                              {"device", timed.device}};
        } catch (const std::exception& error) {
            entry["inference_512x512x200"] = {{"error", error.what()}};
        }
        metrics["models"][label] = entry;
        std::printf("%s\n", entry.dump().c_str());
        std::ofstream(out + "/metrics.json") << metrics.dump(2) << "\n";
    }
    metrics["total_seconds"] = seconds(start);
    std::ofstream(out + "/metrics.json") << metrics.dump(2) << "\n";
    return 0;
}
