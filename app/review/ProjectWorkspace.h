#pragma once
// A project opened in the review window: a dock with the project browser (cases), the training
// panel and the model list, and the bookkeeping around opening a case: the case's lock is
// taken (someone else's case opens read-only, saying who holds it), a save refreshes the case in
// the manifest (node counts, "in progress"), the lock is released when the case is closed, and
// the project's active model becomes the model that proposes nodes.

#include "project/CaseLock.h"
#include "project/ProjectSplit.h"

#include <QObject>
#include <QPointer>
#include <QString>

#include <optional>

class QDockWidget;
class QTabWidget;

namespace lnseg {

class MainWindow;
class ModelListPanel;
class ProjectBrowser;
class TrainingPanel;

class ProjectWorkspace : public QObject {
    Q_OBJECT
public:
    // Adds the project dock to `window`. Call open() next.
    explicit ProjectWorkspace(MainWindow* window);
    ~ProjectWorkspace() override;  // releases the open case's lock

    bool open(const QString& folder, QString* error);
    // Opens a case of the project in the window. When another user holds its lock the case opens
    // read-only and `heldBy` says who ("anna@ws12 since ..."); false with `error` when it cannot
    // be opened (or the user kept unsaved changes of the current study).
    bool openCase(const QString& caseId, QString* error, QString* heldBy = nullptr);
    // Takes over the open case's stale lock and makes it editable.
    bool takeOverLock(QString* error);
    // Releases the open case's lock (closing it).
    void closeCase();
    // Exports the project's cases; a one-line summary, or false with `error`.
    bool exportProject(const struct ExportRequest& request, QString* summary, QString* error);
    // The same on a background thread, so that the interface stays responsive while a large
    // export runs: returns at once (false when no project is open or an export is running) and
    // reports through exportFinished. The thread reads its own copy of the project from disk.
    bool startExport(const struct ExportRequest& request);
    bool exportRunning() const { return m_exportRunning; }
    // Asks for the export's settings and runs it in the background, with a busy indicator.
    void exportInteractively();

    QString openCaseId() const { return m_caseId; }
    bool openCaseReadOnly() const { return m_readOnly; }
    // The open case is read-only because of a stale lock (a crash): it may be taken over.
    bool openCaseLockIsStale() const { return m_lockStale; }
    ProjectBrowser* browser() const { return m_browser; }
    TrainingPanel* trainingPanel() const { return m_training; }
    ModelListPanel* modelList() const { return m_models; }
    QDockWidget* dock() const { return m_dock; }
    // Brings the project dock in front of the node table it shares a column with.
    void showProjectPanel();
    QTabWidget* tabs() const { return m_tabs; }

Q_SIGNALS:
    // `message`: the one-line summary, or why nothing was exported.
    void exportFinished(bool succeeded, const QString& message);

private:
    void sessionSaved(const QString& jsonPath);
    QString user() const;

    MainWindow* m_window;
    QDockWidget* m_dock;
    // The node table's dock when the project dock shares its column as a tab (null otherwise).
    QPointer<QDockWidget> m_sharedColumnDock;
    QTabWidget* m_tabs;
    ProjectBrowser* m_browser;
    TrainingPanel* m_training;
    ModelListPanel* m_models;
    QString m_caseId;
    bool m_readOnly = false;
    bool m_lockStale = false;
    bool m_exportRunning = false;
    std::optional<project::LockOwner> m_lockOwner;
};

}  // namespace lnseg
