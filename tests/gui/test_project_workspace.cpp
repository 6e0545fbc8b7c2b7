// A project in the review window (run under xvfb-run): the browser lists the cases with their
// states; "open next" opens a case for review, saving it moves it to In progress and refreshes its
// node counts; review, approval and return follow the project's rules; a case someone else holds
// opens read-only; the model list activates a model for proposals; and the training panel trains
// on the approved cases in the background and registers the result.
#include "export/Export.h"
#include "io/ImageFileIO.h"
#include "review/ExportDialog.h"
#include "phantom/NeckPhantom.h"
#include "project/CaseLock.h"
#include "project/ModelRegistry.h"
#include "project/Project.h"
#include "review/MainWindow.h"
#include "review/ModelListPanel.h"
#include "review/ProjectBrowser.h"
#include "review/ProjectWorkspace.h"
#include "review/ReviewDocument.h"
#include "review/TrainingPanel.h"
#include "review/TrainingRunner.h"

#include <QComboBox>
#include <QDir>
#include <QTimer>
#include <QLineEdit>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QDockWidget>
#include <QtTest/QtTest>

#include <filesystem>
#include <unistd.h>

using namespace lnseg;

namespace {

// Where the test writes pictures for the README when LNSEG_SCREENSHOT_DIR is set.
void saveScreenshot(MainWindow& window, const char* name)
{
    const QString folder = qEnvironmentVariable("LNSEG_SCREENSHOT_DIR");
    if (folder.isEmpty())
        return;
    const QImage image = window.renderScreenshot();
    QVERIFY(image.save(QDir(folder).filePath(QString::fromLatin1(name))));
}

}  // namespace

class ProjectWorkspaceTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void browsesReviewsAndApproves();
    void viewsKeepTheirRoomBesideTheProjectDock();
    void caseHeldByAnotherUserOpensReadOnly();
    void trainsFromThePanelAndRegisters();

private:
    std::unique_ptr<MainWindow> openWindow();
    QTemporaryDir m_folder;
    QString m_projectFolder;
};

void ProjectWorkspaceTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
    qputenv("LNSEG_USER", "lead");
    m_projectFolder = m_folder.filePath(QStringLiteral("project"));
    project::Project project = project::Project::create(m_projectFolder.toStdString(), "Neck nodes", "lead");
    for (int number = 0; number < 4; ++number) {
        PhantomOptions options = PhantomOptions::small(7100 + number, 96, 96, 16);
        const PhantomCase phantom = generateNeckPhantom(options, "case" + std::to_string(number));
        const std::string image = m_folder.filePath(QStringLiteral("p%1_image.nii.gz").arg(number)).toStdString();
        const std::string labels = m_folder.filePath(QStringLiteral("p%1_labels.nii.gz").arg(number)).toStdString();
        writeImage(phantom.image, image);
        writeImage(phantom.labels, labels);
        project::AddCaseOptions add;
        add.labelsPath = labels;
        add.patientId = "patient-" + std::to_string(number);
        project.addCase(image, add);
    }
    QCOMPARE(project.manifest().cases.size(), std::size_t(4));
}

std::unique_ptr<MainWindow> ProjectWorkspaceTest::openWindow()
{
    auto window = std::make_unique<MainWindow>();
    window->setAutosaveInterval(0);
    window->setReviewer(QStringLiteral("lead"), false);
    window->resize(1500, 900);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    QString error;
    if (!window->openProject(m_projectFolder, &error)) {
        qWarning("%s", qPrintable(error));
        return nullptr;
    }
    return window;
}

// Issue 13: with the project dock open, the three slice views of the 1 x 3 layout shrank to
// ~190 px columns of a 1400 px window. The project dock now shares the node table's column as a
// tab (in front until a case opens, then the case's nodes are), so each view keeps over a fifth
// of the window.
void ProjectWorkspaceTest::viewsKeepTheirRoomBesideTheProjectDock()
{
    auto window = openWindow();
    QVERIFY(window);
    window->resize(1400, 900);
    window->viewLayout()->setArrangement(ViewArrangement::OneByThree);
    QDockWidget* projectDock = window->projectWorkspace()->dock();
    auto* nodesDock = window->findChild<QDockWidget*>(QStringLiteral("nodesDock"));
    QVERIFY(nodesDock);
    QTRY_VERIFY(window->tabifiedDockWidgets(projectDock).contains(nodesDock));
    QTRY_VERIFY(!projectDock->visibleRegion().isEmpty());  // the project's tab in front
    for (const SlicePlane plane : {SlicePlane::Axial, SlicePlane::Coronal, SlicePlane::Sagittal})
        QTRY_VERIFY2(window->sliceView(plane)->width() >= 1400 / 5,
                     qPrintable(QStringLiteral("%1 px").arg(window->sliceView(plane)->width())));
    // The project dock no longer needs ~455 px: its widest row of buttons fits a third of the window.
    QVERIFY2(projectDock->minimumSizeHint().width() <= 1400 / 3,
             qPrintable(QStringLiteral("%1 px").arg(projectDock->minimumSizeHint().width())));
    window->projectWorkspace()->browser()->openNext();
    QTRY_VERIFY(!nodesDock->visibleRegion().isEmpty());  // a case opened: its nodes in front
    QVERIFY(projectDock->visibleRegion().isEmpty());
    window->projectWorkspace()->closeCase();
}

void ProjectWorkspaceTest::browsesReviewsAndApproves()
{
    auto window = openWindow();
    QVERIFY(window);
    ProjectWorkspace* workspace = window->projectWorkspace();
    ProjectBrowser* browser = workspace->browser();
    QCOMPARE(browser->caseModel()->rowCount(), 4);
    browser->setFilter(ProjectCaseTableModel::Filter::Unreviewed);
    QCOMPARE(browser->caseModel()->rowCount(), 4);
    browser->setFilter(ProjectCaseTableModel::Filter::WaitingForApproval);
    QCOMPARE(browser->caseModel()->rowCount(), 0);
    browser->setFilter(ProjectCaseTableModel::Filter::All);

    // Open next: the first case waiting for review, locked by us.
    browser->openNext();
    QCOMPARE(workspace->openCaseId(), QStringLiteral("case-0001"));
    QVERIFY(!workspace->openCaseReadOnly());
    QVERIFY(window->document());
    QVERIFY(window->windowTitle().contains(QStringLiteral("case-0001")));
    project::Project* project = browser->project();
    const std::string caseFolder = project->caseFolder("case-0001");
    QVERIFY(project::CaseLock(caseFolder).holder().has_value());
    const QString lockColumn = browser->caseModel()->data(browser->caseModel()->index(0, ProjectCaseTableModel::LockColumn), Qt::DisplayRole).toString();
    QVERIFY2(lockColumn.startsWith(QStringLiteral("lead@")), qPrintable(lockColumn));
    saveScreenshot(*window, "project_browser.png");

    // Review: accept every node, save -> In progress with the counts refreshed.
    ReviewDocument* document = window->document();
    QVERIFY(!document->nodes().empty());
    for (const NodeRecord& node : std::vector<NodeRecord>(document->nodes()))
        document->setStatus(node.label, NodeStatus::Accepted);
    QString error;
    QVERIFY2(window->saveSession(window->sessionPath(), &error), qPrintable(error));
    const project::ProjectCase& saved = project->findCase("case-0001");
    QCOMPARE(saved.state, project::ReviewState::InProgress);
    QCOMPARE(saved.nodes.accepted, int(document->nodes().size()));
    QCOMPARE(saved.nodes.proposed, 0);
    QCOMPARE(saved.lastEditedBy, std::string("lead"));

    // Approving needs a reviewed case; returning needs a comment.
    browser->selectCase(QStringLiteral("case-0001"));
    QVERIFY(!browser->approveCurrent(&error));
    QVERIFY(!error.isEmpty());
    QVERIFY2(browser->markCurrentReviewed(&error), qPrintable(error));
    QVERIFY(!browser->returnCurrent(QString(), &error));
    QVERIFY2(browser->returnCurrent(QStringLiteral("check level IIB on the left"), &error), qPrintable(error));
    QCOMPARE(project->findCase("case-0001").state, project::ReviewState::Returned);
    QCOMPARE(project->findCase("case-0001").history.back().comment, std::string("check level IIB on the left"));
    QVERIFY2(browser->markCurrentReviewed(&error), qPrintable(error));
    browser->setFilter(ProjectCaseTableModel::Filter::WaitingForApproval);
    QCOMPARE(browser->caseModel()->rowCount(), 1);
    browser->selectCase(QStringLiteral("case-0001"));
    QVERIFY2(browser->approveCurrent(&error), qPrintable(error));
    QCOMPARE(project->findCase("case-0001").state, project::ReviewState::Approved);
    browser->setFilter(ProjectCaseTableModel::Filter::Approved);
    QCOMPARE(browser->caseModel()->rowCount(), 1);

    // The approved case exports (a node report here; the formats are tested in test_export).
    ExportRequest request;
    request.format = ExportFormat::Report;
    request.states = {project::ReviewState::Approved};
    request.options.outputFolder = m_folder.filePath(QStringLiteral("report")).toStdString();
    QString summary;
    QVERIFY2(workspace->exportProject(request, &summary, &error), qPrintable(error));
    QVERIFY2(summary.contains(QStringLiteral("1 case")), qPrintable(summary));
    QVERIFY(QFile::exists(m_folder.filePath(QStringLiteral("report/nodes.csv"))));
    QVERIFY(QFile::exists(m_folder.filePath(QStringLiteral("report.pseudonyms.json"))));
    request.options.outputFolder = m_folder.filePath(QStringLiteral("none")).toStdString();
    request.states = {project::ReviewState::Returned};
    QVERIFY(!workspace->exportProject(request, &summary, &error));
    QVERIFY2(error.contains(QStringLiteral("no case")), qPrintable(error));

    // In the background (as File > Export runs it): the call returns at once, the event loop
    // keeps running, a second export waits its turn, and the outcome arrives as a signal.
    QSignalSpy finished(workspace, &ProjectWorkspace::exportFinished);
    request.states = {project::ReviewState::Approved};
    request.format = ExportFormat::Nifti;
    request.options.outputFolder = m_folder.filePath(QStringLiteral("background")).toStdString();
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, [&] { ++ticks; });
    ticker.start(5);
    QVERIFY(workspace->startExport(request));
    QVERIFY(workspace->exportRunning());
    QVERIFY(!workspace->startExport(request));
    QVERIFY(finished.wait(60000));
    ticker.stop();
    QCOMPARE(finished.first().at(0).toBool(), true);
    QVERIFY2(finished.first().at(1).toString().contains(QStringLiteral("1 case")), qPrintable(finished.first().at(1).toString()));
    QVERIFY(!workspace->exportRunning());
    QVERIFY(ticks > 0);
    QVERIFY(QDir(m_folder.filePath(QStringLiteral("background"))).exists());
    // A failing background export reports why, and leaves nothing.
    request.states = {project::ReviewState::Returned};
    request.options.outputFolder = m_folder.filePath(QStringLiteral("background-none")).toStdString();
    QVERIFY(workspace->startExport(request));
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.last().at(0).toBool(), false);
    QVERIFY2(finished.last().at(1).toString().contains(QStringLiteral("no case")), qPrintable(finished.last().at(1).toString()));
    QVERIFY(!QDir(m_folder.filePath(QStringLiteral("background-none"))).exists());

    // Opening the next case releases the previous lock.
    browser->setFilter(ProjectCaseTableModel::Filter::All);
    browser->selectCase(QStringLiteral("case-0001"));
    browser->openNext();
    QCOMPARE(workspace->openCaseId(), QStringLiteral("case-0002"));
    QVERIFY(!project::CaseLock(caseFolder).holder().has_value());
    window->close();
    QVERIFY(!project::CaseLock(project->caseFolder("case-0002")).holder().has_value());
}

void ProjectWorkspaceTest::caseHeldByAnotherUserOpensReadOnly()
{
    // Another user (a live process on this host) holds case 3.
    const std::string caseFolder = (std::filesystem::path(m_projectFolder.toStdString()) / "cases" / "case-0003").string();
    project::CaseLock lock(caseFolder);
    project::LockOwner other = project::currentLockOwner("anna");
    other.pid = getppid();  // alive, and not us
    QVERIFY(lock.acquire(other).acquired);

    auto window = openWindow();
    QVERIFY(window);
    ProjectWorkspace* workspace = window->projectWorkspace();
    QString error, heldBy;
    QVERIFY2(workspace->openCase(QStringLiteral("case-0003"), &error, &heldBy), qPrintable(error));
    QVERIFY(workspace->openCaseReadOnly());
    QVERIFY2(heldBy.contains(QStringLiteral("anna")), qPrintable(heldBy));
    QVERIFY(window->windowTitle().contains(QStringLiteral("anna")));
    ReviewDocument* document = window->document();
    QVERIFY(document->isReadOnly());
    QCOMPARE(document->createNode(), std::uint16_t(0));
    QVERIFY(!window->saveSession(window->sessionPath(), &error));
    QVERIFY2(error.contains(QStringLiteral("read-only")), qPrintable(error));
    // Not stale: it cannot be taken over, and closing leaves anna's lock alone.
    QVERIFY(!workspace->openCaseLockIsStale());
    QVERIFY(!workspace->takeOverLock(&error));
    workspace->closeCase();
    QVERIFY(lock.holder().has_value());
    QCOMPARE(lock.holder()->user, std::string("anna"));
    QVERIFY(lock.release(other));

    // A lock left by a process that is gone (a crash) is stale: taken over, the case is editable.
    project::LockOwner crashed = project::currentLockOwner("bert");
    crashed.pid = 0x3fffffff;  // no such process
    QVERIFY(lock.acquire(crashed).acquired);
    QVERIFY2(workspace->openCase(QStringLiteral("case-0003"), &error, &heldBy), qPrintable(error));
    QVERIFY(workspace->openCaseReadOnly());
    QVERIFY(workspace->openCaseLockIsStale());
    QVERIFY2(workspace->takeOverLock(&error), qPrintable(error));
    QVERIFY(!workspace->openCaseReadOnly());
    QVERIFY(!window->document()->isReadOnly());
    QCOMPARE(lock.holder()->user, std::string("lead"));
    QVERIFY2(window->saveSession(window->sessionPath(), &error), qPrintable(error));
    workspace->closeCase();
    QVERIFY(!lock.holder().has_value());
}

void ProjectWorkspaceTest::trainsFromThePanelAndRegisters()
{
    // Approve cases 2-4 from the command of a study lead (the project's creator).
    {
        project::Project project = project::Project::open(m_projectFolder.toStdString());
        for (const char* id : {"case-0002", "case-0003", "case-0004"}) {
            if (project.findCase(id).state == project::ReviewState::New)
                project.setState(id, project::ReviewState::InProgress, "lead");
            if (project.findCase(id).state == project::ReviewState::InProgress)
                project.setState(id, project::ReviewState::Reviewed, "lead");
            project.setState(id, project::ReviewState::Approved, "lead");
        }
    }
    auto window = openWindow();
    QVERIFY(window);
    ProjectWorkspace* workspace = window->projectWorkspace();
    workspace->tabs()->setCurrentWidget(workspace->trainingPanel());
    TrainingPanel* panel = workspace->trainingPanel();
    panel->findChild<QComboBox*>(QStringLiteral("model"))->setCurrentIndex(0);
    panel->findChild<QSpinBox*>(QStringLiteral("epochs"))->setValue(2);
    panel->setStepsPerEpoch(2);
    panel->setValidationSlicesPerCase(3);
    panel->findChild<QSpinBox*>(QStringLiteral("batchSize"))->setValue(2);
    panel->findChild<QComboBox*>(QStringLiteral("device"))->setCurrentIndex(1);
    panel->findChild<QSpinBox*>(QStringLiteral("threads"))->setValue(1);

    const QString defaultModel = window->modelFile();
    QSignalSpy progress(panel->runner(), &TrainingRunner::progress);
    QSignalSpy ended(panel, &TrainingPanel::trainingEnded);
    panel->start();
    QVERIFY2(panel->running(), qPrintable(panel->statusText()));
    QTRY_VERIFY_WITH_TIMEOUT(progress.size() >= 3, 120000);
    saveScreenshot(*window, "training_panel.png");
    QTRY_VERIFY_WITH_TIMEOUT(ended.size() == 1, 240000);
    QVERIFY2(panel->statusText().startsWith(QStringLiteral("Finished")), qPrintable(panel->statusText()));

    // Registered with what it was trained on, and (the first model) active for proposals.
    const project::ModelRegistry registry = project::ModelRegistry::open(m_projectFolder.toStdString());
    QCOMPARE(registry.models().size(), std::size_t(1));
    const project::RegisteredModel& model = registry.models().front();
    QCOMPARE(model.author, std::string("lead"));
    QCOMPARE(model.architecture, std::string("snet"));
    // Every approved case is on one side of the patient-level split (case 1 was approved above).
    QCOMPARE(model.trainCases.size() + model.validationCases.size() + model.testCases.size(), std::size_t(4));
    QVERIFY(!model.trainCases.empty());
    QVERIFY(std::filesystem::exists(registry.modelPath(model)));
    QCOMPARE(registry.activeModelId(), model.id);
    ModelListPanel* models = workspace->modelList();
    QCOMPARE(models->table()->rowCount(), 1);
    QCOMPARE(window->modelFile(), QString::fromStdString(registry.modelPath(model)));
    QVERIFY(window->modelFile() != defaultModel);
}

QTEST_MAIN(ProjectWorkspaceTest)
#include "test_project_workspace.moc"
