#include "evaluation/SegmentationEvaluation.h"

#include "image/ConnectedComponents.h"
#include "nodes/NodeMeasurement.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <limits>
#include <optional>
#include <sstream>

namespace lnseg {

std::string sizeGroupOf(double longAxisMm)
{
    if (longAxisMm < 5.0)
        return "<5mm";
    if (longAxisMm < 10.0)
        return "5-10mm";
    return ">=10mm";
}

namespace {

double ratio(double numerator, double denominator, double whenEmpty)
{
    return denominator > 0 ? numerator / denominator : whenEmpty;
}

void add(DetectionCounts& total, const NodeOutcome& node)
{
    ++total.nodes;
    total.detected += node.detected ? 1 : 0;
    total.nodeSlices += static_cast<std::size_t>(node.slices);
    total.nodeSlicesFound += static_cast<std::size_t>(node.slicesFound);
}

void add(DetectionCounts& total, const DetectionCounts& part)
{
    total.nodes += part.nodes;
    total.detected += part.detected;
    total.nodeSlices += part.nodeSlices;
    total.nodeSlicesFound += part.nodeSlicesFound;
}

nlohmann::json toJson(const DetectionCounts& counts)
{
    return {{"nodes", counts.nodes},
            {"detected", counts.detected},
            {"sensitivity", counts.sensitivity()},
            {"node_slices", counts.nodeSlices},
            {"node_slices_found", counts.nodeSlicesFound},
            {"slice_detection_rate", counts.sliceDetectionRate()}};
}

// The grid check and instance labels both evaluateCase and falsePositiveComponents start from: a
// binary prediction (largest label 1) split into connected components, else (empty) the labels.
std::optional<LabelMap> checkedComponents(const LabelMap& prediction, const LabelMap& reference)
{
    if (!prediction.geometry().sameGrid(reference.geometry(), 1e-3))
        throw std::runtime_error("the prediction and the reference are not on the same voxel grid");
    const std::uint16_t* labels = prediction.data();
    if (prediction.voxelCount() > 0 && *std::max_element(labels, labels + prediction.voxelCount()) == 1)
        return labelConnectedComponents(prediction);
    return std::nullopt;
}

}  // namespace

CaseEvaluation evaluateCase(const LabelMap& prediction, const LabelMap& reference,
                            const std::map<std::uint16_t, std::string>& referenceLevels,
                            const EvaluationOptions& options)
{
    CaseEvaluation result;
    const std::optional<LabelMap> components = checkedComponents(prediction, reference);
    const std::uint16_t* predicted = components ? components->data() : prediction.data();
    const std::uint16_t* truth = reference.data();
    const Size3 size = reference.size();
    const std::size_t sliceSize = static_cast<std::size_t>(size[0] * size[1]);
    const std::uint16_t predictedMaximum = *std::max_element(predicted, predicted + prediction.voxelCount());
    const std::uint16_t referenceMaximum = *std::max_element(truth, truth + reference.voxelCount());

    // One pass: foreground overlap, per-slice overlap, and the overlap of every (reference,
    // predicted) pair; node-slice coverage needs per-node per-slice counts.
    std::size_t both = 0, predictedCount = 0, referenceCount = 0;
    std::vector<std::size_t> referenceSizes(referenceMaximum + 1u, 0), predictedSizes(predictedMaximum + 1u, 0);
    std::map<std::pair<std::uint16_t, std::uint16_t>, std::size_t> pairOverlap;
    double sliceDiceSum = 0, sliceIouSum = 0;
    std::map<std::pair<std::uint16_t, int>, std::pair<std::size_t, std::size_t>> nodeSlice;  // (pixels, covered)
    for (std::int64_t k = 0; k < size[2]; ++k) {
        std::size_t sliceBoth = 0, slicePredicted = 0, sliceReference = 0;
        const std::size_t start = static_cast<std::size_t>(k) * sliceSize;
        for (std::size_t index = start; index < start + sliceSize; ++index) {
            const std::uint16_t p = predicted[index], r = truth[index];
            if (p) {
                ++slicePredicted;
                ++predictedSizes[p];
            }
            if (r) {
                ++sliceReference;
                ++referenceSizes[r];
                auto& counts = nodeSlice[{r, static_cast<int>(k)}];
                ++counts.first;
                if (p)
                    counts.second += 1;
            }
            if (p && r) {
                ++sliceBoth;
                ++pairOverlap[{r, p}];
            }
        }
        both += sliceBoth;
        predictedCount += slicePredicted;
        referenceCount += sliceReference;
        if (sliceReference) {
            ++result.slicesWithNodes;
            sliceDiceSum += 2.0 * double(sliceBoth) / double(slicePredicted + sliceReference);
            sliceIouSum += double(sliceBoth) / double(slicePredicted + sliceReference - sliceBoth);
        }
    }
    // Two empty masks agree perfectly.
    result.dice = ratio(2.0 * double(both), double(predictedCount + referenceCount), 1.0);
    result.iou = ratio(double(both), double(predictedCount + referenceCount - both), 1.0);
    result.meanSliceDice = ratio(sliceDiceSum, double(result.slicesWithNodes), 1.0);
    result.meanSliceIou = ratio(sliceIouSum, double(result.slicesWithNodes), 1.0);

    // Greedy one-to-one matching by decreasing IoU.
    struct Candidate {
        std::uint16_t reference, prediction;
        double iou;
    };
    std::vector<Candidate> candidates;
    for (const auto& [pair, overlap] : pairOverlap) {
        const double iou = double(overlap) / double(referenceSizes[pair.first] + predictedSizes[pair.second] - overlap);
        if (iou >= options.matchingIou)
            candidates.push_back({pair.first, pair.second, iou});
    }
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        return a.iou != b.iou ? a.iou > b.iou : std::tie(a.reference, a.prediction) < std::tie(b.reference, b.prediction);
    });
    std::map<std::uint16_t, Candidate> matchOfReference;
    std::vector<bool> predictionMatched(predictedMaximum + 1u, false);
    for (const Candidate& candidate : candidates) {
        if (matchOfReference.count(candidate.reference) || predictionMatched[candidate.prediction])
            continue;
        matchOfReference.emplace(candidate.reference, candidate);
        predictionMatched[candidate.prediction] = true;
    }
    for (std::uint16_t label = 1; label <= predictedMaximum; ++label)
        if (predictedSizes[label]) {
            ++result.predictedComponents;
            if (!predictionMatched[label])
                ++result.falsePositives;
        }

    const std::vector<NodeMeasurement> measurements = measureNodes(reference);
    for (const NodeMeasurement& measurement : measurements) {
        NodeOutcome node;
        node.label = measurement.label;
        const auto level = referenceLevels.find(measurement.label);
        node.level = level != referenceLevels.end() ? level->second : std::string();
        node.longAxisMm = measurement.longAxisMm;
        node.sizeGroup = sizeGroupOf(measurement.longAxisMm);
        const auto match = matchOfReference.find(measurement.label);
        if (match != matchOfReference.end()) {
            node.detected = true;
            node.matchedPrediction = match->second.prediction;
            node.iou = match->second.iou;
        }
        for (int k = measurement.firstSlice; k <= measurement.lastSlice; ++k) {
            const auto counts = nodeSlice.find({measurement.label, k});
            if (counts == nodeSlice.end())
                continue;
            ++node.slices;
            if (double(counts->second.second) >= options.sliceCoverage * double(counts->second.first))
                ++node.slicesFound;
        }
        add(result.all, node);
        add(result.bySize[node.sizeGroup], node);
        add(result.byLevel[node.level.empty() ? "unknown" : node.level], node);
        result.nodes.push_back(node);
    }
    return result;
}

LabelMap falsePositiveComponents(const LabelMap& prediction, const LabelMap& reference, std::size_t* count)
{
    LabelMap components = checkedComponents(prediction, reference).value_or(prediction);
    const std::size_t voxels = components.voxelCount();
    std::uint16_t* labels = components.data();
    const std::uint16_t* truth = reference.data();
    std::vector<bool> touches(std::size_t(std::numeric_limits<std::uint16_t>::max()) + 1, false);
    std::vector<bool> present(touches.size(), false);
    for (std::size_t index = 0; index < voxels; ++index) {
        present[labels[index]] = true;
        if (labels[index] && truth[index])
            touches[labels[index]] = true;
    }
    for (std::size_t index = 0; index < voxels; ++index)
        if (touches[labels[index]])
            labels[index] = 0;
    if (count) {
        *count = 0;
        for (std::size_t label = 1; label < present.size(); ++label)
            *count += present[label] && !touches[label] ? 1 : 0;
    }
    return components;
}

EvaluationSummary summarize(std::vector<CaseEvaluation> cases)
{
    EvaluationSummary summary;
    summary.cases = std::move(cases);
    const double n = double(summary.cases.size());
    std::size_t falsePositives = 0;
    for (const CaseEvaluation& evaluation : summary.cases) {
        summary.meanDice += evaluation.dice / n;
        summary.meanIou += evaluation.iou / n;
        summary.meanSliceDice += evaluation.meanSliceDice / n;
        falsePositives += evaluation.falsePositives;
        add(summary.all, evaluation.all);
        for (const auto& [group, counts] : evaluation.bySize)
            add(summary.bySize[group], counts);
        for (const auto& [level, counts] : evaluation.byLevel)
            add(summary.byLevel[level], counts);
    }
    summary.falsePositivesPerVolume = n > 0 ? double(falsePositives) / n : 0.0;
    return summary;
}

nlohmann::json toJson(const EvaluationSummary& summary)
{
    nlohmann::json json;
    json["cases"] = nlohmann::json::array();
    for (const CaseEvaluation& evaluation : summary.cases) {
        nlohmann::json item{{"case", evaluation.caseName},
                            {"dice", evaluation.dice},
                            {"iou", evaluation.iou},
                            {"mean_slice_dice", evaluation.meanSliceDice},
                            {"mean_slice_iou", evaluation.meanSliceIou},
                            {"slices_with_nodes", evaluation.slicesWithNodes},
                            {"predicted_components", evaluation.predictedComponents},
                            {"false_positives", evaluation.falsePositives},
                            {"detection", toJson(evaluation.all)}};
        item["nodes"] = nlohmann::json::array();
        for (const NodeOutcome& node : evaluation.nodes)
            item["nodes"].push_back({{"label", node.label},
                                     {"level", node.level},
                                     {"size_group", node.sizeGroup},
                                     {"long_axis_mm", node.longAxisMm},
                                     {"detected", node.detected},
                                     {"matched_prediction", node.matchedPrediction},
                                     {"iou", node.iou},
                                     {"slices", node.slices},
                                     {"slices_found", node.slicesFound}});
        json["cases"].push_back(item);
    }
    json["mean_dice"] = summary.meanDice;
    json["mean_iou"] = summary.meanIou;
    json["mean_slice_dice"] = summary.meanSliceDice;
    json["false_positives_per_volume"] = summary.falsePositivesPerVolume;
    json["detection"] = toJson(summary.all);
    for (const auto& [group, counts] : summary.bySize)
        json["by_size"][group] = toJson(counts);
    for (const auto& [level, counts] : summary.byLevel)
        json["by_level"][level] = toJson(counts);
    return json;
}

std::string toTable(const EvaluationSummary& summary)
{
    std::ostringstream out;
    char line[256];
    out << "case                      Dice    IoU  sliceDice  nodes  found  sens.   FP  slice-det.\n";
    for (const CaseEvaluation& e : summary.cases) {
        std::snprintf(line, sizeof line, "%-24s %5.3f  %5.3f      %5.3f  %5zu  %5zu  %5.3f %4zu  %5.3f\n",
                      e.caseName.substr(0, 24).c_str(), e.dice, e.iou, e.meanSliceDice, e.all.nodes, e.all.detected,
                      e.all.sensitivity(), e.falsePositives, e.all.sliceDetectionRate());
        out << line;
    }
    std::snprintf(line, sizeof line,
                  "\nmean Dice %.3f, mean IoU %.3f, mean slice Dice %.3f; sensitivity %.3f (%zu/%zu nodes) at %.2f "
                  "false positives per volume; per-slice detection %.3f\n",
                  summary.meanDice, summary.meanIou, summary.meanSliceDice, summary.all.sensitivity(),
                  summary.all.detected, summary.all.nodes, summary.falsePositivesPerVolume,
                  summary.all.sliceDetectionRate());
    out << line;
    auto group = [&](const char* title, const std::map<std::string, DetectionCounts>& groups) {
        out << "\n" << title << "        nodes  found  sens.  slice-det.\n";
        for (const auto& [name, counts] : groups) {
            std::snprintf(line, sizeof line, "%-14s %5zu  %5zu  %5.3f  %5.3f\n", name.c_str(), counts.nodes,
                          counts.detected, counts.sensitivity(), counts.sliceDetectionRate());
            out << line;
        }
    };
    group("by size", summary.bySize);
    group("by level", summary.byLevel);
    return out.str();
}

}  // namespace lnseg
