#pragma once
// Sliding-window inference: a network trained on fixed-size patches (the 3d SNet: 96^3) applied
// to a whole volume by overlapping patches whose outputs are blended with importance weights.
// Includes LibTorch: only Inference.cpp, the benchmark and the tests include it.
//
//  - Windows: along each axis the patch extent is min(patch, extent); starts are spaced evenly
//    from 0 to extent - patch with at most patch * (1 - overlap) between neighbours, so the last
//    window ends exactly at the volume's far edge and nothing is padded beyond the volume (the
//    network is fully convolutional; SegmentationModel pads to its down-sampling multiple itself).
//  - Blending: every window's output is weighted by a Gaussian centred on the window
//    (sigma = patch / 8 per axis, as nnU-Net; a product of per-axis Gaussians, never floored to a
//    value that matters), and the result is sum(w * out) / sum(w). Voxels deep inside a window dominate, so patch-border artefacts of the
//    network (zero padding, truncated receptive field) are suppressed and seams vanish.
//  - Batching: windows are stacked batchSize at a time; the cancel flag is checked before every
//    batch and progress reports windows done of the total after every batch.

#include "Inference.h"  // InferenceProgress, InferenceCancelled

#include <torch/torch.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

namespace lnseg::model {

struct SlidingWindowOptions {
    std::vector<std::int64_t> patchSize;  // one per spatial axis
    double overlap = 0.5;                 // fraction of the patch shared by neighbours, [0, 1)
    std::int64_t batchSize = 2;           // windows per network call
    bool gaussian = true;                 // false: uniform weights (plain averaging)
};

// Start offsets of the windows along one axis (first 0, last max(0, extent - patch)).
std::vector<std::int64_t> windowStarts(std::int64_t extent, std::int64_t patch, double overlap);

// The blending weights of one window of the given size (float, on the CPU, peak 1).
torch::Tensor blendingWeights(const std::vector<std::int64_t>& patchSize, bool gaussian);

// volume: (C, spatial...) float, on any device. network: (B, C, window...) -> (B, K, window...)
// (same device as its input). Returns (K, spatial...) float on the CPU: the blended outputs.
// Throws InferenceCancelled when *cancel becomes true.
torch::Tensor slidingWindowInference(const torch::Tensor& volume,
                                     const std::function<torch::Tensor(const torch::Tensor&)>& network,
                                     const SlidingWindowOptions& options, const InferenceProgress& progress = {},
                                     const std::atomic<bool>* cancel = nullptr);

}  // namespace lnseg::model
