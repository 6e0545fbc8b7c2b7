#pragma once
// Measurements of labelled nodes taken from a label map (not from the shapes that drew them),
// the way a reader measures them: long and short axis on the axial slice with the largest
// cross-section.

#include "image/VoxelGrid.h"

#include <vector>

namespace lnseg {

struct LabelMeasurement {
    std::size_t voxelCount = 0;
    double volumeMm3 = 0;
    Vector3 centroid{0, 0, 0};  // LPS mm
    int firstSlice = -1, lastSlice = -1;
    int largestSlice = -1;
    double longAxisMm = 0;   // largest distance between two pixel centres + one pixel
    double shortAxisMm = 0;  // extent perpendicular to the long axis + one pixel
};

// Long and short axis of a set of pixel centres (mm) on one slice with square-ish pixels of size
// `pixelSize` (mm).
void measureAxialAxes(const std::vector<std::array<double, 2>>& points, double pixelSize, double& longAxis,
                      double& shortAxis);

// Measurements for labels 1..labelCount (index 0 of the result is unused). Assumes an axial grid
// (identity direction), as the phantom produces.
std::vector<LabelMeasurement> measureLabels(const LabelMap& labels, int labelCount);

}  // namespace lnseg
