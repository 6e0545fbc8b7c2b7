// The review window in German and French: every visible text of its menus, actions, labels,
// buttons, tool bar, docks, tabs, table header and keyboard shortcuts dialog, with a project open
// (cases, training and models panels) (texts and tooltips)
// differs from the English one
// except for a short list of texts that are the same in that language (nodal levels, units,
// language names...), and &-accelerators are unique within each menu (English too). Run under
// xvfb-run.

#include "project/Project.h"
#include "review/Language.h"
#include "review/MainWindow.h"
#include "review/NodeTableModel.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDockWidget>
#include <QLabel>
#include <QLibraryInfo>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSet>
#include <QSurfaceFormat>
#include <QTabBar>
#include <QTableWidget>
#include <QTimer>
#include <QTemporaryDir>
#include <QToolBar>
#include <QToolButton>
#include <QtTest/QtTest>

#include <memory>

namespace {

struct VisibleText {
    QString where;
    QString text;
};

void addText(QList<VisibleText>* texts, const QString& where, const QString& text)
{
    if (!text.trimmed().isEmpty())
        texts->append({where, text});
}

// Every text the window shows without a study (and the node table's header).
QList<VisibleText> visibleTexts(lnseg::MainWindow& window)
{
    QList<VisibleText> texts;
    addText(&texts, QStringLiteral("window title"), window.windowTitle());
    QList<QAction*> actions = window.findChildren<QAction*>();
    for (QMenu* menu : window.findChildren<QMenu*>()) {
        addText(&texts, QStringLiteral("menu"), menu->title());
        for (QAction* action : menu->actions())
            if (!actions.contains(action))
                actions << action;
    }
    for (QAction* action : actions) {
        if (action->isSeparator())
            continue;
        addText(&texts, QStringLiteral("action"), action->text());
        addText(&texts, QStringLiteral("tooltip of ") + action->text(), action->toolTip());
    }
    for (QLabel* label : window.findChildren<QLabel*>())
        addText(&texts, QStringLiteral("label"), label->text());
    for (QAbstractButton* button : window.findChildren<QAbstractButton*>()) {
        addText(&texts, QStringLiteral("button"), button->text());
        addText(&texts, QStringLiteral("tooltip of button ") + button->text(), button->toolTip());
    }
    for (QTabBar* tabs : window.findChildren<QTabBar*>())
        for (int tab = 0; tab < tabs->count(); ++tab)
            addText(&texts, QStringLiteral("tab"), tabs->tabText(tab));
    for (QToolBar* bar : window.findChildren<QToolBar*>())
        addText(&texts, QStringLiteral("tool bar"), bar->windowTitle());
    for (QDockWidget* dock : window.findChildren<QDockWidget*>())
        addText(&texts, QStringLiteral("dock"), dock->windowTitle());
    for (QWidget* widget : window.findChildren<QWidget*>())
        addText(&texts, QStringLiteral("tooltip of ") + widget->metaObject()->className(), widget->toolTip());
    const lnseg::NodeTableModel* model = window.nodeTableModel();
    for (int column = 0; column < model->columnCount(); ++column)
        addText(&texts, QStringLiteral("table header"), model->headerData(column, Qt::Horizontal, Qt::DisplayRole).toString());
    return texts;
}

// Help > Keyboard shortcuts: the dialog's title, column headers and descriptions (the keys'
// names come from Qt's own translations).
QList<VisibleText> shortcutsDialogTexts(lnseg::MainWindow& window)
{
    QList<VisibleText> texts;
    QAction* help = nullptr;
    for (QAction* action : window.findChildren<QAction*>())
        if (action->shortcut() == QKeySequence(Qt::Key_F1))
            help = action;
    if (!help)
        return texts;
    QTimer::singleShot(0, &window, [&texts] {
        QWidget* dialog = QApplication::activeModalWidget();
        if (!dialog)
            return;
        addText(&texts, QStringLiteral("shortcuts dialog title"), dialog->windowTitle());
        if (auto* table = dialog->findChild<QTableWidget*>()) {
            for (int column = 0; column < table->columnCount(); ++column)
                addText(&texts, QStringLiteral("shortcuts dialog header"), table->horizontalHeaderItem(column)->text());
            for (int row = 0; row < table->rowCount(); ++row)
                addText(&texts, QStringLiteral("shortcuts dialog"), table->item(row, 1)->text());
        }
        dialog->close();
    });
    help->trigger();
    return texts;
}

// Texts that are the same as the English ones in the given language, on purpose.
bool allowedUnchanged(const QString& language, const QString& text)
{
    static const QRegularExpression neutral(QStringLiteral(
        "^(&?Level )?(IA|IB|IIA|IIB|III|IV|VA|VB|VI|VII|RP)$|^[0-9 .,:%x+-]*$|^(HU|mm| mm|L|R|lnseg|lnseg-review|-|"
        "English|Deutsch|Français|Dice|CPU|GPU \\(CUDA\\)|SNet 2D|Attention U-Net 2D)$"));
    if (neutral.match(text.trimmed()).hasMatch() || neutral.match(text).hasMatch())
        return true;
    // German radiology uses these words as they are ("Level IIA", "Status").
    if (language == QLatin1String("de"))
        return QStringList{QStringLiteral("Level"), QStringLiteral("Status"), QStringLiteral("Training"),
                           QStringLiteral("Patient")}.contains(text) ||
               text.startsWith(QLatin1String("Level "));
    if (language == QLatin1String("fr"))
        return QStringList{QStringLiteral("Volume (mm³)"), QStringLiteral("Action"), QStringLiteral("Architecture"),
                           QStringLiteral("Parent"), QStringLiteral("Patient"), QStringLiteral("validation"),
                           QStringLiteral("test")}
            .contains(text);
    return false;
}

// Menus (and the menu bar) whose &-accelerators clash: "menu: a in X, Y".
QStringList acceleratorClashes(lnseg::MainWindow& window)
{
    QStringList clashes;
    auto check = [&](const QString& name, const QList<QAction*>& actions) {
        QMap<QChar, QStringList> users;
        for (QAction* action : actions) {
            QString text = action->text();
            text.replace(QStringLiteral("&&"), QString());
            const qsizetype at = text.indexOf(QLatin1Char('&'));
            if (at >= 0 && at + 1 < text.size())
                users[text.at(at + 1).toLower()] << action->text();
        }
        for (auto it = users.cbegin(); it != users.cend(); ++it)
            if (it.value().size() > 1)
                clashes << QStringLiteral("%1: %2 in %3").arg(name, QString(it.key()), it.value().join(QStringLiteral(", ")));
    };
    check(QStringLiteral("menu bar"), window.menuBar()->actions());
    for (QMenu* menu : window.findChildren<QMenu*>())
        check(menu->title(), menu->actions());
    return clashes;
}

}  // namespace

class TranslatedGuiTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void englishAcceleratorsAreUnique();
    void everyVisibleTextIsTranslated_data();
    void everyVisibleTextIsTranslated();
    void qtStandardDialogsAreTranslated();
    void cleanupTestCase();

private:
    QTemporaryDir m_settings;
    QString m_project;  // an empty project: opening it adds the project dock (cases, training, models)
    QSet<QString> m_english;
};

void TranslatedGuiTest::initTestCase()
{
    QVERIFY(m_settings.isValid());
    qputenv("XDG_CONFIG_HOME", m_settings.path().toUtf8());
    m_project = m_settings.filePath(QStringLiteral("project"));
    lnseg::project::Project::create(m_project.toStdString(), "Neck nodes", "lead");
    QCOMPARE(lnseg::installTranslations(QStringLiteral("en")), QStringLiteral("en"));
    lnseg::MainWindow window;
    QString error;
    QVERIFY2(window.openProject(m_project, &error), qPrintable(error));
    for (const VisibleText& text : visibleTexts(window) + shortcutsDialogTexts(window))
        m_english << text.text;
    QVERIFY(m_english.contains(QStringLiteral("Abandon the contour being drawn")));
    QVERIFY(m_english.contains(QStringLiteral("&Start training")));
    QVERIFY(m_english.contains(QStringLiteral("&File")));
    QVERIFY(m_english.size() > 80);
    const QStringList languages = lnseg::translatedLanguages();
    QVERIFY2(languages.contains(QStringLiteral("de")) && languages.contains(QStringLiteral("fr")),
             qPrintable(languages.join(QLatin1Char(' '))));
}

void TranslatedGuiTest::englishAcceleratorsAreUnique()
{
    lnseg::installTranslations(QStringLiteral("en"));
    lnseg::MainWindow window;
    const QStringList clashes = acceleratorClashes(window);
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
}

void TranslatedGuiTest::everyVisibleTextIsTranslated_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("fileMenu");
    QTest::newRow("de") << QStringLiteral("de") << QStringLiteral("&Datei");
    QTest::newRow("fr") << QStringLiteral("fr") << QStringLiteral("&Fichier");
}

void TranslatedGuiTest::everyVisibleTextIsTranslated()
{
    QFETCH(QString, language);
    QFETCH(QString, fileMenu);
    QCOMPARE(lnseg::installTranslations(language), language);
    lnseg::MainWindow window;
    QString error;
    QVERIFY2(window.openProject(m_project, &error), qPrintable(error));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QList<VisibleText> texts = visibleTexts(window) + shortcutsDialogTexts(window);
    QCOMPARE(window.menuBar()->actions().value(0)->text(), fileMenu);
    QStringList untranslated;
    for (const VisibleText& text : texts)
        if (m_english.contains(text.text) && !allowedUnchanged(language, text.text))
            untranslated << QStringLiteral("%1: \"%2\"").arg(text.where, text.text);
    untranslated.removeDuplicates();
    QVERIFY2(untranslated.isEmpty(), qPrintable(QStringLiteral("untranslated (%1):\n").arg(language) +
                                                untranslated.join(QLatin1Char('\n'))));
    const QStringList clashes = acceleratorClashes(window);
    QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
}

void TranslatedGuiTest::qtStandardDialogsAreTranslated()
{
    // Qt's own buttons (QMessageBox, QFileDialog...) come from qtbase_<language>.qm
    // (Debian package qt6-translations-l10n).
    const QString qtbase = QLibraryInfo::path(QLibraryInfo::TranslationsPath) + QStringLiteral("/qtbase_de.qm");
    if (!QFileInfo::exists(qtbase))
        QSKIP(qPrintable(qtbase + QStringLiteral(" not installed (qt6-translations-l10n)")));
    lnseg::installTranslations(QStringLiteral("de"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Abbrechen"));
    lnseg::installTranslations(QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
}

void TranslatedGuiTest::cleanupTestCase() { lnseg::installTranslations(QStringLiteral("en")); }

int main(int argc, char** argv)
{
    QSurfaceFormat format;
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setSamples(0);
    QSurfaceFormat::setDefaultFormat(format);
    QApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("lnseg-review-test"));
    TranslatedGuiTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_translated_gui.moc"
