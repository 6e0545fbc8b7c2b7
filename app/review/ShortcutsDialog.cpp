#include "review/ShortcutsDialog.h"

#include <QAction>
#include <QCoreApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QTableWidget>
#include <QVBoxLayout>

namespace lnseg {

// The translation context of the dialog's texts.
struct ShortcutsDialog {
    Q_DECLARE_TR_FUNCTIONS(ShortcutsDialog)
};

void showKeyboardShortcuts(QWidget* parent, const QList<QAction*>& actions)
{
    QDialog dialog(parent);
    dialog.setWindowTitle(ShortcutsDialog::tr("Keyboard shortcuts"));
    auto* table = new QTableWidget(0, 2, &dialog);
    table->setHorizontalHeaderLabels({ShortcutsDialog::tr("Keys"), ShortcutsDialog::tr("Action")});
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
    add(ShortcutsDialog::tr("Up/Down, Left/Right, wheel"), ShortcutsDialog::tr("Previous/next slice (in the view under focus)"));
    add(ShortcutsDialog::tr("PageUp/PageDown"), ShortcutsDialog::tr("10 slices"));
    add(QStringLiteral("R"), ShortcutsDialog::tr("Reset zoom and pan of the focused view (3D: reset camera)"));
    add(ShortcutsDialog::tr("Ctrl+wheel, right drag / middle drag"), ShortcutsDialog::tr("Zoom / pan"));
    add(ShortcutsDialog::tr("Shift+left drag"), ShortcutsDialog::tr("Adjust window/level"));
    add(QStringLiteral("Esc"), ShortcutsDialog::tr("Abandon the contour being drawn"));
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
