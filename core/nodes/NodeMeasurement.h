#pragma once
// Measurements of node instances in a label map, as radiologists take them: long and short axis
// on the axial slice where the node's cross-section is largest (short axis = longest diameter
// perpendicular to the long axis), plus volume, centre and slice span.

#include "image/VoxelGrid.h"

#include <cstdint>
#include <vector>

namespace lnseg {

// An inclusive box of voxel indices.
struct VoxelRegion {
    std::array<std::int64_t, 3> lower{0, 0, 0};
    std::array<std::int64_t, 3> upper{-1, -1, -1};
    bool empty() const { return upper[0] < lower[0] || upper[1] < lower[1] || upper[2] < lower[2]; }
    void include(std::int64_t i, std::int64_t j, std::int64_t k);
    void include(const VoxelRegion& other);
    static VoxelRegion whole(const Size3& size) { return {{0, 0, 0}, {size[0] - 1, size[1] - 1, size[2] - 1}}; }
};

struct NodeMeasurement {
    std::uint16_t label = 0;
    std::size_t voxelCount = 0;
    double volumeMm3 = 0;
    Vector3 centre{0, 0, 0};   // centroid, world LPS mm
    int firstSlice = 0;        // slice span (index k), inclusive
    int lastSlice = 0;
    int largestSlice = 0;      // slice of largest cross-section, where the axes are measured
    double longAxisMm = 0;
    double shortAxisMm = 0;
    VoxelRegion bounds;        // the voxels of the node lie inside
};

// Measures every label present (1..max), in label order. Labels that have no voxels are skipped.
// One pass over the volume plus per-node work on the largest slice only.
std::vector<NodeMeasurement> measureNodes(const LabelMap& labels);
// Measures the given labels looking only inside `region` (which must hold all their voxels); labels
// without voxels there are returned with voxelCount 0. Used after edits, so that re-measuring a node
// costs its size, not the volume's.
std::vector<NodeMeasurement> measureNodesInRegion(const LabelMap& labels, const std::vector<std::uint16_t>& which,
                                                  const VoxelRegion& region);

// Long and short axis (mm) of one 2D region given as pixel indices (i, j) with in-plane spacing.
// Diameters are measured between pixel centres plus one pixel, so a single pixel measures one
// pixel; the short axis is the region's extent perpendicular to the long axis.
struct AxisPair {
    double longAxisMm = 0;
    double shortAxisMm = 0;
};
AxisPair measureAxes(const std::vector<std::array<int, 2>>& pixels, double spacingI, double spacingJ);

}  // namespace lnseg
