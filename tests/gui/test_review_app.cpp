// lnseg-review --screenshot: opens a real CT with a label map, renders all views (3D included)
// and saves a picture (run under xvfb-run).

#include "io/ImageFileIO.h"
#include "review/ReviewDocument.h"
#include "review/ReviewSessionFile.h"

#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest/QtTest>

class ReviewAppTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void screenshotOfRealStudy();
    void screenshotWithoutImage();
    void refusesMismatchedLabels();
    void offersRecoveryAtStart();

private:
    static int run(const QStringList& arguments, QString* output = nullptr, const QString& dataHome = {})
    {
        QProcess process;
        if (!dataHome.isEmpty()) {
            QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
            environment.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
            environment.insert(QStringLiteral("XDG_CONFIG_HOME"), dataHome);
            process.setProcessEnvironment(environment);
        }
        process.setProcessChannelMode(QProcess::MergedChannels);
        process.start(QStringLiteral(LNSEG_REVIEW_PATH), arguments);
        if (!process.waitForFinished(120000))
            return -1;
        if (output)
            *output = QString::fromLocal8Bit(process.readAll());
        return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    }
    static int distinctColours(const QImage& image, const QRect& area)
    {
        QSet<QRgb> colours;
        for (int y = area.top(); y <= area.bottom(); y += 3)
            for (int x = area.left(); x <= area.right(); x += 3)
                colours.insert(image.pixel(x, y));
        return colours.size();
    }
};

void ReviewAppTest::screenshotOfRealStudy()
{
    const QString folder = QStringLiteral(LNSEG_SHARED_DATA_DIR "/openkbp_headneck_ct/nifti");
    const QString image = folder + QStringLiteral("/pt_1_ct.nii.gz");
    if (!QFileInfo::exists(image))
        QSKIP("shared OpenKBP data not present");
    QTemporaryDir directory;
    const QString png = directory.filePath(QStringLiteral("review.png"));
    QString output;
    QCOMPARE(run({image, QStringLiteral("--labels"), folder + QStringLiteral("/pt_1_oar.nii.gz"),
                  QStringLiteral("--screenshot"), png}, &output), 0);
    const QImage shot(png);
    QVERIFY2(!shot.isNull(), qPrintable(output));
    QVERIFY(shot.width() > 600 && shot.height() > 400);
    QVERIFY(distinctColours(shot, shot.rect()) > 50);
    // 2x2 layout: the 3D view is the top-right quadrant; it must show a rendering, not black.
    const QRect surface(shot.width() / 2 + 20, 60, shot.width() / 2 - 40, shot.height() / 2 - 100);
    QVERIFY(distinctColours(shot, surface) > 20);
    int dark = 0, total = 0;
    for (int y = surface.top(); y <= surface.bottom(); y += 4)
        for (int x = surface.left(); x <= surface.right(); x += 4, ++total)
            dark += qGray(shot.pixel(x, y)) < 8;
    QVERIFY2(dark < total / 2, "3D view is mostly black");
}

void ReviewAppTest::screenshotWithoutImage()
{
    QTemporaryDir directory;
    const QString png = directory.filePath(QStringLiteral("empty.png"));
    QCOMPARE(run({QStringLiteral("--layout"), QStringLiteral("1x3"), QStringLiteral("--screenshot"), png}), 0);
    QVERIFY(!QImage(png).isNull());
}

void ReviewAppTest::refusesMismatchedLabels()
{
    const QString folder = QStringLiteral(LNSEG_SHARED_DATA_DIR "/openkbp_headneck_ct/nifti");
    const QString ct = QStringLiteral(LNSEG_SHARED_DATA_DIR "/niivue_demo_CT_nifti/CT_pitch.nii.gz");
    if (!QFileInfo::exists(ct) || !QFileInfo::exists(folder + QStringLiteral("/pt_1_oar.nii.gz")))
        QSKIP("shared data not present");
    QString output;
    QCOMPARE(run({ct, QStringLiteral("--labels"), folder + QStringLiteral("/pt_1_oar.nii.gz"),
                  QStringLiteral("--screenshot"), QStringLiteral("/dev/null")}, &output), 1);
    QVERIFY2(!output.isEmpty(), "a mismatched label map must be refused with a message");
    QCOMPARE(run({QStringLiteral("--no-such-option")}), 2);
}

void ReviewAppTest::offersRecoveryAtStart()
{
    // An autosave left behind by a session that did not end normally.
    QTemporaryDir directory;
    lnseg::ImageGeometry geometry;
    geometry.size = {32, 32, 8};
    auto image = std::make_shared<const lnseg::Volume>(geometry, std::int16_t(40));
    const QString imagePath = directory.filePath(QStringLiteral("case7.nii.gz"));
    lnseg::writeImage(*image, imagePath.toStdString());
    lnseg::ReviewDocument document(image);
    document.setSource({imagePath.toStdString(), {}, {}});
    document.setReviewer("dr.crash");
    const std::uint16_t node = document.createNode();
    document.fillPolygon(2, 3, {{4, 4}, {12, 4}, {12, 12}}, node);
    const QString recovery = directory.filePath(QStringLiteral("data/lnseg/lnseg-review/recovery"));
    QVERIFY(QDir().mkpath(recovery));
    lnseg::saveReviewSession(document, (recovery + QStringLiteral("/case7.review.json")).toStdString());
    const QString png = directory.filePath(QStringLiteral("shot.png"));
    QString output;
    QCOMPARE(run({QStringLiteral("--recovery"), QStringLiteral("restore"), QStringLiteral("--screenshot"), png}, &output,
                 directory.filePath(QStringLiteral("data"))), 0);
    QVERIFY2(output.contains(QStringLiteral("restored ")), qPrintable(output));
    QVERIFY(QFileInfo::exists(recovery + QStringLiteral("/case7.review.json")));  // kept until saved or discarded
    QCOMPARE(run({QStringLiteral("--recovery"), QStringLiteral("discard"), QStringLiteral("--screenshot"), png}, &output,
                 directory.filePath(QStringLiteral("data"))), 0);
    QVERIFY(!output.contains(QStringLiteral("restored ")));
    QVERIFY(QDir(recovery).entryList(QDir::Files).isEmpty());
}

QTEST_GUILESS_MAIN(ReviewAppTest)
#include "test_review_app.moc"
