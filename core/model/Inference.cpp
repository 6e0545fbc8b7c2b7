#include "Inference.h"

#include "ComputeSystem.h"
#include "ModelFile.h"
#include "SegmentationModel.h"
#include "SlidingWindow.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

namespace lnseg::model {

PreprocessingParameters preprocessingFromMetadata(const std::string& metadataJson)
{
    const nlohmann::json metadata = nlohmann::json::parse(metadataJson.empty() ? "{}" : metadataJson, nullptr, false);
    if (metadata.is_discarded() || !metadata.is_object() || !metadata.contains("preprocessing"))
        return {};
    return PreprocessingParameters::fromJson(metadata["preprocessing"].dump());
}

namespace {

// A rectangle of prepared pixels, inclusive bounds.
struct PixelBox {
    std::int64_t left, top, right, bottom;
    bool empty() const { return right < left || bottom < top; }
};

// The prepared value of the preprocessing's body threshold: with the default L40/W400 window,
// -500 HU lies below the window and becomes 0, so "body" is every pixel above the window's lower
// end (-160 HU), which takes in fat (-100 HU) and leaves out air and lung.
float bodyThresholdValue(const PreprocessingParameters& parameters)
{
    const double low = parameters.windowLevel - parameters.windowWidth / 2;
    const double value = (parameters.bodyThresholdHu - low) / parameters.windowWidth;
    return float(std::max(value, 1e-3));
}

// The bounding box of the pixels above `threshold` on any of `planes` planes, grown by `margin`
// and clipped to the plane; empty when no pixel is above.
PixelBox bodyBox(const float* planes, std::int64_t planeCount, std::int64_t rows, std::int64_t columns,
                 float threshold, std::int64_t margin)
{
    PixelBox box{columns, rows, -1, -1};
    for (std::int64_t plane = 0; plane < planeCount; ++plane)
        for (std::int64_t row = 0; row < rows; ++row) {
            const float* line = planes + (plane * rows + row) * columns;
            std::int64_t first = -1, last = -1;
            for (std::int64_t column = 0; column < columns; ++column)
                if (line[column] > threshold) {
                    if (first < 0)
                        first = column;
                    last = column;
                }
            if (first < 0)
                continue;
            box.left = std::min(box.left, first);
            box.right = std::max(box.right, last);
            box.top = std::min(box.top, row);
            box.bottom = std::max(box.bottom, row);
        }
    if (box.empty())
        return box;
    return {std::max<std::int64_t>(0, box.left - margin), std::max<std::int64_t>(0, box.top - margin),
            std::min(columns - 1, box.right + margin), std::min(rows - 1, box.bottom + margin)};
}

}  // namespace

struct InferenceEngine::Implementation {
    std::unique_ptr<SegmentationModel> model;
    std::string metadataJson;
    PreprocessingParameters preprocessing;
    InferenceOptions options;
    torch::Device device{torch::kCPU};
};

InferenceEngine::InferenceEngine(const std::string& modelFile, const InferenceOptions& options)
    : m_implementation(std::make_unique<Implementation>())
{
    auto& self = *m_implementation;
    LoadedModel loaded = loadModelFile(modelFile);
    if (loaded.model->spec().mode == "3d" && loaded.model->spec().inputChannels != 1)
        throw std::runtime_error("model file '" + modelFile + "': 3d models with " +
                                 std::to_string(loaded.model->spec().inputChannels) +
                                 " input channels are not supported (one intensity channel)");
    if (!(options.patchOverlap >= 0 && options.patchOverlap < 1))
        throw std::invalid_argument("patch overlap must be in [0, 1)");
    self.model = std::move(loaded.model);
    self.metadataJson = loaded.metadataJson;
    self.preprocessing = preprocessingFromMetadata(self.metadataJson);
    self.options = options;
    if (options.device == "cuda" && !torch::cuda::is_available())
        throw std::runtime_error("--device cuda: no CUDA device is available");
    if (options.device != "auto" && options.device != "cpu" && options.device != "cuda")
        throw std::invalid_argument("device must be auto, cpu or cuda, not '" + options.device + "'");
    const bool cuda = options.device == "cuda" || (options.device == "auto" && torch::cuda::is_available());
    self.device = cuda ? torch::Device(torch::kCUDA) : torch::Device(torch::kCPU);
    const ExecutionDefaults defaults =
        executionDefaults(cuda ? "cuda" : "cpu", int(std::max(1u, std::thread::hardware_concurrency())));
    if (self.options.batchSize <= 0)
        self.options.batchSize = defaults.inferenceBatch;
    if (self.options.patchBatchSize <= 0)
        self.options.patchBatchSize = defaults.patchBatch;
    if (self.options.threads <= 0)
        self.options.threads = defaults.threads;
    if (self.options.flushDenormals < 0)
        self.options.flushDenormals = defaults.flushDenormals ? 1 : 0;
    self.model->to(self.device);
    self.model->eval();
}

InferenceEngine::~InferenceEngine() = default;

const ModelSpec& InferenceEngine::spec() const { return m_implementation->model->spec(); }
const PreprocessingParameters& InferenceEngine::preprocessing() const { return m_implementation->preprocessing; }
const std::string& InferenceEngine::metadataJson() const { return m_implementation->metadataJson; }
std::string InferenceEngine::device() const { return m_implementation->device.is_cuda() ? "cuda" : "cpu"; }

ProbabilityVolume InferenceEngine::predict(const VolumeView& volume, const InferenceProgress& progress,
                                           const std::atomic<bool>* cancel)
{
    auto& self = *m_implementation;
    const auto start = std::chrono::steady_clock::now();
    // Thread settings are per thread in LibTorch: set them in the thread that runs the model.
    if (!self.device.is_cuda())
        applyCpuSettings(self.options.threads, self.options.flushDenormals == 1);
    auto cancelled = [&] { return cancel && cancel->load(); };

    ProbabilityVolume result;
    result.device = device();
    result.batchSize = self.options.batchSize;
    result.threads = self.device.is_cuda() ? 0 : self.options.threads;
    result.prepared = planPreparedGeometry(volume, self.preprocessing);
    const PreparedGeometry& geometry = result.prepared;
    const std::vector<float> intensities = prepareIntensities(volume, geometry, self.preprocessing);
    std::vector<float> probabilities(geometry.voxelCount());
    const auto channels = int(self.model->spec().inputChannels);
    const std::int64_t slices = geometry.size[2], rows = geometry.size[1], columns = geometry.size[0];
    const std::int64_t batchSize = std::max(1, self.options.batchSize);
    const auto networkStart = std::chrono::steady_clock::now();
    c10::InferenceMode inferenceMode;
    if (self.model->spec().mode == "3d") {
        // The prepared volume as (C = 1, D, H, W), windows of patchSize^3 (clamped to the volume).
        const torch::Tensor volumeTensor =
            torch::from_blob(const_cast<float*>(intensities.data()), {1, slices, rows, columns}, torch::kFloat32)
                .to(self.device);
        SlidingWindowOptions windows;
        const std::int64_t patch = self.preprocessing.patchSize;
        windows.patchSize = {patch, patch, patch};
        windows.overlap = self.options.patchOverlap;
        windows.batchSize = std::max(1, self.options.patchBatchSize);
        const torch::Tensor blended = slidingWindowInference(
            volumeTensor, [&](const torch::Tensor& x) { return torch::sigmoid(self.model->forward(x).logits); },
            windows, progress, cancel).contiguous();
        std::copy_n(blended.data_ptr<float>(), probabilities.size(), probabilities.data());
    } else {
        // 2d / 2.5d: batches of slices (2.5d: each with its neighbours as channels).
        const float bodyValue = bodyThresholdValue(self.preprocessing);
        const double preparedSpacing = volume.spacing[0] * geometry.scale[0];
        const std::int64_t margin =
            std::int64_t(std::ceil(self.preprocessing.marginMm / std::max(preparedSpacing, 1e-6)));
        std::vector<float> stack(std::size_t(batchSize) * std::size_t(channels) * geometry.sliceVoxels());
        for (std::int64_t first = 0; first < slices; first += batchSize) {
            if (cancelled())
                throw InferenceCancelled();
            const std::int64_t count = std::min(batchSize, slices - first);
            for (std::int64_t index = 0; index < count; ++index)
                copyInputChannels(intensities, geometry, first + index, channels,
                                  stack.data() + std::size_t(index * channels) * geometry.sliceVoxels());
            PixelBox box{0, 0, columns - 1, rows - 1};
            if (self.options.cropEachBatch)
                box = bodyBox(stack.data(), count * channels, rows, columns, bodyValue, margin);
            if (!box.empty()) {
                const torch::Tensor whole = torch::from_blob(stack.data(), {count, channels, rows, columns}, torch::kFloat32);
                const torch::Tensor input = whole.slice(2, box.top, box.bottom + 1).slice(3, box.left, box.right + 1);
                const torch::Tensor output = torch::sigmoid(self.model->forward(input.contiguous().to(self.device)).logits)
                                                 .to(torch::kCPU, torch::kFloat32).contiguous();
                const std::int64_t boxRows = box.bottom - box.top + 1, boxColumns = box.right - box.left + 1;
                const float* source = output.data_ptr<float>();
                for (std::int64_t index = 0; index < count; ++index)
                    for (std::int64_t row = 0; row < boxRows; ++row)
                        std::copy_n(source + (index * boxRows + row) * boxColumns, boxColumns,
                                    probabilities.data() + std::size_t(first + index) * geometry.sliceVoxels() +
                                        std::size_t((box.top + row) * columns + box.left));
                result.networkPixels += count * boxRows * boxColumns;
            }
            if (progress)
                progress(first + count, slices);
        }
    }
    result.networkSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - networkStart).count();
    if (cancelled())
        throw InferenceCancelled();
    result.probabilities = mapToOriginalGrid(probabilities, geometry);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return result;
}

}  // namespace lnseg::model
