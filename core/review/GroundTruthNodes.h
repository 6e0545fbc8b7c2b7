#pragma once
// Reads a node list written by the phantom generator (`lnseg phantom` / `lnseg demo`):
// a JSON array (or an object with a "nodes" array) of {id, level, side, ...}. Each entry becomes
// a NodeRecord with status Accepted and no proposing model: this is how the ground truth of a
// synthetic study is shown for review.

#include "nodes/NodeRecord.h"

#include <string>
#include <vector>

namespace lnseg {

// `author` is recorded as creator of every node. Throws std::runtime_error naming the file and
// entry when the JSON is not such a list; unknown level or side strings become Unassigned.
std::vector<NodeRecord> readGroundTruthNodes(const std::string& path, const std::string& author = "ground truth");

}  // namespace lnseg
