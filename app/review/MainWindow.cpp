#include "review/MainWindow.h"

#include "SurfaceView.h"
#include "ViewSynchronizer.h"
#include "io/ImageFileIO.h"

#include <QActionGroup>
#include <QApplication>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPainter>
#include <QStatusBar>

#include <exception>

namespace lnseg {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_axial(new SliceView(SlicePlane::Axial)), m_coronal(new SliceView(SlicePlane::Coronal)),
      m_sagittal(new SliceView(SlicePlane::Sagittal)), m_surfaceView(new SurfaceView),
      m_layout(new ViewLayout(m_axial, m_coronal, m_sagittal, m_surfaceView, this)),
      m_synchronizer(new ViewSynchronizer({m_axial, m_coronal, m_sagittal}, m_surfaceView, this)),
      m_cursorLabel(new QLabel(this)), m_studyLabel(new QLabel(this))
{
    setWindowTitle(tr("lnseg review"));
    setCentralWidget(m_layout);
    statusBar()->addWidget(m_cursorLabel, 1);
    statusBar()->addPermanentWidget(m_studyLabel);
    m_cursorLabel->setTextFormat(Qt::PlainText);
    connect(m_synchronizer, &ViewSynchronizer::cursorMoved, this, &MainWindow::showCursorSample);
    connect(m_synchronizer, &ViewSynchronizer::cursorLeft, m_cursorLabel, &QLabel::clear);
    connect(m_synchronizer, &ViewSynchronizer::overlayStyleChanged, this, &MainWindow::showOverlayStyle);
    createMenus();
    resize(1200, 900);
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

bool MainWindow::openStudy(const QString& imagePath, const QString& labelPath, QString* error)
{
    try {
        QApplication::setOverrideCursor(Qt::WaitCursor);
        auto volume = std::make_shared<const Volume>(readVolume(imagePath.toStdString()));
        std::shared_ptr<const LabelMap> labels;
        if (!labelPath.isEmpty())
            labels = std::make_shared<const LabelMap>(readLabelMapFor(labelPath.toStdString(), volume->geometry()));
        QApplication::restoreOverrideCursor();
        m_volume = volume;
        m_labels = labels;
        m_imagePath = imagePath;
        m_synchronizer->setImages(m_volume, m_labels);
        const Size3 size = m_volume->geometry().size;
        const Vector3 spacing = m_volume->geometry().spacing;
        m_studyLabel->setText(tr("%1  %2x%3x%4  %5x%6x%7 mm  %8")
                                  .arg(QFileInfo(imagePath).fileName())
                                  .arg(size[0]).arg(size[1]).arg(size[2])
                                  .arg(spacing[0], 0, 'g', 3).arg(spacing[1], 0, 'g', 3).arg(spacing[2], 0, 'g', 3)
                                  .arg(QString::fromStdString(m_volume->geometry().orientationCode())));
        setWindowTitle(tr("lnseg review - %1").arg(QFileInfo(imagePath).fileName()));
        return true;
    } catch (const std::exception& exception) {
        QApplication::restoreOverrideCursor();
        if (error)
            *error = QString::fromStdString(exception.what());
        return false;
    }
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open image..."), QKeySequence::Open, this, &MainWindow::openImageInteractively);
    file->addAction(tr("Open &label map..."), this, &MainWindow::openLabelsInteractively);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    auto* layouts = new QActionGroup(this);
    const struct {
        QString name;
        ViewArrangement arrangement;
        QKeySequence shortcut;
    } arrangements[] = {
        {tr("1 x 3 slices"), ViewArrangement::OneByThree, QKeySequence(tr("Ctrl+1"))},
        {tr("2 x 2 with 3D"), ViewArrangement::TwoByTwo, QKeySequence(tr("Ctrl+2"))},
        {tr("Axial only"), ViewArrangement::SingleAxial, QKeySequence(tr("Ctrl+3"))},
        {tr("Coronal only"), ViewArrangement::SingleCoronal, QKeySequence(tr("Ctrl+4"))},
        {tr("Sagittal only"), ViewArrangement::SingleSagittal, QKeySequence(tr("Ctrl+5"))},
        {tr("3D only"), ViewArrangement::SingleSurface, QKeySequence(tr("Ctrl+6"))},
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
    view->addAction(tr("&Reset zoom and camera"), this, [this] {
        for (SliceView* slice : {m_axial, m_coronal, m_sagittal})
            slice->resetZoomAndPan();
        m_surfaceView->resetCamera();
    });

    QMenu* window = menuBar()->addMenu(tr("&Window"));
    int key = Qt::Key_1;
    for (const WindowPreset& preset : windowPresets()) {
        QAction* action = window->addAction(tr("%1 (W%2 L%3)")
                                                .arg(QString::fromStdString(preset.name))
                                                .arg(preset.window.width)
                                                .arg(preset.window.level));
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
}

void MainWindow::showCursorSample(const CursorSample& sample)
{
    QString text = tr("LPS (%1, %2, %3) mm   voxel [%4, %5, %6]   %7 HU")
                       .arg(sample.world[0], 0, 'f', 1).arg(sample.world[1], 0, 'f', 1).arg(sample.world[2], 0, 'f', 1)
                       .arg(sample.index[0]).arg(sample.index[1]).arg(sample.index[2])
                       .arg(sample.value);
    if (m_labels)
        text += tr("   label %1").arg(sample.label);
    m_cursorLabel->setText(text);
}

void MainWindow::showOverlayStyle(const OverlayStyle& style)
{
    m_showLabelsAction->setChecked(style.visible);
    m_outlineAction->setChecked(style.outline);
}

void MainWindow::openImageInteractively()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Open CT image"), QString(),
                                                      tr("Images (*.nii *.nii.gz *.nrrd *.mha *.mhd)"));
    QString error;
    if (!path.isEmpty() && !openStudy(path, QString(), &error))
        QMessageBox::warning(this, tr("Cannot open image"), error);
}

void MainWindow::openLabelsInteractively()
{
    if (m_imagePath.isEmpty())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open label map"), QString(),
                                                      tr("Images (*.nii *.nii.gz *.nrrd *.seg.nrrd *.mha *.mhd)"));
    QString error;
    if (!path.isEmpty() && !openStudy(m_imagePath, path, &error))
        QMessageBox::warning(this, tr("Cannot open label map"), error);
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
