#pragma once
// Imports the image the user pointed at (an image file, a DICOM file or folder) in a worker thread
// while a progress dialog with a Cancel button keeps the window responsive. When a DICOM folder
// holds several image series, a dialog asks which one (unless a series UID is given).

#include "io/ImageSource.h"

#include <QString>

#include <optional>

class QWidget;

namespace lnseg {

struct ImageImportResult {
    std::optional<LoadedImage> image;  // empty on failure or cancel
    bool cancelled = false;
    QString error;
};

ImageImportResult importImage(QWidget* parent, const QString& path, const QString& seriesInstanceUid = {});

}  // namespace lnseg
