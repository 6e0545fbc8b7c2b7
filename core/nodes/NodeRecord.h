#pragma once
// A lymph node: its label in the label map, nodal level and side, review status, measurements and
// provenance (who changed it last and when, which model proposed it, what geometry was assumed).
// Shared by the review document, the file formats (DICOM SEG, exports) and projects.

#include "nodes/NodeMeasurement.h"
#include "nodes/NodeVocabulary.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace lnseg {

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
    // What the image's geometry assumed when the node was measured, because the file did not say
    // (e.g. "Pixel Spacing is '0\\0', not a usable spacing: 1 x 1 mm pixels were assumed ..."):
    // its sizes in mm rest on that. Empty when the geometry was as stated.
    std::string assumedGeometry;

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
