#include "review/LabelDelta.h"

#include <algorithm>
#include <set>

namespace lnseg {

void LabelDelta::set(LabelMap& labels, std::size_t offset, std::uint16_t value)
{
    std::uint16_t& voxel = labels.data()[offset];
    const auto found = m_entryOf.find(offset);
    if (found != m_entryOf.end()) {
        m_after[found->second] = value;
        voxel = value;
        return;
    }
    if (voxel == value)
        return;
    m_entryOf.emplace(offset, m_offsets.size());
    m_offsets.push_back(offset);
    m_before.push_back(voxel);
    m_after.push_back(value);
    voxel = value;
}

void LabelDelta::finish()
{
    m_entryOf = {};
    m_offsets.shrink_to_fit();
    m_before.shrink_to_fit();
    m_after.shrink_to_fit();
}

void LabelDelta::apply(LabelMap& labels) const
{
    std::uint16_t* voxels = labels.data();
    for (std::size_t index = 0; index < m_offsets.size(); ++index)
        voxels[m_offsets[index]] = m_after[index];
}

void LabelDelta::revert(LabelMap& labels) const
{
    std::uint16_t* voxels = labels.data();
    for (std::size_t index = m_offsets.size(); index-- > 0;)
        voxels[m_offsets[index]] = m_before[index];
}

std::size_t LabelDelta::memoryBytes() const
{
    return m_offsets.capacity() * sizeof(std::size_t) * 2 + (m_before.capacity() + m_after.capacity()) * 2;
}

std::vector<std::uint16_t> LabelDelta::labelsTouched() const
{
    std::set<std::uint16_t> labels;
    for (std::size_t index = 0; index < m_offsets.size(); ++index) {
        if (m_before[index])
            labels.insert(m_before[index]);
        if (m_after[index])
            labels.insert(m_after[index]);
    }
    return {labels.begin(), labels.end()};
}

VoxelRegion LabelDelta::region(const Size3& size) const
{
    VoxelRegion region;
    const std::size_t sliceSize = static_cast<std::size_t>(size[0] * size[1]);
    for (std::size_t offset : m_offsets) {
        const std::size_t k = offset / sliceSize;
        const std::size_t rest = offset % sliceSize;
        region.include(static_cast<std::int64_t>(rest % size[0]), static_cast<std::int64_t>(rest / size[0]),
                       static_cast<std::int64_t>(k));
    }
    return region;
}

}  // namespace lnseg
