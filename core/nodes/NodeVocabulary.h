#pragma once
// The words of cervical lymph node reporting: nodal levels, sides and review statuses, their
// names in files ("IIA", "left", "accepted") and the size criterion per level. Used by the review
// document, the file formats (DICOM SEG, node reports) and the exports alike.

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

}  // namespace lnseg
