#include "nodes/NodeVocabulary.h"

#include <cctype>

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

}  // namespace lnseg
