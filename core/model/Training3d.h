#pragma once
// The pieces of 3d training (patches of patch_size^3 prepared voxels) and of 2d crops, exposed for the tests;
// implemented in Training.cpp. Includes LibTorch: only Training.cpp and the tests include it.
//
//  - Sampling: a batch's even-numbered patches are centred on a random node voxel of a random
//    case that has nodes (jittered by up to patch / 4 per axis), the others anywhere in a random
//    case. A patch's corner is kept in [min(0, extent - patch), max(0, extent - patch)] per axis:
//    inside the volume where the volume is at least a patch long, and covering the whole axis
//    (padded on both sides) where it is shorter; a centred node voxel always stays in its patch.
//  - Padding: intensities outside the volume take the normalised value of air (-1000 HU), the
//    mask 0.
//  - Augmentation (per sample, on the batch's device): a random affine of the patch (rotation
//    about the slice axis, isotropic scaling in voxel units) by affine_grid + grid_sample
//    (trilinear; the mask is resampled trilinearly and thresholded at 0.5, as in 2d), a vertical
//    flip (rows, p = 0.5) and an intensity scale about 0.5 and shift, clamped to [0, 1].

#include "Training.h"

#include <torch/torch.h>

#include <cstdint>
#include <random>
#include <vector>

namespace lnseg::model {

struct PatchVolume {
    std::int64_t size[3] = {0, 0, 0};                        // prepared columns, rows, slices
    const std::vector<std::uint32_t>* nodeVoxels = nullptr;  // linear indices (x fastest); may be empty
};

struct PatchPick {
    std::size_t volume = 0;             // index into the volumes
    std::int64_t corner[3] = {0, 0, 0}; // x, y, z of the patch's first voxel (negative: padded)
    bool positive = false;              // centred on a node voxel
    std::int64_t nodeVoxel[3] = {-1, -1, -1};  // the voxel it was centred on (positive picks)
};

// batchSize picks: even indices positive when some volume has node voxels. Throws
// std::invalid_argument for no volumes, batchSize < 1 or patch < 1.
std::vector<PatchPick> drawPatchPicks(const std::vector<PatchVolume>& volumes, int batchSize, std::int64_t patch,
                                      std::mt19937_64& random);

// The normalised intensity of air (-1000 HU) under the window: what patches are padded with.
float normalisedAir(const PreprocessingParameters& parameters);

// patch^3 voxels starting at corner (x, y, z) of a volume of `size` (x fastest), written z, y, x
// to destination; voxels outside the volume get padValue.
void copyPatch(const float* volume, const std::int64_t size[3], const std::int64_t corner[3], std::int64_t patch,
               float padValue, float* destination);
void copyPatch(const std::uint8_t* mask, const std::int64_t size[3], const std::int64_t corner[3], std::int64_t patch,
               float* destination);  // 0 / 1, 0 outside

// 2d / 2.5d training crops (TrainingOptions::cropSize). The corner of a crop along one axis: around
// `centre` when centre >= 0 (crop / 2 before it, jittered uniformly by up to crop / 4), else
// uniform; kept in [min(0, extent - crop), max(0, extent - crop)], so a crop lies inside the slice
// where the slice is at least a crop long, and the centre pixel always lies inside its crop.
std::int64_t cropCorner(std::int64_t extent, std::int64_t crop, std::int64_t centre, std::mt19937_64& random);

// The crop x crop window at (top, left) of `channels` planes of rows x columns, written to
// destination (channels x crop x crop); pixels outside the planes get `outside`. The mask
// version writes 0 / 1 and 0 outside.
void copySliceWindow(const float* planes, std::int64_t channels, std::int64_t rows, std::int64_t columns,
                     std::int64_t top, std::int64_t left, std::int64_t crop, float outside, float* destination);
void copySliceWindow(const std::uint8_t* mask, std::int64_t rows, std::int64_t columns, std::int64_t top,
                     std::int64_t left, std::int64_t crop, float* destination);

struct VolumeAugmentationOptions {
    double maximumRotationDegrees = 10;  // about the slice axis, uniform in +-
    double minimumScale = 0.9, maximumScale = 1.1;
    bool flip = true;       // rows, p = 0.5
    bool intensity = true;  // contrast x[0.9, 1.1] about 0.5, shift +-0.1, clamped to [0, 1]
};

// input (N, C, D, H, W), mask (N, 1, D, H, W) {0, 1} float, same device; augmented in place.
void augmentVolumes(torch::Tensor& input, torch::Tensor& mask, const VolumeAugmentationOptions& options = {});

// 2d / 2.5d appearance augmentation (TrainingOptions::augmentation "appearance"): what differs
// between scanners and protocols rather than between patients, drawn per sample so that the
// network cannot rely on one generator's look:
//  - reconstruction kernel: a third of the samples blurred (Gaussian, sigma 0.4-1.4 px), a third
//    edge-enhanced (x + a (x - blur(x)), a 0.3-1.5), a third unchanged;
//  - noise: SD 0-0.06 of the window (0-24 HU at W400), correlated like CT noise (white noise blurred
//    by sigma 0-1.2 px, rescaled to its SD), on pixels inside the body only (above normalised air);
//  - result clamped to [0, 1], as the window clamps real images.
// input (N, C, H, W) on any device; changed in place. The mask does not change.
void augmentAppearance(torch::Tensor& input, float airValue);

// A depthwise Gaussian blur of (N, C, H, W) with replicated edges (sigma in pixels; <= 0: a copy).
torch::Tensor gaussianBlur2d(const torch::Tensor& input, double sigma);

// Training with BatchNorm statistics frozen (TrainingOptions::freezeBatchNorm): puts every
// BatchNorm layer of `model` in eval mode (running mean and variance used, not updated) and leaves
// the rest in training mode. Their scale and shift still learn.
void freezeBatchNormStatistics(torch::nn::Module& model);

}  // namespace lnseg::model
