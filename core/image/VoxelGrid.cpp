#include "image/VoxelGrid.h"

#include <sstream>

namespace lnseg {

void checkAllocatable(const Size3& size, std::size_t bytesPerVoxel)
{
    std::size_t count = 1;
    for (int axis = 0; axis < 3; ++axis) {
        if (size[axis] <= 0) {
            std::ostringstream message;
            message << "invalid image size " << size[0] << " x " << size[1] << " x " << size[2];
            throw std::runtime_error(message.str());
        }
        if (static_cast<std::size_t>(size[axis]) > kMaximumVoxelCount / count) {
            count = kMaximumVoxelCount + 1;
            break;
        }
        count *= static_cast<std::size_t>(size[axis]);
    }
    if (count > kMaximumVoxelCount) {
        std::ostringstream message;
        message << "image size " << size[0] << " x " << size[1] << " x " << size[2]
                << " exceeds the supported maximum of " << kMaximumVoxelCount << " voxels";
        throw std::runtime_error(message.str());
    }
    (void)bytesPerVoxel;
}

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
    for (unsigned row = 0; row < 3; ++row) {
        geometry.size[row] = static_cast<std::int64_t>(region.GetSize()[row]);
        geometry.spacing[row] = image->GetSpacing()[row];
        geometry.origin[row] = image->GetOrigin()[row];
        for (unsigned column = 0; column < 3; ++column)
            geometry.direction[row * 3 + column] = image->GetDirection()(row, column);
    }
    // ITK allows a non-zero region start; the project always uses zero-based regions and folds a
    // start index into the origin when reading.
    return geometry;
}

template <typename VoxelType>
VoxelGrid<VoxelType>::VoxelGrid(const ImageGeometry& geometry, VoxelType fill)
{
    checkAllocatable(geometry.size, sizeof(VoxelType));
    m_image = ItkImage::New();
    typename ItkImage::RegionType region;
    typename ItkImage::SizeType size;
    for (unsigned axis = 0; axis < 3; ++axis)
        size[axis] = static_cast<itk::SizeValueType>(geometry.size[axis]);
    region.SetSize(size);
    m_image->SetRegions(region);
    applyGeometry(m_image.GetPointer(), geometry);
    m_image->Allocate();
    m_image->FillBuffer(fill);
    cacheSize();
}

template <typename VoxelType>
VoxelGrid<VoxelType>::VoxelGrid(const ImageGeometry& geometry, Uninitialized)
{
    checkAllocatable(geometry.size, sizeof(VoxelType));
    m_image = ItkImage::New();
    typename ItkImage::RegionType region;
    typename ItkImage::SizeType size;
    for (unsigned axis = 0; axis < 3; ++axis)
        size[axis] = static_cast<itk::SizeValueType>(geometry.size[axis]);
    region.SetSize(size);
    m_image->SetRegions(region);
    applyGeometry(m_image.GetPointer(), geometry);
    m_image->Allocate(false);
    cacheSize();
}

template <typename VoxelType>
VoxelGrid<VoxelType>::VoxelGrid(typename ItkImage::Pointer image) : m_image(std::move(image))
{
    cacheSize();
}

template <typename VoxelType>
void VoxelGrid<VoxelType>::cacheSize()
{
    if (!m_image)
        return;
    const auto size = m_image->GetLargestPossibleRegion().GetSize();
    for (unsigned axis = 0; axis < 3; ++axis)
        m_size[axis] = static_cast<std::int64_t>(size[axis]);
}

template <typename VoxelType>
ImageGeometry VoxelGrid<VoxelType>::geometry() const
{
    if (!m_image)
        return ImageGeometry{};
    return geometryOf(m_image.GetPointer());
}

template <typename VoxelType>
void VoxelGrid<VoxelType>::setPlacement(const ImageGeometry& geometry)
{
    if (!m_image)
        throw std::logic_error("setPlacement on an empty grid");
    if (geometry.size != m_size)
        throw std::invalid_argument("setPlacement cannot change the grid size");
    applyGeometry(m_image.GetPointer(), geometry);
}

template <typename VoxelType>
Size3 VoxelGrid<VoxelType>::size() const
{
    return m_size;
}

template <typename VoxelType>
std::size_t VoxelGrid<VoxelType>::voxelCount() const
{
    return static_cast<std::size_t>(m_size[0] * m_size[1] * m_size[2]);
}

template class VoxelGrid<std::int16_t>;
template class VoxelGrid<std::uint16_t>;
template class VoxelGrid<float>;

template void applyGeometry(itk::Image<std::int16_t, 3>*, const ImageGeometry&);
template void applyGeometry(itk::Image<std::uint16_t, 3>*, const ImageGeometry&);
template void applyGeometry(itk::Image<float, 3>*, const ImageGeometry&);
template ImageGeometry geometryOf(const itk::Image<std::int16_t, 3>*);
template ImageGeometry geometryOf(const itk::Image<std::uint16_t, 3>*);
template ImageGeometry geometryOf(const itk::Image<float, 3>*);

}  // namespace lnseg
