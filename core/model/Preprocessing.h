#pragma once
// What the networks see, identical in training and inference (torch-free, plain buffers):
//  1. crop in-plane to the body's bounding box (voxels above bodyThresholdHu on any slice, plus
//     a margin), because air around the neck costs time and carries nothing;
//  2. resample in-plane (bilinear) to targetPixelSpacingMm, padded on the far side to a multiple
//     of padMultiple pixels (edge replication: zeros would be a fake "water" border);
//  3. window (level/width, L40/W400 by default) and normalise to [0, 1].
// Slices are never resampled along z (the network predicts every original slice). 2.5D stacks
// are the target slice and +-neighbourSlices samples stackSpacingMm apart along z, linearly
// interpolated between the prepared slices (clamped at the ends), so that a node fills the same
// number of channels whatever the slice spacing; stackSpacingMm 0 stacks neighbouring slices
// (models from before the mm stack). The probabilities predicted on the prepared grid are mapped
// back onto the original grid (bilinear, 0 outside the crop) so that outputs have exactly the
// input's geometry. The parameters are stored in every model file's metadata.

#include <cstdint>
#include <string>
#include <vector>

namespace lnseg::model {

struct PreprocessingParameters {
    double windowLevel = 40;
    double windowWidth = 400;
    // In-plane spacing of the prepared grid; 0 keeps the original spacing. 1.25 mm keeps a 5 mm
    // node 4 pixels wide while shrinking a 0.65 mm 512 x 512 slice to about a quarter.
    double targetPixelSpacingMm = 1.25;
    double bodyThresholdHu = -500;
    double marginMm = 10;
    int padMultiple = 8;      // the networks down-sample by up to 8
    int neighbourSlices = 7;  // 2.5D: target slice +-7 (15 channels)
    // 2.5D: z distance between the stack's channels. 2 mm: 15 channels cover 28 mm, about a
    // node's extent on either side (core/model/ARCHITECTURE.md, "2.5D by millimetres"). A model file
    // without "stack_spacing_mm" stacks slices (0).
    double stackSpacingMm = 2.0;
    // 3D: edge of the cubic patch the model works on (the paper: 96); inference slides windows of
    // this size over the prepared volume (slices stay at their original spacing, as in 2D).
    int patchSize = 96;

    std::string toJson() const;                       // one JSON object
    static PreprocessingParameters fromJson(const std::string& json);  // missing keys: defaults
};

// A volume as plain memory: x (column) fastest, then y (row), then z (slice).
struct VolumeView {
    const std::int16_t* voxels = nullptr;
    std::int64_t size[3] = {0, 0, 0};
    double spacing[3] = {1, 1, 1};
    std::size_t voxelCount() const { return std::size_t(size[0]) * std::size_t(size[1]) * std::size_t(size[2]); }
};

// Where the prepared grid lies in the original one. Prepared pixel u's centre is at the original
// continuous index cropLow - 0.5 + (u + 0.5) * scale (per in-plane axis).
struct PreparedGeometry {
    std::int64_t originalSize[3] = {0, 0, 0};
    std::int64_t cropLow[2] = {0, 0};
    std::int64_t cropHigh[2] = {0, 0};  // inclusive
    double scale[2] = {1, 1};           // original pixels per prepared pixel
    std::int64_t size[3] = {0, 0, 0};   // prepared columns, rows, slices (slices = original)
    double sliceSpacingMm = 1;          // the original slice spacing
    double stackSpacingMm = 0;          // PreprocessingParameters::stackSpacingMm (0: slices)
    std::size_t sliceVoxels() const { return std::size_t(size[0]) * std::size_t(size[1]); }
    std::size_t voxelCount() const { return sliceVoxels() * std::size_t(size[2]); }
};

// The body's in-plane bounding box plus margin, and the prepared grid that covers it.
PreparedGeometry planPreparedGeometry(const VolumeView& volume, const PreprocessingParameters& parameters);

// Windowed, normalised, cropped and resampled intensities on `geometry` (x fastest).
std::vector<float> prepareIntensities(const VolumeView& volume, const PreparedGeometry& geometry,
                                      const PreprocessingParameters& parameters);
// A {0,1} mask on the original grid (any non-zero byte is foreground) on `geometry`: bilinear
// fraction >= 0.5.
std::vector<std::uint8_t> prepareMask(const std::uint8_t* mask, const PreparedGeometry& geometry);

// Probabilities on the prepared grid -> the original grid (bilinear; 0 outside the crop box).
std::vector<float> mapToOriginalGrid(const std::vector<float>& prepared, const PreparedGeometry& geometry);

// The channels of one network input: slice `slice` alone (channels = 1) or with its neighbours
// (channels = 2 n + 1, clamped at the ends), written to `destination` (channels x rows x
// columns). Channel c lies (c - n) x geometry.stackSpacingMm from the slice along z, interpolated
// linearly between prepared slices; with stackSpacingMm 0 it is slice + c - n.
void copyInputChannels(const std::vector<float>& prepared, const PreparedGeometry& geometry, std::int64_t slice,
                       int channels, float* destination);

}  // namespace lnseg::model
