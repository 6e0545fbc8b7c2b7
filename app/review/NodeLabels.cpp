#include "review/NodeLabels.h"

#include <QCoreApplication>

namespace lnseg {

QString levelName(NodeLevel level)
{
    if (level == NodeLevel::Unassigned)
        return QStringLiteral("-");
    if (level == NodeLevel::Other)
        return QCoreApplication::translate("NodeLabels", "other");
    return QString::fromLatin1(toString(level));  // IA, IIB, RP ...: the same in every language
}

QString sideName(NodeSide side)
{
    switch (side) {
    case NodeSide::Unassigned: return QStringLiteral("-");
    case NodeSide::Left: return QCoreApplication::translate("NodeLabels", "left");
    case NodeSide::Right: return QCoreApplication::translate("NodeLabels", "right");
    case NodeSide::Midline: return QCoreApplication::translate("NodeLabels", "midline");
    }
    return {};
}

QString statusName(NodeStatus status)
{
    switch (status) {
    case NodeStatus::Proposed: return QCoreApplication::translate("NodeLabels", "Proposed");
    case NodeStatus::Accepted: return QCoreApplication::translate("NodeLabels", "Accepted");
    case NodeStatus::Edited: return QCoreApplication::translate("NodeLabels", "Edited");
    case NodeStatus::Rejected: return QCoreApplication::translate("NodeLabels", "Rejected");
    }
    return {};
}

}  // namespace lnseg
