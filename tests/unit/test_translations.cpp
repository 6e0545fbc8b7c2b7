// The translations (translations/lnseg_<language>.ts) are complete and up to date:
// - no entry is unfinished, vanished or obsolete, none is empty, every numerus form is filled,
//   every placeholder (%1..%9, %n) of the source is kept and an &-accelerator stays one;
// - lupdate, run with the project's options on copies of the .ts files, finds no string the .ts
//   files lack and none they hold that the sources no longer have (a new or changed tr() string
//   fails this test until `cmake --build build --target lnseg_update_translations` and a
//   translation);
// - each .ts file is embedded, compiled, as :/i18n/lnseg_<language>.qm and loads.

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest/QtTest>

#include <map>

namespace {

struct Entry {
    QString context;
    QString source;
    QString comment;
    QString type;  // the translation's type attribute: empty, unfinished, vanished, obsolete
    bool numerus = false;
    QStringList translations;  // one, or the numerus forms
    QString key() const { return context + QStringLiteral(" | ") + source + (comment.isEmpty() ? QString() : QStringLiteral(" | ") + comment); }
};

std::vector<Entry> readTs(const QString& path, QString* error)
{
    std::vector<Entry> entries;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": cannot read");
        return entries;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Entry entry;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            entry = Entry();
            entry.context = context;
            entry.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
        } else if (name == QLatin1String("source")) {
            entry.source = xml.readElementText();
        } else if (name == QLatin1String("comment")) {
            entry.comment = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            entry.type = xml.attributes().value(QLatin1String("type")).toString();
            if (entry.numerus) {
                while (xml.readNextStartElement())
                    entry.translations << xml.readElementText();  // numerusform
            } else {
                entry.translations << xml.readElementText();
            }
            entries.push_back(entry);
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1: %2 (line %3)").arg(path, xml.errorString()).arg(xml.lineNumber());
    return entries;
}

QStringList tsFiles()
{
    QStringList files;
    const QDir folder(QStringLiteral(LNSEG_TRANSLATIONS_DIR));
    for (const QString& name : folder.entryList({QStringLiteral("lnseg_*.ts")}, QDir::Files, QDir::Name))
        files << folder.filePath(name);
    return files;
}

QStringList placeholders(const QString& text)
{
    static const QRegularExpression pattern(QStringLiteral("%(n|[1-9])"));
    QStringList found;
    for (auto match = pattern.globalMatch(text); match.hasNext();)
        found << match.next().captured(0);
    found.sort();
    found.removeDuplicates();
    return found;
}

int accelerators(QString text)
{
    text.replace(QStringLiteral("&&"), QString());
    return int(text.count(QLatin1Char('&')));
}

}  // namespace

class TranslationsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void languagesArePresent();
    void everyEntryIsTranslated();
    void tsFilesAreUpToDateWithTheSources();
    void compiledTranslationsAreEmbedded();
};

void TranslationsTest::languagesArePresent()
{
    const QStringList files = tsFiles();
    QVERIFY2(files.size() >= 2, qPrintable(files.join(QLatin1Char(' '))));
    for (const char* language : {"de", "fr"})
        QVERIFY(files.contains(QStringLiteral(LNSEG_TRANSLATIONS_DIR "/lnseg_%1.ts").arg(QLatin1String(language))));
}

void TranslationsTest::everyEntryIsTranslated()
{
    QStringList problems;
    for (const QString& path : tsFiles()) {
        QString error;
        const std::vector<Entry> entries = readTs(path, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY2(entries.size() > 100, qPrintable(path));
        const QString file = QFileInfo(path).fileName();
        for (const Entry& entry : entries) {
            auto problem = [&](const QString& what) { problems << QStringLiteral("%1: %2: %3").arg(file, entry.key(), what); };
            if (!entry.type.isEmpty()) {
                problem(entry.type);
                continue;
            }
            if (entry.numerus && entry.translations.size() < 2)
                problem(QStringLiteral("numerus entry without its plural forms"));
            for (const QString& translation : entry.translations) {
                if (translation.trimmed().isEmpty()) {
                    problem(QStringLiteral("empty translation"));
                    continue;
                }
                if (placeholders(translation) != placeholders(entry.source))
                    problem(QStringLiteral("placeholders %1 in \"%2\"")
                                .arg(placeholders(entry.source).join(QLatin1Char(',')), translation));
                if (accelerators(translation) != accelerators(entry.source))
                    problem(QStringLiteral("&-accelerators differ in \"%1\"").arg(translation));
            }
        }
    }
    QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("\n") + problems.join(QLatin1Char('\n'))));
}

void TranslationsTest::tsFilesAreUpToDateWithTheSources()
{
    const QString lupdate = QStringLiteral(LNSEG_LUPDATE_PATH);
    if (!QFileInfo(lupdate).isExecutable())
        QFAIL(qPrintable(QStringLiteral("lupdate not found at %1 (Debian package qt6-l10n-tools)").arg(lupdate)));
    QTemporaryDir copies;
    QVERIFY(copies.isValid());
    QStringList arguments = QStringLiteral(LNSEG_LUPDATE_OPTIONS).split(QLatin1Char('|'), Qt::SkipEmptyParts);
    arguments += QStringLiteral(LNSEG_TRANSLATED_SOURCE_DIRS).split(QLatin1Char('|'), Qt::SkipEmptyParts);
    arguments << QStringLiteral("-ts");
    std::map<QString, QString> copyOf;
    for (const QString& path : tsFiles()) {
        const QString copy = copies.filePath(QFileInfo(path).fileName());
        QVERIFY(QFile::copy(path, copy));
        QFile(copy).setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        copyOf[path] = copy;
        arguments << copy;
    }
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setWorkingDirectory(QStringLiteral(LNSEG_SOURCE_DIR));
    process.start(lupdate, arguments);
    QVERIFY(process.waitForFinished(120000));
    const QString output = QString::fromLocal8Bit(process.readAll());
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0, qPrintable(output));

    QStringList problems;
    for (const auto& [path, copy] : copyOf) {
        QString error;
        const std::vector<Entry> committed = readTs(path, &error);
        const std::vector<Entry> current = readTs(copy, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QSet<QString> committedKeys, currentKeys;
        for (const Entry& entry : committed)
            committedKeys << entry.key();
        for (const Entry& entry : current)
            currentKeys << entry.key();
        const QString file = QFileInfo(path).fileName();
        for (const Entry& entry : current)
            if (!committedKeys.contains(entry.key()))
                problems << QStringLiteral("%1 lacks (new in the sources): %2").arg(file, entry.key());
        for (const Entry& entry : committed)
            if (!currentKeys.contains(entry.key()))
                problems << QStringLiteral("%1 holds (no longer in the sources): %2").arg(file, entry.key());
    }
    if (!problems.isEmpty())
        problems << QStringLiteral("Run `cmake --build build --target lnseg_update_translations` and translate the new "
                                   "entries (see translations/README.md).");
    QVERIFY2(problems.isEmpty(), qPrintable(QStringLiteral("\n") + problems.join(QLatin1Char('\n'))));
}

void TranslationsTest::compiledTranslationsAreEmbedded()
{
    for (const QString& path : tsFiles()) {
        const QString language = QFileInfo(path).completeBaseName().mid(6);  // lnseg_de -> de
        const QString qm = QStringLiteral(":/i18n/lnseg_%1.qm").arg(language);
        QVERIFY2(QFileInfo::exists(qm), qPrintable(qm));
        QTranslator translator;
        QVERIFY2(translator.load(qm), qPrintable(qm));
        QVERIFY(translator.language().startsWith(language));
        QString error;
        int checked = 0;
        for (const Entry& entry : readTs(path, &error)) {
            if (entry.numerus)
                continue;
            const QString translated = translator.translate(entry.context.toUtf8().constData(), entry.source.toUtf8().constData(),
                                                            entry.comment.isEmpty() ? nullptr : entry.comment.toUtf8().constData());
            QVERIFY2(translated == entry.translations.value(0), qPrintable(entry.key()));
            ++checked;
        }
        QVERIFY(checked > 100);
        const QString plural = translator.translate("lnseg::MainWindow", "Node %1 split into %n parts", nullptr, 3);
        QVERIFY2(plural.contains(QLatin1String("%n")) && plural != QLatin1String("Node %1 split into %n parts"),
                 qPrintable(plural));
    }
}

QTEST_GUILESS_MAIN(TranslationsTest)
#include "test_translations.moc"
