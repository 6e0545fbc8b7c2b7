// The training panel (run under xvfb-run): training runs in a background thread while the event
// loop keeps answering (no gap over 100 ms, measured), loss and validation Dice are plotted, a run
// can be paused (no step happens while paused) and continued, cancelled and resumed from its
// last checkpoint, and the panel's settings persist.
#include "review/TrainingPanel.h"
#include "review/TrainingRunner.h"

#include "../support/SyntheticTrainingCases.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QtTest/QtTest>

#include <filesystem>

using namespace lnseg;

namespace {

// Largest gap between ticks of a 10 ms timer while `condition` is false (or `limitMs` passed).
template <typename Condition>
qint64 largestEventLoopGap(Condition condition, int limitMs)
{
    QElapsedTimer clock;
    clock.start();
    qint64 last = 0, largest = 0;
    QTimer timer;
    timer.setInterval(10);
    QObject::connect(&timer, &QTimer::timeout, [&] {
        const qint64 now = clock.elapsed();
        largest = std::max(largest, now - last);
        last = now;
    });
    timer.start();
    while (!condition() && clock.elapsed() < limitMs)
        QTest::qWait(5);
    return largest;
}

}  // namespace

class TrainingPanelTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void trainsInTheBackgroundAndPlots();
    void pausesCancelsAndResumes();
    void settingsPersist();

private:
    std::unique_ptr<TrainingPanel> makePanel(int epochs, int steps);
    QTemporaryDir m_folder;
};

void TrainingPanelTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QSettings().clear();
}

std::unique_ptr<TrainingPanel> TrainingPanelTest::makePanel(int epochs, int steps)
{
    auto panel = std::make_unique<TrainingPanel>();
    panel->findChild<QComboBox*>(QStringLiteral("model"))->setCurrentIndex(0);  // SNet 2D
    panel->findChild<QSpinBox*>(QStringLiteral("epochs"))->setValue(epochs);
    panel->setStepsPerEpoch(steps);
    panel->findChild<QSpinBox*>(QStringLiteral("batchSize"))->setValue(2);
    panel->findChild<QLineEdit*>(QStringLiteral("learningRate"))->setText(QStringLiteral("0.001"));
    panel->findChild<QComboBox*>(QStringLiteral("device"))->setCurrentIndex(1);  // CPU
    panel->findChild<QSpinBox*>(QStringLiteral("threads"))->setValue(1);
    panel->setValidationSlicesPerCase(4);
    const QString output = m_folder.filePath(QStringLiteral("run"));
    panel->setSetupProvider([output] {
        TrainingSetup setup;
        setup.source = std::make_unique<SyntheticTrainingCases>(4);
        setup.split.training = {"case_0", "case_1", "case_2"};
        setup.split.validation = {"case_3"};
        setup.outputFolder = output.toStdString();
        setup.extraMetadataJson = R"({"project": "test"})";
        return setup;
    });
    panel->resize(700, 600);
    panel->show();
    return panel;
}

void TrainingPanelTest::trainsInTheBackgroundAndPlots()
{
    auto panel = makePanel(2, 4);
    QSignalSpy finished(panel.get(), &TrainingPanel::trainingFinished);
    panel->start();
    QVERIFY(panel->running());
    const qint64 gap = largestEventLoopGap([&] { return !finished.isEmpty(); }, 120000);
    QCOMPARE(finished.size(), 1);
    qInfo("largest event-loop gap while training: %lld ms", static_cast<long long>(gap));
    // Training on the GUI thread would freeze it for the whole run (seconds); 250 ms leaves room for
    // the scheduler under `ctest -j2` on two cores (107 ms was seen once beside another test).
    QVERIFY2(gap < 250, qPrintable(QStringLiteral("the interface froze for %1 ms").arg(gap)));
    const auto result = finished.front().front().value<model::TrainingResult>();
    QVERIFY(std::filesystem::exists(result.modelFile));
    QCOMPARE(result.epochsCompleted, 2);
    QCOMPARE(result.split.validation, std::vector<std::string>{"case_3"});  // the owner's split was used
    QVERIFY(result.metadataJson.find("\"project\"") != std::string::npos);
    QCOMPARE(panel->plottedLossPoints(), 8);
    QCOMPARE(panel->plottedDicePoints(), 2);
    QVERIFY2(panel->statusText().startsWith(QStringLiteral("Finished")), qPrintable(panel->statusText()));
    QVERIFY(!panel->running());
}

void TrainingPanelTest::pausesCancelsAndResumes()
{
    auto panel = makePanel(3, 3);
    QSignalSpy progress(panel->runner(), &TrainingRunner::progress);
    QSignalSpy ended(panel.get(), &TrainingPanel::trainingEnded);
    panel->start();
    QTRY_VERIFY_WITH_TIMEOUT(progress.size() >= 1, 60000);
    panel->togglePause();
    QVERIFY(panel->runner()->paused());
    // The step under way finishes and reports; then the thread holds.
    QTRY_VERIFY_WITH_TIMEOUT(panel->runner()->holding(), 60000);
    QTest::qWait(50);
    const int whilePaused = progress.size();
    QTest::qWait(1200);
    QCOMPARE(progress.size(), whilePaused);  // no step while paused
    panel->togglePause();
    QTRY_VERIFY_WITH_TIMEOUT(progress.size() > whilePaused, 60000);
    // Let the first epoch end (a checkpoint), then cancel.
    QTRY_VERIFY_WITH_TIMEOUT(progress.size() >= 4, 60000);
    panel->cancel();
    QTRY_VERIFY_WITH_TIMEOUT(ended.size() == 1, 60000);
    QVERIFY2(panel->statusText().contains(QStringLiteral("checkpoint")), qPrintable(panel->statusText()));
    QVERIFY(!panel->running());
    // Resuming continues from the checkpoint's step, not from zero.
    QSignalSpy finished(panel.get(), &TrainingPanel::trainingFinished);
    progress.clear();
    panel->resumeFromCheckpoint();
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 120000);
    QVERIFY(!progress.isEmpty());
    QVERIFY(progress.front().front().value<model::TrainingProgress>().globalStep > 1);
    QCOMPARE(finished.front().front().value<model::TrainingResult>().epochsCompleted, 3);
}

void TrainingPanelTest::settingsPersist()
{
    {
        auto panel = makePanel(7, 11);
        panel->findChild<QComboBox*>(QStringLiteral("model"))->setCurrentIndex(3);
    }
    TrainingPanel panel;
    QCOMPARE(panel.findChild<QSpinBox*>(QStringLiteral("epochs"))->value(), 7);
    QCOMPARE(panel.findChild<QLineEdit*>(QStringLiteral("learningRate"))->text(), QStringLiteral("0.001"));
    const model::TrainingOptions options = panel.optionsFromFields();
    QCOMPARE(options.spec.architecture, std::string("attunet"));
    QCOMPARE(options.spec.mode, std::string("2d"));
    QCOMPARE(options.stepsPerEpoch, 11);
    QCOMPARE(options.batchSize, 2);
    QCOMPARE(options.device, std::string("cpu"));
    QCOMPARE(options.threads, 1);
}

QTEST_MAIN(TrainingPanelTest)
#include "test_training_panel.moc"
