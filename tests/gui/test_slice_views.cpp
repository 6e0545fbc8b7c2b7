// Slice views and their synchronisation, driven through real mouse, wheel and key events
// (run under xvfb-run).

#include "SliceView.h"
#include "SurfaceView.h"
#include "ViewLayout.h"
#include "ViewSynchronizer.h"
#include "image/LabelPalette.h"

#include <QHBoxLayout>
#include <QSurfaceFormat>
#include <QtTest/QtTest>

#include <cmath>
#include <memory>

using namespace lnseg;

namespace {

// 40 x 30 x 20 voxels of 0.7 x 0.7 x 2 mm, LPS; value = 10 * i - 5 * j + k (HU) so every voxel
// is recognisable; label 3 on a 3x3x3 block around (20, 15, 10).
struct Study {
    std::shared_ptr<Volume> volume;
    std::shared_ptr<LabelMap> labels;
};

Study makeStudy()
{
    ImageGeometry geometry;
    geometry.size = {40, 30, 20};
    geometry.spacing = {0.7, 0.7, 2.0};
    geometry.origin = {-10, 20, 30};
    Study study;
    study.volume = std::make_shared<Volume>(geometry);
    study.labels = std::make_shared<LabelMap>(geometry);
    for (std::int64_t k = 0; k < 20; ++k)
        for (std::int64_t j = 0; j < 30; ++j)
            for (std::int64_t i = 0; i < 40; ++i)
                study.volume->at(i, j, k) = std::int16_t(10 * i - 5 * j + k);
    for (std::int64_t k = 9; k <= 11; ++k)
        for (std::int64_t j = 14; j <= 16; ++j)
            for (std::int64_t i = 19; i <= 21; ++i)
                study.labels->at(i, j, k) = 3;
    return study;
}

QRgb greyRgb(std::uint8_t grey) { return qRgb(grey, grey, grey); }

}  // namespace

class SliceViewsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void knownVoxelAtRightPixel();
    void physicalAspectRatio();
    void orientationLabels();
    void clickMovesOtherViews();
    void wheelScrollsOneSlice();
    void windowPresetsChangePixels();
    void overlayColoursAndHides();
    void labelChangeRedrawsOnlyAffectedViews();
    void cursorSampleReportsHu();
    void layoutsSwitch();
    void cornerLabelsStayApartInNarrowViews();

private:
    Study m_study;
    std::unique_ptr<QWidget> m_window;
    SliceView* m_axial = nullptr;
    SliceView* m_coronal = nullptr;
    SliceView* m_sagittal = nullptr;
    ViewSynchronizer* m_synchronizer = nullptr;
};

void SliceViewsTest::initTestCase()
{
    m_study = makeStudy();
    m_window = std::make_unique<QWidget>();
    auto* layout = new QHBoxLayout(m_window.get());
    m_axial = new SliceView(SlicePlane::Axial);
    m_coronal = new SliceView(SlicePlane::Coronal);
    m_sagittal = new SliceView(SlicePlane::Sagittal);
    for (SliceView* view : {m_axial, m_coronal, m_sagittal})
        layout->addWidget(view);
    m_synchronizer = new ViewSynchronizer({m_axial, m_coronal, m_sagittal}, nullptr, m_window.get());
    m_synchronizer->setImages(m_study.volume, m_study.labels);
    m_window->resize(900, 320);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void SliceViewsTest::cleanupTestCase() { m_window.reset(); }

void SliceViewsTest::knownVoxelAtRightPixel()
{
    const Index3 voxel{7, 5, 3};
    const ImageGeometry geometry = m_study.volume->geometry();
    m_synchronizer->setCrosshair(geometry.indexToWorld({7, 5, 3}));
    OverlayStyle hidden;
    hidden.visible = false;
    m_synchronizer->setOverlayStyle(hidden);
    const std::uint8_t grey = windowGrey(m_study.volume->at(7, 5, 3), m_axial->windowLevel());
    // In the slice image: axial pixel (i, j); coronal (i, 19 - k); sagittal (j, 19 - k).
    QCOMPARE(m_axial->currentSlice(), 3);
    QCOMPARE(m_coronal->currentSlice(), 5);
    QCOMPARE(m_sagittal->currentSlice(), 7);
    QCOMPARE(m_axial->sliceImage().pixel(7, 5), greyRgb(grey));
    QCOMPARE(m_coronal->sliceImage().pixel(7, 19 - 3), greyRgb(grey));
    QCOMPARE(m_sagittal->sliceImage().pixel(5, 19 - 3), greyRgb(grey));
    // On screen: the widget pixel at the voxel's centre shows it (the crosshair leaves a gap).
    for (SliceView* view : {m_axial, m_coronal, m_sagittal}) {
        const Vector3 position = view->sliceLayout().slicePosition({7, 5, 3});
        const QPoint pixel = view->widgetPosition(position[0], position[1]).toPoint();
        const QImage shown = view->grab().toImage();
        QCOMPARE(shown.pixel(pixel), greyRgb(grey));
    }
    Q_UNUSED(voxel);
    m_synchronizer->setOverlayStyle(OverlayStyle{});
}

void SliceViewsTest::physicalAspectRatio()
{
    // Coronal: 40 x 0.7 mm wide, 20 x 2 mm high; it must not look squashed.
    const QRectF coronal = m_coronal->imageRect();
    QVERIFY(std::abs(coronal.width() / coronal.height() - (40 * 0.7) / (20 * 2.0)) < 0.01);
    const QRectF axial = m_axial->imageRect();
    QVERIFY(std::abs(axial.width() / axial.height() - 40.0 / 30.0) < 0.01);
    const QRectF sagittal = m_sagittal->imageRect();
    QVERIFY(std::abs(sagittal.width() / sagittal.height() - (30 * 0.7) / (20 * 2.0)) < 0.01);
}

void SliceViewsTest::orientationLabels()
{
    QCOMPARE(m_axial->orientationLabels().left, std::string("R"));
    QCOMPARE(m_axial->orientationLabels().top, std::string("A"));
    QCOMPARE(m_coronal->orientationLabels().top, std::string("S"));
    QCOMPARE(m_sagittal->orientationLabels().left, std::string("A"));
    // A flipped (RAS-stored) volume is displayed flipped back: same labels, index 0 on the right.
    ImageGeometry flippedGeometry = m_study.volume->geometry();
    flippedGeometry.direction = {-1, 0, 0, 0, -1, 0, 0, 0, 1};
    auto flipped = std::make_shared<Volume>(flippedGeometry);
    std::copy(m_study.volume->data(), m_study.volume->data() + m_study.volume->voxelCount(), flipped->data());
    SliceView view(SlicePlane::Axial);
    view.resize(200, 200);
    view.setImages(flipped, nullptr);
    QCOMPARE(view.orientationLabels().left, std::string("R"));
    QCOMPARE(view.orientationLabels().right, std::string("L"));
    view.setCrosshair(flippedGeometry.indexToWorld({0, 0, 3}));
    const std::uint8_t grey = windowGrey(flipped->at(0, 0, 3), view.windowLevel());
    QCOMPARE(view.sliceImage().pixel(39, 29), greyRgb(grey));
}

void SliceViewsTest::clickMovesOtherViews()
{
    const ImageGeometry geometry = m_study.volume->geometry();
    m_synchronizer->setCrosshair(geometry.indexToWorld({20, 15, 10}));
    // Click on axial pixel (column 30, row 8) = voxel (30, 8, 10).
    const QPoint target = m_axial->widgetPosition(30, 8).toPoint();
    QTest::mouseClick(m_axial, Qt::LeftButton, Qt::NoModifier, target);
    QCOMPARE(m_sagittal->currentSlice(), 30);
    QCOMPARE(m_coronal->currentSlice(), 8);
    QCOMPARE(m_axial->currentSlice(), 10);
    const Vector3 expected = geometry.indexToWorld({30, 8, 10});
    for (int axis = 0; axis < 3; ++axis) {
        QVERIFY(std::abs(m_coronal->crosshair()[axis] - expected[axis]) < 1e-6);
        QVERIFY(std::abs(m_sagittal->crosshair()[axis] - expected[axis]) < 1e-6);
    }
    // Clicking in the coronal view moves the axial slice.
    QTest::mouseClick(m_coronal, Qt::LeftButton, Qt::NoModifier, m_coronal->widgetPosition(30, 19 - 4).toPoint());
    QCOMPARE(m_axial->currentSlice(), 4);
}

void SliceViewsTest::wheelScrollsOneSlice()
{
    m_synchronizer->setCrosshair(m_study.volume->geometry().indexToWorld({20, 15, 10}));
    const QPointF position = m_axial->rect().center();
    QWheelEvent up(position, m_axial->mapToGlobal(position), QPoint(), QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                   Qt::NoScrollPhase, false);
    QApplication::sendEvent(m_axial, &up);
    QCOMPARE(m_axial->currentSlice(), 11);
    QCOMPARE(m_coronal->currentSlice(), 15);  // others keep their slice, their crosshair moves
    const Vector3 crosshair = m_coronal->crosshair();
    QVERIFY(std::abs(m_study.volume->geometry().worldToIndex(crosshair)[2] - 11) < 1e-6);
    QTest::keyClick(m_axial, Qt::Key_Down);
    QCOMPARE(m_axial->currentSlice(), 10);
    QTest::keyClick(m_axial, Qt::Key_PageUp);
    QCOMPARE(m_axial->currentSlice(), 19);  // clamped at the last slice
}

void SliceViewsTest::windowPresetsChangePixels()
{
    m_synchronizer->setCrosshair(m_study.volume->geometry().indexToWorld({30, 2, 0}));
    OverlayStyle hidden;
    hidden.visible = false;
    m_synchronizer->setOverlayStyle(hidden);
    const std::int16_t value = m_study.volume->at(30, 2, 0);  // 290 HU
    QCOMPARE(m_axial->sliceImage().pixel(30, 2), greyRgb(255));  // soft tissue: white
    QTest::keyClick(m_axial, Qt::Key_3);                           // bone
    QCOMPARE(m_axial->windowLevel(), windowPresets()[2].window);
    QCOMPARE(m_coronal->windowLevel(), windowPresets()[2].window);  // all views follow
    QCOMPARE(m_axial->sliceImage().pixel(30, 2), greyRgb(windowGrey(value, windowPresets()[2].window)));
    QVERIFY(qGray(m_axial->sliceImage().pixel(30, 2)) < 128);
    QTest::keyClick(m_axial, Qt::Key_2);  // mucosal W120 L60: 290 HU is white
    QCOMPARE(m_axial->sliceImage().pixel(30, 2), greyRgb(255));
    // Shift + drag changes window/level.
    QTest::keyClick(m_axial, Qt::Key_1);
    const QPoint start = m_axial->rect().center();
    QTest::mousePress(m_axial, Qt::LeftButton, Qt::ShiftModifier, start);
    QMouseEvent move(QEvent::MouseMove, QPointF(start + QPoint(40, 0)), m_axial->mapToGlobal(QPointF(start + QPoint(40, 0))),
                     Qt::NoButton, Qt::LeftButton, Qt::ShiftModifier);
    QApplication::sendEvent(m_axial, &move);
    QTest::mouseRelease(m_axial, Qt::LeftButton, Qt::ShiftModifier, start + QPoint(40, 0));
    QVERIFY(m_axial->windowLevel().width > 400);
    QCOMPARE(m_sagittal->windowLevel(), m_axial->windowLevel());
    m_synchronizer->setWindowLevel(defaultWindow());
    m_synchronizer->setOverlayStyle(OverlayStyle{});
}

void SliceViewsTest::overlayColoursAndHides()
{
    m_synchronizer->setCrosshair(m_study.volume->geometry().indexToWorld({20, 15, 10}));
    OverlayStyle opaque;
    opaque.opacity = 1.0;
    m_synchronizer->setOverlayStyle(opaque);
    QCOMPARE(m_axial->sliceImage().pixel(20, 15), labelColourArgb(3));
    QCOMPARE(m_coronal->sliceImage().pixel(20, 19 - 10), labelColourArgb(3));
    QCOMPARE(m_sagittal->sliceImage().pixel(15, 19 - 10), labelColourArgb(3));
    const QPoint onScreen = m_axial->widgetPosition(21, 16).toPoint();
    QCOMPARE(m_axial->grab().toImage().pixel(onScreen), labelColourArgb(3));
    // O hides the overlay in every view.
    QTest::keyClick(m_axial, Qt::Key_O);
    const std::uint8_t grey = windowGrey(m_study.volume->at(20, 15, 10), defaultWindow());
    QCOMPARE(m_axial->sliceImage().pixel(20, 15), greyRgb(grey));
    QCOMPARE(m_coronal->sliceImage().pixel(20, 19 - 10), greyRgb(grey));
    QTest::keyClick(m_axial, Qt::Key_O);
    QCOMPARE(m_axial->sliceImage().pixel(20, 15), labelColourArgb(3));
    // Outline: the block's centre is inside, its corner is border.
    QTest::keyClick(m_axial, Qt::Key_L);
    QCOMPARE(m_axial->sliceImage().pixel(20, 15), greyRgb(grey));
    QCOMPARE(m_axial->sliceImage().pixel(19, 14), labelColourArgb(3));
    m_synchronizer->setOverlayStyle(OverlayStyle{});
}

void SliceViewsTest::labelChangeRedrawsOnlyAffectedViews()
{
    m_synchronizer->setCrosshair(m_study.volume->geometry().indexToWorld({5, 5, 5}));
    OverlayStyle opaque;
    opaque.opacity = 1.0;
    m_synchronizer->setOverlayStyle(opaque);
    m_axial->sliceImage();
    m_coronal->sliceImage();
    const int axialBuilds = m_axial->imageRebuildCount();
    const int coronalBuilds = m_coronal->imageRebuildCount();
    // Paint label 7 on axial slice 5 away from the coronal slice (j = 5).
    for (std::int64_t j = 20; j < 23; ++j)
        for (std::int64_t i = 2; i < 5; ++i)
            m_study.labels->at(i, j, 5) = 7;
    m_synchronizer->labelsChanged({2, 20, 5}, {4, 22, 5});
    QCOMPARE(m_axial->sliceImage().pixel(3, 21), labelColourArgb(7));
    QCOMPARE(m_axial->imageRebuildCount(), axialBuilds + 1);
    m_coronal->sliceImage();
    QCOMPARE(m_coronal->imageRebuildCount(), coronalBuilds);  // unaffected: cached image kept
    for (std::int64_t j = 20; j < 23; ++j)
        for (std::int64_t i = 2; i < 5; ++i)
            m_study.labels->at(i, j, 5) = 0;
    m_synchronizer->labelsChanged({2, 20, 5}, {4, 22, 5});
    m_synchronizer->setOverlayStyle(OverlayStyle{});
}

void SliceViewsTest::cursorSampleReportsHu()
{
    m_synchronizer->setCrosshair(m_study.volume->geometry().indexToWorld({20, 15, 10}));
    CursorSample received;
    bool got = false;
    auto connection = connect(m_synchronizer, &ViewSynchronizer::cursorMoved, this, [&](const CursorSample& sample) {
        received = sample;
        got = true;
    });
    QTest::mouseMove(m_axial, m_axial->widgetPosition(12, 9).toPoint());
    QTRY_VERIFY(got);
    QCOMPARE(received.index, (Index3{12, 9, 10}));
    QCOMPARE(received.value, m_study.volume->at(12, 9, 10));
    const Vector3 world = m_study.volume->geometry().indexToWorld({12, 9, 10});
    QVERIFY(std::abs(received.world[0] - world[0]) < 1e-9 && std::abs(received.world[2] - world[2]) < 1e-9);
    disconnect(connection);
}

void SliceViewsTest::layoutsSwitch()
{
    auto* axial = new SliceView(SlicePlane::Axial);
    auto* coronal = new SliceView(SlicePlane::Coronal);
    auto* sagittal = new SliceView(SlicePlane::Sagittal);
    auto* surface = new QWidget;  // stands in for the 3D view
    ViewLayout layout(axial, coronal, sagittal, surface);
    layout.resize(600, 400);
    layout.show();
    QVERIFY(QTest::qWaitForWindowExposed(&layout));
    QVERIFY(surface->isVisible() && axial->isVisible());
    layout.setArrangement(ViewArrangement::OneByThree);
    QVERIFY(!surface->isVisible() && sagittal->isVisible());
    QVERIFY(axial->geometry().top() == sagittal->geometry().top());
    layout.setArrangement(ViewArrangement::SingleCoronal);
    QVERIFY(coronal->isVisible() && !axial->isVisible());
    QApplication::processEvents();
    QCOMPARE(coronal->size(), layout.size());
}

// A narrow view (three views beside docks at 1400 px) put the orientation letter on top of the
// "Coronal 161/320" title (issue 13): the letter then moves one line down. Checked on the pixels:
// the orange letter's box and the green title's box do not meet; a wide view keeps the letter on
// the title's line.
void SliceViewsTest::cornerLabelsStayApartInNarrowViews()
{
    const auto boxes = [](const QImage& image) {
        QRect letter, title;
        for (int y = 0; y < std::min(image.height(), 60); ++y)
            for (int x = 0; x < image.width(); ++x) {
                const QColor c = image.pixelColor(x, y);
                if (c.red() > 150 && c.red() > c.green() + 25 && c.blue() < 100)
                    letter |= QRect(x, y, 1, 1);
                else if (c.green() > 120 && c.green() > c.red() + 40)
                    title |= QRect(x, y, 1, 1);
            }
        return std::make_pair(letter, title);
    };
    for (const int width : {150, 600}) {
        SliceView view(SlicePlane::Coronal);
        view.resize(width, 400);
        view.setImages(m_study.volume, m_study.labels);
        view.setCrosshair(m_study.volume->geometry().indexToWorld({20, 15, 10}));
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const auto [letter, title] = boxes(view.grab().toImage());
        QVERIFY2(!letter.isEmpty() && !title.isEmpty(), qPrintable(QString("width %1").arg(width)));
        QVERIFY2(!letter.intersects(title), qPrintable(QString("width %1: letter %2,%3 %4x%5, title %6,%7 %8x%9")
                                                           .arg(width).arg(letter.x()).arg(letter.y()).arg(letter.width())
                                                           .arg(letter.height()).arg(title.x()).arg(title.y())
                                                           .arg(title.width()).arg(title.height())));
        if (width == 600)
            QVERIFY(letter.top() < title.bottom());  // room enough: on the title's line
        else
            QVERIFY(letter.top() > title.bottom());  // moved below the title
    }
}

QTEST_MAIN(SliceViewsTest)
#include "test_slice_views.moc"
