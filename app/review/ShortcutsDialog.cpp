#include "review/ShortcutsDialog.h"

#include <QAction>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lnseg {

void showKeyboardShortcuts(QWidget* parent, const QList<QAction*>& actions)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(QDialog::tr("Keyboard shortcuts"));
    auto* table = new QTableWidget(0, 2, &dialog);
    table->setHorizontalHeaderLabels({QDialog::tr("Keys"), QDialog::tr("Action")});
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    auto add = [table](const QString& keys, const QString& what) {
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(keys));
        table->setItem(row, 1, new QTableWidgetItem(what));
    };
    for (QAction* action : actions) {
        QStringList keys;
        for (const QKeySequence& sequence : action->shortcuts())
            keys << sequence.toString(QKeySequence::NativeText);
        if (!keys.isEmpty())
            add(keys.join(QStringLiteral(", ")), action->text().remove(QLatin1Char('&')));
    }
    add(QDialog::tr("Up/Down, Left/Right, wheel"), QDialog::tr("Previous/next slice (in the view under focus)"));
    add(QDialog::tr("PageUp/PageDown"), QDialog::tr("10 slices"));
    add(QDialog::tr("R"), QDialog::tr("Reset zoom and pan of the focused view (3D: reset camera)"));
    add(QDialog::tr("Ctrl+wheel, right drag / middle drag"), QDialog::tr("Zoom / pan"));
    add(QDialog::tr("Shift+left drag"), QDialog::tr("Adjust window/level"));
    add(QDialog::tr("Esc"), QDialog::tr("Abandon the contour being drawn"));
    table->resizeColumnsToContents();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, &dialog);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* layout = new QVBoxLayout(&dialog);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog.resize(620, 640);
    dialog.exec();
}

}  // namespace lnseg
