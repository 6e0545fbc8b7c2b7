#pragma once
// Reading and writing volumes and label maps as NIfTI (.nii, .nii.gz), NRRD (.nrrd, .seg.nrrd)
// and MetaImage (.mha, .mhd) through ITK. Geometry is kept exactly (LPS, as ITK reads it).
// Writing goes to a temporary file in the target folder that is then renamed over the target,
// so an interrupted save never leaves a half-written file under the user's name.

#include "image/VoxelGrid.h"
#include "io/ImportReport.h"

#include <functional>
#include <string>

namespace lnseg {

// What a file claims before its voxels are read (cheap: reads the header only).
struct ImageFileHeader {
    ImageGeometry geometry;
    std::string componentType;  // "int16", "uint8", "float", ...
    int components = 1;
    int dimensions = 3;
};

// True when the extension is one ITK can read or write here.
bool isSupportedImageFile(const std::string& path);
// Throws std::runtime_error with a message naming the file when it cannot be read.
ImageFileHeader readImageHeader(const std::string& path);

// Reads an image as Hounsfield units (or whatever integer values it holds). Non-integer and
// out-of-range values are rounded and clamped to int16, saying so in `report`.
Volume readVolume(const std::string& path, ImportReport* report = nullptr);
// Reads an instance label map. Refuses files whose values are not non-negative integers.
LabelMap readLabelMap(const std::string& path);
// Reads a label map and checks it lies on the grid of `image` (same size, spacing, origin and
// direction within tolerance); throws a clear message when it does not.
LabelMap readLabelMapFor(const std::string& path, const ImageGeometry& image);

// Reads a probability map (as `lnseg segment --prob` writes it) as float. Refuses values that are
// not finite numbers in [0, 1] (naming the first such voxel), so that a CT or a label map given by
// mistake is not taken for probabilities.
VoxelGrid<float> readProbabilityMap(const std::string& path);

template <typename VoxelType>
void writeImage(const VoxelGrid<VoxelType>& grid, const std::string& path);

// Replaces `target` by a file written by `writer(temporaryPath)`; removes the temporary file on
// failure. The temporary file keeps the target's extension so format detection works.
void writeThroughTemporaryFile(const std::string& target, const std::function<void(const std::string&)>& writer);

extern template void writeImage(const VoxelGrid<std::int16_t>&, const std::string&);
extern template void writeImage(const VoxelGrid<std::uint16_t>&, const std::string&);
extern template void writeImage(const VoxelGrid<float>&, const std::string&);

}  // namespace lnseg
