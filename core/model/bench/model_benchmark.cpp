// Times forward (and optionally backward) passes of the segmentation networks per architecture,
// input mode and size, on the CPU or CUDA. Prints one Markdown table row per case.
//
//   lnseg_model_benchmark [--device cpu|cuda] [--threads N] [--repeat N] [--warmup N]
//                         [--backward] [--batch N] [--attention-downsample F]
//                         [--attention-channels C] [CASE...]
//   CASE = architecture:mode:size, e.g. snet:2d:256 attunet:2.5d:512 snet:3d:96
//   (default: snet:2d:256 snet:2d:512 snet:2.5d:256 attunet:2d:256)

#include "Losses.h"
#include "SegmentationModel.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using lnseg::model::ModelSpec;

struct Options {
    std::string device = "cpu";
    int threads = 0;  // 0: leave LibTorch's default
    int repeat = 3;
    int warmup = 1;
    bool backward = false;
    std::int64_t batch = 1;
    std::int64_t attentionDownsample = 1;
    std::int64_t attentionChannels = 32;
    std::vector<std::string> cases;
};

struct Case {
    std::string architecture, mode;
    std::int64_t size = 0;
};

Case parseCase(const std::string& text) {
    Case parsed;
    std::stringstream stream(text);
    std::string size;
    if (!std::getline(stream, parsed.architecture, ':') || !std::getline(stream, parsed.mode, ':') ||
        !std::getline(stream, size))
        throw std::invalid_argument("bad case '" + text + "' (expected architecture:mode:size)");
    parsed.size = std::stoll(size);
    return parsed;
}

void synchronize(const torch::Device& device) {
    if (device.is_cuda()) torch::cuda::synchronize();
}

double milliseconds(std::chrono::steady_clock::duration duration) {
    return std::chrono::duration<double, std::milli>(duration).count();
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[values.size() / 2];
}

void runCase(const Case& benchmarkCase, const Options& options, const torch::Device& device) {
    ModelSpec spec;
    spec.architecture = benchmarkCase.architecture;
    spec.mode = benchmarkCase.mode;
    spec.attentionDownsample = options.attentionDownsample;
    spec.attentionChannels = options.attentionChannels;
    auto model = lnseg::model::createModel(spec);
    model->to(device);
    const ModelSpec& resolved = model->spec();

    std::vector<std::int64_t> shape{options.batch, resolved.inputChannels};
    const int dimensions = lnseg::model::spatialDimensions(resolved.mode);
    for (int axis = 0; axis < dimensions; ++axis) shape.push_back(benchmarkCase.size);
    const torch::Tensor input = torch::randn(shape, torch::TensorOptions().device(device));
    std::vector<std::int64_t> maskShape = shape;
    maskShape[1] = 1;
    const torch::Tensor mask =
        (torch::rand(maskShape, torch::TensorOptions().device(device)) > 0.95).to(torch::kFloat);

    std::vector<double> forwardTimes, backwardTimes;
    for (int iteration = 0; iteration < options.warmup + options.repeat; ++iteration) {
        const bool measured = iteration >= options.warmup;
        if (options.backward) {
            model->train();
            for (auto& parameter : model->parameters()) parameter.mutable_grad() = torch::Tensor();
            synchronize(device);
            const auto start = std::chrono::steady_clock::now();
            const auto output = model->forward(input);
            const torch::Tensor loss = lnseg::model::segmentationLoss(output, mask).total;
            synchronize(device);
            const auto middle = std::chrono::steady_clock::now();
            loss.backward();
            synchronize(device);
            const auto end = std::chrono::steady_clock::now();
            if (measured) {
                forwardTimes.push_back(milliseconds(middle - start));
                backwardTimes.push_back(milliseconds(end - middle));
            }
        } else {
            model->eval();
            c10::InferenceMode inference;
            synchronize(device);
            const auto start = std::chrono::steady_clock::now();
            const auto output = model->forward(input);
            synchronize(device);
            const auto end = std::chrono::steady_clock::now();
            if (measured) forwardTimes.push_back(milliseconds(end - start));
        }
    }

    std::ostringstream inputText;
    for (std::size_t axis = 1; axis < shape.size(); ++axis)
        inputText << (axis > 1 ? "x" : "") << shape[axis];
    std::printf("| %s | %s | %s | %lld | %lld | %s | %d | %.1f | %s |\n", resolved.architecture.c_str(),
                resolved.mode.c_str(), inputText.str().c_str(), static_cast<long long>(options.batch),
                static_cast<long long>(model->parameterCount()), device.str().c_str(),
                device.is_cuda() ? 0 : torch::get_num_threads(), median(forwardTimes),
                options.backward ? std::to_string(median(backwardTimes)).c_str() : "-");
    std::fflush(stdout);
}

Options parseOptions(int argc, char** argv) {
    Options options;
    for (int index = 1; index < argc; ++index) {
        const std::string argument = argv[index];
        const auto value = [&]() -> std::string {
            if (index + 1 >= argc) throw std::invalid_argument(argument + " needs a value");
            return argv[++index];
        };
        if (argument == "--device") options.device = value();
        else if (argument == "--threads") options.threads = std::stoi(value());
        else if (argument == "--repeat") options.repeat = std::stoi(value());
        else if (argument == "--warmup") options.warmup = std::stoi(value());
        else if (argument == "--batch") options.batch = std::stoll(value());
        else if (argument == "--attention-downsample") options.attentionDownsample = std::stoll(value());
        else if (argument == "--attention-channels") options.attentionChannels = std::stoll(value());
        else if (argument == "--backward") options.backward = true;
        else if (argument == "--help" || argument == "-h") {
            std::cout << "usage: lnseg_model_benchmark [--device cpu|cuda] [--threads N] [--repeat N]"
                         " [--warmup N] [--backward] [--batch N] [--attention-downsample F]"
                         " [--attention-channels C] [architecture:mode:size ...]\n";
            std::exit(0);
        } else if (!argument.empty() && argument[0] == '-') {
            throw std::invalid_argument("unknown option " + argument);
        } else {
            options.cases.push_back(argument);
        }
    }
    if (options.cases.empty())
        options.cases = {"snet:2d:256", "snet:2d:512", "snet:2.5d:256", "attunet:2d:256"};
    return options;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const Options options = parseOptions(argc, argv);
        if (options.threads > 0) torch::set_num_threads(options.threads);
        const torch::Device device(options.device == "cuda" ? torch::kCUDA : torch::kCPU);
        if (device.is_cuda() && !torch::cuda::is_available())
            throw std::runtime_error("CUDA is not available in this LibTorch build or machine");
        torch::manual_seed(0);
        std::printf("# LibTorch %d.%d, %s, repeat %d (median), warmup %d, attention downsample %lld,"
                    " attention channels %lld\n",
                    TORCH_VERSION_MAJOR, TORCH_VERSION_MINOR, options.backward ? "train forward+backward"
                                                                              : "inference forward",
                    options.repeat, options.warmup, static_cast<long long>(options.attentionDownsample),
                    static_cast<long long>(options.attentionChannels));
        std::printf("| architecture | mode | input (CxS) | batch | parameters | device | threads |"
                    " forward ms | backward ms |\n|---|---|---|---|---|---|---|---|---|\n");
        int failures = 0;
        for (const std::string& text : options.cases) {
            try {
                runCase(parseCase(text), options, device);
            } catch (const c10::Error& error) {  // e.g. out of memory: report, go on
                ++failures;
                const std::string message = error.what_without_backtrace();
                std::printf("| %s | failed: %s |\n", text.c_str(), message.substr(0, message.find('\n')).c_str());
                std::fflush(stdout);
            } catch (const std::exception& error) {
                ++failures;
                std::printf("| %s | failed: %s |\n", text.c_str(), error.what());
                std::fflush(stdout);
            }
        }
        return failures == 0 ? 0 : 1;
    } catch (const std::exception& error) {
        std::cerr << "lnseg_model_benchmark: " << error.what() << "\n";
        return 1;
    }
}
