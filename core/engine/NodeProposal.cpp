#include "engine/NodeProposal.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>

namespace lnseg {

model::VolumeView viewOf(const Volume& volume)
{
    model::VolumeView view;
    view.voxels = volume.data();
    const ImageGeometry geometry = volume.geometry();
    for (int axis = 0; axis < 3; ++axis) {
        view.size[axis] = geometry.size[std::size_t(axis)];
        view.spacing[axis] = geometry.spacing[std::size_t(axis)];
    }
    return view;
}

float operatingThreshold(const std::string& metadataJson)
{
    const nlohmann::json metadata = nlohmann::json::parse(metadataJson, nullptr, false);
    if (!metadata.is_object() || !metadata.contains("operating_point") || !metadata["operating_point"].is_object())
        return -1.0f;
    const nlohmann::json& point = metadata["operating_point"];
    if (!point.contains("threshold") || !point["threshold"].is_number())
        return -1.0f;
    const double threshold = point["threshold"].get<double>();
    return threshold > 0 && threshold < 1 ? static_cast<float>(threshold) : -1.0f;
}

NodeProposal proposeNodes(const Volume& volume, model::InferenceEngine& engine, const NodeProposalOptions& options,
                          const model::InferenceProgress& progress, const std::atomic<bool>* cancel)
{
    if (volume.empty())
        throw std::runtime_error("no volume to segment");
    model::ProbabilityVolume predicted = engine.predict(viewOf(volume), progress, cancel);
    NodeProposal proposal;
    proposal.device = predicted.device;
    proposal.inferenceSeconds = predicted.seconds;
    proposal.networkSeconds = predicted.networkSeconds;
    proposal.networkPixels = predicted.networkPixels;
    proposal.batchSize = predicted.batchSize;
    proposal.threads = predicted.threads;
    for (int axis = 0; axis < 3; ++axis)
        proposal.networkGrid[axis] = predicted.prepared.size[axis];
    const auto start = std::chrono::steady_clock::now();
    proposal.probability = VoxelGrid<float>(volume.geometry(), VoxelGrid<float>::Uninitialized{});
    std::copy(predicted.probabilities.begin(), predicted.probabilities.end(), proposal.probability.data());
    NodeExtractionOptions extraction = options.extraction;
    if (options.thresholdFromModel)
        if (const float threshold = operatingThreshold(engine.metadataJson()); threshold > 0)
            extraction.threshold = threshold;
    proposal.threshold = extraction.threshold;
    proposal.nodes = extractNodes(proposal.probability, extraction);
    proposal.extractionSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return proposal;
}

NodeProposal proposeNodes(const Volume& volume, const std::string& modelFile, const NodeProposalOptions& options,
                          const model::InferenceProgress& progress, const std::atomic<bool>* cancel)
{
    model::InferenceEngine engine(modelFile, options.inference);
    return proposeNodes(volume, engine, options, progress, cancel);
}

}  // namespace lnseg
