#include "nodes/NodeRecord.h"

#include <nlohmann/json.hpp>

#include <ctime>

namespace lnseg {

bool NodeRecord::operator==(const NodeRecord& other) const
{
    return label == other.label && level == other.level && side == other.side && status == other.status &&
           confidence == other.confidence && measurement.voxelCount == other.measurement.voxelCount &&
           createdBy == other.createdBy && createdAt == other.createdAt && modifiedBy == other.modifiedBy &&
           modifiedAt == other.modifiedAt && proposedByModel == other.proposedByModel &&
           assumedGeometry == other.assumedGeometry && levelSource == other.levelSource &&
           levelConfidence == other.levelConfidence && levelSuggestion == other.levelSuggestion &&
           levelAlternatives == other.levelAlternatives && levelMissingLandmarks == other.levelMissingLandmarks;
}

const char* toString(LevelSource source)
{
    switch (source) {
    case LevelSource::None: return "";
    case LevelSource::Suggested: return "suggested";
    case LevelSource::Confirmed: return "confirmed";
    case LevelSource::Reader: return "reader";
    }
    return "";
}

nlohmann::json toJson(const NodeRecord& node)
{
    const NodeMeasurement& m = node.measurement;
    nlohmann::json json{{"id", node.label},
                        {"level", toString(node.level)},
                        {"side", toString(node.side)},
                        {"status", toString(node.status)},
                        {"long_axis_mm", m.longAxisMm},
                        {"short_axis_mm", m.shortAxisMm},
                        {"volume_mm3", m.volumeMm3},
                        {"voxel_count", m.voxelCount},
                        {"centre_mm", {m.centre[0], m.centre[1], m.centre[2]}},
                        {"slice_span", {m.firstSlice, m.lastSlice}},
                        {"largest_slice", m.largestSlice},
                        {"enlarged", node.isEnlarged()},
                        {"created_by", node.createdBy},
                        {"created_at", node.createdAt},
                        {"modified_by", node.modifiedBy},
                        {"modified_at", node.modifiedAt},
                        {"proposed_by_model", node.proposedByModel}};
    if (node.confidence >= 0)
        json["confidence"] = node.confidence;
    if (!node.assumedGeometry.empty())
        json["assumed_geometry"] = node.assumedGeometry;
    if (node.levelSource != LevelSource::None) {
        json["level_source"] = toString(node.levelSource);
        json["level_was_suggested"] = node.levelWasSuggested();
    }
    if (node.levelConfidence >= 0)
        json["level_confidence"] = node.levelConfidence;
    if (!node.levelSuggestion.empty())
        json["level_suggestion"] = node.levelSuggestion;
    if (!node.levelAlternatives.empty()) {
        nlohmann::json alternatives = nlohmann::json::array();
        for (NodeLevel level : node.levelAlternatives)
            alternatives.push_back(toString(level));
        json["level_alternatives"] = alternatives;
    }
    if (!node.levelMissingLandmarks.empty())
        json["level_missing_landmarks"] = node.levelMissingLandmarks;
    return json;
}

NodeRecord nodeRecordFromJson(const nlohmann::json& json)
{
    if (!json.is_object())
        throw std::runtime_error("a node must be a JSON object");
    auto text = [&](const char* key) -> std::string {
        if (!json.contains(key) || json[key].is_null())
            return {};
        if (!json[key].is_string())
            throw std::runtime_error(std::string("node field '") + key + "' must be a string");
        return json[key].get<std::string>();
    };
    NodeRecord node;
    if (!json.contains("id") || !json["id"].is_number_integer() || json["id"].get<long long>() < 1 ||
        json["id"].get<long long>() > 65535)
        throw std::runtime_error("node field 'id' must be an integer from 1 to 65535");
    node.label = static_cast<std::uint16_t>(json["id"].get<int>());
    const auto level = nodeLevelFromString(text("level"));
    if (!level)
        throw std::runtime_error("node " + std::to_string(node.label) + ": unknown level '" + text("level") + "'");
    node.level = *level;
    const auto side = nodeSideFromString(text("side"));
    if (!side)
        throw std::runtime_error("node " + std::to_string(node.label) + ": unknown side '" + text("side") + "'");
    node.side = *side;
    const std::string statusText = text("status");
    const auto status = statusText.empty() ? std::optional<NodeStatus>(NodeStatus::Accepted) : nodeStatusFromString(statusText);
    if (!status)
        throw std::runtime_error("node " + std::to_string(node.label) + ": unknown status '" + statusText + "'");
    node.status = *status;
    if (json.contains("confidence") && json["confidence"].is_number())
        node.confidence = json["confidence"].get<double>();
    node.createdBy = text("created_by");
    node.createdAt = text("created_at");
    node.modifiedBy = text("modified_by");
    node.modifiedAt = text("modified_at");
    node.proposedByModel = text("proposed_by_model");
    node.assumedGeometry = text("assumed_geometry");
    const std::string source = text("level_source");
    for (LevelSource candidate : {LevelSource::Suggested, LevelSource::Confirmed, LevelSource::Reader})
        if (source == toString(candidate))
            node.levelSource = candidate;
    if (!source.empty() && node.levelSource == LevelSource::None)
        throw std::runtime_error("node " + std::to_string(node.label) + ": unknown level_source '" + source + "'");
    if (json.contains("level_confidence") && json["level_confidence"].is_number())
        node.levelConfidence = json["level_confidence"].get<double>();
    node.levelSuggestion = text("level_suggestion");
    auto texts = [&](const char* key) {
        std::vector<std::string> list;
        if (!json.contains(key) || json[key].is_null())
            return list;
        if (!json[key].is_array())
            throw std::runtime_error(std::string("node field '") + key + "' must be a list of strings");
        for (const auto& item : json[key]) {
            if (!item.is_string())
                throw std::runtime_error(std::string("node field '") + key + "' must be a list of strings");
            list.push_back(item.get<std::string>());
        }
        return list;
    };
    for (const std::string& name : texts("level_alternatives")) {
        const auto level = nodeLevelFromString(name);
        if (!level)
            throw std::runtime_error("node " + std::to_string(node.label) + ": unknown level '" + name + "' in level_alternatives");
        node.levelAlternatives.push_back(*level);
    }
    node.levelMissingLandmarks = texts("level_missing_landmarks");
    node.measurement.label = node.label;
    return node;
}

std::string currentIsoTime()
{
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

}  // namespace lnseg
