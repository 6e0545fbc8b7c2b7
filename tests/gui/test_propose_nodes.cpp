// "Propose nodes" in the review workstation (run under xvfb-run): the default model runs in a
// background thread while the window keeps answering, its proposals arrive as Proposed nodes in
// one undoable step, human work is never overwritten, and a run can be cancelled.
#include "image/VoxelGrid.h"
#include "io/ImageFileIO.h"
#include "phantom/NeckPhantom.h"
#include "model/ComputeSystem.h"
#include "review/AboutDialog.h"
#include "review/MainWindow.h"
#include "review/ReviewDocument.h"

#include <QElapsedTimer>
#include <QStandardPaths>
#include <QtTest/QtTest>

#include <memory>

using namespace lnseg;

class ProposeNodesTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void proposesInTheBackgroundAndKeepsHumanWork();
    void cancelLeavesTheStudyUnchanged();
    void aboutReportsTheEngine();

private:
    std::unique_ptr<MainWindow> openWindow();
    QTemporaryDir m_folder;
    QString m_imagePath;
    PhantomCase m_phantom;
};

void ProposeNodesTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    qputenv("LNSEG_REVIEWER", "dr.test");
    // A small held-out phantom (the default model never saw this seed).
    m_phantom = generateNeckPhantom(PhantomOptions::small(424242, 160, 160, 36), "propose");
    QVERIFY(!m_phantom.nodes.empty());
    m_imagePath = m_folder.filePath(QStringLiteral("neck.nii.gz"));
    writeImage(m_phantom.image, m_imagePath.toStdString());
}

std::unique_ptr<MainWindow> ProposeNodesTest::openWindow()
{
    auto window = std::make_unique<MainWindow>();
    window->setAutosaveInterval(0);
    window->resize(1200, 800);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        return nullptr;
    QString error;
    if (!window->openPath(m_imagePath, &error))
        return nullptr;
    return window;
}

void ProposeNodesTest::proposesInTheBackgroundAndKeepsHumanWork()
{
    auto window = openWindow();
    QVERIFY(window);
    QVERIFY2(!window->modelFile().isEmpty(), "no default model found");
    ReviewDocument* document = window->document();
    // A node drawn by hand before the model runs.
    const std::uint16_t drawn = document->createNode();
    document->fillPolygon(2, 10, {{5, 5}, {15, 5}, {15, 15}, {5, 15}}, drawn);
    const std::vector<std::uint16_t> before(document->labels().data(),
                                            document->labels().data() + document->labels().voxelCount());
    const int stepsBefore = document->undoStack().count();
    const NodeStatus drawnStatus = document->findNode(drawn)->status;

    QSignalSpy ended(window.get(), &MainWindow::proposalEnded);
    // The event loop keeps turning while the model runs: measure the longest pause.
    QElapsedTimer clock;
    qint64 last = 0, longestPause = 0;
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        longestPause = std::max(longestPause, now - last);
        last = now;
    });
    window->proposeNodes();
    QVERIFY(window->proposalRunning());
    clock.start();
    ticker.start(10);
    QVERIFY(ended.wait(300000));
    ticker.stop();
    qInfo("proposal took %lld ms; longest event-loop pause %lld ms", static_cast<long long>(clock.elapsed()),
          static_cast<long long>(longestPause));
    QVERIFY2(longestPause < 1000, qPrintable(QString::number(longestPause)));

    std::size_t proposed = 0;
    for (const NodeRecord& node : document->nodes()) {
        if (node.status != NodeStatus::Proposed)
            continue;
        ++proposed;
        QVERIFY(node.confidence > 0.0 && node.confidence <= 1.0);
        QCOMPARE(node.proposedByModel, std::string("default.lnsegmodel"));
        QVERIFY(node.measurement.longAxisMm >= 5.0);
    }
    QVERIFY2(proposed >= 1, "the default model proposed nothing on the phantom");
    // The hand-drawn node is untouched.
    for (std::size_t index = 0; index < before.size(); ++index)
        if (before[index] == drawn)
            QCOMPARE(document->labels().data()[index], drawn);
    QCOMPARE(document->findNode(drawn)->status, drawnStatus);
    // All proposals are one undo step.
    QCOMPARE(document->undoStack().count(), stepsBefore + 1);
    document->undoStack().undo();
    QVERIFY(std::equal(before.begin(), before.end(), document->labels().data()));
    window->document()->undoStack().setClean();
}

void ProposeNodesTest::cancelLeavesTheStudyUnchanged()
{
    auto window = openWindow();
    QVERIFY(window);
    ReviewDocument* document = window->document();
    QSignalSpy ended(window.get(), &MainWindow::proposalEnded);
    window->proposeNodes();
    window->cancelProposal();
    QVERIFY(ended.wait(120000));
    QVERIFY(!window->proposalRunning());
    QCOMPARE(document->nodes().size(), std::size_t(0));
    QCOMPARE(document->undoStack().count(), 0);
}

void ProposeNodesTest::aboutReportsTheEngine()
{
    auto window = openWindow();
    QVERIFY(window);
    auto* action = window->findChild<QAction*>(QStringLiteral("aboutAction"));
    QVERIFY(action);
    action->trigger();
    auto* dialog = window->findChild<AboutDialog*>();
    QVERIFY(dialog);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    const QString report = dialog->engineReport();
    const model::ComputeSystemReport system = model::describeComputeSystem();
    QVERIFY2(report.contains(QStringLiteral("LibTorch: ") + QString::fromStdString(system.libtorchVersion)), qPrintable(report));
    QVERIFY2(report.contains(QString::fromStdString(system.blas.name)), qPrintable(report));
    QVERIFY2(report.contains(QString::fromStdString(system.blasLibraryPath)), qPrintable(report));
    // What proposals use here: every hardware thread, one slice per forward pass on a CPU.
    if (system.cudaDevices.empty()) {
        QVERIFY2(report.contains(QStringLiteral("Proposals: cpu, 1 slice")), qPrintable(report));
        QVERIFY2(report.contains(QStringLiteral("CPU threads: %1 of").arg(system.hardwareThreads)), qPrintable(report));
    }
    // The reference BLAS is called out with its fix.
    QCOMPARE(report.contains(QStringLiteral("reference BLAS")), system.blas.reference);
    QImage picture = dialog->grab().toImage();
    QVERIFY(!picture.isNull());
    picture.save(QDir::temp().filePath(QStringLiteral("lnseg_about_dialog.png")));
    dialog->close();
}

QTEST_MAIN(ProposeNodesTest)
#include "test_propose_nodes.moc"
