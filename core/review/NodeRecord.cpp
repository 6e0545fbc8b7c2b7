#include "review/NodeRecord.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <ctime>

namespace lnseg {
namespace {

std::string normalizedToken(const std::string& text)
{
    std::string token;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c)) && c != '-' && c != '_')
            token += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return token;
}

}  // namespace

const char* toString(NodeLevel level)
{
    switch (level) {
    case NodeLevel::Unassigned: return "";
    case NodeLevel::IA: return "IA";
    case NodeLevel::IB: return "IB";
    case NodeLevel::IIA: return "IIA";
    case NodeLevel::IIB: return "IIB";
    case NodeLevel::III: return "III";
    case NodeLevel::IV: return "IV";
    case NodeLevel::VA: return "VA";
    case NodeLevel::VB: return "VB";
    case NodeLevel::VI: return "VI";
    case NodeLevel::VII: return "VII";
    case NodeLevel::RP: return "RP";
    case NodeLevel::Other: return "other";
    }
    return "";
}

const char* toString(NodeSide side)
{
    switch (side) {
    case NodeSide::Unassigned: return "";
    case NodeSide::Left: return "left";
    case NodeSide::Right: return "right";
    case NodeSide::Midline: return "midline";
    }
    return "";
}

const char* toString(NodeStatus status)
{
    switch (status) {
    case NodeStatus::Proposed: return "proposed";
    case NodeStatus::Accepted: return "accepted";
    case NodeStatus::Edited: return "edited";
    case NodeStatus::Rejected: return "rejected";
    }
    return "";
}

std::vector<NodeLevel> allNodeLevels()
{
    return {NodeLevel::IA, NodeLevel::IB, NodeLevel::IIA, NodeLevel::IIB, NodeLevel::III, NodeLevel::IV,
            NodeLevel::VA, NodeLevel::VB, NodeLevel::VI,  NodeLevel::VII, NodeLevel::RP,  NodeLevel::Other};
}

std::optional<NodeLevel> nodeLevelFromString(const std::string& text)
{
    const std::string token = normalizedToken(text);
    if (token.empty())
        return NodeLevel::Unassigned;
    static const std::pair<const char*, NodeLevel> aliases[] = {
        {"IA", NodeLevel::IA},   {"1A", NodeLevel::IA},   {"IB", NodeLevel::IB},   {"1B", NodeLevel::IB},
        {"IIA", NodeLevel::IIA}, {"2A", NodeLevel::IIA},  {"IIB", NodeLevel::IIB}, {"2B", NodeLevel::IIB},
        {"III", NodeLevel::III}, {"3", NodeLevel::III},   {"IV", NodeLevel::IV},   {"4", NodeLevel::IV},
        {"VA", NodeLevel::VA},   {"5A", NodeLevel::VA},   {"VB", NodeLevel::VB},   {"5B", NodeLevel::VB},
        {"VI", NodeLevel::VI},   {"6", NodeLevel::VI},    {"VII", NodeLevel::VII}, {"7", NodeLevel::VII},
        {"RP", NodeLevel::RP},   {"OTHER", NodeLevel::Other}};
    for (const auto& [name, level] : aliases)
        if (token == name)
            return level;
    return std::nullopt;
}

std::optional<NodeSide> nodeSideFromString(const std::string& text)
{
    const std::string token = normalizedToken(text);
    if (token.empty())
        return NodeSide::Unassigned;
    if (token == "LEFT" || token == "L")
        return NodeSide::Left;
    if (token == "RIGHT" || token == "R")
        return NodeSide::Right;
    if (token == "MIDLINE" || token == "M")
        return NodeSide::Midline;
    return std::nullopt;
}

std::optional<NodeStatus> nodeStatusFromString(const std::string& text)
{
    const std::string token = normalizedToken(text);
    for (NodeStatus status : {NodeStatus::Proposed, NodeStatus::Accepted, NodeStatus::Edited, NodeStatus::Rejected})
        if (token == normalizedToken(toString(status)))
            return status;
    return std::nullopt;
}

double enlargedShortAxisMm(NodeLevel level)
{
    switch (level) {
    case NodeLevel::IIA:
    case NodeLevel::IIB: return 11.0;
    case NodeLevel::RP: return 5.0;
    default: return 10.0;
    }
}

bool NodeRecord::operator==(const NodeRecord& other) const
{
    return label == other.label && level == other.level && side == other.side && status == other.status &&
           confidence == other.confidence && measurement.voxelCount == other.measurement.voxelCount &&
           createdBy == other.createdBy && createdAt == other.createdAt && modifiedBy == other.modifiedBy &&
           modifiedAt == other.modifiedAt && proposedByModel == other.proposedByModel;
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
