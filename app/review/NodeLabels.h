#pragma once
// Translated display names of node levels, sides and statuses.

#include "nodes/NodeRecord.h"

#include <QString>

namespace lnseg {

QString levelName(NodeLevel level);
QString sideName(NodeSide side);
QString statusName(NodeStatus status);

}  // namespace lnseg
