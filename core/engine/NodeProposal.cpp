#include "engine/NodeProposal.h"

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
    proposal.nodes = extractNodes(proposal.probability, options.extraction);
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
