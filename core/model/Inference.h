#pragma once
// Whole-volume inference: a model file + an int16 HU volume -> a probability map on the original
// grid. Torch-free header (the engine hides LibTorch), so the application includes it cheaply.
//
//   InferenceEngine engine("default.lnsegmodel", {});
//   ProbabilityVolume result = engine.predict(view, progress, &cancelFlag);
//
// Slices are preprocessed as in training (Preprocessing.h, parameters from the model file's
// metadata), batched through the network on CUDA when available (else the CPU, with the given
// thread count) and mapped back. 2d and 2.5d models run slice by slice; 3d models run on the
// whole prepared volume by overlapping cubic windows of the model file's patch size (preprocessing
// "patch_size", 96 by default), blended with Gaussian weights (SlidingWindow.h).

#include "ModelSpec.h"
#include "Preprocessing.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace lnseg::model {

struct InferenceOptions {
    std::string device = "auto";  // "auto" (CUDA when available), "cpu" or "cuda"
    int threads = 0;              // CPU threads for LibTorch; 0: one per hardware thread
    int batchSize = 8;            // slices per forward pass (2d, 2.5d)
    int patchBatchSize = 2;       // 3d: windows per forward pass
    double patchOverlap = 0.5;    // 3d: fraction of a window shared with its neighbour, [0, 1)
};

// Thrown when the cancel flag is set; nothing is returned then.
struct InferenceCancelled : std::runtime_error {
    InferenceCancelled() : std::runtime_error("inference cancelled") {}
};

// done of total work units (slices for 2d/2.5d, windows for 3d); called from the calling thread
// after every batch.
using InferenceProgress = std::function<void(std::int64_t done, std::int64_t total)>;

struct ProbabilityVolume {
    std::vector<float> probabilities;  // original grid, x fastest
    PreparedGeometry prepared;         // where the network looked
    std::string device;                // "cpu" or "cuda"
    double seconds = 0;                // preprocessing + network + mapping back
    double networkSeconds = 0;
};

class InferenceEngine {
public:
    // Loads the model file (throws std::runtime_error with the file's name when it cannot).
    InferenceEngine(const std::string& modelFile, const InferenceOptions& options);
    ~InferenceEngine();
    InferenceEngine(const InferenceEngine&) = delete;
    InferenceEngine& operator=(const InferenceEngine&) = delete;

    ProbabilityVolume predict(const VolumeView& volume, const InferenceProgress& progress = {},
                              const std::atomic<bool>* cancel = nullptr);

    const ModelSpec& spec() const;
    const PreprocessingParameters& preprocessing() const;
    const std::string& metadataJson() const;
    std::string device() const;

private:
    struct Implementation;
    std::unique_ptr<Implementation> m_implementation;
};

// The preprocessing stored in a model file's metadata JSON ("preprocessing" object); defaults when
// absent.
PreprocessingParameters preprocessingFromMetadata(const std::string& metadataJson);

}  // namespace lnseg::model
