#pragma once
// The review application's language: English (the source language) or one of the translations
// embedded as resources (translations/lnseg_<code>.ts, compiled to :/i18n/lnseg_<code>.qm).
// The language follows the system locale unless one is chosen in View > Language (kept in the
// settings as ui/language, used from the next start) or given with --language.

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace lnseg {

// Codes of the embedded translations ("de", "fr"), from the resources.
QStringList translatedLanguages();
// The languages to choose from: code and the language's own name ("English", "Deutsch", ...).
QList<QPair<QString, QString>> languageChoices();

// The language chosen in the settings; empty: the system's.
QString languageSetting();
void setLanguageSetting(const QString& code);

// Installs the translators for `code` (empty: the system locale's language): the application's
// embedded catalogue and Qt's own (qtbase_<code>.qm from QLibraryInfo::TranslationsPath, for the
// standard dialogs and buttons). Replaces translators installed by an earlier call. Returns the
// code of the language now in effect ("en" when no translation matches).
QString installTranslations(const QString& code);

}  // namespace lnseg
