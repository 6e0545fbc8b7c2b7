#pragma once
// Measurements of node instances in a label map, as radiologists take them: long and short axis
// on the axial slice where the node's cross-section is largest (short axis = longest diameter
// perpendicular to the long axis), plus volume, centre and slice span.

#include "image/VoxelGrid.h"

#include <cstdint>
#include <vector>

namespace lnseg {

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
};

// Measures every label present (1..max), in label order. Labels that have no voxels are skipped.
// One pass over the volume plus per-node work on the largest slice only.
std::vector<NodeMeasurement> measureNodes(const LabelMap& labels);

// Long and short axis (mm) of one 2D region given as pixel indices (i, j) with in-plane spacing.
// Diameters are measured between pixel centres plus one pixel, so a single pixel measures one
// pixel; the short axis is the region's extent perpendicular to the long axis.
struct AxisPair {
    double longAxisMm = 0;
    double shortAxisMm = 0;
};
AxisPair measureAxes(const std::vector<std::array<int, 2>>& pixels, double spacingI, double spacingJ);

}  // namespace lnseg
