#pragma once
// A 3D voxel grid with physical geometry. Plain C++ (no ITK in this header), so that the parts of
// the core that only compute on voxels (phantoms, measurements, preprocessing) also build where
// ITK is not installed, e.g. on a GPU training machine. image/ItkBridge.h hands the same buffer to
// ITK's readers, writers and filters without copying.
//
// Copies of a VoxelGrid share their voxels (like itk::Image smart pointers); use clone() for a
// deep copy.

#include "image/ImageGeometry.h"

#include <cstdint>
#include <memory>
#include <stdexcept>

namespace lnseg {

// Largest voxel count the application will allocate for one grid (2^31 voxels, e.g. 1024^2 x 2048).
// Files that claim more are refused before any allocation happens.
constexpr std::size_t kMaximumVoxelCount = std::size_t(1) << 31;

template <typename VoxelType>
class VoxelGrid {
public:
    using Voxel = VoxelType;

    VoxelGrid() = default;
    // Allocates a grid with the given geometry, every voxel set to `fill`.
    explicit VoxelGrid(const ImageGeometry& geometry, VoxelType fill = VoxelType(0));
    // Allocates without setting the voxels, for code that writes every voxel itself (import):
    // saves a pass over a volume of hundreds of megabytes.
    struct Uninitialized {};
    VoxelGrid(const ImageGeometry& geometry, Uninitialized);
    // Takes a buffer of geometry.voxelCount() voxels (no copy).
    VoxelGrid(const ImageGeometry& geometry, std::shared_ptr<VoxelType[]> voxels);

    bool empty() const { return !m_voxels; }
    const ImageGeometry& geometry() const { return m_geometry; }
    // Changes the physical placement (origin, spacing, direction). The size must not change.
    void setPlacement(const ImageGeometry& geometry);
    Size3 size() const { return m_geometry.size; }
    std::size_t voxelCount() const { return m_voxels ? m_geometry.voxelCount() : 0; }
    VoxelGrid clone() const;

    VoxelType* data() { return m_voxels.get(); }
    const VoxelType* data() const { return m_voxels.get(); }
    const std::shared_ptr<VoxelType[]>& sharedVoxels() const { return m_voxels; }
    VoxelType& at(std::int64_t i, std::int64_t j, std::int64_t k) { return m_voxels[offset(i, j, k)]; }
    VoxelType at(std::int64_t i, std::int64_t j, std::int64_t k) const { return m_voxels[offset(i, j, k)]; }
    std::size_t offset(std::int64_t i, std::int64_t j, std::int64_t k) const
    {
        return static_cast<std::size_t>(i + m_geometry.size[0] * (j + m_geometry.size[1] * k));
    }

private:
    ImageGeometry m_geometry;
    std::shared_ptr<VoxelType[]> m_voxels;
};

// CT voxels in Hounsfield units.
using Volume = VoxelGrid<std::int16_t>;
// Instance label map: 0 background, k = node k.
using LabelMap = VoxelGrid<std::uint16_t>;

// Throws std::runtime_error when a grid of this size cannot or should not be allocated.
void checkAllocatable(const Size3& size, std::size_t bytesPerVoxel);

extern template class VoxelGrid<std::int16_t>;
extern template class VoxelGrid<std::uint16_t>;
extern template class VoxelGrid<std::uint8_t>;
extern template class VoxelGrid<float>;

}  // namespace lnseg
