#pragma once
// Which voxels a 2D slice view shows and how they map to screen pixels.
//
// Slice views show INDEX planes of the volume (no resampling): for each view the index axis whose
// direction is closest to the wanted anatomical axis is chosen, and flipped when needed, so that
//   axial:    screen right = patient left (+L), screen down = posterior (+P)
//   coronal:  screen right = patient left (+L), screen down = inferior (-S)
//   sagittal: screen right = posterior (+P),    screen down = inferior (-S)
// (radiological convention: the patient's right is on the screen's left). For an axis-aligned
// volume (any permutation or flip of LPS) this is exact. For an oblique volume (gantry tilt) the
// planes stay index planes, and orientation labels are computed from the true direction cosines,
// so they may read e.g. "SA" where an axis is tilted.

#include "image/ImageGeometry.h"
#include "image/VoxelGrid.h"

#include <array>
#include <cstdint>
#include <string>

namespace lnseg {

enum class SlicePlane { Axial, Coronal, Sagittal };

using Index3 = std::array<std::int64_t, 3>;

struct SliceLayout {
    SlicePlane plane = SlicePlane::Axial;
    int normalAxis = 2;     // index axis across slices
    int columnAxis = 0;     // index axis along screen x
    int rowAxis = 1;        // index axis along screen y
    bool columnReversed = false;  // screen x grows while the index decreases
    bool rowReversed = false;
    std::int64_t width = 0;       // pixels (voxels) along screen x
    std::int64_t height = 0;
    std::int64_t sliceCount = 0;
    double columnSpacing = 1.0;   // mm per pixel along screen x
    double rowSpacing = 1.0;
    Size3 volumeSize{0, 0, 0};

    // Voxel index shown at pixel (column, row) of slice `slice`.
    Index3 voxelIndex(std::int64_t slice, std::int64_t column, std::int64_t row) const;
    // Continuous voxel index of a continuous slice position (column, row, slice); pixel centres
    // are at integer positions.
    Vector3 continuousIndex(double column, double row, double slice) const;
    // Inverse of continuousIndex: returns {column, row, slice}.
    Vector3 slicePosition(const Vector3& continuousIndex) const;
    // Offset into the voxel buffer of pixel (0, 0) of `slice`, and the buffer strides for one
    // step along screen x and y.
    std::int64_t firstOffset(std::int64_t slice) const;
    std::int64_t columnStride() const;
    std::int64_t rowStride() const;
};

SliceLayout sliceLayoutFor(const ImageGeometry& geometry, SlicePlane plane);

// Copies slice `slice` into `out` (width * height values, row by row).
template <typename VoxelType>
void extractSlice(const VoxelGrid<VoxelType>& grid, const SliceLayout& layout, std::int64_t slice,
                  VoxelType* out);

// Anatomical letters for a world (LPS) direction: the dominant axis first, then axes with a
// sizeable component (oblique volumes), e.g. {1,0,0} -> "L", {0,0.3,-0.95} -> "IP".
std::string directionLetters(const Vector3& worldDirection);

struct OrientationLabels {
    std::string left, right, top, bottom;
};
// The letters at the four edges of a slice view laid out by `layout`.
OrientationLabels orientationLabelsFor(const ImageGeometry& geometry, const SliceLayout& layout);

const char* slicePlaneName(SlicePlane plane);

extern template void extractSlice(const VoxelGrid<std::int16_t>&, const SliceLayout&, std::int64_t,
                                  std::int16_t*);
extern template void extractSlice(const VoxelGrid<std::uint16_t>&, const SliceLayout&, std::int64_t,
                                  std::uint16_t*);

}  // namespace lnseg
