#include "review/NodeTableModel.h"

#include "review/NodeLabels.h"
#include "review/ReviewDocument.h"

#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QStringList>

namespace lnseg {

NodeTableModel::NodeTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void NodeTableModel::setDocument(ReviewDocument* document)
{
    beginResetModel();
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    m_labels.clear();
    if (document) {
        for (const NodeRecord& node : document->nodes())
            m_labels.push_back(node.label);
        connect(document, &ReviewDocument::nodesChanged, this, &NodeTableModel::documentNodesChanged);
    }
    endResetModel();
}

void NodeTableModel::documentNodesChanged()
{
    std::vector<std::uint16_t> labels;
    for (const NodeRecord& node : m_document->nodes())
        labels.push_back(node.label);
    if (labels == m_labels) {
        // Same rows: only values changed; keeps the selection and the sort order's rows.
        if (!m_labels.empty())
            Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
        return;
    }
    beginResetModel();
    m_labels = std::move(labels);
    endResetModel();
}

int NodeTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() || !m_document ? 0 : int(m_labels.size());
}

int NodeTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

int NodeTableModel::rowOf(std::uint16_t label) const
{
    for (std::size_t row = 0; row < m_labels.size(); ++row)
        if (m_labels[row] == label)
            return int(row);
    return -1;
}

QVariant NodeTableModel::data(const QModelIndex& index, int role) const
{
    if (!m_document || !index.isValid() || index.row() >= int(m_document->nodes().size()))
        return {};
    const NodeRecord& node = m_document->nodes()[std::size_t(index.row())];
    const NodeMeasurement& m = node.measurement;
    if (role == LabelRole)
        return int(node.label);
    if (role == LevelSourceRole)
        return int(node.levelSource);
    const bool suggested = node.levelIsSuggestion();
    const bool levelCell = index.column() == Level || index.column() == Side;
    if (role == Qt::DisplayRole || role == SortRole) {
        const bool sort = role == SortRole;
        switch (index.column()) {
        case Id: return int(node.label);
        // A suggested level and side (not yet confirmed) read "III?" in italics.
        case Level:
            return sort ? QVariant(int(node.level)) : QVariant(levelName(node.level) + (suggested ? QStringLiteral("?") : QString()));
        case Side:
            return sort ? QVariant(int(node.side)) : QVariant(sideName(node.side) + (suggested ? QStringLiteral("?") : QString()));
        case LongAxis: return sort ? QVariant(m.longAxisMm) : QVariant(QString::number(m.longAxisMm, 'f', 1));
        case ShortAxis: return sort ? QVariant(m.shortAxisMm) : QVariant(QString::number(m.shortAxisMm, 'f', 1));
        case Volume: return sort ? QVariant(m.volumeMm3) : QVariant(QString::number(m.volumeMm3, 'f', 0));
        case Slices:
            if (sort)
                return m.firstSlice;
            return m.voxelCount ? QStringLiteral("%1-%2").arg(m.firstSlice + 1).arg(m.lastSlice + 1) : tr("empty");
        case Confidence:
            if (sort)
                return node.confidence;
            return node.confidence < 0 ? QVariant(tr("manual")) : QVariant(QString::number(node.confidence, 'f', 2));
        case Status: return sort ? QVariant(int(node.status)) : QVariant(statusName(node.status));
        case ChangedBy: return QString::fromStdString(node.modifiedBy.empty() ? node.createdBy : node.modifiedBy);
        case ChangedAt: {
            const QString iso = QString::fromStdString(node.modifiedAt.empty() ? node.createdAt : node.modifiedAt);
            if (sort)
                return iso;
            const QDateTime time = QDateTime::fromString(iso, Qt::ISODate);
            return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")) : iso;
        }
        default: return {};
        }
    }
    if (role == Qt::EditRole) {
        if (index.column() == Level)
            return int(node.level);
        if (index.column() == Side)
            return int(node.side);
        return data(index, Qt::DisplayRole);
    }
    const bool enlarged = node.isEnlarged() && node.status != NodeStatus::Rejected;
    if (role == Qt::FontRole && (enlarged || (suggested && levelCell))) {
        QFont font;
        font.setBold(enlarged);
        font.setItalic(suggested && levelCell);
        return font;
    }
    if (role == Qt::ForegroundRole) {
        if (enlarged)
            return QColor(200, 30, 30);
        if (node.status == NodeStatus::Rejected)
            return QColor(140, 140, 140);
        if (suggested && levelCell)
            return QColor(40, 90, 190);
        return {};
    }
    if (role == Qt::ToolTipRole) {
        QStringList lines;
        if (levelCell)
            lines << levelProvenanceText(node);
        if (enlarged)
            lines << tr("Enlarged: short axis %1 mm >= %2 mm (criterion for level %3)")
                         .arg(m.shortAxisMm, 0, 'f', 1)
                         .arg(enlargedShortAxisMm(node.level), 0, 'f', 0)
                         .arg(node.level == NodeLevel::Unassigned ? tr("unassigned") : levelName(node.level));
        lines.removeAll(QString());
        return lines.isEmpty() ? QVariant() : QVariant(lines.join(QLatin1Char('\n')));
    }
    if (role == Qt::TextAlignmentRole && index.column() >= ShortAxis && index.column() <= Confidence)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant NodeTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id: return tr("Id");
    case Level: return tr("Level");
    case Side: return tr("Side");
    case LongAxis: return tr("Long (mm)");
    case ShortAxis: return tr("Short (mm)");
    case Volume: return tr("Volume (mm³)");
    case Slices: return tr("Slices");
    case Confidence: return tr("Confidence");
    case Status: return tr("Status");
    case ChangedBy: return tr("Changed by");
    case ChangedAt: return tr("When");
    default: return {};
    }
}

Qt::ItemFlags NodeTableModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags flags = QAbstractTableModel::flags(index);
    if (index.column() == Level || index.column() == Side)
        flags |= Qt::ItemIsEditable;
    return flags;
}

bool NodeTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!m_document || role != Qt::EditRole || !index.isValid() || index.row() >= int(m_document->nodes().size()))
        return false;
    const NodeRecord& node = m_document->nodes()[std::size_t(index.row())];
    bool ok = false;
    const int choice = value.toInt(&ok);
    if (!ok)
        return false;
    if (index.column() == Level && choice >= int(NodeLevel::Unassigned) && choice <= int(NodeLevel::Other)) {
        if (NodeLevel(choice) != node.level)
            m_document->setLevel(node.label, NodeLevel(choice));
        return true;
    }
    if (index.column() == Side && choice >= int(NodeSide::Unassigned) && choice <= int(NodeSide::Midline)) {
        if (NodeSide(choice) != node.side)
            m_document->setSide(node.label, NodeSide(choice));
        return true;
    }
    return false;
}

}  // namespace lnseg
