#pragma once
// Help > Keyboard shortcuts: every menu action with a shortcut, plus the keys the views handle
// themselves. Built from the actions, so the list cannot drift from what the keys do.

#include <QList>

class QAction;
class QWidget;

namespace lnseg {

void showKeyboardShortcuts(QWidget* parent, const QList<QAction*>& actions);

}  // namespace lnseg
