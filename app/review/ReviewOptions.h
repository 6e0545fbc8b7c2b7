#pragma once
// Command line of lnseg-review:
//   [PATH] [--labels FILE] [--nodes FILE] [--demo] [--series UID]
//   [--layout 1x3|2x2|axial|coronal|sagittal|3d] [--reviewer NAME] [--autosave-seconds N]
//   [--recovery ask|restore|discard] [--select NODE] [--tool navigate|brush|eraser|contour]
//   [--model FILE] [--propose] [--suggest-levels] [--landmarks] [--project DIR [--case ID] [--project-tab T]] [--language CODE]
//   [--screenshot FILE.png]

#include "ViewLayout.h"

#include <QString>
#include <QStringList>

namespace lnseg {

struct ReviewOptions {
    QString imagePath;  // image file, DICOM file or folder, or review session (*.review.json)
    QString labelPath;
    QString nodesPath;
    QString seriesInstanceUid;
    QString screenshotPath;
    QString reviewer;
    QString recoveryAnswer = QStringLiteral("ask");  // what to do with a recovery file found at start
    QString tool;
    QString modelPath;  // model for "Propose nodes" (default: the application's default model)
    bool propose = false;  // propose nodes right after opening
    bool suggestLevels = false;  // suggest levels of the nodes once the landmarks are found
    bool showLandmarks = false;  // View > Show level landmarks
    int autosaveSeconds = -1;  // -1: from the settings
    int selectNode = 0;
    bool demo = false;
    QString projectPath;  // a project folder (curated dataset)
    QString caseId;       // a case of that project to open
    QString projectTab;   // cases, training or models
    bool train = false;   // start training in the project's training panel (its saved settings)
    ViewArrangement arrangement = ViewArrangement::TwoByTwo;
    QString language;  // --language: en, de, fr (this run only; else the settings' or the system's)
    bool showHelp = false;
    QString error;  // non-empty when the command line is wrong
};

ReviewOptions parseReviewOptions(const QStringList& arguments);
QString reviewUsage();

}  // namespace lnseg
