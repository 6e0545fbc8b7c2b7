#include "review/Language.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace lnseg {
namespace {

const QString kSettingsKey = QStringLiteral("ui/language");
const QString kCatalogueFolder = QStringLiteral(":/i18n");

QTranslator* g_applicationTranslator = nullptr;
QTranslator* g_qtTranslator = nullptr;

void removeTranslator(QTranslator*& translator)
{
    if (!translator)
        return;
    QCoreApplication::removeTranslator(translator);
    delete translator;
    translator = nullptr;
}

}  // namespace

QStringList translatedLanguages()
{
    QStringList codes;
    for (QString name : QDir(kCatalogueFolder).entryList({QStringLiteral("lnseg_*.qm")}, QDir::Files, QDir::Name)) {
        name.chop(3);
        codes << name.mid(6);
    }
    return codes;
}

QList<QPair<QString, QString>> languageChoices()
{
    QList<QPair<QString, QString>> choices{{QStringLiteral("en"), QStringLiteral("English")}};
    for (const QString& code : translatedLanguages()) {
        QString name = QLocale(code).nativeLanguageName();
        if (!name.isEmpty())
            name[0] = name[0].toUpper();  // "français" -> "Français"
        choices.append({code, name.isEmpty() ? code : name});
    }
    return choices;
}

QString languageSetting() { return QSettings().value(kSettingsKey).toString(); }

void setLanguageSetting(const QString& code)
{
    QSettings settings;
    if (code.isEmpty())
        settings.remove(kSettingsKey);
    else
        settings.setValue(kSettingsKey, code);
}

QString installTranslations(const QString& code)
{
    removeTranslator(g_applicationTranslator);
    removeTranslator(g_qtTranslator);
    const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
    if (locale.language() == QLocale::English || locale.language() == QLocale::C)
        return QStringLiteral("en");
    auto* application = new QTranslator;
    if (!application->load(locale, QStringLiteral("lnseg"), QStringLiteral("_"), kCatalogueFolder)) {
        delete application;
        return QStringLiteral("en");  // no translation: stay in English, Qt's dialogs too
    }
    g_applicationTranslator = application;
    auto* qt = new QTranslator;
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
        g_qtTranslator = qt;
        QCoreApplication::installTranslator(qt);
    } else {
        delete qt;
    }
    // Installed last: searched first.
    QCoreApplication::installTranslator(application);
    return application->language().section(QLatin1Char('_'), 0, 0);
}

}  // namespace lnseg
