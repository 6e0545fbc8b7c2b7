#pragma once
// A lymph node under review: its label in the label map, nodal level and side, review status,
// measurements and provenance (who changed it last and when, which model proposed it).

#include "nodes/NodeMeasurement.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace lnseg {

// Imaging-based nodal levels (Som et al. 1999, AJCC), plus retropharyngeal and other.
enum class NodeLevel { Unassigned, IA, IB, IIA, IIB, III, IV, VA, VB, VI, VII, RP, Other };
enum class NodeSide { Unassigned, Left, Right, Midline };
enum class NodeStatus { Proposed, Accepted, Edited, Rejected };

const char* toString(NodeLevel level);
const char* toString(NodeSide side);
const char* toString(NodeStatus status);
std::optional<NodeLevel> nodeLevelFromString(const std::string& text);  // accepts "IIa", "2a", "II A" ...
std::optional<NodeSide> nodeSideFromString(const std::string& text);    // "left", "L", "right", "R", "midline"
std::optional<NodeStatus> nodeStatusFromString(const std::string& text);
std::vector<NodeLevel> allNodeLevels();

// Short-axis size (mm) from which a node at this level counts as enlarged (clinical.md): 10 mm in
// general, 11 mm in level II, 5 mm retropharyngeal.
double enlargedShortAxisMm(NodeLevel level);

struct NodeRecord {
    std::uint16_t label = 0;
    NodeLevel level = NodeLevel::Unassigned;
    NodeSide side = NodeSide::Unassigned;
    NodeStatus status = NodeStatus::Proposed;
    double confidence = -1;        // model's mean probability; -1 for nodes drawn by hand
    NodeMeasurement measurement;
    std::string createdBy;
    std::string createdAt;         // ISO 8601 UTC
    std::string modifiedBy;
    std::string modifiedAt;
    std::string proposedByModel;   // model file or name; empty for hand-drawn nodes

    bool isEnlarged() const { return measurement.shortAxisMm >= enlargedShortAxisMm(level); }
    bool touchedByHuman() const { return status != NodeStatus::Proposed || proposedByModel.empty(); }
    bool operator==(const NodeRecord& other) const;
};

nlohmann::json toJson(const NodeRecord& node);
// Throws std::runtime_error naming the field when the JSON is not a valid node.
NodeRecord nodeRecordFromJson(const nlohmann::json& json);

// Current time as ISO 8601 UTC ("2026-11-27T10:15:00Z").
std::string currentIsoTime();

}  // namespace lnseg
