// The review workstation driven in-process through real mouse and key events (run under
// xvfb-run): painting with undo/redo (voxel-exact), the keyboard review queue, the node table,
// saving and reopening, an interrupted save, autosave and restore, the demo study.

#include "SyntheticReviewStudy.h"

#include "SliceView.h"
#include "ViewSynchronizer.h"
#include "io/ImageFileIO.h"
#include "review/MainWindow.h"
#include "review/NodeTableModel.h"
#include "review/ReviewDocument.h"
#include "review/ReviewSessionFile.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>
#include <QTableView>
#include <QtTest/QtTest>

#include <fstream>
#include <memory>

using namespace lnseg;

namespace {

std::vector<std::uint16_t> snapshot(const LabelMap& labels)
{
    return std::vector<std::uint16_t>(labels.data(), labels.data() + labels.voxelCount());
}

}  // namespace

class ReviewWorkflowTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void opensWithProposals();
    void paintUndoRedoIsVoxelExact();
    void eraserAndContourInEachView();
    void reviewFromKeyboard();
    void tableClickCentresViews();
    void tableEditsLevel();
    void saveThenReopenIsIdentical();
    void interruptedSaveKeepsPreviousSave();
    void autosaveAndRestore();
    void brushRedrawsOnlyCrossedViews();
    void demoStudyWithGroundTruthNodes();

private:
    std::unique_ptr<MainWindow> openWindow();
    QTemporaryDir m_folder;
    QString m_imagePath;
    testing::SyntheticReviewStudy m_study;
    std::unique_ptr<MainWindow> m_window;
};

void ReviewWorkflowTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);  // settings and recovery files in a test location
    qputenv("LNSEG_REVIEWER", "dr.test");
    QVERIFY(m_folder.isValid());
    m_study = testing::makeSyntheticReviewStudy();
    QCOMPARE(m_study.proposals.nodes.size(), std::size_t(4));
    m_imagePath = m_folder.filePath(QStringLiteral("neck.nii.gz"));
    writeImage(m_study.image, m_imagePath.toStdString());
    QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).removeRecursively();
    if (qEnvironmentVariableIsSet("LNSEG_KEEP_STUDY_DIR")) {
        // For screenshots: the study and a session with proposals, kept.
        const QDir keep(qEnvironmentVariable("LNSEG_KEEP_STUDY_DIR"));
        QDir().mkpath(keep.path());
        writeImage(m_study.image, keep.filePath(QStringLiteral("neck.nii.gz")).toStdString());
        ReviewDocument document(std::make_shared<const Volume>(m_study.image));
        document.setSource({keep.filePath(QStringLiteral("neck.nii.gz")).toStdString(), {}, {}});
        document.setReviewer("dr.test");
        document.addProposals(m_study.proposals, "snet-demo");
        document.setStatus(1, NodeStatus::Accepted);
        document.setLevel(1, NodeLevel::IIA);
        document.setSide(1, NodeSide::Right);
        document.setStatus(2, NodeStatus::Rejected);
        document.setLevel(3, NodeLevel::III);
        saveReviewSession(document, keep.filePath(QStringLiteral("neck.review.json")).toStdString());
    }
}

std::unique_ptr<MainWindow> ReviewWorkflowTest::openWindow()
{
    auto window = std::make_unique<MainWindow>();
    window->setAutosaveInterval(0);
    window->viewLayout()->setArrangement(ViewArrangement::OneByThree);
    window->resize(1400, 800);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    return window;
}

void ReviewWorkflowTest::init()
{
    m_window = openWindow();
    QVERIFY(m_window);
    QString error;
    QVERIFY2(m_window->openPath(m_imagePath, &error), qPrintable(error));
    QCOMPARE(m_window->document()->addProposals(m_study.proposals, "snet-test"), std::size_t(4));
    m_window->document()->undoStack().setClean();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
}

void ReviewWorkflowTest::cleanup()
{
    if (m_window && m_window->document())
        m_window->document()->undoStack().setClean();  // no "save changes?" when closing
    m_window.reset();
}

void ReviewWorkflowTest::opensWithProposals()
{
    QCOMPARE(m_window->nodeTableModel()->rowCount(), 4);
    QCOMPARE(m_window->reviewCounterText(), QStringLiteral("0 of 4 reviewed"));
    QVERIFY(!m_window->isModified());
    // The largest node (7 mm radius) is enlarged: marked bold and red with a tooltip.
    const NodeTableModel* model = m_window->nodeTableModel();
    int enlarged = 0;
    for (int row = 0; row < model->rowCount(); ++row)
        enlarged += model->data(model->index(row, NodeTableModel::ShortAxis), Qt::ToolTipRole).toString().contains(QStringLiteral("Enlarged"));
    QCOMPARE(enlarged, 2);
}

void ReviewWorkflowTest::paintUndoRedoIsVoxelExact()
{
    ReviewDocument* document = m_window->document();
    SliceView* axial = m_window->sliceView(SlicePlane::Axial);
    m_window->selectNode(2, true);
    m_window->setEditTool(EditTool::Brush);
    const auto before = snapshot(document->labels());
    const NodeRecord nodeBefore = *document->findNode(2);
    const int undoBefore = document->undoStack().count();
    const Vector3 centre = axial->sliceLayout().slicePosition(document->image().geometry().worldToIndex(axial->crosshair()));
    const QPoint start = axial->widgetPosition(centre[0] + 4, centre[1]).toPoint();
    QTest::mousePress(axial, Qt::LeftButton, Qt::NoModifier, start);
    for (int step = 1; step <= 8; ++step)
        QTest::mouseMove(axial, start + QPoint(step * 4, step * 2));
    QTest::mouseRelease(axial, Qt::LeftButton, Qt::NoModifier, start + QPoint(32, 16));
    const auto after = snapshot(document->labels());
    QVERIFY(after != before);
    QCOMPARE(document->undoStack().count(), undoBefore + 1);  // one stroke, one undo step
    QVERIFY(document->findNode(2)->status == NodeStatus::Edited);
    QVERIFY(document->findNode(2)->measurement.voxelCount > nodeBefore.measurement.voxelCount);
    QVERIFY(m_window->isModified());
    QVERIFY(m_window->windowTitle().contains(QStringLiteral("[*]")) && m_window->isWindowModified());

    QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(snapshot(document->labels()) == before);
    QVERIFY(*document->findNode(2) == nodeBefore);
    QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(snapshot(document->labels()) == after);
    QCOMPARE(document->findNode(2)->modifiedBy, std::string("dr.test"));
}

void ReviewWorkflowTest::eraserAndContourInEachView()
{
    ReviewDocument* document = m_window->document();
    m_window->selectNode(1, true);
    const std::size_t voxels = document->findNode(1)->measurement.voxelCount;
    // Erase in the coronal view through the node centre.
    SliceView* coronal = m_window->sliceView(SlicePlane::Coronal);
    m_window->setEditTool(EditTool::Eraser);
    const Vector3 position = coronal->sliceLayout().slicePosition(document->image().geometry().worldToIndex(coronal->crosshair()));
    const QPoint centre = coronal->widgetPosition(position[0], position[1]).toPoint();
    QTest::mousePress(coronal, Qt::LeftButton, Qt::NoModifier, centre);
    QTest::mouseRelease(coronal, Qt::LeftButton, Qt::NoModifier, centre);
    QVERIFY(document->findNode(1)->measurement.voxelCount < voxels);
    // A polygon of clicked corners, closed by a double click, in the sagittal view: a new node
    // (none current) is created and filled.
    m_window->selectNode(0, false);
    m_window->setEditTool(EditTool::Contour);
    SliceView* sagittal = m_window->sliceView(SlicePlane::Sagittal);
    const std::size_t nodeCount = document->nodes().size();
    const QPointF corners[] = {{10, 5}, {20, 5}, {20, 12}, {10, 12}};
    for (const QPointF& corner : corners) {
        const QPoint point = sagittal->widgetPosition(corner.x(), corner.y()).toPoint();
        QTest::mouseClick(sagittal, Qt::LeftButton, Qt::NoModifier, point);
    }
    QTest::mouseDClick(sagittal, Qt::LeftButton, Qt::NoModifier, sagittal->widgetPosition(10, 12).toPoint());
    QCOMPARE(document->nodes().size(), nodeCount + 1);
    const NodeRecord& drawn = document->nodes().back();
    QVERIFY2(drawn.measurement.voxelCount >= 40, qPrintable(QString::number(drawn.measurement.voxelCount)));
    QCOMPARE(m_window->currentNode(), drawn.label);
}

void ReviewWorkflowTest::reviewFromKeyboard()
{
    ReviewDocument* document = m_window->document();
    m_window->sliceView(SlicePlane::Axial)->setFocus();
    QTest::keyClick(m_window.get(), Qt::Key_N);
    const std::uint16_t first = m_window->currentNode();
    QCOMPARE(first, document->nextUnreviewed(0));
    QVERIFY(first != 0);
    QTest::keyClick(m_window.get(), Qt::Key_A);
    QVERIFY(document->findNode(first)->status == NodeStatus::Accepted);
    QTest::keyClick(m_window.get(), Qt::Key_3);
    QVERIFY(document->findNode(first)->level == NodeLevel::IIA);
    QTest::keyClick(m_window.get(), Qt::Key_L, Qt::ShiftModifier);
    QVERIFY(document->findNode(first)->side == NodeSide::Left);
    QCOMPARE(m_window->reviewCounterText(), QStringLiteral("1 of 4 reviewed"));

    QTest::keyClick(m_window.get(), Qt::Key_N);
    const std::uint16_t second = m_window->currentNode();
    QVERIFY(second != first);
    QTest::keyClick(m_window.get(), Qt::Key_X);
    QVERIFY(document->findNode(second)->status == NodeStatus::Rejected);
    QTest::keyClick(m_window.get(), Qt::Key_P);
    QVERIFY(document->findNode(second)->level == NodeLevel::RP);
    QCOMPARE(m_window->reviewCounterText(), QStringLiteral("2 of 4 reviewed"));
    QCOMPARE(document->findNode(second)->modifiedBy, std::string("dr.test"));
    // Every review step is undoable.
    QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
    QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(document->findNode(second)->status == NodeStatus::Proposed);
    QCOMPARE(m_window->reviewCounterText(), QStringLiteral("1 of 4 reviewed"));
}

void ReviewWorkflowTest::tableClickCentresViews()
{
    QTableView* table = m_window->nodeTable();
    const ReviewDocument* document = m_window->document();
    for (std::uint16_t label : {std::uint16_t(3), std::uint16_t(1)}) {
        int row = -1;
        for (int r = 0; r < table->model()->rowCount(); ++r)
            if (table->model()->index(r, 0).data(NodeTableModel::LabelRole).toInt() == label)
                row = r;
        QVERIFY(row >= 0);
        const QRect cell = table->visualRect(table->model()->index(row, NodeTableModel::Volume));
        QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier, cell.center());
        QCOMPARE(m_window->currentNode(), label);
        const Vector3 centre = document->findNode(label)->measurement.centre;
        for (SlicePlane plane : {SlicePlane::Axial, SlicePlane::Coronal, SlicePlane::Sagittal}) {
            SliceView* view = m_window->sliceView(plane);
            const Vector3 crosshair = view->crosshair();
            QVERIFY(std::abs(crosshair[0] - centre[0]) + std::abs(crosshair[1] - centre[1]) + std::abs(crosshair[2] - centre[2]) < 1e-6);
            QVERIFY(view->zoom() > 1.0);
            // The node is in the middle of the view.
            const Vector3 position = view->sliceLayout().slicePosition(document->image().geometry().worldToIndex(centre));
            const QPointF shown = view->widgetPosition(position[0], position[1]);
            QVERIFY(std::abs(shown.x() - view->width() / 2.0) < 2 && std::abs(shown.y() - view->height() / 2.0) < 2);
        }
    }
}

void ReviewWorkflowTest::tableEditsLevel()
{
    NodeTableModel* model = m_window->nodeTableModel();
    const int row = model->rowOf(4);
    QVERIFY(model->setData(model->index(row, NodeTableModel::Level), int(NodeLevel::IV), Qt::EditRole));
    QVERIFY(model->setData(model->index(row, NodeTableModel::Side), int(NodeSide::Right), Qt::EditRole));
    QVERIFY(m_window->document()->findNode(4)->level == NodeLevel::IV);
    QVERIFY(m_window->document()->findNode(4)->side == NodeSide::Right);
    QCOMPARE(model->data(model->index(row, NodeTableModel::Level), Qt::DisplayRole).toString(), QStringLiteral("IV"));
    m_window->document()->undoStack().undo();
    QVERIFY(m_window->document()->findNode(4)->side == NodeSide::Unassigned);
}

void ReviewWorkflowTest::saveThenReopenIsIdentical()
{
    ReviewDocument* document = m_window->document();
    document->setStatus(1, NodeStatus::Accepted);
    document->setLevel(1, NodeLevel::IB);
    document->deleteNode(2);
    const std::uint16_t drawn = document->createNode();
    document->fillPolygon(2, 10, {{5, 5}, {15, 5}, {15, 12}, {5, 12}}, drawn);
    const QString path = m_folder.filePath(QStringLiteral("saved/neck.review.json"));
    QDir().mkpath(QFileInfo(path).path());
    QString error;
    QVERIFY2(m_window->saveSession(path, &error), qPrintable(error));
    QVERIFY(!m_window->isModified());

    auto reopened = openWindow();
    QVERIFY2(reopened->openPath(path, &error), qPrintable(error));
    QVERIFY(snapshot(reopened->document()->labels()) == snapshot(document->labels()));
    QCOMPARE(reopened->document()->nodes().size(), document->nodes().size());
    for (std::size_t i = 0; i < document->nodes().size(); ++i)
        QVERIFY(reopened->document()->nodes()[i] == document->nodes()[i]);
    QCOMPARE(reopened->sessionPath(), QFileInfo(path).absoluteFilePath());
    QCOMPARE(reopened->reviewCounterText(), m_window->reviewCounterText());
}

void ReviewWorkflowTest::interruptedSaveKeepsPreviousSave()
{
    ReviewDocument* document = m_window->document();
    const QString folder = m_folder.filePath(QStringLiteral("interrupted"));
    QDir().mkpath(folder);
    const QString path = folder + QStringLiteral("/neck.review.json");
    QString error;
    document->setStatus(3, NodeStatus::Accepted);
    QVERIFY2(m_window->saveSession(path, &error), qPrintable(error));
    const auto savedLabels = snapshot(document->labels());
    const std::vector<NodeRecord> savedNodes = document->nodes();

    document->deleteNode(1);
    document->setStatus(4, NodeStatus::Rejected);
    // A writer that dies half-way: a partial label map and a partial JSON in temporary files,
    // then an error (as a full disk or a kill would leave them).
    m_window->setSessionWriter([folder](const ReviewDocument&, const std::string&) {
        std::ofstream(folder.toStdString() + "/neck.labels-999.nii.gz") << "\x1f\x8b partial";
        std::ofstream(folder.toStdString() + "/neck.review.json.tmp-123") << "{\"format\": \"lnseg-rev";
        throw std::runtime_error("disk full");
    });
    QVERIFY(!m_window->saveSession(path, &error));
    QVERIFY(error.contains(QStringLiteral("disk full")));
    QVERIFY(m_window->isModified());  // the changes are still unsaved

    const ReviewSessionContents previous = loadReviewSession(path.toStdString(), document->image().geometry());
    QVERIFY(snapshot(previous.labels) == savedLabels);
    QCOMPARE(previous.nodes.size(), savedNodes.size());
    for (std::size_t i = 0; i < savedNodes.size(); ++i) {
        NodeRecord loaded = previous.nodes[i];
        loaded.measurement = savedNodes[i].measurement;  // measurements are recomputed on opening
        QVERIFY(loaded == savedNodes[i]);
    }
    // And the real writer still works afterwards.
    m_window->setSessionWriter([](const ReviewDocument& d, const std::string& p) { saveReviewSession(d, p); });
    QVERIFY2(m_window->saveSession(path, &error), qPrintable(error));
}

void ReviewWorkflowTest::autosaveAndRestore()
{
    ReviewDocument* document = m_window->document();
    QVERIFY(!m_window->autosaveNow());  // nothing to save
    document->setStatus(2, NodeStatus::Accepted);
    m_window->selectNode(2, true);
    m_window->setEditTool(EditTool::Brush);
    SliceView* axial = m_window->sliceView(SlicePlane::Axial);
    const QPoint point(axial->width() / 2 + 80, axial->height() / 2);  // beside the node: background
    QTest::mousePress(axial, Qt::LeftButton, Qt::NoModifier, point);
    QTest::mouseRelease(axial, Qt::LeftButton, Qt::NoModifier, point);
    // The timer path: a short interval writes the recovery file.
    m_window->setAutosaveInterval(1);
    const QString recovery = m_window->recoveryPath();
    QVERIFY(recovery.startsWith(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/recovery/")));
    QVERIFY(m_window->document()->findNode(2)->status == NodeStatus::Edited);
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(recovery), 5000);
    m_window->setAutosaveInterval(0);

    auto restored = openWindow();
    QString error;
    QVERIFY2(restored->restoreRecovery(recovery, &error), qPrintable(error));
    QVERIFY(snapshot(restored->document()->labels()) == snapshot(document->labels()));
    QVERIFY(restored->document()->findNode(2)->status == NodeStatus::Edited);
    QVERIFY(restored->isModified());  // restored changes are not saved anywhere yet
    QVERIFY(restored->sessionPath().isEmpty());
    // Saving the restored review removes the recovery file.
    QVERIFY2(restored->saveSession(m_folder.filePath(QStringLiteral("restored.review.json")), &error), qPrintable(error));
    QVERIFY(!QFileInfo::exists(recovery));
}

void ReviewWorkflowTest::brushRedrawsOnlyCrossedViews()
{
    ReviewDocument* document = m_window->document();
    m_window->selectNode(1, true);
    QApplication::processEvents();
    SliceView* axial = m_window->sliceView(SlicePlane::Axial);
    SliceView* coronal = m_window->sliceView(SlicePlane::Coronal);
    SliceView* sagittal = m_window->sliceView(SlicePlane::Sagittal);
    for (SliceView* view : {axial, coronal, sagittal})
        view->sliceImage();  // up to date
    const int axialBefore = axial->imageRebuildCount(), coronalBefore = coronal->imageRebuildCount(),
              sagittalBefore = sagittal->imageRebuildCount();
    // A dab far from the crosshair's coronal and sagittal slices.
    const Vector3 index = document->image().geometry().worldToIndex(axial->crosshair());
    document->beginStroke(1, false);
    document->paintDab(2, {index[0] + 25, index[1] + 25, index[2]}, 2.0);
    for (SliceView* view : {axial, coronal, sagittal})
        view->sliceImage();
    QCOMPARE(axial->imageRebuildCount(), axialBefore + 1);
    QCOMPARE(coronal->imageRebuildCount(), coronalBefore);
    QCOMPARE(sagittal->imageRebuildCount(), sagittalBefore);
    document->endStroke();
}

void ReviewWorkflowTest::demoStudyWithGroundTruthNodes()
{
    QTemporaryDir demo;
    writeImage(m_study.image, demo.filePath(QStringLiteral("demo_image.nii.gz")).toStdString());
    writeImage(m_study.proposals.labels, demo.filePath(QStringLiteral("demo_labels.nii.gz")).toStdString());
    std::ofstream(demo.filePath(QStringLiteral("demo_nodes.json")).toStdString())
        << R"([{"id": 1, "level": "IIA", "side": "left"}, {"id": 2, "level": "III", "side": "right"},
               {"id": 3, "level": "IB", "side": "left"}, {"id": 4, "level": "IV", "side": "right"}])";
    qputenv("LNSEG_DEMO_DIR", demo.path().toUtf8());
    QString error;
    QVERIFY2(m_window->openDemo(&error), qPrintable(error));
    const ReviewDocument* document = m_window->document();
    QCOMPARE(document->nodes().size(), std::size_t(4));
    QVERIFY(document->findNode(1)->level == NodeLevel::IIA);
    QVERIFY(document->findNode(4)->side == NodeSide::Right);
    QVERIFY(document->findNode(3)->status == NodeStatus::Accepted);
    QVERIFY(document->findNode(3)->proposedByModel.empty());
    QCOMPARE(m_window->reviewCounterText(), QStringLiteral("4 of 4 reviewed"));
    qputenv("LNSEG_DEMO_DIR", QByteArray("/nonexistent-lnseg-demo"));
    qputenv("HOME", QByteArray("/nonexistent-lnseg-home"));
    QVERIFY(!m_window->openDemo(&error));
    QVERIFY(error.contains(QStringLiteral("lnseg demo")));
}

int main(int argc, char** argv)
{
    QSurfaceFormat format;
    format.setVersion(3, 2);
    format.setProfile(QSurfaceFormat::CoreProfile);
    format.setSamples(0);
    QSurfaceFormat::setDefaultFormat(format);
    QApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication application(argc, argv);
    QApplication::setApplicationName(QStringLiteral("lnseg-review-test"));
    ReviewWorkflowTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "test_review_workflow.moc"
