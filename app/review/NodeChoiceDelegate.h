#pragma once
// A combo box editor for the level and side cells of the node table. The model's EditRole holds
// the enum value as an int; the combo box lists (name, value) pairs.

#include <QStyledItemDelegate>

#include <utility>
#include <vector>

namespace lnseg {

class NodeChoiceDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    NodeChoiceDelegate(std::vector<std::pair<QString, int>> choices, QObject* parent = nullptr);
    static NodeChoiceDelegate* forLevels(QObject* parent);
    static NodeChoiceDelegate* forSides(QObject* parent);

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;

private:
    std::vector<std::pair<QString, int>> m_choices;
};

}  // namespace lnseg
