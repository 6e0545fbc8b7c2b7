#include "review/ImageImport.h"

#include "io/DicomSeries.h"
#include "io/ImageFileIO.h"

#include <QApplication>
#include <QEventLoop>
#include <QFileInfo>
#include <QInputDialog>
#include <QPointer>
#include <QProgressDialog>
#include <QThread>

#include <atomic>
#include <exception>
#include <functional>

namespace lnseg {
namespace {

// Runs `work` in a worker thread while `dialog` shows its progress; returns the error message
// (empty on success). `work` receives load options wired to the dialog's progress and Cancel.
QString runWithProgress(QProgressDialog& dialog, const std::function<void(const DicomLoadOptions&)>& work,
                        bool* cancelled)
{
    std::atomic<bool> cancel{false};
    DicomLoadOptions options;
    options.cancel = &cancel;
    QPointer<QProgressDialog> guard(&dialog);
    options.progress = [guard](std::size_t done, std::size_t total) {
        QMetaObject::invokeMethod(
            guard.data(),
            [guard, done, total] {
                if (!guard)
                    return;
                guard->setMaximum(int(total));
                guard->setValue(int(done));
            },
            Qt::QueuedConnection);
    };
    QObject::connect(&dialog, &QProgressDialog::canceled, [&cancel] { cancel = true; });
    QString error;
    QThread* thread = QThread::create([&] {
        try {
            work(options);
        } catch (const ImportCancelled&) {
            cancel = true;
        } catch (const std::exception& exception) {
            error = QString::fromStdString(exception.what());
        }
    });
    QEventLoop loop;
    QObject::connect(thread, &QThread::finished, &loop, &QEventLoop::quit);
    thread->start();
    loop.exec();
    thread->wait();
    delete thread;
    *cancelled = cancel.load();
    return error;
}

QString describeSeries(const DicomSeriesInfo& series)
{
    return QCoreApplication::translate("ImageImport", "#%1 %2 (%3, %n images)", nullptr, int(series.frames.size()))
        .arg(series.seriesNumber)
        .arg(QString::fromStdString(series.seriesDescription.empty() ? series.seriesKey : series.seriesDescription))
        .arg(QString::fromStdString(series.modality));
}

}  // namespace

ImageImportResult importImage(QWidget* parent, const QString& path, const QString& seriesInstanceUid)
{
    ImageImportResult result;
    const std::string file = path.toStdString();
    QProgressDialog dialog(QCoreApplication::translate("ImageImport", "Importing %1...").arg(QFileInfo(path).fileName()),
                           QCoreApplication::translate("ImageImport", "Cancel"), 0, 0, parent);
    dialog.setWindowTitle(QCoreApplication::translate("ImageImport", "Opening study"));
    dialog.setWindowModality(Qt::WindowModal);
    dialog.setMinimumDuration(400);
    dialog.setAutoReset(false);
    dialog.setAutoClose(false);

    std::string uid = seriesInstanceUid.toStdString();
    const bool imageFile = QFileInfo(path).isFile() && isSupportedImageFile(file);
    if (!imageFile && uid.empty()) {
        // Look at the series first: a folder may hold several.
        dialog.setLabelText(QCoreApplication::translate("ImageImport", "Scanning %1...").arg(path));
        DicomScanResult scan;
        result.error = runWithProgress(dialog, [&](const DicomLoadOptions&) { scan = scanDicom(file); }, &result.cancelled);
        if (!result.error.isEmpty() || result.cancelled)
            return result;
        std::vector<const DicomSeriesInfo*> images;
        for (const DicomSeriesInfo& series : scan.series)
            if (series.kind == DicomObjectKind::Image)
                images.push_back(&series);
        if (images.size() > 1) {
            QStringList names;
            for (const DicomSeriesInfo* series : images)
                names << describeSeries(*series);
            bool chosen = false;
            const QString name = QInputDialog::getItem(parent, QCoreApplication::translate("ImageImport", "Choose a series"),
                                                       QCoreApplication::translate("ImageImport", "%1 holds %n image series:", nullptr,
                                                                               int(images.size()))
                                                           .arg(path),
                                                       names, 0, false, &chosen);
            if (!chosen) {
                result.cancelled = true;
                return result;
            }
            uid = images[std::size_t(names.indexOf(name))]->seriesKey;
        }
    }
    dialog.setLabelText(QCoreApplication::translate("ImageImport", "Importing %1...").arg(QFileInfo(path).fileName()));
    LoadedImage image;
    result.error = runWithProgress(
        dialog, [&](const DicomLoadOptions& options) { image = loadImageSource(file, uid, options); }, &result.cancelled);
    if (result.error.isEmpty() && !result.cancelled)
        result.image = std::move(image);
    return result;
}

}  // namespace lnseg
