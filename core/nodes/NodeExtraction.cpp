#include "nodes/NodeExtraction.h"

#include "image/ConnectedComponents.h"

namespace lnseg {

ExtractedNodes extractNodes(const VoxelGrid<float>& probability, const NodeExtractionOptions& options)
{
    ExtractedNodes result;
    std::size_t componentCount = 0;
    LabelMap components = labelConnectedComponents(thresholdProbability(probability, options.threshold), &componentCount);
    const std::vector<NodeMeasurement> measurements = measureNodes(components);

    // New label of each component: 0 when it is dropped.
    std::vector<std::uint16_t> renumber(componentCount + 1, 0);
    std::uint16_t next = 0;
    const double sliceSpacing = probability.geometry().spacing[2];
    for (const NodeMeasurement& measurement : measurements) {
        const double zExtentMm = double(measurement.lastSlice - measurement.firstSlice + 1) * sliceSpacing;
        if (measurement.longAxisMm < options.minimumLongAxisMm || zExtentMm < options.minimumZExtentMm - 1e-6) {
            ++result.componentsRemoved;
            continue;
        }
        renumber[measurement.label] = ++next;
        ExtractedNode node;
        node.measurement = measurement;
        node.measurement.label = next;
        result.nodes.push_back(node);
    }
    std::vector<double> probabilitySum(next + 1u, 0.0);
    std::uint16_t* labels = components.data();
    const float* p = probability.data();
    for (std::size_t index = 0, count = components.voxelCount(); index < count; ++index) {
        const std::uint16_t label = labels[index] ? renumber[labels[index]] : 0;
        labels[index] = label;
        if (label)
            probabilitySum[label] += p[index];
    }
    for (ExtractedNode& node : result.nodes)
        node.meanProbability = probabilitySum[node.measurement.label] / double(node.measurement.voxelCount);
    result.labels = std::move(components);
    return result;
}

}  // namespace lnseg
