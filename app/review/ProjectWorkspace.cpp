#include "review/ProjectWorkspace.h"

#include "engine/ModelRegistration.h"
#include "export/Export.h"
#include "export/ProjectExport.h"
#include "engine/ProjectTrainingData.h"
#include "project/ModelRegistry.h"
#include "project/Project.h"
#include "review/MainWindow.h"
#include "review/ExportDialog.h"
#include "review/ModelListPanel.h"
#include "review/ProjectBrowser.h"
#include "review/ReviewDocument.h"
#include "review/TrainingPanel.h"

#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QApplication>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>

#include <algorithm>

#include <exception>
#include <memory>
#include <thread>

namespace lnseg {

ProjectWorkspace::ProjectWorkspace(MainWindow* window) : QObject(window), m_window(window)
{
    m_browser = new ProjectBrowser;
    m_training = new TrainingPanel;
    m_models = new ModelListPanel;
    m_tabs = new QTabWidget;
    m_tabs->addTab(m_browser, tr("Cases"));
    m_tabs->addTab(m_training, tr("Training"));
    m_tabs->addTab(m_models, tr("Models"));
    m_dock = new QDockWidget(tr("Project"), window);
    m_dock->setObjectName(QStringLiteral("projectDock"));
    m_dock->setWidget(m_tabs);
    // One side column for the project and the node table, as tabs (the project's in front until a
    // case opens): a second dock column left the three slice views ~190 px each in a 1400 px
    // window, with their corner labels overlapping (issue 13). Deferred, so that the window has its
    // final size.
    auto* nodes = window->findChild<QDockWidget*>(QStringLiteral("nodesDock"));
    if (nodes && !nodes->isFloating()) {
        window->addDockWidget(window->dockWidgetArea(nodes), m_dock);
        window->tabifyDockWidget(nodes, m_dock);
        m_sharedColumnDock = nodes;
        showProjectPanel();
    } else {
        window->addDockWidget(Qt::LeftDockWidgetArea, m_dock);
    }
    QTimer::singleShot(0, this, [this] {
        const int side = std::max(320, m_window->width() * 30 / 100);
        m_window->resizeDocks({m_dock}, {side}, Qt::Horizontal);
    });

    connect(m_browser, &ProjectBrowser::openCaseRequested, this, [this](const QString& caseId) {
        QString error, heldBy;
        if (!openCase(caseId, &error, &heldBy)) {
            if (!error.isEmpty())
                QMessageBox::warning(m_window, tr("Open case"), error);
        } else if (!heldBy.isEmpty() && m_lockStale) {
            const auto answer = QMessageBox::question(
                m_window, tr("Case opened read-only"),
                tr("%1 was left open by %2, whose session seems to have ended. Take the case over and edit it?")
                    .arg(caseId, heldBy));
            QString takeOverError;
            if (answer == QMessageBox::Yes && !takeOverLock(&takeOverError))
                QMessageBox::warning(m_window, tr("Case opened read-only"), takeOverError);
        } else if (!heldBy.isEmpty()) {
            QMessageBox::information(m_window, tr("Case opened read-only"),
                                     tr("%1 is being edited by %2. It is open read-only; your changes cannot be saved.")
                                         .arg(caseId, heldBy));
        }
    });
    connect(m_browser, &ProjectBrowser::exportRequested, this, &ProjectWorkspace::exportInteractively);
    connect(m_window, &MainWindow::sessionSaved, this, &ProjectWorkspace::sessionSaved);
    connect(m_models, &ModelListPanel::activeModelChanged, this, [this](const QString& modelFile) {
        m_window->setModelFile(modelFile);  // empty: the built-in default model
    });

    m_training->setSetupProvider([this] {
        TrainingSetup setup;
        project::Project* project = m_browser->project();
        if (!project) {
            setup.error = tr("Open a project first.");
            return setup;
        }
        try {
            project->reload();
            auto source = std::make_unique<ProjectCaseSource>(*project);
            setup.split = source->trainingSplit();
            ModelRegistrationDetails details;
            details.split = source->split();
            details.dataVersion = source->dataVersion();
            details.author = user().toStdString();
            const std::string folder = project->folder();
            // In the training thread: the held-out test cases are evaluated, then the model is
            // registered (the first one becomes active).
            setup.afterTraining = [folder, details](const model::TrainingResult& result, const model::TrainingOptions& options,
                                                    model::TrainingCaseSource& trainingSource) mutable {
                auto& projectSource = static_cast<ProjectCaseSource&>(trainingSource);
                if (!details.split.test.empty()) {
                    NodeProposalOptions evaluation;
                    evaluation.inference.device = options.device;
                    evaluation.inference.threads = options.threads;
                    details.testMetrics = evaluateModelOnCases(result.modelFile, projectSource, details.split.test, evaluation);
                }
                registerTrainedModel(project::Project::open(folder), result, options, details);
            };
            setup.source = std::move(source);
        } catch (const std::exception& exception) {
            setup.error = QString::fromUtf8(exception.what());
            return setup;
        }
        setup.outputFolder = QDir(QString::fromStdString(project->folder()))
                                 .filePath(QStringLiteral("models/training/") +
                                           QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss")))
                                 .toStdString();
        return setup;
    });
    connect(m_training, &TrainingPanel::trainingFinished, this, [this] {
        m_models->refresh();
        m_window->statusBar()->showMessage(tr("The new model is registered in the project (Models tab)."), 8000);
    });
}

ProjectWorkspace::~ProjectWorkspace()
{
    closeCase();
}

QString ProjectWorkspace::user() const
{
    return m_window->reviewer().isEmpty() ? QString::fromStdString(project::currentUserName()) : m_window->reviewer();
}

bool ProjectWorkspace::open(const QString& folder, QString* error)
{
    m_browser->setUser(user());
    m_models->setUser(user());
    if (!m_browser->openProject(folder, error))
        return false;
    m_models->setProjectFolder(QString::fromStdString(m_browser->project()->folder()));
    m_dock->setWindowTitle(tr("Project: %1").arg(QString::fromStdString(m_browser->project()->manifest().name)));
    return true;
}

void ProjectWorkspace::showProjectPanel()
{
    // Deferred: a tabified dock raised before its window is shown stays behind; deferred raises
    // run in the order they were asked for, so the last request wins.
    QTimer::singleShot(0, m_dock, [dock = m_dock] { dock->raise(); });
}

bool ProjectWorkspace::openCase(const QString& caseId, QString* error, QString* heldBy)
{
    project::Project* project = m_browser->project();
    if (!project)
        return false;
    if (!m_window->confirmDiscardChanges())
        return false;
    closeCase();
    try {
        project->reload();
        const project::ProjectCase& projectCase = project->findCase(caseId.toStdString());
        project::CaseLock lock(project->caseFolder(projectCase.id));
        const project::LockOwner me = project::currentLockOwner(user().toStdString());
        const project::LockAttempt attempt = lock.acquire(me);
        const QString reviewPath = QString::fromStdString(project->absolutePath(projectCase.reviewFile));
        const bool opened = QFileInfo::exists(reviewPath)
                                ? m_window->openSession(reviewPath, error)
                                : m_window->openPath(QString::fromStdString(project->absolutePath(projectCase.imageFile)), error);
        if (!opened) {
            if (attempt.acquired)
                lock.release(me);
            return false;
        }
        m_caseId = caseId;
        m_readOnly = !attempt.acquired;
        m_lockStale = !attempt.acquired && attempt.stale;
        if (attempt.acquired) {
            m_lockOwner = me;
        } else {
            const QString holder = tr("%1 on %2 since %3%4")
                                       .arg(QString::fromStdString(attempt.holder.user), QString::fromStdString(attempt.holder.host),
                                            QString::fromStdString(attempt.holder.time),
                                            attempt.stale ? tr(" (stale: can be taken over)") : QString());
            if (heldBy)
                *heldBy = holder;
        }
        m_window->setCaseContext(caseId, reviewPath, m_readOnly ? tr("read-only, held by %1").arg(attempt.holder.user.c_str()) : QString());
        m_browser->refresh();
        m_browser->selectCase(caseId);
        // The case's nodes in front (the project dock shares their column; its tab stays a click away).
        if (QDockWidget* nodes = m_sharedColumnDock)
            QTimer::singleShot(0, nodes, [nodes] { nodes->raise(); });  // deferred: see showProjectPanel
        return true;
    } catch (const std::exception& exception) {
        if (error)
            *error = QString::fromUtf8(exception.what());
        return false;
    }
}

bool ProjectWorkspace::takeOverLock(QString* error)
{
    project::Project* project = m_browser->project();
    if (!project || m_caseId.isEmpty() || !m_readOnly)
        return false;
    try {
        project::CaseLock lock(project->caseFolder(m_caseId.toStdString()));
        const project::LockOwner me = project::currentLockOwner(user().toStdString());
        const project::LockAttempt attempt = lock.takeOver(me);
        if (!attempt.acquired)
            throw std::runtime_error(tr("the lock could not be taken over").toStdString());
        m_lockOwner = me;
        m_readOnly = false;
        m_lockStale = false;
        m_window->setCaseContext(m_caseId, m_window->sessionPath(), {});
        m_browser->refresh();
        return true;
    } catch (const std::exception& exception) {
        if (error)
            *error = QString::fromUtf8(exception.what());
        return false;
    }
}

void ProjectWorkspace::closeCase()
{
    project::Project* project = m_browser ? m_browser->project() : nullptr;
    if (project && m_lockOwner && !m_caseId.isEmpty()) {
        try {
            project::CaseLock(project->caseFolder(m_caseId.toStdString())).release(*m_lockOwner);
        } catch (const std::exception&) {
            // The lock file went away or became unreadable: nothing of ours to release.
        }
    }
    m_lockOwner.reset();
    m_caseId.clear();
    m_readOnly = false;
    m_lockStale = false;
}

namespace {

// Runs an export of `project`'s cases; the one-line summary, or throws.
QString runExport(const project::Project& project, const ExportRequest& request)
{
    const ExportSummary result = exportCases(exportCasesOf(project, request.states), request.format, request.options);
    return ProjectWorkspace::tr("Exported %n case(s) to %1.", "", int(result.cases)).arg(QString::fromStdString(result.outputFolder)) +
           (result.pseudonymMappingFile.empty()
                ? ProjectWorkspace::tr(" Not de-identified.")
                : ProjectWorkspace::tr(" The pseudonym mapping (keep it private) is %1.").arg(QString::fromStdString(result.pseudonymMappingFile)));
}

}  // namespace

bool ProjectWorkspace::exportProject(const ExportRequest& request, QString* summary, QString* error)
{
    project::Project* project = m_browser->project();
    if (!project)
        return false;
    try {
        project->reload();
        const QString text = runExport(*project, request);
        if (summary)
            *summary = text;
        return true;
    } catch (const std::exception& exception) {
        if (error)
            *error = QString::fromUtf8(exception.what());
        return false;
    }
}

bool ProjectWorkspace::startExport(const ExportRequest& request)
{
    project::Project* project = m_browser->project();
    if (!project || m_exportRunning)
        return false;
    m_exportRunning = true;
    // Detached: the export is staged and moved into place at the end, so a thread cut short by
    // the application quitting leaves no half export under the chosen name.
    std::thread([workspace = QPointer<ProjectWorkspace>(this), folder = project->folder(), request] {
        bool succeeded = false;
        QString message;
        try {
            message = runExport(project::Project::open(folder), request);
            succeeded = true;
        } catch (const std::exception& exception) {
            message = QString::fromUtf8(exception.what());
        }
        QMetaObject::invokeMethod(
            qApp,
            [workspace, succeeded, message] {
                if (!workspace)
                    return;
                workspace->m_exportRunning = false;
                Q_EMIT workspace->exportFinished(succeeded, message);
            },
            Qt::QueuedConnection);
    }).detach();
    return true;
}

void ProjectWorkspace::exportInteractively()
{
    if (!m_browser->project())
        return;
    if (m_exportRunning) {
        QMessageBox::information(m_window, tr("Export project"), tr("An export is running; wait until it is done."));
        return;
    }
    ExportDialog dialog(m_window);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const ExportRequest request = dialog.request();
    if (request.options.outputFolder.empty()) {
        QMessageBox::warning(m_window, tr("Export project"), tr("Choose a folder to export into."));
        return;
    }
    // A busy indicator that does not block: reading and editing go on meanwhile.
    auto* progress = new QProgressDialog(tr("Exporting the project..."), QString(), 0, 0, m_window);
    progress->setWindowTitle(tr("Export project"));
    progress->setWindowModality(Qt::NonModal);
    progress->setMinimumDuration(0);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(this, &ProjectWorkspace::exportFinished, this, [this, progress, connection](bool succeeded, const QString& message) {
        disconnect(*connection);
        progress->close();
        if (succeeded)
            QMessageBox::information(m_window, tr("Export project"), message);
        else
            QMessageBox::warning(m_window, tr("Export project"), tr("Nothing was exported: %1").arg(message));
    });
    progress->show();
    if (!startExport(request)) {
        disconnect(*connection);
        progress->close();
    }
}

void ProjectWorkspace::sessionSaved(const QString& jsonPath)
{
    project::Project* project = m_browser->project();
    if (!project || m_caseId.isEmpty())
        return;
    try {
        // Copies: refreshing re-reads the manifest.
        const project::ProjectCase projectCase = project->findCase(m_caseId.toStdString());
        if (QFileInfo(QString::fromStdString(project->absolutePath(projectCase.reviewFile))).absoluteFilePath() !=
            QFileInfo(jsonPath).absoluteFilePath())
            return;  // saved elsewhere ("Save as"): not the project's copy
        project->refreshCase(projectCase.id);
        if (projectCase.state == project::ReviewState::New || projectCase.state == project::ReviewState::Returned)
            project->setState(projectCase.id, project::ReviewState::InProgress, user().toStdString());
    } catch (const std::exception& exception) {
        m_window->statusBar()->showMessage(tr("The project could not be updated: %1").arg(QString::fromUtf8(exception.what())), 8000);
    }
    m_browser->refresh();
}

}  // namespace lnseg
