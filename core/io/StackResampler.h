#pragma once
// Resamples an irregular slice stack (uneven spacing, gaps, gantry-tilt shear) onto a regular
// orthogonal grid: linear interpolation along the slice normal, bilinear within a slice for the
// in-plane shift of sheared stacks.

#include "image/VoxelGrid.h"
#include "io/SliceStackGeometry.h"

namespace lnseg {

// `stack` holds the slices in analysis order (slice k = analysis.order[k]); its geometry gives
// the first slice's position, the in-plane spacing and the direction (third column = normal).
// The output starts at the first slice, keeps the in-plane grid of the first slice and steps
// `outputSpacing` along the normal. Voxels that fall outside the shifted input slices get
// `outside`.
Volume resampleStack(const Volume& stack, const SliceStackAnalysis& analysis, double outputSpacing,
                     std::int16_t outside, int threads);

}  // namespace lnseg
