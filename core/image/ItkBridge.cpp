#include "image/ItkBridge.h"

namespace lnseg {

template <typename Image>
void applyGeometry(Image* image, const ImageGeometry& geometry)
{
    typename Image::SpacingType spacing;
    typename Image::PointType origin;
    typename Image::DirectionType direction;
    for (unsigned row = 0; row < 3; ++row) {
        spacing[row] = geometry.spacing[row];
        origin[row] = geometry.origin[row];
        for (unsigned column = 0; column < 3; ++column)
            direction(row, column) = geometry.direction[row * 3 + column];
    }
    image->SetSpacing(spacing);
    image->SetOrigin(origin);
    image->SetDirection(direction);
}

template <typename Image>
ImageGeometry geometryOf(const Image* image)
{
    ImageGeometry geometry;
    const auto region = image->GetLargestPossibleRegion();
    typename Image::PointType start;
    image->TransformIndexToPhysicalPoint(region.GetIndex(), start);
    for (unsigned row = 0; row < 3; ++row) {
        geometry.size[row] = static_cast<std::int64_t>(region.GetSize()[row]);
        geometry.spacing[row] = image->GetSpacing()[row];
        geometry.origin[row] = start[row];  // zero-based grids: the start index folds into the origin
        for (unsigned column = 0; column < 3; ++column)
            geometry.direction[row * 3 + column] = image->GetDirection()(row, column);
    }
    return geometry;
}

template <typename VoxelType>
typename ItkImage3<VoxelType>::Pointer itkView(const VoxelGrid<VoxelType>& grid)
{
    using Image = ItkImage3<VoxelType>;
    auto image = Image::New();
    typename Image::RegionType region;
    typename Image::SizeType size;
    const ImageGeometry& geometry = grid.geometry();
    for (unsigned axis = 0; axis < 3; ++axis)
        size[axis] = static_cast<itk::SizeValueType>(geometry.size[axis]);
    region.SetSize(size);
    image->SetRegions(region);
    applyGeometry(image.GetPointer(), geometry);
    image->GetPixelContainer()->SetImportPointer(const_cast<VoxelType*>(grid.data()), grid.voxelCount(), false);
    return image;
}

template <typename VoxelType>
VoxelGrid<VoxelType> adoptItkImage(typename ItkImage3<VoxelType>::Pointer image)
{
    const ImageGeometry geometry = geometryOf(image.GetPointer());
    auto* container = image->GetPixelContainer();
    VoxelType* voxels = container->GetBufferPointer();
    if (!voxels || container->Size() < geometry.voxelCount())
        throw std::runtime_error("ITK image without voxels");
    if (!container->GetContainerManageMemory()) {
        // Not ITK's to give away (an imported buffer): copy.
        VoxelGrid<VoxelType> copy(geometry, typename VoxelGrid<VoxelType>::Uninitialized{});
        std::copy(voxels, voxels + geometry.voxelCount(), copy.data());
        return copy;
    }
    // ITK allocated the buffer with new[]; from here on the grid owns it.
    container->SetContainerManageMemory(false);
    return VoxelGrid<VoxelType>(geometry, std::shared_ptr<VoxelType[]>(voxels));
}

#define LNSEG_INSTANTIATE_BRIDGE(T)                                                             \
    template void applyGeometry(ItkImage3<T>*, const ImageGeometry&);                           \
    template ImageGeometry geometryOf(const ItkImage3<T>*);                                     \
    template ItkImage3<T>::Pointer itkView(const VoxelGrid<T>&);                                \
    template VoxelGrid<T> adoptItkImage<T>(ItkImage3<T>::Pointer);

LNSEG_INSTANTIATE_BRIDGE(std::int16_t)
LNSEG_INSTANTIATE_BRIDGE(std::uint16_t)
LNSEG_INSTANTIATE_BRIDGE(std::uint8_t)
LNSEG_INSTANTIATE_BRIDGE(float)

}  // namespace lnseg
