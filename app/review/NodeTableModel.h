#pragma once
// The node table of a review document as a Qt item model: one row per node, in the document's
// order. It observes the document (nodesChanged) and turns edits of the level and side cells into
// the document's undoable commands; it holds no node data of its own. A level and side suggested
// from the scan's landmarks and not yet confirmed read "III?" / "right?" in italics, with their
// provenance (confidence, alternatives, landmarks not found) as the tooltip.

#include <QAbstractTableModel>
#include <QPointer>

#include <cstdint>

namespace lnseg {

class ReviewDocument;

class NodeTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { Id, Status, Level, Side, ShortAxis, LongAxis, Volume, Slices, Confidence, ChangedBy, ChangedAt, ColumnCount };
    // The value to sort by (numbers for numeric columns), and the node's label, on every cell.
    static constexpr int SortRole = Qt::UserRole;
    static constexpr int LabelRole = Qt::UserRole + 1;
    // The node's LevelSource as an int (suggested levels are shown as "III?" in italics).
    static constexpr int LevelSourceRole = Qt::UserRole + 2;

    explicit NodeTableModel(QObject* parent = nullptr);
    void setDocument(ReviewDocument* document);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;

    // Row of the node with this label, or -1.
    int rowOf(std::uint16_t label) const;

private:
    void documentNodesChanged();

    QPointer<ReviewDocument> m_document;
    std::vector<std::uint16_t> m_labels;  // labels shown, to tell a data change from a row change
};

}  // namespace lnseg
