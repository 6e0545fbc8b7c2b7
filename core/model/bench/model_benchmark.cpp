// Times the segmentation networks per architecture, input mode and size (or per model file), on
// the CPU or CUDA, and counts their arithmetic. Prints one Markdown table row per case:
// FLOPs per slice (2d/2.5d) or per patch (3d) and the share of matrix products (axial attention),
// inference time per batch, slices/s and achieved
// GFLOP/s, and optionally training throughput (Adam steps) in slices/s.
//
//   lnseg_model_benchmark [--device cpu|cuda] [--threads N] [--repeat N] [--warmup N]
//                         [--batch N] [--backward] [--train-steps N] [--train-batch N]
//                         [--flops-only] [--attention-downsample F] [--attention-channels C]
//                         [--no-probes] [--flush-denormals on|off] [CASE...]
//   First prints the BLAS library actually loaded and the load average, and measures this
//   machine's peak (a GEMM and a 3x3 convolution probe); each model's GFLOP/s is also printed as a
//   share of the convolution probe.
//   CASE = architecture:mode:size  (snet:2d:256, attunet:2.5d:272x216, snet:3d:96)
//        | FILE.lnsegmodel[:size]  (a model file's network; size default 256, 3d: 96)
//   size = N (square/cube) or HxW (2d) or DxHxW (3d)
//   (default cases: snet:2d:256 snet:2d:512 snet:2.5d:256 attunet:2d:256)
//
//   lnseg_model_benchmark --compare-devices FILE.lnsegmodel [--tolerance T] [--threads N]
//   Runs FILE's network on a fixed synthetic input on the CPU and, when CUDA is available, on
//   CUDA (TF32 off), prints max |difference| of the probabilities and the Dice of the masks
//   thresholded at 0.5, and exits 3 when the difference exceeds T (default 1e-3). Without CUDA
//   it prints the CPU side and a line saying the comparison was skipped, and exits 0.
//
// FLOPs = 2 x multiply-accumulates of convolutions, transposed convolutions and matrix products
// (Flops.h), counted on the first forward pass. Training GFLOP/s uses the usual estimate of
// 3 x the forward FLOPs per training step (forward + backward for inputs and weights).

#include "ComputeSystem.h"
#include "Flops.h"
#include "Losses.h"
#include "ModelFile.h"
#include "SegmentationModel.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using lnseg::model::ModelSpec;
using lnseg::model::SegmentationModel;

struct Options {
    std::string device = "cpu";
    int threads = 0;  // 0: leave LibTorch's default
    int repeat = 3;
    int warmup = 1;
    bool backward = false;
    bool flopsOnly = false;
    int trainSteps = 0;
    std::int64_t trainBatch = 2;
    std::int64_t batch = 1;
    std::int64_t attentionDownsample = 1;
    std::int64_t attentionChannels = 32;
    std::string compareModel;
    double tolerance = 1e-3;
    bool probes = true;             // measure this machine's GEMM and convolution peak first
    int flushDenormals = 1;         // CPU: flush-to-zero as the engine does (1), or not (0)
    std::vector<std::string> cases;
};

struct Case {
    std::string architecture, mode, modelFile;
    std::string sizeText;
};

Case parseCase(const std::string& text) {
    Case parsed;
    const std::string suffix = ".lnsegmodel";
    const std::size_t file = text.find(suffix);
    if (file != std::string::npos) {
        parsed.modelFile = text.substr(0, file + suffix.size());
        if (text.size() > file + suffix.size()) {
            if (text[file + suffix.size()] != ':') throw std::invalid_argument("bad case '" + text + "'");
            parsed.sizeText = text.substr(file + suffix.size() + 1);
        }
        return parsed;
    }
    std::stringstream stream(text);
    if (!std::getline(stream, parsed.architecture, ':') || !std::getline(stream, parsed.mode, ':') ||
        !std::getline(stream, parsed.sizeText))
        throw std::invalid_argument("bad case '" + text + "' (expected architecture:mode:size)");
    return parsed;
}

// "512" -> {512, 512}(, 512); "272x216" -> {272, 216}.
std::vector<std::int64_t> parseSize(const std::string& text, int dimensions) {
    std::vector<std::int64_t> size;
    std::stringstream stream(text);
    std::string part;
    while (std::getline(stream, part, 'x')) size.push_back(std::stoll(part));
    if (size.size() == 1) size.assign(std::size_t(dimensions), size.front());
    if (size.size() != std::size_t(dimensions))
        throw std::invalid_argument("size '" + text + "' needs " + std::to_string(dimensions) + " extents");
    for (std::int64_t extent : size)
        if (extent < 4) throw std::invalid_argument("size '" + text + "': every extent must be >= 4");
    return size;
}

void synchronize(const torch::Device& device) {
    if (device.is_cuda()) torch::cuda::synchronize();
}

double seconds(std::chrono::steady_clock::duration duration) {
    return std::chrono::duration<double>(duration).count();
}

std::string loadAverage() {
    std::ifstream file("/proc/loadavg");
    std::string one, five, fifteen;
    file >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

double median(std::vector<double> values) {
    std::sort(values.begin(), values.end());
    return values.empty() ? 0.0 : values[values.size() / 2];
}

std::string attentionText(const ModelSpec& spec) {
    if (spec.architecture != "snet") return "-";
    std::string text = spec.attentionDownsample == 1 ? "full" : "pooled x" + std::to_string(spec.attentionDownsample);
    if (spec.attentionChannels != 32) text += ", " + std::to_string(spec.attentionChannels) + " ch";
    return text;
}

std::unique_ptr<SegmentationModel> makeModel(const Case& benchmarkCase, const Options& options, std::string* name) {
    if (!benchmarkCase.modelFile.empty()) {
        *name = benchmarkCase.modelFile.substr(benchmarkCase.modelFile.find_last_of('/') + 1);
        return lnseg::model::loadModelFile(benchmarkCase.modelFile).model;
    }
    ModelSpec spec;
    spec.architecture = benchmarkCase.architecture;
    spec.mode = benchmarkCase.mode;
    spec.attentionDownsample = options.attentionDownsample;
    spec.attentionChannels = options.attentionChannels;
    *name = spec.architecture;
    return lnseg::model::createModel(spec);
}

torch::Tensor sparseMask(std::vector<std::int64_t> shape, const torch::Device& device) {
    shape[1] = 1;
    return (torch::rand(shape, torch::TensorOptions().device(device)) > 0.95).to(torch::kFloat);
}

// This machine's peak for the two kinds of work the networks do: a large single-precision matrix
// product (BLAS sgemm: the axial attention, transposed and 1x1 convolutions) and a 3x3
// convolution of 64 channels (oneDNN where LibTorch has it: most convolutions). Each model's
// GFLOP/s is then printed as a share of the convolution probe.
struct PeakProbes {
    double gemmGflops = 0;
    double convolutionGflops = 0;
};

double timeBest(const std::function<void()>& work, const torch::Device& device, int repeat) {
    work();  // warm-up
    synchronize(device);
    double best = 1e30;
    for (int index = 0; index < repeat; ++index) {
        const auto start = std::chrono::steady_clock::now();
        work();
        synchronize(device);
        best = std::min(best, seconds(std::chrono::steady_clock::now() - start));
    }
    return best;
}

PeakProbes measurePeaks(const torch::Device& device) {
    c10::InferenceMode inference;
    PeakProbes peaks;
    const std::int64_t n = device.is_cuda() ? 4096 : 1024;
    const torch::Tensor a = torch::randn({n, n}, torch::TensorOptions().device(device));
    const torch::Tensor b = torch::randn({n, n}, torch::TensorOptions().device(device));
    peaks.gemmGflops = 2.0 * double(n) * double(n) * double(n) / timeBest([&] { torch::mm(a, b); }, device, 5) / 1e9;
    const std::int64_t batch = device.is_cuda() ? 16 : 1, channels = 64, size = 128;
    const torch::Tensor input = torch::randn({batch, channels, size, size}, torch::TensorOptions().device(device));
    const torch::Tensor weight = torch::randn({channels, channels, 3, 3}, torch::TensorOptions().device(device)) * 0.05;
    const double macs = double(batch) * double(channels) * double(channels) * 9.0 * double(size) * double(size);
    peaks.convolutionGflops =
        2.0 * macs / timeBest([&] { torch::conv2d(input, weight, {}, 1, 1); }, device, 5) / 1e9;
    return peaks;
}

PeakProbes g_peaks;

void runCase(const Case& benchmarkCase, const Options& options, const torch::Device& device) {
    std::string name;
    auto model = makeModel(benchmarkCase, options, &name);
    model->to(device);
    const ModelSpec& resolved = model->spec();
    const int dimensions = lnseg::model::spatialDimensions(resolved.mode);
    const std::string sizeText =
        benchmarkCase.sizeText.empty() ? (dimensions == 3 ? "96" : "256") : benchmarkCase.sizeText;
    const std::vector<std::int64_t> size = parseSize(sizeText, dimensions);

    std::vector<std::int64_t> shape{options.batch, resolved.inputChannels};
    shape.insert(shape.end(), size.begin(), size.end());
    const torch::Tensor input = torch::randn(shape, torch::TensorOptions().device(device));
    const torch::Tensor mask = sparseMask(shape, device);

    // FLOPs: counted on the first forward pass (inference mode, this thread's operators).
    double flopsPerSample = 0, matmulFlopsPerSample = 0;
    std::vector<double> forwardTimes, backwardTimes;
    const int iterations = options.flopsOnly ? 1 : options.warmup + options.repeat;
    for (int iteration = 0; iteration < iterations; ++iteration) {
        const bool measured = !options.flopsOnly && iteration >= options.warmup;
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
                forwardTimes.push_back(seconds(middle - start));
                backwardTimes.push_back(seconds(end - middle));
            }
        } else {
            model->eval();
            c10::InferenceMode inference;
            synchronize(device);
            const auto start = std::chrono::steady_clock::now();
            if (iteration == 0) {
                lnseg::model::OperationCounter counter;
                model->forward(input);
                flopsPerSample = counter.count().flops() / double(options.batch);
                matmulFlopsPerSample = 2.0 * double(counter.count().matmulMacs) / double(options.batch);
            } else {
                model->forward(input);
            }
            synchronize(device);
            const auto end = std::chrono::steady_clock::now();
            if (measured) forwardTimes.push_back(seconds(end - start));
        }
    }
    if (options.backward || flopsPerSample == 0) {
        std::vector<std::int64_t> one = shape;
        one[0] = 1;
        const lnseg::model::OperationCount count = lnseg::model::countForwardOperations(*model, one);
        flopsPerSample = count.flops();
        matmulFlopsPerSample = 2.0 * double(count.matmulMacs);
    }

    // Training throughput: Adam steps on random batches (after one warm-up step).
    double trainSlicesPerSecond = 0;
    if (options.trainSteps > 0 && !options.flopsOnly) {
        std::vector<std::int64_t> trainShape = shape;
        trainShape[0] = options.trainBatch;
        const torch::Tensor trainInput = torch::randn(trainShape, torch::TensorOptions().device(device));
        const torch::Tensor trainMask = sparseMask(trainShape, device);
        model->train();
        torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(1e-4));
        std::chrono::steady_clock::time_point start;
        for (int step = 0; step <= options.trainSteps; ++step) {
            if (step == 1) {
                synchronize(device);
                start = std::chrono::steady_clock::now();
            }
            optimizer.zero_grad();
            const torch::Tensor loss = lnseg::model::segmentationLoss(model->forward(trainInput), trainMask).total;
            loss.backward();
            optimizer.step();
        }
        synchronize(device);
        trainSlicesPerSecond =
            double(options.trainSteps * options.trainBatch) / seconds(std::chrono::steady_clock::now() - start);
        model->eval();
    }

    std::ostringstream inputText;
    for (std::size_t axis = 1; axis < shape.size(); ++axis) inputText << (axis > 1 ? "x" : "") << shape[axis];
    const double forwardSeconds = median(forwardTimes);
    const double slicesPerSecond = forwardSeconds > 0 ? double(options.batch) / forwardSeconds : 0;
    const auto number = [](double value, const char* format) {
        if (value <= 0) return std::string("-");
        char text[64];
        std::snprintf(text, sizeof text, format, value);
        return std::string(text);
    };
    const double inferenceGflops = slicesPerSecond * flopsPerSample / 1e9;
    const double trainingGflops = trainSlicesPerSecond * 3 * flopsPerSample / 1e9;
    const auto share = [&](double gflops) {
        return g_peaks.convolutionGflops > 0 && gflops > 0 ? number(100 * gflops / g_peaks.convolutionGflops, "%.0f %%")
                                                           : std::string("-");
    };
    std::printf("| %s | %s | %s | %s | %lld | %lld | %s | %d | %.2f | %.2f | %s | %s | %s | %s | %s | %s | %s | %s |\n",
                name.c_str(), resolved.mode.c_str(), attentionText(resolved).c_str(), inputText.str().c_str(),
                static_cast<long long>(options.batch), static_cast<long long>(model->parameterCount()),
                device.str().c_str(), device.is_cuda() ? 0 : torch::get_num_threads(), flopsPerSample / 1e9,
                matmulFlopsPerSample / 1e9, number(forwardSeconds * 1000, "%.1f").c_str(), number(slicesPerSecond, "%.3g").c_str(),
                number(slicesPerSecond * flopsPerSample / 1e9, "%.3g").c_str(),
                options.backward ? number(median(backwardTimes) * 1000, "%.1f").c_str() : "-",
                number(trainSlicesPerSecond, "%.3g").c_str(), number(trainingGflops, "%.3g").c_str(),
                share(inferenceGflops).c_str(), share(trainingGflops).c_str());
    std::fflush(stdout);
}

// A fixed synthetic input in the prepared intensity range (L40/W400 -> [0, 1]) on the prepared
// 1.25 mm grid: an elliptic "neck" of fat (-90 HU) with two muscles, an airway, two vessels
// running along z (200 HU) and twelve node-like spheres in the fat (2-6 px radius, 40-70 HU), with
// deterministic pseudo-noise, so
// that the models fire somewhere and the thresholded masks are worth comparing.
// 2d/2.5d: 4 slices 3 slices apart at 2 mm (2.5d channels are the neighbouring slices); 3d: one
// size^3 volume at 1.25 mm.
torch::Tensor deterministicInput(const ModelSpec& spec, std::int64_t size) {
    const bool volumetric = spec.mode == "3d";
    const std::int64_t samples = volumetric ? 1 : 4, channels = spec.inputChannels;
    const std::int64_t depth = volumetric ? size : 1;
    std::vector<std::int64_t> shape{samples, channels};
    if (volumetric) shape.push_back(depth);
    shape.push_back(size);
    shape.push_back(size);
    torch::Tensor input = torch::empty(shape, torch::kFloat32);
    float* data = input.data_ptr<float>();
    const double half = double(size) / 2;
    const auto window = [](double hu) { return std::clamp((hu + 160.0) / 400.0, 0.0, 1.0); };
    // x, y in pixels from the centre, z in pixels of 1.25 mm.
    const auto value = [&](double x, double y, double z) {
        const double u = x / half, v = y / half;
        if (u * u / 0.64 + v * v / 0.36 >= 1) return window(-1000);
        double hu = -90 + 8 * std::sin(0.9 * x + 0.4 * y + 0.3 * z);
        for (double side : {-1.0, 1.0}) {
            const double mu = (u - side * 0.35) / 0.15, mv = (v - 0.25) / 0.08;
            if (mu * mu + mv * mv < 1) hu = 50;
            const double vu = u - side * 0.25, vv = v + 0.05;
            if (vu * vu + vv * vv < 0.035 * 0.035) hu = 200;
        }
        if (u * u + (v + 0.2) * (v + 0.2) < 0.06 * 0.06) hu = -1000;
        for (int node = 0; node < 12; ++node) {
            const double angle = node * 0.5236 + 0.2;
            const double cx = half * 0.55 * std::cos(angle), cy = half * 0.38 * std::sin(angle);
            const double cz = (node % 3 - 1) * 2.0, radius = 2.0 + node % 5;
            const double dx = x - cx, dy = y - cy, dz = z - cz;
            if (dx * dx + dy * dy + dz * dz < radius * radius) hu = 40 + 10 * (node % 4);
        }
        // Deterministic pseudo-noise, uniform +-25 HU (SD ~14 HU, like the phantoms' 15 HU).
        const double noise = std::sin(x * 12.9898 + y * 78.233 + z * 37.719) * 43758.5453;
        return window(hu + 50 * (noise - std::floor(noise) - 0.5));
    };
    std::size_t index = 0;
    for (std::int64_t sample = 0; sample < samples; ++sample)
        for (std::int64_t channel = 0; channel < channels; ++channel)
            for (std::int64_t slice = 0; slice < depth; ++slice) {
                const double z = volumetric ? double(slice) - double(depth) / 2
                                            : double((sample - 2) * 3 + channel - channels / 2) * 2.0 / 1.25;
                for (std::int64_t y = 0; y < size; ++y)
                    for (std::int64_t x = 0; x < size; ++x)
                        data[index++] = float(value(double(x) + 0.5 - half, double(y) + 0.5 - half, z));
            }
    return input;
}

int compareDevices(const Options& options) {
    auto model = lnseg::model::loadModelFile(options.compareModel).model;
    const ModelSpec& spec = model->spec();
    const torch::Tensor input = deterministicInput(spec, spec.mode == "3d" ? 64 : 256);
    const auto logitsOn = [&](const torch::Device& device) {
        model->to(device);
        model->eval();
        c10::InferenceMode inference;
        return model->forward(input.to(device)).logits.to(torch::kCPU).contiguous();
    };
    const torch::Tensor cpuLogits = logitsOn(torch::kCPU);
    const torch::Tensor cpu = torch::sigmoid(cpuLogits);
    const torch::Tensor cpuMask = cpu > 0.5;
    std::printf("# cpu-vs-cuda: %s (%s %s), input %s, CPU: mean probability %.6f, %lld voxels > 0.5\n",
                options.compareModel.c_str(), spec.architecture.c_str(), spec.mode.c_str(),
                [&] { std::ostringstream text; text << input.sizes(); return text.str(); }().c_str(),
                cpu.mean().item<double>(), static_cast<long long>(cpuMask.sum().item<std::int64_t>()));
    if (cpuMask.sum().item<std::int64_t>() == 0)
        std::printf("# cpu-vs-cuda: warning: no voxel above 0.5 on the CPU, so the Dice below says little"
                    " (the logits are compared as well)\n");
    if (!torch::cuda::is_available()) {
        std::printf("# cpu-vs-cuda: skipped, CUDA is not available (LibTorch %d.%d, CPU only)\n", TORCH_VERSION_MAJOR,
                    TORCH_VERSION_MINOR);
        return 0;
    }
    const auto report = [&](const char* label, bool tf32) {
        at::globalContext().setAllowTF32CuDNN(tf32);
        at::globalContext().setAllowTF32CuBLAS(tf32);
        const torch::Tensor cudaLogits = logitsOn(torch::kCUDA);
        const torch::Tensor cuda = torch::sigmoid(cudaLogits);
        const torch::Tensor cudaMask = cuda > 0.5;
        const double logitDifference = (cpuLogits - cudaLogits).abs().max().item<double>();
        const double maximum = (cpu - cuda).abs().max().item<double>();
        const double mean = (cpu - cuda).abs().mean().item<double>();
        const double both = (cpuMask & cudaMask).sum().item<double>();
        const double total = cpuMask.sum().item<double>() + cudaMask.sum().item<double>();
        const double dice = total > 0 ? 2 * both / total : 1.0;
        std::printf("# cpu-vs-cuda (%s): max |p_cpu - p_cuda| %.3g, mean %.3g, max |logit difference| %.3g,"
                    " Dice of masks > 0.5 %.6f\n", label, maximum, mean, logitDifference, dice);
        return maximum;
    };
    const double strict = report("fp32, TF32 off", false);
    report("TF32 allowed, for information", true);
    at::globalContext().setAllowTF32CuDNN(false);
    at::globalContext().setAllowTF32CuBLAS(false);
    if (strict > options.tolerance) {
        std::printf("# cpu-vs-cuda: FAILED, max difference %.3g > tolerance %.3g\n", strict, options.tolerance);
        return 3;
    }
    std::printf("# cpu-vs-cuda: OK (tolerance %.3g)\n", options.tolerance);
    return 0;
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
        else if (argument == "--flops-only") options.flopsOnly = true;
        else if (argument == "--train-steps") options.trainSteps = std::stoi(value());
        else if (argument == "--train-batch") options.trainBatch = std::stoll(value());
        else if (argument == "--compare-devices") options.compareModel = value();
        else if (argument == "--tolerance") options.tolerance = std::stod(value());
        else if (argument == "--no-probes") options.probes = false;
        else if (argument == "--flush-denormals") options.flushDenormals = value() == "off" ? 0 : 1;
        else if (argument == "--help" || argument == "-h") {
            std::cout << "usage: lnseg_model_benchmark [--device cpu|cuda] [--threads N] [--repeat N]"
                         " [--warmup N] [--batch N] [--backward] [--train-steps N] [--train-batch N]"
                         " [--flops-only] [--attention-downsample F] [--attention-channels C]"
                         " [architecture:mode:size | FILE.lnsegmodel[:size] ...]\n"
                         "       lnseg_model_benchmark --compare-devices FILE.lnsegmodel [--tolerance T]"
                         " [--threads N]\n";
            std::exit(0);
        } else if (!argument.empty() && argument[0] == '-') {
            throw std::invalid_argument("unknown option " + argument);
        } else {
            options.cases.push_back(argument);
        }
    }
    if (options.batch < 1 || options.trainBatch < 1 || options.repeat < 1 || options.warmup < 0 ||
        options.trainSteps < 0)
        throw std::invalid_argument("batch sizes and --repeat must be >= 1, --warmup and --train-steps >= 0");
    if (options.cases.empty())
        options.cases = {"snet:2d:256", "snet:2d:512", "snet:2.5d:256", "attunet:2d:256"};
    return options;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const Options options = parseOptions(argc, argv);
        if (options.threads > 0) torch::set_num_threads(options.threads);
        if (!options.compareModel.empty()) return compareDevices(options);
        const torch::Device device(options.device == "cuda" ? torch::kCUDA : torch::kCPU);
        if (device.is_cuda() && !torch::cuda::is_available())
            throw std::runtime_error("CUDA is not available in this LibTorch build or machine");
        torch::manual_seed(0);
        if (!device.is_cuda())
            lnseg::model::applyCpuSettings(options.threads > 0 ? options.threads : torch::get_num_threads(),
                                           options.flushDenormals == 1);
        const lnseg::model::ComputeSystemReport system = lnseg::model::describeComputeSystem();
        std::printf("# BLAS: %s%s (%s), oneDNN %s, %d threads, flush denormals %s; load average %s\n",
                    system.blas.name.c_str(), system.blas.threading.empty() ? "" : (" " + system.blas.threading).c_str(),
                    system.blasLibraryPath.c_str(), system.onednn ? "yes" : "no",
                    device.is_cuda() ? 0 : torch::get_num_threads(), system.flushDenormals ? "on" : "off",
                    loadAverage().c_str());
        if (options.probes && !options.flopsOnly) {
            g_peaks = measurePeaks(device);
            std::printf("# peak probes on %s: GEMM (sgemm %s) %.1f GFLOP/s, 3x3 convolution 64 channels 128x128 %.1f "
                        "GFLOP/s; model shares below are of the convolution probe\n",
                        device.str().c_str(), device.is_cuda() ? "4096^2" : "1024^2", g_peaks.gemmGflops,
                        g_peaks.convolutionGflops);
        }
        std::printf("# LibTorch %d.%d, %s, repeat %d (median), warmup %d, attention downsample %lld,"
                    " attention channels %lld (model files: their own), train steps %d at batch %lld\n",
                    TORCH_VERSION_MAJOR, TORCH_VERSION_MINOR,
                    options.flopsOnly ? "FLOPs only"
                                      : (options.backward ? "train forward+backward" : "inference forward"),
                    options.repeat, options.warmup, static_cast<long long>(options.attentionDownsample),
                    static_cast<long long>(options.attentionChannels), options.trainSteps,
                    static_cast<long long>(options.trainBatch));
        std::printf("| model | mode | attention | input (CxS) | batch | parameters | device | threads |"
                    " GFLOP per slice (3d: patch) | of which matmul (attention) | forward ms | slices/s (3d: patches/s) | GFLOP/s |"
                    " backward ms | training slices/s | training GFLOP/s | inference share of peak | training share of peak |\n"
                    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
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
