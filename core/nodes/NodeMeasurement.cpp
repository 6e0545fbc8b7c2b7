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

std::vector<NodeMeasurement> measureNodes(const LabelMap& labels)
{
    std::vector<NodeMeasurement> result;
    if (labels.empty())
        return result;
    const Size3 size = labels.size();
    const ImageGeometry geometry = labels.geometry();
    const std::uint16_t* voxels = labels.data();
    const std::size_t count = labels.voxelCount();
    std::uint16_t maximum = 0;
    for (std::size_t index = 0; index < count; ++index)
        maximum = std::max(maximum, voxels[index]);
    if (maximum == 0)
        return result;

    struct Accumulator {
        std::size_t voxels = 0;
        double sumI = 0, sumJ = 0, sumK = 0;
        int firstSlice = 1 << 30, lastSlice = -1;
        std::map<int, std::size_t> perSlice;
    };
    std::vector<Accumulator> accumulators(maximum + 1u);
    std::size_t index = 0;
    for (std::int64_t k = 0; k < size[2]; ++k)
        for (std::int64_t j = 0; j < size[1]; ++j)
            for (std::int64_t i = 0; i < size[0]; ++i, ++index) {
                const std::uint16_t label = voxels[index];
                if (!label)
                    continue;
                Accumulator& a = accumulators[label];
                ++a.voxels;
                a.sumI += static_cast<double>(i);
                a.sumJ += static_cast<double>(j);
                a.sumK += static_cast<double>(k);
                a.firstSlice = std::min(a.firstSlice, static_cast<int>(k));
                a.lastSlice = std::max(a.lastSlice, static_cast<int>(k));
                ++a.perSlice[static_cast<int>(k)];
            }
    const double voxelVolume = geometry.spacing[0] * geometry.spacing[1] * geometry.spacing[2];
    for (std::uint16_t label = 1; label <= maximum; ++label) {
        const Accumulator& a = accumulators[label];
        if (!a.voxels)
            continue;
        NodeMeasurement node;
        node.label = label;
        node.voxelCount = a.voxels;
        node.volumeMm3 = static_cast<double>(a.voxels) * voxelVolume;
        const double n = static_cast<double>(a.voxels);
        node.centre = geometry.indexToWorld({a.sumI / n, a.sumJ / n, a.sumK / n});
        node.firstSlice = a.firstSlice;
        node.lastSlice = a.lastSlice;
        node.largestSlice = std::max_element(a.perSlice.begin(), a.perSlice.end(), [](const auto& x, const auto& y) {
                                return x.second < y.second;
                            })->first;
        std::vector<std::array<int, 2>> pixels;
        const std::uint16_t* slice = voxels + static_cast<std::size_t>(node.largestSlice) * size[0] * size[1];
        for (std::int64_t j = 0; j < size[1]; ++j)
            for (std::int64_t i = 0; i < size[0]; ++i)
                if (slice[i + j * size[0]] == label)
                    pixels.push_back({static_cast<int>(i), static_cast<int>(j)});
        const AxisPair axes = measureAxes(pixels, geometry.spacing[0], geometry.spacing[1]);
        node.longAxisMm = axes.longAxisMm;
        node.shortAxisMm = axes.shortAxisMm;
        result.push_back(node);
    }
    return result;
}

}  // namespace lnseg
