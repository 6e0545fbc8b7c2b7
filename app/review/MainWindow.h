#pragma once
// The review main window: three slice views and the 3D view in a switchable layout, a status bar
// with what lies under the cursor, and menus for layouts, window presets and the label overlay.

#include "SliceView.h"
#include "ViewLayout.h"

#include <QMainWindow>

#include <memory>

class QLabel;
class QAction;

namespace lnseg {

class SurfaceView;
class ViewSynchronizer;

class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);

    // Opens a CT and, when `labelPath` is not empty, a label map that must lie on its grid.
    // Returns false with a message in `error` when a file cannot be used.
    bool openStudy(const QString& imagePath, const QString& labelPath, QString* error);

    SliceView* sliceView(SlicePlane plane) const;
    SurfaceView* surfaceView() const { return m_surfaceView; }
    ViewLayout* viewLayout() const { return m_layout; }
    ViewSynchronizer* synchronizer() const { return m_synchronizer; }

    // The whole window as shown, with the OpenGL 3D view read back from its framebuffer.
    QImage renderScreenshot();

private:
    void createMenus();
    void showCursorSample(const CursorSample& sample);
    void showOverlayStyle(const OverlayStyle& style);
    void openImageInteractively();
    void openLabelsInteractively();

    SliceView* m_axial;
    SliceView* m_coronal;
    SliceView* m_sagittal;
    SurfaceView* m_surfaceView;
    ViewLayout* m_layout;
    ViewSynchronizer* m_synchronizer;
    QLabel* m_cursorLabel;
    QLabel* m_studyLabel;
    QAction* m_showLabelsAction = nullptr;
    QAction* m_outlineAction = nullptr;
    QString m_imagePath;
    std::shared_ptr<const Volume> m_volume;
    std::shared_ptr<const LabelMap> m_labels;
};

}  // namespace lnseg
