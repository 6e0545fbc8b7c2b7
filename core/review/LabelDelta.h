#pragma once
// The voxels one edit changed, with their values before and after: what undo and redo replay.
// Memory grows with the number of changed voxels (10 bytes each), never with the volume size.

#include "image/VoxelGrid.h"
#include "nodes/NodeMeasurement.h"

#include <unordered_map>
#include <vector>

namespace lnseg {

class LabelDelta {
public:
    // Sets voxel `offset` of `labels` to `value`, remembering the old value (first change wins, so
    // painting the same voxel twice in one stroke keeps the value from before the stroke).
    void set(LabelMap& labels, std::size_t offset, std::uint16_t value);

    // Ends recording: releases the lookup table, keeping only the compact change list.
    void finish();

    void apply(LabelMap& labels) const;   // redo
    void revert(LabelMap& labels) const;  // undo

    bool empty() const { return m_offsets.empty(); }
    std::size_t size() const { return m_offsets.size(); }
    std::size_t memoryBytes() const;
    // Every label that lost or gained voxels (0 excluded).
    std::vector<std::uint16_t> labelsTouched() const;
    VoxelRegion region(const Size3& size) const;

private:
    std::vector<std::size_t> m_offsets;
    std::vector<std::uint16_t> m_before;
    std::vector<std::uint16_t> m_after;
    // Offset -> entry, while the edit is being recorded ("first change wins"); dropped by finish().
    std::unordered_map<std::size_t, std::size_t> m_entryOf;
};

}  // namespace lnseg
