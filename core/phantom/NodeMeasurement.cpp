#include "phantom/NodeMeasurement.h"

#include <cmath>

namespace lnseg {

void measureAxialAxes(const std::vector<std::array<double, 2>>& points, double pixelSize, double& longAxis,
                      double& shortAxis)
{
    longAxis = shortAxis = 0;
    if (points.empty())
        return;
    double best = -1;
    std::array<double, 2> direction{1, 0};
    for (std::size_t a = 0; a < points.size(); ++a)
        for (std::size_t b = a + 1; b < points.size(); ++b) {
            const double dx = points[b][0] - points[a][0], dy = points[b][1] - points[a][1];
            const double d2 = dx * dx + dy * dy;
            if (d2 > best) {
                best = d2;
                direction = {dx, dy};
            }
        }
    const double length = std::sqrt(std::max(best, 0.0));
    longAxis = length + pixelSize;
    if (length > 0)
        direction = {direction[0] / length, direction[1] / length};
    double low = 1e30, high = -1e30;
    for (const auto& p : points) {
        const double projection = -direction[1] * p[0] + direction[0] * p[1];
        low = std::min(low, projection);
        high = std::max(high, projection);
    }
    shortAxis = high - low + pixelSize;
}

std::vector<LabelMeasurement> measureLabels(const LabelMap& labels, int labelCount)
{
    std::vector<LabelMeasurement> result(static_cast<std::size_t>(labelCount) + 1);
    if (labels.empty() || labelCount <= 0)
        return result;
    const ImageGeometry geometry = labels.geometry();
    const Size3 size = geometry.size;
    const double voxelVolume = geometry.spacing[0] * geometry.spacing[1] * geometry.spacing[2];
    // Per label and slice: pixel count, to find the largest cross-section.
    std::vector<std::vector<std::size_t>> areas(result.size(), std::vector<std::size_t>(static_cast<std::size_t>(size[2]), 0));
    const std::uint16_t* data = labels.data();
    for (std::int64_t k = 0; k < size[2]; ++k)
        for (std::int64_t j = 0; j < size[1]; ++j)
            for (std::int64_t i = 0; i < size[0]; ++i) {
                const std::uint16_t label = data[geometry.offset(i, j, k)];
                if (label == 0 || label > labelCount)
                    continue;
                LabelMeasurement& m = result[label];
                const Vector3 p = geometry.indexToWorld({double(i), double(j), double(k)});
                for (int axis = 0; axis < 3; ++axis)
                    m.centroid[axis] += p[axis];
                ++m.voxelCount;
                ++areas[label][static_cast<std::size_t>(k)];
                if (m.firstSlice < 0 || k < m.firstSlice)
                    m.firstSlice = static_cast<int>(k);
                m.lastSlice = std::max(m.lastSlice, static_cast<int>(k));
            }
    for (int label = 1; label <= labelCount; ++label) {
        LabelMeasurement& m = result[static_cast<std::size_t>(label)];
        if (m.voxelCount == 0)
            continue;
        for (double& value : m.centroid)
            value /= static_cast<double>(m.voxelCount);
        m.volumeMm3 = static_cast<double>(m.voxelCount) * voxelVolume;
        std::size_t largest = 0;
        for (int k = m.firstSlice; k <= m.lastSlice; ++k)
            if (areas[static_cast<std::size_t>(label)][static_cast<std::size_t>(k)] > largest) {
                largest = areas[static_cast<std::size_t>(label)][static_cast<std::size_t>(k)];
                m.largestSlice = k;
            }
        std::vector<std::array<double, 2>> points;
        for (std::int64_t j = 0; j < size[1]; ++j)
            for (std::int64_t i = 0; i < size[0]; ++i)
                if (data[geometry.offset(i, j, m.largestSlice)] == label)
                    points.push_back({geometry.origin[0] + i * geometry.spacing[0], geometry.origin[1] + j * geometry.spacing[1]});
        measureAxialAxes(points, std::sqrt(geometry.spacing[0] * geometry.spacing[1]), m.longAxisMm, m.shortAxisMm);
    }
    return result;
}

}  // namespace lnseg
