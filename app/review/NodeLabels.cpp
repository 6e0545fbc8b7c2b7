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

namespace {

const char* const kLandmarkNames[] = {
    QT_TRANSLATE_NOOP("Landmarks", "skull base"),
    QT_TRANSLATE_NOOP("Landmarks", "mandible"),
    QT_TRANSLATE_NOOP("Landmarks", "hyoid bone"),
    QT_TRANSLATE_NOOP("Landmarks", "cricoid cartilage"),
    QT_TRANSLATE_NOOP("Landmarks", "manubrium and clavicles"),
    QT_TRANSLATE_NOOP("Landmarks", "right submandibular gland"),
    QT_TRANSLATE_NOOP("Landmarks", "left submandibular gland"),
    QT_TRANSLATE_NOOP("Landmarks", "submandibular gland"),
    QT_TRANSLATE_NOOP("Landmarks", "digastric muscles"),
    QT_TRANSLATE_NOOP("Landmarks", "carotid arteries and jugular veins"),
    QT_TRANSLATE_NOOP("Landmarks", "carotid arteries"),
    QT_TRANSLATE_NOOP("Landmarks", "internal jugular vein"),
    QT_TRANSLATE_NOOP("Landmarks", "sternocleidomastoid"),
    QT_TRANSLATE_NOOP("Landmarks", "sternocleidomastoid muscles"),
};

}  // namespace

QString landmarkName(const std::string& name)
{
    for (const char* known : kLandmarkNames)
        if (name == known)
            return QCoreApplication::translate("Landmarks", known);
    return QString::fromStdString(name);
}

QString levelProvenanceText(const NodeRecord& node)
{
    QString text;
    switch (node.levelSource) {
    case LevelSource::None: return {};
    case LevelSource::Suggested:
        text = QCoreApplication::translate("NodeLabels", "Suggested from the scan's landmarks, not yet confirmed (confidence %1)").arg(node.levelConfidence, 0, 'f', 2);
        break;
    case LevelSource::Confirmed:
        text = QCoreApplication::translate("NodeLabels", "Suggested from the scan's landmarks and confirmed (confidence %1)").arg(node.levelConfidence, 0, 'f', 2);
        break;
    case LevelSource::Reader:
        text = QCoreApplication::translate("NodeLabels", "Set by the reader");
        if (!node.levelSuggestion.empty())
            text += QLatin1Char('\n') + QCoreApplication::translate("NodeLabels", "(the landmarks suggested %1)").arg(QString::fromStdString(node.levelSuggestion));
        break;
    }
    if (node.levelSource != LevelSource::Reader && !node.levelAlternatives.empty()) {
        QStringList alternatives;
        for (NodeLevel level : node.levelAlternatives)
            alternatives << levelName(level);
        text += QLatin1Char('\n') + QCoreApplication::translate("NodeLabels", "Uncertain between %1 and %2").arg(levelName(node.level), alternatives.join(QStringLiteral(", ")));
    }
    if (node.levelSource != LevelSource::Reader && !node.levelMissingLandmarks.empty()) {
        QStringList names;
        for (const std::string& name : node.levelMissingLandmarks)
            names << landmarkName(name);
        text += QLatin1Char('\n') + QCoreApplication::translate("NodeLabels", "Landmarks not found: %1").arg(names.join(QStringLiteral(", ")));
    }
    if (node.levelSource == LevelSource::Suggested)
        text += QLatin1Char('\n') + QCoreApplication::translate("NodeLabels", "Enter confirms it; choosing another level or side replaces it.");
    return text;
}

}  // namespace lnseg
