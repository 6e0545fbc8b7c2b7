#include "Inference.h"

#include "ModelFile.h"
#include "SegmentationModel.h"
#include "SlidingWindow.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <chrono>
#include <thread>

namespace lnseg::model {

PreprocessingParameters preprocessingFromMetadata(const std::string& metadataJson)
{
    const nlohmann::json metadata = nlohmann::json::parse(metadataJson.empty() ? "{}" : metadataJson, nullptr, false);
    if (metadata.is_discarded() || !metadata.is_object() || !metadata.contains("preprocessing"))
        return {};
    return PreprocessingParameters::fromJson(metadata["preprocessing"].dump());
}

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
    at::init_num_threads();
    if (!self.device.is_cuda())
        torch::set_num_threads(self.options.threads > 0 ? self.options.threads
                                                        : int(std::max(1u, std::thread::hardware_concurrency())));
    auto cancelled = [&] { return cancel && cancel->load(); };

    ProbabilityVolume result;
    result.device = device();
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
        for (std::int64_t first = 0; first < slices; first += batchSize) {
            if (cancelled())
                throw InferenceCancelled();
            const std::int64_t count = std::min(batchSize, slices - first);
            torch::Tensor input = torch::empty({count, channels, rows, columns}, torch::kFloat32);
            for (std::int64_t index = 0; index < count; ++index)
                copyInputChannels(intensities, geometry, first + index, channels,
                                  input.data_ptr<float>() + index * channels * rows * columns);
            torch::Tensor output = torch::sigmoid(self.model->forward(input.to(self.device)).logits)
                                       .to(torch::kCPU, torch::kFloat32).contiguous();
            std::copy_n(output.data_ptr<float>(), count * rows * columns,
                        probabilities.data() + std::size_t(first) * geometry.sliceVoxels());
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
