#include "image/VoxelGrid.h"

#include <sys/mman.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
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

namespace {

// Large grids are aligned to 2 MiB and marked for transparent huge pages: filling a 150 MB CT
// then costs a few hundred page faults instead of tens of thousands (measured: the faults were a
// fifth of the import time).
constexpr std::size_t kHugePage = std::size_t(2) << 20;

template <typename VoxelType>
std::shared_ptr<VoxelType[]> allocateVoxels(const ImageGeometry& geometry)
{
    checkAllocatable(geometry.size, sizeof(VoxelType));
    const std::size_t bytes = geometry.voxelCount() * sizeof(VoxelType);
    void* memory = nullptr;
    if (bytes >= 4 * kHugePage) {
        const std::size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
        memory = std::aligned_alloc(kHugePage, rounded);
#ifdef MADV_HUGEPAGE
        if (memory)
            ::madvise(memory, rounded, MADV_HUGEPAGE);
#endif
    } else {
        memory = std::malloc(std::max<std::size_t>(bytes, 1));
    }
    if (!memory) {
        std::ostringstream message;
        message << "not enough memory for an image of " << geometry.size[0] << " x " << geometry.size[1] << " x "
                << geometry.size[2] << " voxels";
        throw std::runtime_error(message.str());
    }
    // Voxel types are trivial: the memory is used as is (no pass over it here).
    return std::shared_ptr<VoxelType[]>(static_cast<VoxelType*>(memory), [](VoxelType* voxels) { std::free(voxels); });
}

}  // namespace

template <typename VoxelType>
VoxelGrid<VoxelType>::VoxelGrid(const ImageGeometry& geometry, VoxelType fill)
    : m_geometry(geometry), m_voxels(allocateVoxels<VoxelType>(geometry))
{
    std::fill(m_voxels.get(), m_voxels.get() + geometry.voxelCount(), fill);
}

template <typename VoxelType>
VoxelGrid<VoxelType>::VoxelGrid(const ImageGeometry& geometry, Uninitialized)
    : m_geometry(geometry), m_voxels(allocateVoxels<VoxelType>(geometry))
{
}

template <typename VoxelType>
VoxelGrid<VoxelType>::VoxelGrid(const ImageGeometry& geometry, std::shared_ptr<VoxelType[]> voxels)
    : m_geometry(geometry), m_voxels(std::move(voxels))
{
    checkAllocatable(geometry.size, sizeof(VoxelType));
    if (!m_voxels)
        throw std::invalid_argument("VoxelGrid: no voxel buffer");
}

template <typename VoxelType>
void VoxelGrid<VoxelType>::setPlacement(const ImageGeometry& geometry)
{
    if (empty())
        throw std::logic_error("setPlacement on an empty grid");
    if (geometry.size != m_geometry.size)
        throw std::invalid_argument("setPlacement cannot change the grid size");
    m_geometry = geometry;
}

template <typename VoxelType>
VoxelGrid<VoxelType> VoxelGrid<VoxelType>::clone() const
{
    if (empty())
        return {};
    VoxelGrid copy(m_geometry, Uninitialized{});
    std::memcpy(copy.data(), data(), voxelCount() * sizeof(VoxelType));
    return copy;
}

template class VoxelGrid<std::int16_t>;
template class VoxelGrid<std::uint16_t>;
template class VoxelGrid<std::uint8_t>;
template class VoxelGrid<float>;

}  // namespace lnseg
