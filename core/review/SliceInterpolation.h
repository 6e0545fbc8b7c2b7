#pragma once
// Shape-based interpolation between two drawn 2D masks (Raya & Udupa 1990): the signed distance
// maps of the two shapes are blended linearly and the blend's inside is the interpolated shape.

#include <cstdint>
#include <vector>

namespace lnseg {

// Computes the signed distance map (negative inside) of a width x height 0/1 mask, in mm.
std::vector<float> signedDistance2D(const std::vector<std::uint8_t>& mask, int width, int height, double spacingX,
                                    double spacingY);

// Mask at fraction t (0 = first, 1 = second) between two shapes given by their signed distances.
std::vector<std::uint8_t> blendShapes(const std::vector<float>& first, const std::vector<float>& second, double t);

}  // namespace lnseg
