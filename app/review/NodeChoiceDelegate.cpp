#include "review/NodeChoiceDelegate.h"

#include "review/NodeLabels.h"

#include <QComboBox>

namespace lnseg {

NodeChoiceDelegate::NodeChoiceDelegate(std::vector<std::pair<QString, int>> choices, QObject* parent)
    : QStyledItemDelegate(parent), m_choices(std::move(choices))
{
}

NodeChoiceDelegate* NodeChoiceDelegate::forLevels(QObject* parent)
{
    std::vector<std::pair<QString, int>> choices{{levelName(NodeLevel::Unassigned), int(NodeLevel::Unassigned)}};
    for (NodeLevel level : allNodeLevels())
        choices.emplace_back(levelName(level), int(level));
    return new NodeChoiceDelegate(std::move(choices), parent);
}

NodeChoiceDelegate* NodeChoiceDelegate::forSides(QObject* parent)
{
    std::vector<std::pair<QString, int>> choices;
    for (NodeSide side : {NodeSide::Unassigned, NodeSide::Left, NodeSide::Right, NodeSide::Midline})
        choices.emplace_back(sideName(side), int(side));
    return new NodeChoiceDelegate(std::move(choices), parent);
}

QWidget* NodeChoiceDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const
{
    auto* combo = new QComboBox(parent);
    for (const auto& [name, value] : m_choices)
        combo->addItem(name, value);
    // Commit as soon as a choice is made, without waiting for the editor to lose focus.
    connect(combo, qOverload<int>(&QComboBox::activated), this, [this, combo] {
        auto* self = const_cast<NodeChoiceDelegate*>(this);
        Q_EMIT self->commitData(combo);
        Q_EMIT self->closeEditor(combo);
    });
    return combo;
}

void NodeChoiceDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    auto* combo = static_cast<QComboBox*>(editor);
    combo->setCurrentIndex(std::max(0, combo->findData(index.data(Qt::EditRole).toInt())));
}

void NodeChoiceDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    auto* combo = static_cast<QComboBox*>(editor);
    model->setData(index, combo->currentData(), Qt::EditRole);
}

}  // namespace lnseg
