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

// Zero / negative values mean "chosen for the device" (ComputeSystem.h, executionDefaults): on the
// CPU one slice per forward pass, every hardware thread, denormals flushed; on CUDA 16 slices.
struct InferenceOptions {
    std::string device = "auto";  // "auto" (CUDA when available), "cpu" or "cuda"
    int threads = 0;              // CPU threads for LibTorch; 0: one per hardware thread
    int batchSize = 0;            // slices per forward pass (2d, 2.5d); 0: by device (CPU 1, CUDA 16)
    int patchBatchSize = 0;       // 3d: windows per forward pass; 0: by device (CPU 1, CUDA 4)
    double patchOverlap = 0.5;    // 3d: fraction of a window shared with its neighbour, [0, 1)
    int flushDenormals = -1;      // CPU flush-to-zero: -1 by device (on for the CPU), 0 off, 1 on
    // 2d / 2.5d: run the network only on each batch's own body box (voxels above the window's
    // lower end on the batch's slices, plus the preprocessing margin) instead of the whole
    // prepared grid, whose width the shoulders set; slices without body are skipped (probability
    // 0). Measured cost in accuracy: ARCHITECTURE.md, "Less work per CT".
    bool cropEachBatch = true;
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
    std::int64_t networkPixels = 0;    // pixels the network ran on (2d, 2.5d), summed over slices
    int batchSize = 0;                 // the batch size used (after choosing by device)
    int threads = 0;                   // CPU threads used (0 on CUDA)
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
