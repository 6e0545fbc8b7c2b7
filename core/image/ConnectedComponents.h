#pragma once
// Connected components through ITK (26-connectivity in 3D), and the clean-up of small components.

#include "image/VoxelGrid.h"

namespace lnseg {

// Labels the connected components of the foreground (voxels != 0) of `mask`, 1..N in ITK's
// order (by first voxel in memory order). Returns the number of components in `count`.
LabelMap labelConnectedComponents(const LabelMap& mask, std::size_t* count = nullptr);

// Foreground of a probability map at `threshold` (probability >= threshold), as a 0/1 mask.
LabelMap thresholdProbability(const VoxelGrid<float>& probability, float threshold);

}  // namespace lnseg
