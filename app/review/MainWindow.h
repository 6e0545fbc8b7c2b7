#pragma once
// The review main window: three slice views and the 3D view in a switchable layout, the node
// table dock, the editing tool bar, the undo history, and menus for opening, saving, reviewing
// and editing. Everything the reviewer changes goes through the ReviewDocument's undoable
// commands; the window only wires views, table and actions to it.

#include "SliceView.h"
#include "ViewLayout.h"

#include <QMainWindow>
#include <QTimer>

#include <functional>
#include <memory>
#include <string>

class QLabel;
class QAction;
class QDoubleSpinBox;
class QSortFilterProxyModel;
class QTableView;
class QUndoView;
class QProgressDialog;

namespace lnseg {

struct AnatomicalLandmarks;
class LandmarkRunner;
class NodeTableModel;
class ProjectWorkspace;
class ProposalRunner;
class ReviewDocument;
class SurfaceView;
class ViewSynchronizer;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    // Writes a session; replaceable so that tests can simulate a save that fails half-way.
    using SessionWriter = std::function<void(const ReviewDocument&, const std::string& jsonPath)>;

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Opens whatever `path` is: a review session (*.review.json), an image file or a DICOM
    // file/folder (imported in the background). Returns false with a message in `error`.
    bool openPath(const QString& path, QString* error, const QString& seriesInstanceUid = {});
    // Opens a CT with, optionally, an instance label map on its grid and a ground-truth node list
    // (phantom JSON: nodes become Accepted records).
    bool openStudy(const QString& imagePath, const QString& labelPath, QString* error, const QString& nodesPath = {});
    bool openSession(const QString& jsonPath, QString* error);
    // The demo study (findDemoStudy()); false with a message saying how to generate it.
    bool openDemo(QString* error);

    bool saveSession(const QString& jsonPath, QString* error);
    // Asks to save unsaved changes; false when the user cancels (or the save failed).
    bool confirmDiscardChanges() { return maybeSaveBeforeDiscarding(); }

    // Projects (curated datasets): a dock with the cases, training and models of the project.
    bool openProject(const QString& folder, QString* error);
    ProjectWorkspace* projectWorkspace() const { return m_projectWorkspace; }
    // The open study is case `caseId` of a project, saved to `sessionPath`; a non-empty
    // `readOnlyReason` makes it read-only (shown in the title; saving refused).
    void setCaseContext(const QString& caseId, const QString& sessionPath, const QString& readOnlyReason);
    QString sessionPath() const { return m_sessionPath; }
    void setSessionWriter(SessionWriter writer) { m_sessionWriter = std::move(writer); }
    bool isModified() const;

    // Reviewer recorded on every change; asked once and kept in the settings.
    void setReviewer(const QString& name, bool remember = true);
    QString reviewer() const { return m_reviewer; }

    // Autosave: interval (0 disables), writing now, and where it goes for the open study.
    void setAutosaveInterval(int seconds);
    bool autosaveNow();
    QString recoveryPath() const;
    // Opens a recovery session as unsaved changes of its study.
    bool restoreRecovery(const QString& jsonPath, QString* error);

    ReviewDocument* document() const { return m_document.get(); }

    // "Propose nodes": runs the model (default: the application's default model) on the study in
    // a background thread; the proposals arrive as one undoable step, never over human work.
    void setModelFile(const QString& path);
    QString modelFile() const;
    void proposeNodes();
    void cancelProposal();
    bool proposalRunning() const;
    SliceView* sliceView(SlicePlane plane) const;
    SurfaceView* surfaceView() const { return m_surfaceView; }
    ViewLayout* viewLayout() const { return m_layout; }
    // The banner shown while the image's geometry rests on assumed values (tests look at it).
    class AssumedGeometryBanner* assumedGeometryBanner() const { return m_assumedGeometryBanner; }
    ViewSynchronizer* synchronizer() const { return m_synchronizer; }
    QTableView* nodeTable() const { return m_nodeTable; }
    NodeTableModel* nodeTableModel() const { return m_nodeModel; }

    // Level suggestions (issue 15): the landmarks of each opened study are found in the background
    // (cached per study); proposals and nodes drawn by hand get suggested levels, shown as
    // suggested in the table until confirmed (Enter, "Confirm level") or changed.
    void suggestLevels();
    void confirmCurrentLevel();
    QAction* confirmLevelAction() const { return m_confirmLevelAction; }
    // View > Show level landmarks.
    void setLandmarksVisible(bool visible);

    // The current node (table selection; what the tools act on), 0 when none.
    std::uint16_t currentNode() const { return m_currentNode; }
    void selectNode(std::uint16_t label, bool centreViews);
    void setEditTool(EditTool tool);
    QString reviewCounterText() const;

    // The whole window as shown, with the OpenGL 3D view read back from its framebuffer.
    QImage renderScreenshot();

protected:
    void closeEvent(QCloseEvent* event) override;

Q_SIGNALS:
    // A proposal run finished, failed or was cancelled.
    void proposalEnded();
    // The open study's landmarks were found (ReviewDocument::landmarks()).
    void landmarksReady();
    // The review was saved to `jsonPath`.
    void sessionSaved(QString jsonPath);

private:
    void createDocks();
    void closeProposalProgress();
    void createToolBar();
    void createMenus();
    void createReviewMenu();
    void createLanguageMenu(QMenu* menu);
    bool generateDemo();
    void installDocument(std::unique_ptr<ReviewDocument> document, const QString& studyName);
    void updateTitle();
    void updateCounter();
    void showCursorSample(const CursorSample& sample);
    void showOverlayStyle(const OverlayStyle& style);
    void tableCurrentChanged();
    void goToUnreviewed(bool forward);
    void setCurrentStatus(int status);
    void setCurrentLevel(int level);
    void setCurrentSide(int side);
    void newNode();
    void deleteCurrentNode();
    void mergeCurrentNode();
    void splitCurrentNode();
    void interpolateCurrentNode();
    void showTableMenu(const QPoint& position);
    void landmarksFound(const QString& key, std::shared_ptr<const AnatomicalLandmarks> landmarks, double seconds);
    void updateLevelActions();
    bool ensureReviewer();
    bool saveInteractively(bool chooseName);
    void openInteractively();
    void openFolderInteractively();
    void openLabelsInteractively();
    bool maybeSaveBeforeDiscarding();
    bool documentExists(QWidget* parent);

    SliceView* m_axial;
    SliceView* m_coronal;
    SliceView* m_sagittal;
    SurfaceView* m_surfaceView;
    ViewLayout* m_layout;
    ViewSynchronizer* m_synchronizer;
    QLabel* m_cursorLabel;
    QLabel* m_counterLabel;
    QLabel* m_studyLabel;
    class AssumedGeometryBanner* m_assumedGeometryBanner;
    QTableView* m_nodeTable = nullptr;
    NodeTableModel* m_nodeModel = nullptr;
    QSortFilterProxyModel* m_nodeProxy = nullptr;
    QDoubleSpinBox* m_brushSize = nullptr;
    QAction* m_showLabelsAction = nullptr;
    QAction* m_outlineAction = nullptr;
    QMenu* m_levelMenu = nullptr;
    QMenu* m_sideMenu = nullptr;
    QMenu* m_statusMenu = nullptr;
    QAction* m_confirmLevelAction = nullptr;
    QAction* m_landmarksAction = nullptr;
    LandmarkRunner* m_landmarkRunner = nullptr;
    QString m_landmarkKey;                     // the open study's, for LandmarkRunner
    bool m_suggestWhenLandmarksReady = false;  // proposals or a request came before the landmarks
    QList<QAction*> m_toolActions;
    QAction* m_undoAction = nullptr;
    QAction* m_redoAction = nullptr;
    QUndoView* m_undoView = nullptr;

    std::unique_ptr<ReviewDocument> m_document;
    ProposalRunner* m_proposalRunner = nullptr;
    QProgressDialog* m_proposalProgress = nullptr;
    QString m_modelFile;
    std::uint16_t m_currentNode = 0;
    QString m_studyName;
    QString m_imagePath;
    QString m_sessionPath;
    QString m_reviewer;
    bool m_restoredUnsaved = false;
    QString m_readOnlyReason;
    ProjectWorkspace* m_projectWorkspace = nullptr;  // opened from a recovery file: changes not saved anywhere
    SessionWriter m_sessionWriter;
    QTimer m_autosaveTimer;
};

}  // namespace lnseg
