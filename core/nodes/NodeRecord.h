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

// Where a node's level and side came from: not set, suggested from the scan's landmarks
// (anatomy/LevelRules.h) and not yet confirmed, the suggestion confirmed by a reader, or set by a
// reader (changed from the suggestion or without one).
enum class LevelSource { None, Suggested, Confirmed, Reader };
const char* toString(LevelSource source);

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
    LevelSource levelSource = LevelSource::None;
    double levelConfidence = -1;    // the suggestion's confidence; -1 without one
    std::string levelSuggestion;    // what was suggested ("IIA", "uncertain between IIA and III")
    std::vector<NodeLevel> levelAlternatives;         // other levels within the suggestion's uncertainty
    std::vector<std::string> levelMissingLandmarks;   // landmarks the suggestion needed but were not found

    bool levelIsSuggestion() const { return levelSource == LevelSource::Suggested; }
    // A suggestion was made for this node (whether it is still shown, was confirmed or replaced).
    bool levelWasSuggested() const
    {
        return levelSource == LevelSource::Suggested || levelSource == LevelSource::Confirmed || !levelSuggestion.empty();
    }

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
