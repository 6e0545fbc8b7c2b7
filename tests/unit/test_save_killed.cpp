// A save killed at an arbitrary moment (SIGKILL, as a crash or a power cut would) never leaves a
// damaged review session: what is on disk is always one complete earlier save.
#include "review/ReviewSessionFile.h"

#include <QtTest/QtTest>

#include <filesystem>

using namespace lnseg;

class SaveKilledTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void killDuringSaveLeavesACompleteSave();
};

void SaveKilledTest::killDuringSaveLeavesACompleteSave()
{
    QTemporaryDir folder;
    const QString session = folder.filePath("killed.review.json");
    ImageGeometry geometry;
    geometry.size = {96, 96, 48};
    geometry.spacing = {0.7, 0.7, 2.0};
    int checked = 0;
    for (int round = 0; round < 12; ++round) {
        QProcess saver;
        saver.start(LNSEG_SAVE_LOOP_PATH, {session});
        QVERIFY(saver.waitForStarted());
        // Let it save a few times, then kill it at a moment that varies from round to round.
        QVERIFY(saver.waitForReadyRead(20000));
        QTest::qWait(20 + 37 * round % 150);
        saver.kill();
        saver.waitForFinished();
        const ReviewSessionContents contents = loadReviewSession(session.toStdString(), geometry);
        QCOMPARE(contents.nodes.size(), std::size_t(1));
        const NodeRecord& node = contents.nodes.front();
        // The label map belongs to the JSON: the slice count and the level agree.
        int slices = 0;
        for (std::int64_t k = 0; k < geometry.size[2]; ++k)
            slices += contents.labels.at(20, 20, k) == node.label;
        QVERIFY(slices >= 1);
        QCOMPARE(node.level, slices % 2 ? NodeLevel::III : NodeLevel::IV);
        QCOMPARE(node.side, NodeSide::Left);
        ++checked;
    }
    QCOMPARE(checked, 12);
    // A kill can leave a temporary file or an unreferenced label map behind; the next save removes
    // them, so they never pile up.
    int files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(folder.path().toStdString()))
        files += entry.path().filename().string().find("killed") != std::string::npos;
    QVERIFY2(files <= 4, qPrintable(QString::number(files)));
}

QTEST_GUILESS_MAIN(SaveKilledTest)
#include "test_save_killed.moc"
