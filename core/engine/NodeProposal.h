#pragma once
// The one call the GUI and the command line make: a CT volume + a model file -> probability map on
// the volume's grid -> node instances (threshold, 3D components, small ones removed, measured).

#include "image/VoxelGrid.h"
#include "model/Inference.h"
#include "nodes/NodeExtraction.h"

#include <atomic>
#include <string>

namespace lnseg {

struct NodeProposalOptions {
    model::InferenceOptions inference;
    NodeExtractionOptions extraction;
    // When true and the model file names an operating point (metadata "operating_point":
    // {"threshold": T}, chosen on validation data for that model), T replaces
    // extraction.threshold. False: the caller chose the threshold.
    bool thresholdFromModel = true;
};

// The probability threshold a model file's metadata JSON names ("operating_point.threshold",
// strictly between 0 and 1), or a negative number when it names none.
float operatingThreshold(const std::string& metadataJson);

struct NodeProposal {
    VoxelGrid<float> probability;  // exactly the input's geometry
    ExtractedNodes nodes;          // labels on the same grid
    std::string device;
    std::int64_t networkGrid[3] = {0, 0, 0};  // the prepared (cropped, resampled) grid the network saw
    std::int64_t networkPixels = 0;           // of it, the pixels in the slices' body boxes (2d, 2.5d)
    int batchSize = 0;                        // slices per forward pass, as chosen for the device
    int threads = 0;                          // CPU threads (0 on CUDA)
    double inferenceSeconds = 0;
    double networkSeconds = 0;
    double extractionSeconds = 0;
    float threshold = 0;                      // the probability threshold the nodes were cut at
};

// A model loaded once for several volumes.
NodeProposal proposeNodes(const Volume& volume, model::InferenceEngine& engine, const NodeProposalOptions& options,
                          const model::InferenceProgress& progress = {}, const std::atomic<bool>* cancel = nullptr);
// Loads `modelFile` and proposes. Throws std::runtime_error (model file, data) or
// model::InferenceCancelled.
NodeProposal proposeNodes(const Volume& volume, const std::string& modelFile, const NodeProposalOptions& options,
                          const model::InferenceProgress& progress = {}, const std::atomic<bool>* cancel = nullptr);

// The volume's voxels as the engine's plain view (no copy).
model::VolumeView viewOf(const Volume& volume);

}  // namespace lnseg
