#include "review/MainWindow.h"
#include "review/AboutDialog.h"
#include "review/AssumedGeometryBanner.h"
#include "review/ProjectWorkspace.h"

#include "SurfaceView.h"
#include "ViewSynchronizer.h"
#include "io/ImageFileIO.h"
#include "review/DemoStudy.h"
#include "review/GroundTruthNodes.h"
#include "review/ImageImport.h"
#include "review/LandmarkRunner.h"
#include "review/Language.h"
#include "review/NodeChoiceDelegate.h"
#include "review/NodeLabels.h"
#include "review/NodeTableModel.h"
#include "review/ProposalRunner.h"
#include "engine/DefaultModel.h"
#include "review/RecoveryStore.h"
#include "review/ReviewDocument.h"
#include "review/ReviewSessionFile.h"
#include "review/ShortcutsDialog.h"

#include <QActionGroup>
#include <QVBoxLayout>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QEventLoop>
#include <QProcess>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QProgressDialog>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QUndoGroup>
#include <QUndoView>

#include <algorithm>
#include <exception>

namespace lnseg {
namespace {

constexpr int kDefaultAutosaveSeconds = 180;

QString studyNameOf(const QString& path)
{
    QString name = QFileInfo(path).fileName();
    for (const char* suffix : {".review.json", ".nii.gz", ".nii", ".nrrd", ".mha", ".mhd"})
        if (name.endsWith(QLatin1String(suffix))) {
            name.chop(int(qstrlen(suffix)));
            break;
        }
    return name;
}

QUndoGroup* undoGroupOf(QObject* window) { return window->findChild<QUndoGroup*>(); }

// The window presets' names come from core/image/WindowLevel.cpp (English): translated here.
const char* const kWindowPresetNames[] = {
    QT_TRANSLATE_NOOP("WindowPresets", "Soft tissue"), QT_TRANSLATE_NOOP("WindowPresets", "Mucosal"),
    QT_TRANSLATE_NOOP("WindowPresets", "Bone"), QT_TRANSLATE_NOOP("WindowPresets", "Lung")};

QString windowPresetName(const std::string& name)
{
    for (const char* known : kWindowPresetNames)
        if (name == known)
            return QCoreApplication::translate("WindowPresets", known);
    return QString::fromStdString(name);
}

}  // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_axial(new SliceView(SlicePlane::Axial)), m_coronal(new SliceView(SlicePlane::Coronal)),
      m_sagittal(new SliceView(SlicePlane::Sagittal)), m_surfaceView(new SurfaceView),
      m_layout(new ViewLayout(m_axial, m_coronal, m_sagittal, m_surfaceView, this)),
      m_synchronizer(new ViewSynchronizer({m_axial, m_coronal, m_sagittal}, m_surfaceView, this)),
      m_cursorLabel(new QLabel(this)), m_counterLabel(new QLabel(this)), m_studyLabel(new QLabel(this)),
      m_assumedGeometryBanner(new AssumedGeometryBanner),
      m_sessionWriter([](const ReviewDocument& document, const std::string& path) { saveReviewSession(document, path); })
{
    new QUndoGroup(this);
    auto* central = new QWidget(this);
    auto* centralLayout = new QVBoxLayout(central);
    centralLayout->setContentsMargins(0, 0, 0, 0);
    centralLayout->setSpacing(0);
    centralLayout->addWidget(m_assumedGeometryBanner);
    centralLayout->addWidget(m_layout, 1);
    setCentralWidget(central);
    statusBar()->addWidget(m_cursorLabel, 1);
    statusBar()->addPermanentWidget(m_counterLabel);
    statusBar()->addPermanentWidget(m_studyLabel);
    m_cursorLabel->setTextFormat(Qt::PlainText);
    connect(m_synchronizer, &ViewSynchronizer::cursorMoved, this, &MainWindow::showCursorSample);
    connect(m_synchronizer, &ViewSynchronizer::cursorLeft, m_cursorLabel, &QLabel::clear);
    connect(m_synchronizer, &ViewSynchronizer::overlayStyleChanged, this, &MainWindow::showOverlayStyle);
    for (SliceView* view : {m_axial, m_coronal, m_sagittal})
        connect(view, &SliceView::activeNodeCreated, this, [this](std::uint16_t label) { selectNode(label, false); });
    m_landmarkRunner = new LandmarkRunner(this);
    connect(m_landmarkRunner, &LandmarkRunner::found, this, &MainWindow::landmarksFound);
    connect(m_landmarkRunner, &LandmarkRunner::failed, this, [this](QString key, QString message) {
        if (key == m_landmarkKey)
            statusBar()->showMessage(tr("Level landmarks not found: %1").arg(message), 10000);
    });
    m_proposalRunner = new ProposalRunner(this);
    connect(m_proposalRunner, &ProposalRunner::progress, this, [this](int done, int total) {
        if (m_proposalProgress) {
            m_proposalProgress->setMaximum(total);
            m_proposalProgress->setValue(done);
        }
    });
    connect(m_proposalRunner, &ProposalRunner::finished, this,
            [this](std::shared_ptr<ExtractedNodes> nodes, QString device, double seconds) {
                closeProposalProgress();
                if (m_document) {
                    try {
                        const std::size_t added =
                            m_document->addProposals(*nodes, QFileInfo(modelFile()).fileName().toStdString());
                        statusBar()->showMessage(tr("Proposed nodes: %n, in %1 s on %2 (%3 already reviewed kept)",
                                                    nullptr, int(added))
                                                     .arg(seconds, 0, 'f', 1)
                                                     .arg(device)
                                                     .arg(m_document->reviewedCount()),
                                                 15000);
                        // With the landmarks known, the proposals got their levels as they were
                        // added; otherwise they get them when the landmarks arrive.
                        if (!m_document->landmarks())
                            m_suggestWhenLandmarksReady = true;
                        goToUnreviewed(true);
                    } catch (const std::exception& error) {
                        statusBar()->showMessage(tr("Proposals not added: %1").arg(QString::fromUtf8(error.what())));
                    }
                }
                Q_EMIT proposalEnded();
            });
    connect(m_proposalRunner, &ProposalRunner::failed, this, [this](QString message) {
        closeProposalProgress();
        statusBar()->showMessage(tr("Propose nodes failed: %1").arg(message));
        auto* box = new QMessageBox(QMessageBox::Warning, tr("Propose nodes"), tr("The model could not run:\n%1").arg(message),
                                    QMessageBox::Ok, this);
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
        Q_EMIT proposalEnded();
    });
    connect(m_proposalRunner, &ProposalRunner::cancelled, this, [this] {
        closeProposalProgress();
        statusBar()->showMessage(tr("Propose nodes cancelled"), 10000);
        Q_EMIT proposalEnded();
    });
    createDocks();
    createToolBar();
    createMenus();

    const QSettings settings;
    m_reviewer = settings.value(QStringLiteral("reviewer/name")).toString();
    if (qEnvironmentVariableIsSet("LNSEG_REVIEWER"))
        m_reviewer = qEnvironmentVariable("LNSEG_REVIEWER");
    connect(&m_autosaveTimer, &QTimer::timeout, this, [this] { autosaveNow(); });
    setAutosaveInterval(settings.value(QStringLiteral("autosave/seconds"), kDefaultAutosaveSeconds).toInt());
    updateTitle();
    updateCounter();
    resize(1400, 900);
}

MainWindow::~MainWindow()
{
    // The views point at the document: detach them before it goes.
    m_synchronizer->setDocument(nullptr);
    m_nodeModel->setDocument(nullptr);
}

// ---- Layout ----

void MainWindow::createDocks()
{
    m_nodeModel = new NodeTableModel(this);
    m_nodeProxy = new QSortFilterProxyModel(this);
    m_nodeProxy->setSourceModel(m_nodeModel);
    m_nodeProxy->setSortRole(NodeTableModel::SortRole);
    m_nodeTable = new QTableView;
    m_nodeTable->setModel(m_nodeProxy);
    m_nodeTable->setSortingEnabled(true);
    m_nodeTable->sortByColumn(NodeTableModel::Id, Qt::AscendingOrder);
    m_nodeTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_nodeTable->setSelectionMode(QAbstractItemView::SingleSelection);
    // Typing must reach the review shortcuts, not start editing a cell.
    m_nodeTable->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    m_nodeTable->setItemDelegateForColumn(NodeTableModel::Level, NodeChoiceDelegate::forLevels(this));
    m_nodeTable->setItemDelegateForColumn(NodeTableModel::Side, NodeChoiceDelegate::forSides(this));
    m_nodeTable->verticalHeader()->hide();
    m_nodeTable->verticalHeader()->setDefaultSectionSize(22);
    m_nodeTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_nodeTable->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_nodeTable, &QWidget::customContextMenuRequested, this, &MainWindow::showTableMenu);
    connect(m_nodeTable->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::tableCurrentChanged);
    // A click on the current row centres again (the row may be current already).
    connect(m_nodeTable, &QAbstractItemView::clicked, this, [this](const QModelIndex& index) {
        const auto label = std::uint16_t(index.data(NodeTableModel::LabelRole).toInt());
        selectNode(label, true);
    });
    connect(m_nodeModel, &QAbstractItemModel::modelReset, this, [this] { selectNode(m_currentNode, false); });
    auto* nodes = new QDockWidget(tr("Nodes"), this);
    nodes->setObjectName(QStringLiteral("nodesDock"));
    nodes->setWidget(m_nodeTable);
    addDockWidget(Qt::RightDockWidgetArea, nodes);

    m_undoView = new QUndoView(undoGroupOf(this));
    m_undoView->setEmptyLabel(tr("<opened>"));
    auto* history = new QDockWidget(tr("Undo history"), this);
    history->setObjectName(QStringLiteral("historyDock"));
    history->setWidget(m_undoView);
    addDockWidget(Qt::RightDockWidgetArea, history);
    resizeDocks({nodes, history}, {640, 160}, Qt::Vertical);
    resizeDocks({nodes}, {560}, Qt::Horizontal);
}

void MainWindow::createToolBar()
{
    QToolBar* tools = addToolBar(tr("Editing tools"));
    tools->setObjectName(QStringLiteral("editingTools"));
    auto* group = new QActionGroup(this);
    const struct {
        QString name;
        EditTool tool;
        QKeySequence key;
        QString tip;
    } entries[] = {
        {tr("Navigate"), EditTool::Navigate, QKeySequence(Qt::Key_V), tr("Click to move the crosshair")},
        {tr("Brush"), EditTool::Brush, QKeySequence(Qt::Key_B), tr("Paint the current node (a new node when none)")},
        {tr("Eraser"), EditTool::Eraser, QKeySequence(Qt::Key_E), tr("Erase the current node")},
        {tr("Contour"), EditTool::Contour, QKeySequence(Qt::Key_C),
         tr("Click corners and double-click, or drag a freehand outline: fills it with the current node")},
    };
    for (const auto& entry : entries) {
        QAction* action = tools->addAction(entry.name);
        action->setCheckable(true);
        action->setShortcut(entry.key);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(entry.tip, entry.key.toString(QKeySequence::NativeText)));
        action->setChecked(entry.tool == EditTool::Navigate);
        action->setData(int(entry.tool));
        group->addAction(action);
        m_toolActions << action;
        const EditTool tool = entry.tool;
        connect(action, &QAction::triggered, this, [this, tool] { setEditTool(tool); });
    }
    tools->addWidget(new QLabel(tr(" Size ")));
    m_brushSize = new QDoubleSpinBox;
    m_brushSize->setRange(0.5, 30.0);
    m_brushSize->setSingleStep(0.5);
    m_brushSize->setDecimals(1);
    m_brushSize->setSuffix(tr(" mm"));
    m_brushSize->setValue(QSettings().value(QStringLiteral("brush/radiusMm"), 3.0).toDouble());
    m_brushSize->setToolTip(tr("Brush and eraser radius ([ smaller, ] larger)"));
    m_brushSize->setFocusPolicy(Qt::ClickFocus);
    tools->addWidget(m_brushSize);
    connect(m_brushSize, qOverload<double>(&QDoubleSpinBox::valueChanged), this, [this](double radius) {
        for (SliceView* view : {m_axial, m_coronal, m_sagittal})
            view->setBrushRadiusMm(radius);
        QSettings().setValue(QStringLiteral("brush/radiusMm"), radius);
    });
    for (SliceView* view : {m_axial, m_coronal, m_sagittal})
        view->setBrushRadiusMm(m_brushSize->value());
    QAction* smaller = new QAction(tr("Smaller brush"), this);
    smaller->setObjectName(QStringLiteral("smallerBrush"));
    smaller->setShortcut(QKeySequence(Qt::Key_BracketLeft));
    connect(smaller, &QAction::triggered, m_brushSize, [this] { m_brushSize->stepDown(); });
    QAction* larger = new QAction(tr("Larger brush"), this);
    larger->setObjectName(QStringLiteral("largerBrush"));
    larger->setShortcut(QKeySequence(Qt::Key_BracketRight));
    connect(larger, &QAction::triggered, m_brushSize, [this] { m_brushSize->stepUp(); });
    addActions({smaller, larger});
    m_toolActions << smaller << larger;
    tools->addSeparator();
    const struct {
        QString name;
        QKeySequence key;
        void (MainWindow::*slot)();
    } operations[] = {
        {tr("New node"), QKeySequence(Qt::Key_Insert), &MainWindow::newNode},
        {tr("Fill between slices"), QKeySequence(Qt::Key_I), &MainWindow::interpolateCurrentNode},
        {tr("Merge..."), QKeySequence(Qt::CTRL | Qt::Key_M), &MainWindow::mergeCurrentNode},
        {tr("Split"), QKeySequence(Qt::CTRL | Qt::Key_T), &MainWindow::splitCurrentNode},
        {tr("Delete node"), QKeySequence(QKeySequence::Delete), &MainWindow::deleteCurrentNode},
    };
    for (const auto& operation : operations) {
        QAction* action = tools->addAction(operation.name, this, operation.slot);
        action->setShortcut(operation.key);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(operation.name, operation.key.toString(QKeySequence::NativeText)));
        m_toolActions << action;
    }
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open image or session..."), QKeySequence::Open, this, &MainWindow::openInteractively);
    file->addAction(tr("Open &DICOM folder..."), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this, &MainWindow::openFolderInteractively);
    file->addAction(tr("Open de&mo study"), this, [this] {
        QString error;
        if (maybeSaveBeforeDiscarding() && !openDemo(&error))
            QMessageBox::information(this, tr("Demo study"), error);
    });
    file->addAction(tr("Open &label map..."), this, &MainWindow::openLabelsInteractively);
    file->addAction(tr("Open p&roject..."), this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Open project"));
        QString error;
        if (!folder.isEmpty() && !openProject(folder, &error))
            QMessageBox::warning(this, tr("Open project"), error);
    });
    file->addSeparator();
    file->addAction(tr("&Save review"), QKeySequence::Save, this, [this] { saveInteractively(false); });
    file->addAction(tr("Save review &as..."), QKeySequence::SaveAs, this, [this] { saveInteractively(true); });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    m_undoAction = undoGroupOf(this)->createUndoAction(this, tr("&Undo"));
    m_undoAction->setShortcuts(QKeySequence::Undo);
    m_redoAction = undoGroupOf(this)->createRedoAction(this, tr("&Redo"));
    m_redoAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);
    edit->addSeparator();
    edit->addActions(m_toolActions);
    edit->addSeparator();
    edit->addAction(tr("Set reviewer &name..."), this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Reviewer"), tr("Your name, recorded on every change:"),
                                                   QLineEdit::Normal, m_reviewer, &ok);
        if (ok && !name.trimmed().isEmpty())
            setReviewer(name.trimmed());
    });

    createReviewMenu();

    QMenu* view = menuBar()->addMenu(tr("&View"));
    auto* layouts = new QActionGroup(this);
    const struct {
        QString name;
        ViewArrangement arrangement;
        QKeySequence shortcut;
    } arrangements[] = {
        {tr("1 x 3 slices"), ViewArrangement::OneByThree, QKeySequence(Qt::CTRL | Qt::Key_1)},
        {tr("2 x 2 with 3D"), ViewArrangement::TwoByTwo, QKeySequence(Qt::CTRL | Qt::Key_2)},
        {tr("Axial only"), ViewArrangement::SingleAxial, QKeySequence(Qt::CTRL | Qt::Key_3)},
        {tr("Coronal only"), ViewArrangement::SingleCoronal, QKeySequence(Qt::CTRL | Qt::Key_4)},
        {tr("Sagittal only"), ViewArrangement::SingleSagittal, QKeySequence(Qt::CTRL | Qt::Key_5)},
        {tr("3D only"), ViewArrangement::SingleSurface, QKeySequence(Qt::CTRL | Qt::Key_6)},
    };
    for (const auto& entry : arrangements) {
        QAction* action = view->addAction(entry.name);
        action->setShortcut(entry.shortcut);
        action->setCheckable(true);
        action->setChecked(entry.arrangement == m_layout->arrangement());
        layouts->addAction(action);
        const ViewArrangement arrangement = entry.arrangement;
        connect(action, &QAction::triggered, this, [this, arrangement] { m_layout->setArrangement(arrangement); });
    }
    view->addSeparator();
    QAction* bone = view->addAction(tr("Show &bone in 3D"));
    bone->setCheckable(true);
    bone->setChecked(m_surfaceView->boneVisible());
    connect(bone, &QAction::toggled, m_surfaceView, &SurfaceView::setBoneVisible);
    m_landmarksAction = view->addAction(tr("Show level lan&dmarks"));
    m_landmarksAction->setCheckable(true);
    m_landmarksAction->setToolTip(tr("The landmarks the level suggestions were made from: heights in the coronal and "
                                     "sagittal views, vessels, muscles and midline on the axial slice"));
    connect(m_landmarksAction, &QAction::toggled, this, &MainWindow::setLandmarksVisible);
    view->addAction(tr("&Reset zoom and camera"), this, [this] {
        for (SliceView* slice : {m_axial, m_coronal, m_sagittal})
            slice->resetZoomAndPan();
        m_surfaceView->resetCamera();
    });
    view->addSeparator();
    for (QDockWidget* dock : findChildren<QDockWidget*>())
        view->addAction(dock->toggleViewAction());
    view->addSeparator();
    createLanguageMenu(view->addMenu(tr("&Language")));

    // Window presets on F5-F8: the digits set node levels in the review window.
    QMenu* window = menuBar()->addMenu(tr("&Window"));
    int key = Qt::Key_F5;
    for (const WindowPreset& preset : windowPresets()) {
        QAction* action = window->addAction(tr("%1 (W%2 L%3)")
                                                .arg(windowPresetName(preset.name))
                                                .arg(preset.window.width)
                                                .arg(preset.window.level));
        if (key <= Qt::Key_F8)
            action->setShortcut(QKeySequence(key++));
        const WindowLevel level = preset.window;
        connect(action, &QAction::triggered, this, [this, level] { m_synchronizer->setWindowLevel(level); });
    }

    QMenu* overlay = menuBar()->addMenu(tr("&Labels"));
    m_showLabelsAction = overlay->addAction(tr("&Show label overlay"));
    m_showLabelsAction->setShortcut(QKeySequence(Qt::Key_O));
    m_showLabelsAction->setCheckable(true);
    m_showLabelsAction->setChecked(true);
    connect(m_showLabelsAction, &QAction::triggered, this, [this](bool checked) {
        OverlayStyle style = m_synchronizer->overlayStyle();
        style.visible = checked;
        m_synchronizer->setOverlayStyle(style);
    });
    m_outlineAction = overlay->addAction(tr("Out&line only"));
    m_outlineAction->setShortcut(QKeySequence(Qt::Key_L));
    m_outlineAction->setCheckable(true);
    connect(m_outlineAction, &QAction::triggered, this, [this](bool checked) {
        OverlayStyle style = m_synchronizer->overlayStyle();
        style.outline = checked;
        m_synchronizer->setOverlayStyle(style);
    });
    overlay->addSeparator();
    auto* opacities = new QActionGroup(this);
    for (int percent : {25, 45, 70, 100}) {
        QAction* action = overlay->addAction(tr("Opacity %1%").arg(percent));
        action->setCheckable(true);
        action->setChecked(percent == 45);
        opacities->addAction(action);
        connect(action, &QAction::triggered, this, [this, percent] {
            OverlayStyle style = m_synchronizer->overlayStyle();
            style.opacity = percent / 100.0;
            m_synchronizer->setOverlayStyle(style);
        });
    }

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard shortcuts"), QKeySequence(Qt::Key_F1), this, [this] {
        QList<QAction*> actions;
        for (QMenu* menu : menuBar()->findChildren<QMenu*>())
            for (QAction* action : menu->actions())
                if (!actions.contains(action))
                    actions << action;
        showKeyboardShortcuts(this, actions);
    });
    QAction* about = help->addAction(tr("&About lnseg"), this, [this] {
        auto* dialog = new AboutDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
}

void MainWindow::createLanguageMenu(QMenu* menu)
{
    // The choice is stored in the settings and applies from the next start.
    auto* group = new QActionGroup(this);
    const QString current = languageSetting();
    QList<QPair<QString, QString>> choices{{QString(), tr("System default")}};
    choices += languageChoices();
    for (const auto& [code, name] : choices) {
        QAction* action = menu->addAction(name);
        action->setCheckable(true);
        action->setChecked(code == current);
        action->setData(code);
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, code = code] {
            if (code == languageSetting())
                return;
            setLanguageSetting(code);
            QMessageBox::information(this, tr("Language"),
                                     tr("The new language is used the next time lnseg-review starts."));
        });
    }
}

void MainWindow::setModelFile(const QString& path)
{
    m_modelFile = path;
}

QString MainWindow::modelFile() const
{
    if (!m_modelFile.isEmpty())
        return m_modelFile;
    const QString chosen = QSettings().value(QStringLiteral("model/file")).toString();
    if (!chosen.isEmpty() && QFileInfo::exists(chosen))
        return chosen;
    try {
        return QString::fromStdString(locateDefaultModel(QCoreApplication::applicationDirPath().toStdString()));
    } catch (const std::exception&) {
        return {};
    }
}

bool MainWindow::proposalRunning() const
{
    return m_proposalRunner->running();
}

void MainWindow::proposeNodes()
{
    if (!m_document || m_proposalRunner->running())
        return;
    const QString model = modelFile();
    if (model.isEmpty()) {
        statusBar()->showMessage(tr("No model: choose one with Review > Choose model"));
        Q_EMIT proposalEnded();
        return;
    }
    m_proposalProgress = new QProgressDialog(tr("Proposing nodes with %1 ...").arg(QFileInfo(model).fileName()),
                                             tr("Cancel"), 0, 1, this);
    m_proposalProgress->setWindowModality(Qt::NonModal);  // the study stays usable meanwhile
    m_proposalProgress->setMinimumDuration(0);
    connect(m_proposalProgress, &QProgressDialog::canceled, this, &MainWindow::cancelProposal);
    m_proposalRunner->start(m_document->sharedImage(), model);
}

void MainWindow::cancelProposal()
{
    m_proposalRunner->cancel();
}

void MainWindow::closeProposalProgress()
{
    if (!m_proposalProgress)
        return;
    m_proposalProgress->disconnect(this);
    m_proposalProgress->close();
    m_proposalProgress->deleteLater();
    m_proposalProgress = nullptr;
}

void MainWindow::createReviewMenu()
{
    QMenu* review = menuBar()->addMenu(tr("&Review"));
    review->addAction(tr("Pr&opose nodes"), QKeySequence(Qt::CTRL | Qt::Key_P), this, &MainWindow::proposeNodes);
    review->addAction(tr("Choose &model..."), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Model for Propose nodes"), QFileInfo(modelFile()).path(),
                                                          tr("lnseg models (*.lnsegmodel);;All files (*)"));
        if (path.isEmpty())
            return;
        m_modelFile = path;
        QSettings().setValue(QStringLiteral("model/file"), path);
    });
    review->addSeparator();
    review->addAction(tr("&Next unreviewed node"), QKeySequence(Qt::Key_N), this, [this] { goToUnreviewed(true); });
    review->addAction(tr("&Previous unreviewed node"), QKeySequence(Qt::SHIFT | Qt::Key_N), this, [this] { goToUnreviewed(false); });
    review->addSeparator();
    m_statusMenu = review;
    review->addAction(tr("&Accept node"), QKeySequence(Qt::Key_A), this, [this] { setCurrentStatus(int(NodeStatus::Accepted)); });
    review->addAction(tr("Re&ject node"), QKeySequence(Qt::Key_X), this, [this] { setCurrentStatus(int(NodeStatus::Rejected)); });
    review->addAction(tr("&Back to proposed"), QKeySequence(Qt::SHIFT | Qt::Key_X), this,
                      [this] { setCurrentStatus(int(NodeStatus::Proposed)); });
    review->addSeparator();

    m_levelMenu = review->addMenu(tr("&Level"));
    const QKeySequence levelKeys[] = {QKeySequence(Qt::Key_1), QKeySequence(Qt::Key_2), QKeySequence(Qt::Key_3),
                                      QKeySequence(Qt::Key_4), QKeySequence(Qt::Key_5), QKeySequence(Qt::Key_6),
                                      QKeySequence(Qt::Key_7), QKeySequence(Qt::Key_8), QKeySequence(Qt::Key_9),
                                      QKeySequence(Qt::Key_0), QKeySequence(Qt::Key_P), QKeySequence(Qt::Key_Minus)};
    const std::vector<NodeLevel> levels = allNodeLevels();
    for (std::size_t i = 0; i < levels.size(); ++i) {
        QAction* action = m_levelMenu->addAction(tr("Level %1").arg(levelName(levels[i])));
        action->setShortcut(levelKeys[i]);
        const int level = int(levels[i]);
        connect(action, &QAction::triggered, this, [this, level] { setCurrentLevel(level); });
    }
    m_sideMenu = review->addMenu(tr("&Side"));
    const struct {
        NodeSide side;
        QKeySequence key;
    } sides[] = {{NodeSide::Left, QKeySequence(Qt::SHIFT | Qt::Key_L)},
                 {NodeSide::Right, QKeySequence(Qt::SHIFT | Qt::Key_R)},
                 {NodeSide::Midline, QKeySequence(Qt::SHIFT | Qt::Key_M)}};
    for (const auto& entry : sides) {
        QAction* action = m_sideMenu->addAction(sideName(entry.side));
        action->setShortcut(entry.key);
        const int side = int(entry.side);
        connect(action, &QAction::triggered, this, [this, side] { setCurrentSide(side); });
    }
    review->addSeparator();
    // Enter confirms the current node's suggested level; the action is enabled only while there is
    // one, so Enter reaches the focused widget otherwise.
    m_confirmLevelAction = review->addAction(tr("&Confirm level"), this, &MainWindow::confirmCurrentLevel);
    m_confirmLevelAction->setObjectName(QStringLiteral("confirmLevel"));
    m_confirmLevelAction->setShortcuts({QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)});
    m_confirmLevelAction->setToolTip(tr("Take the suggested level and side of the current node (Enter)"));
    m_confirmLevelAction->setEnabled(false);
    review->addAction(tr("Su&ggest levels"), this, &MainWindow::suggestLevels)
        ->setToolTip(tr("Suggest the level and side of every node whose level no reader set, from the scan's landmarks"));
}

void MainWindow::suggestLevels()
{
    if (!documentExists(this))
        return;
    const std::shared_ptr<const AnatomicalLandmarks> landmarks = m_document->landmarks();
    if (!landmarks) {
        m_suggestWhenLandmarksReady = true;
        statusBar()->showMessage(tr("Finding the landmarks for the level suggestions..."), 5000);
        return;
    }
    const std::size_t count = m_document->suggestLevels(*landmarks);
    statusBar()->showMessage(tr("Levels suggested for %n node(s)", nullptr, int(count)), 5000);
}

void MainWindow::confirmCurrentLevel()
{
    if (m_document && m_currentNode && ensureReviewer())
        m_document->confirmLevel(m_currentNode);
}

void MainWindow::updateLevelActions()
{
    const NodeRecord* node = m_document && m_currentNode ? m_document->findNode(m_currentNode) : nullptr;
    m_confirmLevelAction->setEnabled(node && node->levelIsSuggestion() && !m_document->isReadOnly());
}

void MainWindow::setLandmarksVisible(bool visible)
{
    if (m_landmarksAction->isChecked() != visible)
        m_landmarksAction->setChecked(visible);  // toggles back into here
    for (SliceView* view : {m_axial, m_coronal, m_sagittal})
        view->setLandmarksVisible(visible);
}

void MainWindow::landmarksFound(const QString& key, std::shared_ptr<const AnatomicalLandmarks> landmarks, double seconds)
{
    if (!m_document || key != m_landmarkKey)
        return;  // another study's (opened and left meanwhile); kept in the runner's cache
    m_document->setLandmarks(landmarks);
    QStringList missing;
    for (const std::string& name : landmarks->missing())
        missing << landmarkName(name);
    if (seconds > 0)
        statusBar()->showMessage(missing.isEmpty() ? tr("Level landmarks found in %1 s").arg(seconds, 0, 'f', 1)
                                                   : tr("Level landmarks found in %1 s; not found: %2")
                                                         .arg(seconds, 0, 'f', 1)
                                                         .arg(missing.join(QStringLiteral(", "))),
                                 8000);
    if (m_suggestWhenLandmarksReady) {
        m_suggestWhenLandmarksReady = false;
        m_document->suggestLevels(*landmarks);
    }
    Q_EMIT landmarksReady();
}

void MainWindow::showTableMenu(const QPoint& position)
{
    const QModelIndex index = m_nodeTable->indexAt(position);
    if (index.isValid())
        selectNode(std::uint16_t(index.data(NodeTableModel::LabelRole).toInt()), false);
    if (!m_currentNode)
        return;
    QMenu menu(this);
    updateLevelActions();
    if (m_confirmLevelAction->isEnabled()) {
        menu.addAction(m_confirmLevelAction);
        menu.addSeparator();
    }
    menu.addMenu(m_levelMenu);
    menu.addMenu(m_sideMenu);
    menu.addSeparator();
    for (QAction* action : m_statusMenu->actions())
        if (!action->menu() && !action->isSeparator() && action->shortcut() != QKeySequence(Qt::Key_N) &&
            action->shortcut() != QKeySequence(Qt::SHIFT | Qt::Key_N))
            menu.addAction(action);
    menu.addSeparator();
    for (QAction* action : m_toolActions)
        if (!action->isCheckable() && !action->objectName().endsWith(QLatin1String("Brush")))
            menu.addAction(action);
    menu.exec(m_nodeTable->viewport()->mapToGlobal(position));
}

// ---- Documents ----

void MainWindow::installDocument(std::unique_ptr<ReviewDocument> document, const QString& studyName)
{
    std::unique_ptr<ReviewDocument> previous = std::move(m_document);
    m_document = std::move(document);
    m_currentNode = 0;
    m_document->setReviewer(m_reviewer.toStdString());
    m_synchronizer->setDocument(m_document.get());
    m_nodeModel->setDocument(m_document.get());
    QUndoGroup* group = undoGroupOf(this);
    if (previous)
        group->removeStack(&previous->undoStack());
    group->addStack(&m_document->undoStack());
    group->setActiveStack(&m_document->undoStack());
    connect(&m_document->undoStack(), &QUndoStack::cleanChanged, this, &MainWindow::updateTitle);
    connect(m_document.get(), &ReviewDocument::nodesChanged, this, &MainWindow::updateCounter);
    connect(m_document.get(), &ReviewDocument::nodesChanged, this, &MainWindow::updateLevelActions);
    previous.reset();
    // The landmarks for the level suggestions, found in the background (or from the cache).
    m_suggestWhenLandmarksReady = false;
    const SourceReference& source = m_document->source();
    m_landmarkKey = source.path.empty() ? QStringLiteral("image@%1").arg(quintptr(m_document->sharedImage().get()))
                                        : QString::fromStdString(source.path + "|" + source.seriesInstanceUid);
    m_landmarkRunner->start(m_document->sharedImage(), m_landmarkKey);
    updateLevelActions();  // nothing points at it any more
    m_studyName = studyName;
    m_restoredUnsaved = false;
    m_sessionPath.clear();
    m_readOnlyReason.clear();
    for (SliceView* view : {m_axial, m_coronal, m_sagittal})
        view->setActiveNode(0);
    const ImageGeometry geometry = m_document->image().geometry();
    m_studyLabel->setText(QStringLiteral("%1  %2x%3x%4  %5x%6x%7 mm  %8")
                              .arg(studyName)
                              .arg(geometry.size[0]).arg(geometry.size[1]).arg(geometry.size[2])
                              .arg(geometry.spacing[0], 0, 'g', 3).arg(geometry.spacing[1], 0, 'g', 3)
                              .arg(geometry.spacing[2], 0, 'g', 3)
                              .arg(QString::fromStdString(geometry.orientationCode())));
    updateTitle();
    updateCounter();
}

bool MainWindow::openPath(const QString& path, QString* error, const QString& seriesInstanceUid)
{
    if (path.endsWith(QLatin1String(".review.json")) || path.endsWith(QLatin1String(".json")))
        return openSession(path, error);
    const ImageImportResult imported = importImage(this, path, seriesInstanceUid);
    if (!imported.image) {
        if (error)
            *error = imported.cancelled ? tr("import cancelled") : imported.error;
        return false;
    }
    auto document = std::make_unique<ReviewDocument>(std::make_shared<const Volume>(imported.image->volume));
    // The session records the series key (the UID, or nouid-... for files without one): what
    // picks the series again when the session is reopened.
    document->setSource({QFileInfo(path).absoluteFilePath().toStdString(), imported.image->description.seriesKey,
                         imported.image->description.studyInstanceUid});
    const ImportReport& report = imported.image->description.report;
    document->setAssumedGeometry(AssumedGeometryBanner::assumptionsOf(report));
    QString name = QString::fromStdString(imported.image->description.description);
    if (name.isEmpty())
        name = studyNameOf(path);
    installDocument(std::move(document), name);
    m_imagePath = path;
    m_assumedGeometryBanner->showAssumptions(report);
    if (!report.messages.empty()) {
        QStringList codes;
        for (const ImportMessage& message : report.messages)
            codes << QString::fromStdString(message.code);
        codes.removeDuplicates();
        statusBar()->showMessage(tr("Imported with %n warning(s): %1", nullptr, int(report.messages.size())).arg(codes.join(QStringLiteral(", "))),
                                 15000);
    }
    return true;
}

bool MainWindow::openStudy(const QString& imagePath, const QString& labelPath, QString* error, const QString& nodesPath)
{
    if (!openPath(imagePath, error))
        return false;
    try {
        QApplication::setOverrideCursor(Qt::WaitCursor);
        LabelMap labels = labelPath.isEmpty() ? LabelMap(m_document->image().geometry())
                                              : readLabelMapFor(labelPath.toStdString(), m_document->image().geometry());
        std::vector<NodeRecord> nodes;
        if (!nodesPath.isEmpty())
            nodes = readGroundTruthNodes(nodesPath.toStdString());
        m_document->resetLabels(std::move(labels), std::move(nodes));
        QApplication::restoreOverrideCursor();
        updateCounter();
        return true;
    } catch (const std::exception& exception) {
        QApplication::restoreOverrideCursor();
        if (error)
            *error = QString::fromStdString(exception.what());
        return false;
    }
}

bool MainWindow::openSession(const QString& jsonPath, QString* error)
{
    try {
        const SourceReference source = readReviewSessionSource(jsonPath.toStdString());
        QString imagePath = QString::fromStdString(source.path);
        if (QFileInfo(imagePath).isRelative())
            imagePath = QFileInfo(jsonPath).dir().filePath(imagePath);
        if (imagePath.isEmpty() || !QFileInfo::exists(imagePath))
            throw std::runtime_error(tr("%1: the image it reviews (%2) is not there").arg(jsonPath, imagePath).toStdString());
        if (!openPath(imagePath, error, QString::fromStdString(source.seriesInstanceUid)))
            return false;
        ReviewSessionContents contents = loadReviewSession(jsonPath.toStdString(), m_document->image().geometry());
        m_document->resetLabels(std::move(contents.labels), std::move(contents.nodes));
        m_document->setSource(contents.source);
        m_sessionPath = QFileInfo(jsonPath).absoluteFilePath();
        m_studyName = studyNameOf(jsonPath);
        updateTitle();
        updateCounter();
        return true;
    } catch (const std::exception& exception) {
        if (error)
            *error = QString::fromStdString(exception.what());
        return false;
    }
}

bool MainWindow::generateDemo()
{
    // The demo study is written by the command-line tool installed next to this program
    // (`lnseg demo`, into $LNSEG_DEMO_DIR or ~/.cache/lnseg/demo); about 10 s.
    const QString tool = QDir(QCoreApplication::applicationDirPath()).filePath(QStringLiteral("lnseg"));
    if (!QFileInfo(tool).isExecutable())
        return false;
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedChannels);
    QProgressDialog progress(tr("Generating the demo study (a synthetic neck CT)..."), QString(), 0, 0, this);
    progress.setWindowTitle(tr("Demo study"));
    progress.setWindowModality(Qt::WindowModal);
    progress.setMinimumDuration(0);
    QEventLoop loop;
    connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    connect(&process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    process.start(tool, {QStringLiteral("demo")});
    if (process.waitForStarted(10000) && process.state() == QProcess::Running)
        loop.exec();
    process.waitForFinished(1000);
    return process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
}

bool MainWindow::openDemo(QString* error)
{
    std::optional<DemoStudy> demo = findDemoStudy();
    if (!demo && generateDemo())
        demo = findDemoStudy();
    if (!demo) {
        QStringList folders;
        for (const std::string& folder : demoStudyFolders())
            folders << QString::fromStdString(folder);
        if (error)
            *error = tr("The demo study has not been generated yet. Run `lnseg demo` to create it (or set "
                        "LNSEG_DEMO_DIR); looked in: %1")
                         .arg(folders.join(QStringLiteral(", ")));
        return false;
    }
    if (!openStudy(QString::fromStdString(demo->imagePath), QString::fromStdString(demo->labelsPath), error,
                   QString::fromStdString(demo->nodesPath)))
        return false;
    m_studyName = tr("demo");
    updateTitle();
    return true;
}

bool MainWindow::documentExists(QWidget* parent)
{
    if (m_document)
        return true;
    QMessageBox::information(parent, tr("No study"), tr("Open a study first."));
    return false;
}

// ---- Saving ----

bool MainWindow::isModified() const
{
    return m_document && (m_restoredUnsaved || !m_document->undoStack().isClean());
}

bool MainWindow::saveSession(const QString& jsonPath, QString* error)
{
    if (!m_document)
        return false;
    if (m_document->isReadOnly()) {
        if (error)
            *error = tr("This case is open read-only (%1).").arg(m_readOnlyReason);
        return false;
    }
    try {
        m_document->setReviewer(m_reviewer.toStdString());
        m_sessionWriter(*m_document, jsonPath.toStdString());
    } catch (const std::exception& exception) {
        if (error)
            *error = QString::fromStdString(exception.what());
        return false;
    }
    m_sessionPath = QFileInfo(jsonPath).absoluteFilePath();
    m_restoredUnsaved = false;
    m_document->undoStack().setClean();
    removeRecoveryFile(recoveryPath());
    updateTitle();
    statusBar()->showMessage(tr("Saved %1").arg(jsonPath), 4000);
    Q_EMIT sessionSaved(m_sessionPath);
    return true;
}

bool MainWindow::openProject(const QString& folder, QString* error)
{
    if (!m_projectWorkspace)
        m_projectWorkspace = new ProjectWorkspace(this);
    return m_projectWorkspace->open(folder, error);
}

void MainWindow::setCaseContext(const QString& caseId, const QString& sessionPath, const QString& readOnlyReason)
{
    m_studyName = caseId;
    m_sessionPath = QFileInfo(sessionPath).absoluteFilePath();
    m_readOnlyReason = readOnlyReason;
    if (m_document)
        m_document->setReadOnly(!readOnlyReason.isEmpty());
    updateTitle();
}

bool MainWindow::saveInteractively(bool chooseName)
{
    if (!documentExists(this) || !ensureReviewer())
        return false;
    QString path = m_sessionPath;
    if (chooseName || path.isEmpty()) {
        const QString suggestion = QDir(QFileInfo(m_imagePath).absolutePath()).filePath(m_studyName + QStringLiteral(".review.json"));
        path = QFileDialog::getSaveFileName(this, tr("Save review"), chooseName && !path.isEmpty() ? path : suggestion,
                                            tr("Review sessions (*.review.json)"));
        if (path.isEmpty())
            return false;
        if (!path.endsWith(QLatin1String(".review.json")))
            path += QStringLiteral(".review.json");
    }
    QString error;
    if (saveSession(path, &error))
        return true;
    QMessageBox::critical(this, tr("Cannot save"), tr("The review was not saved (an earlier save is intact):\n%1").arg(error));
    return false;
}

void MainWindow::setReviewer(const QString& name, bool remember)
{
    m_reviewer = name;
    if (remember)
        QSettings().setValue(QStringLiteral("reviewer/name"), name);
    if (m_document)
        m_document->setReviewer(name.toStdString());
}

bool MainWindow::ensureReviewer()
{
    if (!m_reviewer.isEmpty())
        return true;
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Reviewer"),
                                               tr("Your name, recorded with every change you make (asked once):"),
                                               QLineEdit::Normal, qEnvironmentVariable("USER"), &ok);
    if (!ok || name.trimmed().isEmpty())
        return false;
    setReviewer(name.trimmed());
    return true;
}

void MainWindow::setAutosaveInterval(int seconds)
{
    if (seconds > 0)
        m_autosaveTimer.start(seconds * 1000);
    else
        m_autosaveTimer.stop();
}

QString MainWindow::recoveryPath() const { return m_document ? recoveryFileFor(m_studyName) : QString(); }

bool MainWindow::autosaveNow()
{
    if (!isModified())
        return false;
    const QString path = recoveryPath();
    QDir().mkpath(QFileInfo(path).absolutePath());
    try {
        saveReviewSession(*m_document, path.toStdString());
    } catch (const std::exception& exception) {
        statusBar()->showMessage(tr("Autosave failed: %1").arg(QString::fromStdString(exception.what())), 8000);
        return false;
    }
    statusBar()->showMessage(tr("Autosaved to %1").arg(path), 3000);
    return true;
}

bool MainWindow::restoreRecovery(const QString& jsonPath, QString* error)
{
    if (!openSession(jsonPath, error))
        return false;
    m_sessionPath.clear();  // the recovery file is not the user's session: Save asks where
    m_restoredUnsaved = true;
    updateTitle();
    return true;
}

bool MainWindow::maybeSaveBeforeDiscarding()
{
    if (!isModified())
        return true;
    const auto answer = QMessageBox::question(this, tr("Unsaved changes"),
                                              tr("The review of %1 has unsaved changes. Save them?").arg(m_studyName),
                                              QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Cancel)
        return false;
    if (answer == QMessageBox::Save && !saveInteractively(false))
        return false;
    removeRecoveryFile(recoveryPath());
    return true;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!maybeSaveBeforeDiscarding()) {
        event->ignore();
        return;
    }
    if (m_document)
        removeRecoveryFile(recoveryPath());
    if (m_projectWorkspace)
        m_projectWorkspace->closeCase();  // releases the case's lock
    event->accept();
}

void MainWindow::updateTitle()
{
    if (m_document && m_document->isReadOnly())
        setWindowTitle(tr("lnseg review - %1 (%2)[*]").arg(m_studyName, m_readOnlyReason));
    else
        setWindowTitle(m_document ? tr("lnseg review - %1[*]").arg(m_studyName) : tr("lnseg review"));
    setWindowModified(isModified());
}

// ---- Review ----

QString MainWindow::reviewCounterText() const
{
    if (!m_document)
        return {};
    return tr("%1 of %n reviewed", nullptr, int(m_document->nodes().size())).arg(m_document->reviewedCount());
}

void MainWindow::updateCounter() { m_counterLabel->setText(reviewCounterText()); }

void MainWindow::selectNode(std::uint16_t label, bool centreViews)
{
    const int row = m_nodeModel->rowOf(label);
    if (row < 0) {
        m_currentNode = 0;
        for (SliceView* view : {m_axial, m_coronal, m_sagittal})
            view->setActiveNode(0);
        updateLevelActions();
        return;
    }
    m_currentNode = label;
    updateLevelActions();
    for (SliceView* view : {m_axial, m_coronal, m_sagittal})
        view->setActiveNode(label);
    const QModelIndex index = m_nodeProxy->mapFromSource(m_nodeModel->index(row, 0));
    {
        const QSignalBlocker blocker(m_nodeTable->selectionModel());
        m_nodeTable->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    }
    m_nodeTable->viewport()->update();
    m_nodeTable->scrollTo(index);
    const NodeRecord* node = m_document->findNode(label);
    if (!centreViews || !node || node->measurement.voxelCount == 0)
        return;
    // Zoom so that the field of view is about eight node diameters.
    const ImageGeometry geometry = m_document->image().geometry();
    const double field = std::max(geometry.size[0] * geometry.spacing[0], geometry.size[1] * geometry.spacing[1]);
    const double zoom = std::clamp(field / (8.0 * std::max(node->measurement.longAxisMm, 8.0)), 2.0, 8.0);
    m_synchronizer->centreOn(node->measurement.centre, zoom);
}

void MainWindow::tableCurrentChanged()
{
    const QModelIndex index = m_nodeTable->selectionModel()->currentIndex();
    if (index.isValid())
        selectNode(std::uint16_t(index.data(NodeTableModel::LabelRole).toInt()), true);
}

void MainWindow::goToUnreviewed(bool forward)
{
    if (!m_document)
        return;
    const std::uint16_t next = m_document->nextUnreviewed(m_currentNode, forward);
    if (!next) {
        statusBar()->showMessage(tr("Every node is reviewed"), 3000);
        return;
    }
    selectNode(next, true);
}

void MainWindow::setCurrentStatus(int status)
{
    if (m_document && m_currentNode && ensureReviewer())
        m_document->setStatus(m_currentNode, NodeStatus(status));
}

void MainWindow::setCurrentLevel(int level)
{
    if (m_document && m_currentNode && ensureReviewer())
        m_document->setLevel(m_currentNode, NodeLevel(level));
}

void MainWindow::setCurrentSide(int side)
{
    if (m_document && m_currentNode && ensureReviewer())
        m_document->setSide(m_currentNode, NodeSide(side));
}

// ---- Editing ----

void MainWindow::setEditTool(EditTool tool)
{
    for (SliceView* view : {m_axial, m_coronal, m_sagittal})
        view->setEditTool(tool);
    for (QAction* action : m_toolActions)
        if (action->isCheckable())
            action->setChecked(action->data().toInt() == int(tool));
}

void MainWindow::newNode()
{
    if (!documentExists(this) || !ensureReviewer())
        return;
    const std::uint16_t label = m_document->createNode();
    selectNode(label, false);
    setEditTool(EditTool::Brush);
    statusBar()->showMessage(tr("Node %1 created: paint it with the brush or draw a contour").arg(label), 5000);
}

void MainWindow::deleteCurrentNode()
{
    if (!m_document || !m_currentNode || !ensureReviewer())
        return;
    const std::uint16_t label = m_currentNode;
    const std::uint16_t next = m_document->nextUnreviewed(label, true);
    m_document->deleteNode(label);
    selectNode(next != label ? next : 0, false);
}

void MainWindow::mergeCurrentNode()
{
    if (!m_document || !m_currentNode || !ensureReviewer())
        return;
    QStringList others;
    for (const NodeRecord& node : m_document->nodes())
        if (node.label != m_currentNode)
            others << tr("%1 (level %2, %3)").arg(node.label).arg(levelName(node.level), sideName(node.side));
    if (others.isEmpty())
        return;
    bool ok = false;
    const QString choice = QInputDialog::getItem(this, tr("Merge nodes"),
                                                 tr("Merge into node %1 the node:").arg(m_currentNode), others, 0, false, &ok);
    if (!ok)
        return;
    m_document->mergeNodes(m_currentNode, std::uint16_t(choice.section(QLatin1Char(' '), 0, 0).toInt()));
}

void MainWindow::splitCurrentNode()
{
    if (!m_document || !m_currentNode || !ensureReviewer())
        return;
    const std::vector<std::uint16_t> parts = m_document->splitNode(m_currentNode);
    statusBar()->showMessage(parts.size() > 1 ? tr("Node %1 split into %n parts", nullptr, int(parts.size())).arg(m_currentNode)
                                              : tr("Node %1 is one connected part").arg(m_currentNode),
                             5000);
}

void MainWindow::interpolateCurrentNode()
{
    if (!m_document || !m_currentNode || !ensureReviewer())
        return;
    m_document->interpolateBetweenSlices(m_currentNode, m_axial->sliceLayout().normalAxis);
}

// ---- Opening interactively ----

void MainWindow::openInteractively()
{
    if (!maybeSaveBeforeDiscarding())
        return;
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open CT image or review"), QString(),
        tr("Images and reviews (*.nii *.nii.gz *.nrrd *.mha *.mhd *.dcm *.review.json);;All files (*)"));
    QString error;
    if (!path.isEmpty() && !openPath(path, &error))
        QMessageBox::warning(this, tr("Cannot open"), error);
}

void MainWindow::openFolderInteractively()
{
    if (!maybeSaveBeforeDiscarding())
        return;
    const QString path = QFileDialog::getExistingDirectory(this, tr("Open DICOM folder"));
    QString error;
    if (!path.isEmpty() && !openPath(path, &error))
        QMessageBox::warning(this, tr("Cannot open DICOM folder"), error);
}

void MainWindow::openLabelsInteractively()
{
    if (!documentExists(this) || !maybeSaveBeforeDiscarding())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open label map"), QString(),
                                                      tr("Images (*.nii *.nii.gz *.nrrd *.seg.nrrd *.mha *.mhd)"));
    if (path.isEmpty())
        return;
    try {
        m_document->resetLabels(readLabelMapFor(path.toStdString(), m_document->image().geometry()), {});
    } catch (const std::exception& exception) {
        QMessageBox::warning(this, tr("Cannot open label map"), QString::fromStdString(exception.what()));
    }
}

// ---- Status bar and screenshots ----

void MainWindow::showCursorSample(const CursorSample& sample)
{
    QString text = tr("LPS (%1, %2, %3) mm   voxel [%4, %5, %6]   %7 HU")
                       .arg(sample.world[0], 0, 'f', 1).arg(sample.world[1], 0, 'f', 1).arg(sample.world[2], 0, 'f', 1)
                       .arg(sample.index[0]).arg(sample.index[1]).arg(sample.index[2])
                       .arg(sample.value);
    if (sample.label)
        text += tr("   node %1").arg(sample.label);
    m_cursorLabel->setText(text);
}

void MainWindow::showOverlayStyle(const OverlayStyle& style)
{
    m_showLabelsAction->setChecked(style.visible);
    m_outlineAction->setChecked(style.outline);
}

SliceView* MainWindow::sliceView(SlicePlane plane) const
{
    switch (plane) {
    case SlicePlane::Axial: return m_axial;
    case SlicePlane::Coronal: return m_coronal;
    case SlicePlane::Sagittal: return m_sagittal;
    }
    return m_axial;
}

QImage MainWindow::renderScreenshot()
{
    QImage image = grab().toImage();
    // QWidget::grab may leave the OpenGL view blank on some platforms: paint its framebuffer
    // over it explicitly.
    if (m_surfaceView->isVisible() && m_surfaceView->hasRenderContext()) {
        QPainter painter(&image);
        const QPoint topLeft = m_surfaceView->mapTo(this, QPoint(0, 0));
        painter.drawImage(QRect(topLeft, m_surfaceView->size()), m_surfaceView->grabFramebuffer());
    }
    return image;
}

}  // namespace lnseg
