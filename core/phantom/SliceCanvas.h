#pragma once
// One axial slice being painted: Hounsfield values (float), tissue classes and optionally node
// labels, with the slice's physical placement (axial, identity direction: x = column, y = row).
//
// Structures paint with partial-volume blending: a structure that covers a fraction c of a voxel
// moves the voxel's value a fraction c towards the structure's value. The coverage is computed
// from an approximate signed distance to the structure's surface (negative inside) and the voxel's
// extent along the surface normal, which gives smooth sub-voxel edges without supersampling.

#include "phantom/Tissue.h"

#include <algorithm>
#include <cstdint>

namespace lnseg {

struct SliceCanvas {
    float* values = nullptr;
    std::uint8_t* tissues = nullptr;
    std::uint16_t* labels = nullptr;  // may be null
    int columns = 0;
    int rows = 0;
    double originX = 0, originY = 0;
    double spacingX = 1, spacingY = 1;
    double spacingZ = 1;  // slice thickness: the extent of a voxel along z
    double z = 0;  // height of the slice centre (mm)

    double x(int column) const { return originX + column * spacingX; }
    double y(int row) const { return originY + row * spacingY; }
    std::size_t offset(int column, int row) const { return static_cast<std::size_t>(column) + static_cast<std::size_t>(row) * static_cast<std::size_t>(columns); }

    // Pixel index range covering the world rectangle; false when it misses the slice.
    bool pixelRange(double xMin, double xMax, double yMin, double yMax, int& column0, int& column1,
                    int& row0, int& row1) const;

    void blend(std::size_t index, double coverage, float value, Tissue tissue)
    {
        if (coverage >= 1.0) {
            values[index] = value;
            tissues[index] = static_cast<std::uint8_t>(tissue);
            return;
        }
        values[index] += static_cast<float>(coverage) * (value - values[index]);
        if (coverage >= 0.5)
            tissues[index] = static_cast<std::uint8_t>(tissue);
    }
};

// Fraction of a voxel covered by a surface at signed distance `distance` (mm, negative inside),
// for a voxel `width` mm wide along the surface normal.
inline double coverageFromDistance(double distance, double width)
{
    return std::clamp(0.5 - distance / width, 0.0, 1.0);
}

}  // namespace lnseg
