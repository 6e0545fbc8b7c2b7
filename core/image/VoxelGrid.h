#pragma once
// A 3D voxel grid with physical geometry. The voxels live in an itk::Image so that ITK's readers,
// writers and filters work on them without copies; this class adds the project's geometry type
// and bounds-checked allocation.

#include "image/ImageGeometry.h"

#include <itkImage.h>

#include <cstdint>
#include <stdexcept>

namespace lnseg {

// Largest voxel count the application will allocate for one grid (2^31 voxels, e.g. 1024^2 x 2048).
// Files that claim more are refused before any allocation happens.
constexpr std::size_t kMaximumVoxelCount = std::size_t(1) << 31;

template <typename VoxelType>
class VoxelGrid {
public:
    using Voxel = VoxelType;
    using ItkImage = itk::Image<VoxelType, 3>;

    VoxelGrid() = default;
    // Allocates a grid with the given geometry, every voxel set to `fill`.
    explicit VoxelGrid(const ImageGeometry& geometry, VoxelType fill = VoxelType(0));
    // Allocates without setting the voxels, for code that writes every voxel itself (import):
    // saves a pass over a volume of hundreds of megabytes.
    struct Uninitialized {};
    VoxelGrid(const ImageGeometry& geometry, Uninitialized);
    // Wraps an existing ITK image (no copy).
    explicit VoxelGrid(typename ItkImage::Pointer image);

    bool empty() const { return !m_image; }
    ImageGeometry geometry() const;
    // Changes the physical placement (origin, spacing, direction). The size must not change.
    void setPlacement(const ImageGeometry& geometry);
    Size3 size() const;
    std::size_t voxelCount() const;

    VoxelType* data() { return m_image ? m_image->GetBufferPointer() : nullptr; }
    const VoxelType* data() const { return m_image ? m_image->GetBufferPointer() : nullptr; }
    VoxelType& at(std::int64_t i, std::int64_t j, std::int64_t k) { return data()[offset(i, j, k)]; }
    VoxelType at(std::int64_t i, std::int64_t j, std::int64_t k) const { return data()[offset(i, j, k)]; }
    std::size_t offset(std::int64_t i, std::int64_t j, std::int64_t k) const
    {
        return static_cast<std::size_t>(i + m_size[0] * (j + m_size[1] * k));
    }

    typename ItkImage::Pointer itkImage() const { return m_image; }

private:
    void cacheSize();
    typename ItkImage::Pointer m_image;
    Size3 m_size{0, 0, 0};
};

// CT voxels in Hounsfield units.
using Volume = VoxelGrid<std::int16_t>;
// Instance label map: 0 background, k = node k.
using LabelMap = VoxelGrid<std::uint16_t>;

// Throws std::runtime_error when a grid of this size cannot or should not be allocated.
void checkAllocatable(const Size3& size, std::size_t bytesPerVoxel);

// Geometry <-> ITK conversions.
template <typename Image>
void applyGeometry(Image* image, const ImageGeometry& geometry);
template <typename Image>
ImageGeometry geometryOf(const Image* image);

extern template class VoxelGrid<std::int16_t>;
extern template class VoxelGrid<std::uint16_t>;
extern template class VoxelGrid<float>;

}  // namespace lnseg
