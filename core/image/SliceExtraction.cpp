#include "image/SliceExtraction.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace lnseg {

namespace {

// Wanted world directions (LPS) of screen x, screen y and the slice normal per plane.
struct PlaneAxes {
    int columnWorldAxis;
    double columnSign;
    int rowWorldAxis;
    double rowSign;
    int normalWorldAxis;
};

PlaneAxes planeAxes(SlicePlane plane)
{
    switch (plane) {
    case SlicePlane::Axial: return {0, +1.0, 1, +1.0, 2};
    case SlicePlane::Coronal: return {0, +1.0, 2, -1.0, 1};
    case SlicePlane::Sagittal: return {1, +1.0, 2, -1.0, 0};
    }
    return {0, +1.0, 1, +1.0, 2};
}

// indexAxisOf[w] = the index axis that best matches world axis w (a permutation maximising the
// summed absolute direction cosines, so oblique volumes still get a one-to-one assignment).
std::array<int, 3> indexAxisPerWorldAxis(const ImageGeometry& geometry)
{
    std::array<int, 3> permutation{0, 1, 2};
    std::array<int, 3> best = permutation;
    double bestScore = -1.0;
    do {
        double score = 0.0;
        for (int world = 0; world < 3; ++world)
            score += std::abs(geometry.direction[world * 3 + permutation[world]]);
        if (score > bestScore + 1e-12) {
            bestScore = score;
            best = permutation;
        }
    } while (std::next_permutation(permutation.begin(), permutation.end()));
    return best;
}

std::int64_t axisStride(const Size3& size, int axis)
{
    return axis == 0 ? 1 : axis == 1 ? size[0] : size[0] * size[1];
}

}  // namespace

SliceLayout sliceLayoutFor(const ImageGeometry& geometry, SlicePlane plane)
{
    const PlaneAxes axes = planeAxes(plane);
    const std::array<int, 3> indexAxis = indexAxisPerWorldAxis(geometry);
    SliceLayout layout;
    layout.plane = plane;
    layout.volumeSize = geometry.size;
    layout.columnAxis = indexAxis[axes.columnWorldAxis];
    layout.rowAxis = indexAxis[axes.rowWorldAxis];
    layout.normalAxis = indexAxis[axes.normalWorldAxis];
    const double columnCosine = geometry.direction[axes.columnWorldAxis * 3 + layout.columnAxis];
    const double rowCosine = geometry.direction[axes.rowWorldAxis * 3 + layout.rowAxis];
    layout.columnReversed = columnCosine * axes.columnSign < 0;
    layout.rowReversed = rowCosine * axes.rowSign < 0;
    layout.width = geometry.size[layout.columnAxis];
    layout.height = geometry.size[layout.rowAxis];
    layout.sliceCount = geometry.size[layout.normalAxis];
    layout.columnSpacing = geometry.spacing[layout.columnAxis];
    layout.rowSpacing = geometry.spacing[layout.rowAxis];
    return layout;
}

Index3 SliceLayout::voxelIndex(std::int64_t slice, std::int64_t column, std::int64_t row) const
{
    Index3 index{};
    index[normalAxis] = slice;
    index[columnAxis] = columnReversed ? width - 1 - column : column;
    index[rowAxis] = rowReversed ? height - 1 - row : row;
    return index;
}

Vector3 SliceLayout::continuousIndex(double column, double row, double slice) const
{
    Vector3 index{};
    index[normalAxis] = slice;
    index[columnAxis] = columnReversed ? double(width - 1) - column : column;
    index[rowAxis] = rowReversed ? double(height - 1) - row : row;
    return index;
}

Vector3 SliceLayout::slicePosition(const Vector3& index) const
{
    const double column = columnReversed ? double(width - 1) - index[columnAxis] : index[columnAxis];
    const double row = rowReversed ? double(height - 1) - index[rowAxis] : index[rowAxis];
    return {column, row, index[normalAxis]};
}

std::int64_t SliceLayout::firstOffset(std::int64_t slice) const
{
    const Index3 index = voxelIndex(slice, 0, 0);
    return index[0] + volumeSize[0] * (index[1] + volumeSize[1] * index[2]);
}

std::int64_t SliceLayout::columnStride() const
{
    const std::int64_t stride = axisStride(volumeSize, columnAxis);
    return columnReversed ? -stride : stride;
}

std::int64_t SliceLayout::rowStride() const
{
    const std::int64_t stride = axisStride(volumeSize, rowAxis);
    return rowReversed ? -stride : stride;
}

template <typename VoxelType>
void extractSlice(const VoxelGrid<VoxelType>& grid, const SliceLayout& layout, std::int64_t slice,
                  VoxelType* out)
{
    const VoxelType* data = grid.data();
    const std::int64_t columnStride = layout.columnStride();
    const std::int64_t rowStride = layout.rowStride();
    const std::int64_t width = layout.width;
    const VoxelType* rowStart = data + layout.firstOffset(slice);
    for (std::int64_t row = 0; row < layout.height; ++row, rowStart += rowStride, out += width) {
        if (columnStride == 1) {
            std::memcpy(out, rowStart, sizeof(VoxelType) * std::size_t(width));
        } else {
            const VoxelType* source = rowStart;
            for (std::int64_t column = 0; column < width; ++column, source += columnStride)
                out[column] = *source;
        }
    }
}

std::string directionLetters(const Vector3& direction)
{
    static const char positive[3] = {'L', 'P', 'S'};
    static const char negative[3] = {'R', 'A', 'I'};
    std::array<int, 3> order{0, 1, 2};
    std::sort(order.begin(), order.end(),
              [&](int a, int b) { return std::abs(direction[a]) > std::abs(direction[b]); });
    std::string letters;
    for (int rank = 0; rank < 3; ++rank) {
        const int axis = order[rank];
        const double component = direction[axis];
        // The dominant axis always; others when the direction is tilted by more than ~15 degrees.
        if (rank == 0 || std::abs(component) > 0.26)
            letters += component >= 0 ? positive[axis] : negative[axis];
    }
    return letters;
}

OrientationLabels orientationLabelsFor(const ImageGeometry& geometry, const SliceLayout& layout)
{
    Vector3 screenRight = geometry.axisDirection(layout.columnAxis);
    Vector3 screenDown = geometry.axisDirection(layout.rowAxis);
    if (layout.columnReversed)
        screenRight = {-screenRight[0], -screenRight[1], -screenRight[2]};
    if (layout.rowReversed)
        screenDown = {-screenDown[0], -screenDown[1], -screenDown[2]};
    const Vector3 screenLeft{-screenRight[0], -screenRight[1], -screenRight[2]};
    const Vector3 screenUp{-screenDown[0], -screenDown[1], -screenDown[2]};
    return {directionLetters(screenLeft), directionLetters(screenRight), directionLetters(screenUp),
            directionLetters(screenDown)};
}

const char* slicePlaneName(SlicePlane plane)
{
    switch (plane) {
    case SlicePlane::Axial: return "Axial";
    case SlicePlane::Coronal: return "Coronal";
    case SlicePlane::Sagittal: return "Sagittal";
    }
    return "";
}

template void extractSlice(const VoxelGrid<std::int16_t>&, const SliceLayout&, std::int64_t, std::int16_t*);
template void extractSlice(const VoxelGrid<std::uint16_t>&, const SliceLayout&, std::int64_t, std::uint16_t*);

}  // namespace lnseg
