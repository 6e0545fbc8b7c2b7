#pragma once
// Zero-copy exchange of voxel buffers between VoxelGrid and itk::Image, for ITK's readers,
// writers and filters.

#include "image/VoxelGrid.h"

#include <itkImage.h>

namespace lnseg {

template <typename VoxelType>
using ItkImage3 = itk::Image<VoxelType, 3>;

// An itk::Image that uses the grid's voxels (no copy). The view does not own them: the grid
// must outlive it.
template <typename VoxelType>
typename ItkImage3<VoxelType>::Pointer itkView(const VoxelGrid<VoxelType>& grid);

// Takes over an itk::Image's voxels (no copy). A non-zero start index is folded into the origin.
template <typename VoxelType>
VoxelGrid<VoxelType> adoptItkImage(typename ItkImage3<VoxelType>::Pointer image);

// Geometry <-> ITK.
template <typename Image>
void applyGeometry(Image* image, const ImageGeometry& geometry);
template <typename Image>
ImageGeometry geometryOf(const Image* image);

}  // namespace lnseg
