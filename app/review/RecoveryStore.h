#pragma once
// Where autosaves go: review sessions in <AppDataLocation>/recovery/. A recovery file exists
// only while a study has unsaved changes; the next start offers to restore what it finds there.

#include <QString>
#include <QStringList>

namespace lnseg {

QString recoveryFolder();
// The recovery session for a study (one per study name).
QString recoveryFileFor(const QString& studyName);
// Recovery sessions present now (*.review.json), newest first.
QStringList recoveryFiles();
// Removes a recovery session and the label maps that belong to it.
void removeRecoveryFile(const QString& jsonPath);

}  // namespace lnseg
