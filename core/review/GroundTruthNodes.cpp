#include "review/GroundTruthNodes.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <stdexcept>

namespace lnseg {

std::vector<NodeRecord> readGroundTruthNodes(const std::string& path, const std::string& author)
{
    std::ifstream file(path);
    if (!file)
        throw std::runtime_error(path + ": cannot open");
    nlohmann::json json;
    try {
        json = nlohmann::json::parse(file);
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(path + ": not valid JSON (" + error.what() + ")");
    }
    if (json.is_object() && json.contains("nodes"))
        json = json["nodes"];
    if (!json.is_array())
        throw std::runtime_error(path + ": expected an array of nodes");
    std::vector<NodeRecord> nodes;
    const std::string now = currentIsoTime();
    for (std::size_t index = 0; index < json.size(); ++index) {
        const nlohmann::json& entry = json[index];
        const std::string where = path + ": node " + std::to_string(index);
        if (!entry.is_object() || !entry.contains("id") || !entry["id"].is_number_integer())
            throw std::runtime_error(where + ": needs an integer \"id\"");
        const auto id = entry["id"].get<long long>();
        if (id < 1 || id > 65535)
            throw std::runtime_error(where + ": id " + std::to_string(id) + " is not a label (1..65535)");
        NodeRecord node;
        node.label = static_cast<std::uint16_t>(id);
        if (entry.contains("level") && entry["level"].is_string())
            node.level = nodeLevelFromString(entry["level"].get<std::string>()).value_or(NodeLevel::Unassigned);
        if (entry.contains("side") && entry["side"].is_string())
            node.side = nodeSideFromString(entry["side"].get<std::string>()).value_or(NodeSide::Unassigned);
        node.status = NodeStatus::Accepted;
        node.createdBy = node.modifiedBy = author;
        node.createdAt = node.modifiedAt = now;
        nodes.push_back(node);
    }
    return nodes;
}

}  // namespace lnseg
