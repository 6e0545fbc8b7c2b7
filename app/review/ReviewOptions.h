#pragma once
// Command line of lnseg-review: [IMAGE] [--labels FILE] [--layout 1x3|2x2|axial|coronal|sagittal|3d]
// [--screenshot FILE.png]

#include "ViewLayout.h"

#include <QString>
#include <QStringList>

namespace lnseg {

struct ReviewOptions {
    QString imagePath;
    QString labelPath;
    QString screenshotPath;
    ViewArrangement arrangement = ViewArrangement::TwoByTwo;
    bool showHelp = false;
    QString error;  // non-empty when the command line is wrong
};

ReviewOptions parseReviewOptions(const QStringList& arguments);
QString reviewUsage();

}  // namespace lnseg
