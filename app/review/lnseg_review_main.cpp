// lnseg-review: the review workstation's main program.

#include "review/Language.h"
#include "review/MainWindow.h"
#include "review/ProjectWorkspace.h"
#include "review/TrainingPanel.h"
#include "review/TrainingRunner.h"
#include "review/RecoveryStore.h"
#include "review/ReviewDocument.h"
#include "review/ReviewOptions.h"

#include "SurfaceView.h"

#include <QApplication>
#include <QFileInfo>
#include <QIcon>
#include <QMessageBox>
#include <QSurfaceFormat>
#include <QTabWidget>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {

// An autosave left by a session that did not end normally: offer to restore it. Returns true
// when a recovery session was opened.
bool offerRecovery(lnseg::MainWindow& window, const QString& answer)
{
    const QStringList files = lnseg::recoveryFiles();
    if (files.isEmpty() || answer == QLatin1String("discard")) {
        for (const QString& file : files)
            lnseg::removeRecoveryFile(file);
        return false;
    }
    const QString& newest = files.front();
    if (answer == QLatin1String("ask")) {
        const auto choice = QMessageBox::question(
            &window, QApplication::translate("main", "Restore unsaved review?"),
            QApplication::translate("main", "lnseg-review did not close normally. An autosave of unsaved changes "
                                            "was found:\n%1\n\nRestore it?")
                .arg(QFileInfo(newest).fileName()),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes);
        if (choice != QMessageBox::Yes) {
            lnseg::removeRecoveryFile(newest);
            return false;
        }
    }
    QString error;
    if (!window.restoreRecovery(newest, &error)) {
        std::fprintf(stderr, "lnseg-review: cannot restore %s: %s\n", qPrintable(newest), qPrintable(error));
        return false;
    }
    std::printf("restored %s\n", qPrintable(newest));
    return true;
}

}  // namespace

int main(int argc, char** argv)
{
    // VTK needs an OpenGL 3.2 core context; it must be the default before QApplication exists.
    QSurfaceFormat format;
    format.setRenderableType(QSurfaceFormat::OpenGL);
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setDepthBufferSize(24);
    format.setStencilBufferSize(8);
    format.setSamples(0);
    QSurfaceFormat::setDefaultFormat(format);
    QApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("lnseg-review"));
    QApplication::setOrganizationName(QStringLiteral("lnseg"));
    // The installed desktop entry and icon (installer/): lnseg-review.desktop, hicolor lnseg-review.
    QApplication::setDesktopFileName(QStringLiteral("lnseg-review"));
    QApplication::setWindowIcon(QIcon::fromTheme(QStringLiteral("lnseg-review")));

    // Before any window exists: the language of the command line, else of the settings, else
    // the system's.
    {
        const QStringList arguments = QApplication::arguments();
        const int option = int(arguments.indexOf(QStringLiteral("--language")));
        const QString language = option > 0 && option + 1 < arguments.size() ? arguments[option + 1]
                                                                             : lnseg::languageSetting();
        lnseg::installTranslations(language);
    }

    const lnseg::ReviewOptions options = lnseg::parseReviewOptions(QApplication::arguments());
    if (options.showHelp) {
        std::fputs(qPrintable(lnseg::reviewUsage()), stdout);
        return 0;
    }
    if (!options.error.isEmpty()) {
        std::fprintf(stderr, "lnseg-review: %s\n%s", qPrintable(options.error), qPrintable(lnseg::reviewUsage()));
        return 2;
    }

    lnseg::MainWindow window;
    window.viewLayout()->setArrangement(options.arrangement);
    if (!options.reviewer.isEmpty())
        window.setReviewer(options.reviewer);
    else if (!options.screenshotPath.isEmpty() && window.reviewer().isEmpty())
        window.setReviewer(QStringLiteral("screenshot"), false);
    if (options.autosaveSeconds >= 0)
        window.setAutosaveInterval(options.autosaveSeconds);
    window.show();
    QApplication::processEvents();

    const bool restored = offerRecovery(window, options.recoveryAnswer);
    if (!restored && (options.demo || !options.imagePath.isEmpty())) {
        QString error;
        const bool opened = options.demo ? window.openDemo(&error)
                                         : (options.labelPath.isEmpty() && options.nodesPath.isEmpty()
                                                ? window.openPath(options.imagePath, &error, options.seriesInstanceUid)
                                                : window.openStudy(options.imagePath, options.labelPath, &error,
                                                                   options.nodesPath));
        if (!opened) {
            std::fprintf(stderr, "lnseg-review: %s\n", qPrintable(error));
            if (options.demo && options.screenshotPath.isEmpty())
                QMessageBox::information(&window, QApplication::translate("main", "Demo study"), error);
            else
                return 1;
        }
    }
    if (!options.projectPath.isEmpty()) {
        QString error;
        if (!window.openProject(options.projectPath, &error)) {
            std::fprintf(stderr, "lnseg-review: %s\n", qPrintable(error));
            return 1;
        }
        lnseg::ProjectWorkspace* workspace = window.projectWorkspace();
        if (!options.caseId.isEmpty()) {
            QString heldBy;
            if (!workspace->openCase(options.caseId, &error, &heldBy)) {
                std::fprintf(stderr, "lnseg-review: %s\n", qPrintable(error));
                return 1;
            }
            if (!heldBy.isEmpty())
                std::fprintf(stderr, "lnseg-review: %s is held by %s; opened read-only\n", qPrintable(options.caseId),
                             qPrintable(heldBy));
        }
        const QStringList tabs{QStringLiteral("cases"), QStringLiteral("training"), QStringLiteral("models")};
        if (!options.projectTab.isEmpty()) {
            workspace->tabs()->setCurrentIndex(tabs.indexOf(options.projectTab));
            workspace->showProjectPanel();
        }
        if (options.train) {
            workspace->tabs()->setCurrentWidget(workspace->trainingPanel());
            workspace->showProjectPanel();
            workspace->trainingPanel()->start();
            if (!workspace->trainingPanel()->running()) {
                std::fprintf(stderr, "lnseg-review: training did not start: %s\n",
                             qPrintable(workspace->trainingPanel()->statusText()));
                return 1;
            }
        }
    }
    if (options.selectNode > 0)
        window.selectNode(std::uint16_t(options.selectNode), true);
    if (!options.tool.isEmpty()) {
        const QStringList tools{QStringLiteral("navigate"), QStringLiteral("brush"), QStringLiteral("eraser"),
                                QStringLiteral("contour")};
        window.setEditTool(lnseg::EditTool(tools.indexOf(options.tool)));
    }
    if (!options.modelPath.isEmpty())
        window.setModelFile(options.modelPath);
    if (options.propose && window.document())
        window.proposeNodes();
    if (options.suggestLevels && window.document())
        window.suggestLevels();
    if (options.showLandmarks)
        window.setLandmarksVisible(true);
    if (options.screenshotPath.isEmpty())
        return application.exec();

    // Screenshot mode: wait until the window is exposed and painted (and proposals are in, when
    // asked for), build the 3D surfaces, take the picture and quit.
    int status = 1;
    auto takeScreenshot = [&] {
        window.surfaceView()->rebuildSurfaces();
        window.surfaceView()->update();
        QApplication::processEvents();
        const QImage image = window.renderScreenshot();
        if (image.isNull() || !image.save(options.screenshotPath)) {
            std::fprintf(stderr, "lnseg-review: cannot save screenshot to %s\n", qPrintable(options.screenshotPath));
        } else {
            std::printf("screenshot %s (%dx%d)\n", qPrintable(options.screenshotPath), image.width(), image.height());
            status = 0;
        }
        // exit() rather than quit(): quit() closes the windows, which asks about unsaved changes.
        QCoreApplication::exit(status);
    };
    lnseg::TrainingPanel* training = window.projectWorkspace() ? window.projectWorkspace()->trainingPanel() : nullptr;
    if (training && training->running()) {
        // During training: once a few steps are plotted (or the run ended), then stop it.
        auto steps = std::make_shared<int>(0);
        auto shoot = [&, steps](bool ended) {
            if (*steps < 0 || (!ended && ++*steps < 4))
                return;
            *steps = -1;
            QTimer::singleShot(300, &window, [&] {
                takeScreenshot();
                training->runner()->cancel();
            });
        };
        QObject::connect(training->runner(), &lnseg::TrainingRunner::progress, &window, [shoot] { shoot(false); });
        QObject::connect(training, &lnseg::TrainingPanel::trainingEnded, &window, [shoot] { shoot(true); });
    } else if (window.proposalRunning())
        QObject::connect(&window, &lnseg::MainWindow::proposalEnded, &window,
                         [&] { QTimer::singleShot(300, &window, takeScreenshot); });
    else if ((options.suggestLevels || options.showLandmarks) && window.document() && !window.document()->landmarks())
        QObject::connect(&window, &lnseg::MainWindow::landmarksReady, &window,
                         [&] { QTimer::singleShot(300, &window, takeScreenshot); });
    else
        QTimer::singleShot(300, &window, takeScreenshot);
    application.exec();
    return status;
}
