#pragma once
// Translated display names of node levels, sides and statuses.

#include "nodes/NodeRecord.h"

#include <QString>

#include <string>

namespace lnseg {

QString levelName(NodeLevel level);
QString sideName(NodeSide side);
QString statusName(NodeStatus status);
// A landmark's name as anatomy/ writes it ("hyoid bone", "carotid arteries" ...), translated.
QString landmarkName(const std::string& name);
// How a node's level came about, for the node table's tooltip: "Suggested from the scan's
// landmarks (confidence 0.72), uncertain between IIA and III; not found: cricoid cartilage", ...
// Empty when the level has no provenance (from a file, or none).
QString levelProvenanceText(const NodeRecord& node);

}  // namespace lnseg
