// Level suggestions in the review window (issue 15): proposals get suggested levels shown as
// suggested ("III?", italic, tooltip with the confidence), Enter confirms the current node's
// level, undo brings the suggestion back, editing the level makes it the reader's; the landmark
// overlay draws in the slice views. (LevelSource is compared with QVERIFY: QTest would free
// the static string its toString() returns.)

#include "SyntheticReviewStudy.h"

#include "SliceView.h"
#include "io/ImageFileIO.h"
#include "review/MainWindow.h"
#include "review/NodeTableModel.h"
#include "review/ReviewDocument.h"

#include <QAction>
#include <QStandardPaths>
#include <QTableView>
#include <QtTest/QtTest>

using namespace lnseg;

namespace {

// The synthetic study spans z 0..62 mm: manubrium 0, cricoid 20, hyoid 40, mandible 55.
std::shared_ptr<const AnatomicalLandmarks> syntheticLandmarks()
{
    auto marks = std::make_shared<AnatomicalLandmarks>();
    marks->manubriumTop = {true, 0, 1};
    marks->cricoidBottom = {true, 20, 1};
    marks->hyoidBottom = {true, 40, 1};
    marks->mandibleBottom = {true, 55, 1};
    for (double z = 0; z <= 62; z += 2) {
        LandmarkSection section;
        section.z = z;
        for (SideSection& side : section.side) {
            side.muscle = true;
            side.muscleBackY = 30;
        }
        marks->sections.push_back(section);
    }
    return marks;
}

}  // namespace

class LevelSuggestionsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qputenv("LNSEG_REVIEWER", "dr.test");
        QVERIFY(m_folder.isValid());
        m_study = testing::makeSyntheticReviewStudy();
        m_imagePath = m_folder.filePath(QStringLiteral("neck.nii.gz"));
        writeImage(m_study.image, m_imagePath.toStdString());
        m_window = std::make_unique<MainWindow>();
        m_window->setAutosaveInterval(0);
        m_window->resize(1400, 800);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        m_window->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_window.get()));  // shortcuts need an active window
        QString error;
        QVERIFY2(m_window->openPath(m_imagePath, &error), qPrintable(error));
        // The landmarks are found in the background; then the test's own replace them.
        QTRY_VERIFY_WITH_TIMEOUT(m_window->document()->landmarks() != nullptr, 20000);
        m_window->document()->setLandmarks(syntheticLandmarks());
    }
    void cleanupTestCase()
    {
        if (m_window && m_window->document())
            m_window->document()->undoStack().setClean();
        m_window.reset();
    }

    void suggestedConfirmUndo()
    {
        ReviewDocument* document = m_window->document();
        const int steps = document->undoStack().count();
        QCOMPARE(document->addProposals(m_study.proposals, "snet-test"), std::size_t(4));
        QCOMPARE(document->undoStack().count(), steps + 1);  // proposals and their levels: one step
        for (const NodeRecord& node : document->nodes())
            QVERIFY(node.levelSource == LevelSource::Suggested);

        const NodeTableModel* model = m_window->nodeTableModel();
        const std::uint16_t label = document->nodes().front().label;
        const int row = model->rowOf(label);
        const QModelIndex level = model->index(row, NodeTableModel::Level);
        const QString name = QString::fromLatin1(toString(document->findNode(label)->level));
        QCOMPARE(level.data(Qt::DisplayRole).toString(), name + QStringLiteral("?"));
        QVERIFY(level.data(Qt::FontRole).value<QFont>().italic());
        QVERIFY(model->index(row, NodeTableModel::Side).data(Qt::DisplayRole).toString().endsWith(QLatin1Char('?')));
        const QString tooltip = level.data(Qt::ToolTipRole).toString();
        QVERIFY2(tooltip.contains(QStringLiteral("confidence")) && tooltip.contains(QStringLiteral("Enter")), qPrintable(tooltip));

        // Enter confirms the current node's suggestion; undo brings the suggestion back.
        m_window->selectNode(label, false);
        QVERIFY(m_window->confirmLevelAction()->isEnabled());
        m_window->nodeTable()->setFocus();
        QTest::keyClick(m_window->nodeTable(), Qt::Key_Return);
        QVERIFY(document->findNode(label)->levelSource == LevelSource::Confirmed);
        QCOMPARE(level.data(Qt::DisplayRole).toString(), name);
        QVERIFY(!level.data(Qt::FontRole).value<QFont>().italic());
        QVERIFY(!m_window->confirmLevelAction()->isEnabled());  // nothing left to confirm
        QTest::keyClick(m_window.get(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(document->findNode(label)->levelSource == LevelSource::Suggested);
        QCOMPARE(level.data(Qt::DisplayRole).toString(), name + QStringLiteral("?"));
        QVERIFY(m_window->confirmLevelAction()->isEnabled());

        // Choosing another level in the table makes it the reader's.
        const NodeLevel other = document->findNode(label)->level == NodeLevel::IV ? NodeLevel::III : NodeLevel::IV;
        QVERIFY(const_cast<NodeTableModel*>(model)->setData(level, int(other), Qt::EditRole));
        QVERIFY(document->findNode(label)->levelSource == LevelSource::Reader);
        QCOMPARE(level.data(Qt::DisplayRole).toString(), QString::fromLatin1(toString(other)));
        QVERIFY(level.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Set by the reader")));
        document->undoStack().undo();
    }

    void landmarkOverlayDraws()
    {
        for (SlicePlane plane : {SlicePlane::Axial, SlicePlane::Coronal}) {
            SliceView* view = m_window->sliceView(plane);
            const QImage before = view->grab().toImage();
            m_window->setLandmarksVisible(true);
            QVERIFY(view->landmarksVisible());
            const QImage after = view->grab().toImage();
            QVERIFY2(before != after, "the overlay drew nothing");
            m_window->setLandmarksVisible(false);
            QCOMPARE(view->grab().toImage(), before);
        }
    }

private:
    QTemporaryDir m_folder;
    QString m_imagePath;
    testing::SyntheticReviewStudy m_study;
    std::unique_ptr<MainWindow> m_window;
};

QTEST_MAIN(LevelSuggestionsTest)
#include "test_level_suggestions.moc"
