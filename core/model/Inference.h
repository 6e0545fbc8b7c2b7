#pragma once
// Whole-volume inference: a model file + an int16 HU volume -> a probability map on the original
// grid. Torch-free header (the engine hides LibTorch), so the application includes it cheaply.
//
//   InferenceEngine engine("default.lnsegmodel", {});
//   ProbabilityVolume result = engine.predict(view, progress, &cancelFlag);
//
// Slices are preprocessed as in training (Preprocessing.h, parameters from the model file's
// metadata), batched through the network on CUDA when available (else the CPU, with the given
// thread count) and mapped back. 2d and 2.5d models; 3d models are refused (sliding-window
// inference is not implemented yet).

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
    int batchSize = 8;            // slices per forward pass
};

// Thrown when the cancel flag is set; nothing is returned then.
struct InferenceCancelled : std::runtime_error {
    InferenceCancelled() : std::runtime_error("inference cancelled") {}
};

// done slices of total; called from the calling thread after every batch.
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
