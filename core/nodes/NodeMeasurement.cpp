#include "nodes/NodeMeasurement.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace lnseg {

AxisPair measureAxes(const std::vector<std::array<int, 2>>& pixels, double spacingI, double spacingJ)
{
    AxisPair axes;
    if (pixels.empty())
        return axes;
    // Only pixels on the region's border can be ends of the longest diameter.
    std::vector<std::array<double, 2>> border;
    {
        std::map<std::pair<int, int>, bool> present;
        for (const auto& p : pixels)
            present[{p[0], p[1]}] = true;
        for (const auto& p : pixels) {
            const bool inside = present.count({p[0] - 1, p[1]}) && present.count({p[0] + 1, p[1]}) &&
                                present.count({p[0], p[1] - 1}) && present.count({p[0], p[1] + 1});
            if (!inside)
                border.push_back({p[0] * spacingI, p[1] * spacingJ});
        }
    }
    double best = -1;
    std::array<double, 2> direction{1, 0};
    for (std::size_t a = 0; a < border.size(); ++a)
        for (std::size_t b = a + 1; b < border.size(); ++b) {
            const double dx = border[b][0] - border[a][0];
            const double dy = border[b][1] - border[a][1];
            const double squared = dx * dx + dy * dy;
            if (squared > best) {
                best = squared;
                direction = {dx, dy};
            }
        }
    const double length = best > 0 ? std::sqrt(best) : 0.0;
    if (length > 0)
        direction = {direction[0] / length, direction[1] / length};
    // One pixel's extent along a direction, so that diameters cover whole pixels.
    auto pixelExtent = [&](double ux, double uy) { return std::abs(ux) * spacingI + std::abs(uy) * spacingJ; };
    axes.longAxisMm = length + pixelExtent(direction[0], direction[1]);
    const double px = -direction[1], py = direction[0];
    double low = 1e300, high = -1e300;
    for (const auto& p : border) {
        const double projection = p[0] * px + p[1] * py;
        low = std::min(low, projection);
        high = std::max(high, projection);
    }
    axes.shortAxisMm = (high - low) + pixelExtent(px, py);
    if (axes.shortAxisMm > axes.longAxisMm)
        axes.shortAxisMm = axes.longAxisMm;
    return axes;
}

void VoxelRegion::include(std::int64_t i, std::int64_t j, std::int64_t k)
{
    if (empty()) {
        lower = {i, j, k};
        upper = {i, j, k};
        return;
    }
    const std::array<std::int64_t, 3> point{i, j, k};
    for (int axis = 0; axis < 3; ++axis) {
        lower[axis] = std::min(lower[axis], point[axis]);
        upper[axis] = std::max(upper[axis], point[axis]);
    }
}

void VoxelRegion::include(const VoxelRegion& other)
{
    if (other.empty())
        return;
    include(other.lower[0], other.lower[1], other.lower[2]);
    include(other.upper[0], other.upper[1], other.upper[2]);
}

namespace {

struct Accumulator {
    std::size_t voxels = 0;
    double sumI = 0, sumJ = 0, sumK = 0;
    VoxelRegion bounds;
    std::map<int, std::size_t> perSlice;
};

// Measures the labels whose accumulator slot is set (slot index = label).
std::vector<NodeMeasurement> measureSelected(const LabelMap& labels, std::vector<Accumulator*>& slots,
                                             const VoxelRegion& region, bool keepEmpty)
{
    const Size3 size = labels.size();
    const ImageGeometry geometry = labels.geometry();
    const std::uint16_t* voxels = labels.data();
    for (std::int64_t k = region.lower[2]; k <= region.upper[2]; ++k)
        for (std::int64_t j = region.lower[1]; j <= region.upper[1]; ++j) {
            const std::uint16_t* row = voxels + labels.offset(0, j, k);
            for (std::int64_t i = region.lower[0]; i <= region.upper[0]; ++i) {
                const std::uint16_t label = row[i];
                if (!label || label >= slots.size() || !slots[label])
                    continue;
                Accumulator& a = *slots[label];
                ++a.voxels;
                a.sumI += static_cast<double>(i);
                a.sumJ += static_cast<double>(j);
                a.sumK += static_cast<double>(k);
                a.bounds.include(i, j, k);
                ++a.perSlice[static_cast<int>(k)];
            }
        }
    const double voxelVolume = geometry.spacing[0] * geometry.spacing[1] * geometry.spacing[2];
    std::vector<NodeMeasurement> result;
    for (std::size_t label = 1; label < slots.size(); ++label) {
        if (!slots[label])
            continue;
        const Accumulator& a = *slots[label];
        NodeMeasurement node;
        node.label = static_cast<std::uint16_t>(label);
        if (!a.voxels) {
            if (keepEmpty)
                result.push_back(node);
            continue;
        }
        node.voxelCount = a.voxels;
        node.volumeMm3 = static_cast<double>(a.voxels) * voxelVolume;
        const double n = static_cast<double>(a.voxels);
        node.centre = geometry.indexToWorld({a.sumI / n, a.sumJ / n, a.sumK / n});
        node.bounds = a.bounds;
        node.firstSlice = static_cast<int>(a.bounds.lower[2]);
        node.lastSlice = static_cast<int>(a.bounds.upper[2]);
        node.largestSlice = std::max_element(a.perSlice.begin(), a.perSlice.end(), [](const auto& x, const auto& y) {
                                return x.second < y.second;
                            })->first;
        std::vector<std::array<int, 2>> pixels;
        for (std::int64_t j = a.bounds.lower[1]; j <= a.bounds.upper[1]; ++j)
            for (std::int64_t i = a.bounds.lower[0]; i <= a.bounds.upper[0]; ++i)
                if (voxels[labels.offset(i, j, node.largestSlice)] == label)
                    pixels.push_back({static_cast<int>(i), static_cast<int>(j)});
        const AxisPair axes = measureAxes(pixels, geometry.spacing[0], geometry.spacing[1]);
        node.longAxisMm = axes.longAxisMm;
        node.shortAxisMm = axes.shortAxisMm;
        result.push_back(node);
    }
    (void)size;
    return result;
}

}  // namespace

std::vector<NodeMeasurement> measureNodes(const LabelMap& labels)
{
    if (labels.empty())
        return {};
    const std::uint16_t* voxels = labels.data();
    const std::uint16_t maximum = *std::max_element(voxels, voxels + labels.voxelCount());
    if (maximum == 0)
        return {};
    std::vector<Accumulator> accumulators(maximum + 1u);
    std::vector<Accumulator*> slots(maximum + 1u, nullptr);
    for (std::size_t label = 1; label <= maximum; ++label)
        slots[label] = &accumulators[label];
    return measureSelected(labels, slots, VoxelRegion::whole(labels.size()), false);
}

std::vector<NodeMeasurement> measureNodesInRegion(const LabelMap& labels, const std::vector<std::uint16_t>& which,
                                                  const VoxelRegion& region)
{
    if (labels.empty() || which.empty())
        return {};
    const std::uint16_t maximum = *std::max_element(which.begin(), which.end());
    std::vector<Accumulator> accumulators(maximum + 1u);
    std::vector<Accumulator*> slots(maximum + 1u, nullptr);
    for (std::uint16_t label : which)
        if (label)
            slots[label] = &accumulators[label];
    VoxelRegion clipped = region;
    const Size3 size = labels.size();
    for (int axis = 0; axis < 3; ++axis) {
        clipped.lower[axis] = std::max<std::int64_t>(0, clipped.lower[axis]);
        clipped.upper[axis] = std::min<std::int64_t>(size[axis] - 1, clipped.upper[axis]);
    }
    if (clipped.empty()) {
        std::vector<NodeMeasurement> empty;
        for (std::size_t label = 1; label < slots.size(); ++label)
            if (slots[label]) {
                NodeMeasurement node;
                node.label = static_cast<std::uint16_t>(label);
                empty.push_back(node);
            }
        return empty;
    }
    return measureSelected(labels, slots, clipped, true);
}

}  // namespace lnseg
