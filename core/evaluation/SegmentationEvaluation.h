#pragma once
// Accuracy of a predicted node label map against a reference, with the paper's metrics and the
// ones detection work uses:
//  - Dice and IoU of the foreground per volume, and per slice averaged over the slices that hold
//    reference nodes;
//  - the paper's per-slice detection: a reference node is found on a slice when the predicted
//    foreground covers at least 80% of its pixels there (a node over 3 slices found on 2 scores 2/3);
//  - per-node detection: reference nodes and predicted components are matched one to one, greedily
//    by decreasing IoU, a pair counting when its IoU is at least 0.1; sensitivity = matched / reference
//    nodes, false positives = unmatched predicted components;
//  - everything also broken down by node size (long axis < 5, 5-10, >= 10 mm) and by level.

#include "image/VoxelGrid.h"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <string>
#include <vector>

namespace lnseg {

struct EvaluationOptions {
    double matchingIou = 0.1;       // minimum IoU for a predicted component to detect a node
    double sliceCoverage = 0.8;     // fraction of a node's slice pixels that must be covered
};

struct NodeOutcome {
    std::uint16_t label = 0;        // reference label
    std::string level;              // from the reference nodes, "" when unknown
    std::string sizeGroup;          // "<5mm", "5-10mm", ">=10mm"
    double longAxisMm = 0;
    bool detected = false;
    std::uint16_t matchedPrediction = 0;
    double iou = 0;
    int slices = 0;
    int slicesFound = 0;
};

// Counts for a group of nodes (all, one size group, one level).
struct DetectionCounts {
    std::size_t nodes = 0;
    std::size_t detected = 0;
    std::size_t nodeSlices = 0;
    std::size_t nodeSlicesFound = 0;
    double sensitivity() const { return nodes ? double(detected) / double(nodes) : 0.0; }
    double sliceDetectionRate() const { return nodeSlices ? double(nodeSlicesFound) / double(nodeSlices) : 0.0; }
};

struct CaseEvaluation {
    std::string caseName;
    double dice = 0;
    double iou = 0;
    double meanSliceDice = 0;       // over slices holding reference nodes
    double meanSliceIou = 0;
    std::size_t slicesWithNodes = 0;
    std::size_t predictedComponents = 0;
    std::size_t falsePositives = 0;
    DetectionCounts all;
    std::map<std::string, DetectionCounts> bySize;
    std::map<std::string, DetectionCounts> byLevel;
    std::vector<NodeOutcome> nodes;
};

struct EvaluationSummary {
    std::vector<CaseEvaluation> cases;
    double meanDice = 0;
    double meanIou = 0;
    double meanSliceDice = 0;
    double falsePositivesPerVolume = 0;
    DetectionCounts all;
    std::map<std::string, DetectionCounts> bySize;
    std::map<std::string, DetectionCounts> byLevel;
};

// `referenceLevels` maps reference labels to their levels (may be empty). A prediction whose
// largest label is 1 is split into connected components; otherwise its labels are its instances.
// Throws std::runtime_error when the two label maps are not on the same grid.
CaseEvaluation evaluateCase(const LabelMap& prediction, const LabelMap& reference,
                            const std::map<std::uint16_t, std::string>& referenceLevels = {},
                            const EvaluationOptions& options = {});

EvaluationSummary summarize(std::vector<CaseEvaluation> cases);

// The predicted components that touch no reference voxel, on the prediction's grid with their
// labels kept (everything else 0): where a model called a node and there is none. Training crops
// centred on them teach the next model its own mistakes (hard negatives: `lnseg evaluate
// --false-positives`, TrainingCase::hardNegatives). A prediction whose largest label is 1 is split
// into connected components, as in evaluateCase. `count` (optional) receives how many there are.
// Throws std::runtime_error when the two label maps are not on the same grid.
LabelMap falsePositiveComponents(const LabelMap& prediction, const LabelMap& reference, std::size_t* count = nullptr);

nlohmann::json toJson(const EvaluationSummary& summary);
// A readable plain-text table.
std::string toTable(const EvaluationSummary& summary);

// The size group of a long axis: "<5mm", "5-10mm", ">=10mm".
std::string sizeGroupOf(double longAxisMm);

}  // namespace lnseg
