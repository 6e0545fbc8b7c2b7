#include "review/RecoveryStore.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace lnseg {

QString recoveryFolder()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery");
}

QString recoveryFileFor(const QString& studyName)
{
    QString safe = studyName;
    for (QChar& c : safe)
        if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('_'))
            c = QLatin1Char('_');
    if (safe.isEmpty())
        safe = QStringLiteral("study");
    return recoveryFolder() + QLatin1Char('/') + safe + QStringLiteral(".review.json");
}

QStringList recoveryFiles()
{
    QStringList files;
    const QDir folder(recoveryFolder());
    for (const QFileInfo& file : folder.entryInfoList({QStringLiteral("*.review.json")}, QDir::Files, QDir::Time))
        files << file.absoluteFilePath();
    return files;
}

void removeRecoveryFile(const QString& jsonPath)
{
    const QFileInfo json(jsonPath);
    QString stem = json.fileName();
    stem.chop(int(QStringLiteral(".review.json").size()));
    QDir folder = json.dir();
    for (const QString& name : folder.entryList({stem + QStringLiteral(".labels-*")}, QDir::Files))
        folder.remove(name);
    folder.remove(json.fileName());
}

}  // namespace lnseg
