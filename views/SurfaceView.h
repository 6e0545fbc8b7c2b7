#pragma once
// The 3D view: label surfaces (and optionally bone) rendered by VTK inside a QOpenGLWidget.
//
// VTK renders through a vtkGenericOpenGLRenderWindow into Qt's OpenGL context (Debian's VTK Qt
// module is Qt5-only, so this is the Qt6 route): VTK draws into its own framebuffer and blits the
// result into the widget's framebuffer. Surfaces are rebuilt only when the labels change, and
// lazily (a short timer), so that a run of brush strokes rebuilds once. Without an OpenGL context
// (e.g. QT_QPA_PLATFORM=offscreen) the view stays blank instead of crashing.
//
// Gestures: left drag rotates, wheel zooms, R resets the camera (anterior view, superior up).

#include "image/VoxelGrid.h"

#include <QOpenGLWidget>
#include <QTimer>

#include <memory>

namespace lnseg {

class SurfaceView : public QOpenGLWidget {
    Q_OBJECT
public:
    explicit SurfaceView(QWidget* parent = nullptr);
    ~SurfaceView() override;

    void setImages(std::shared_ptr<const Volume> volume, std::shared_ptr<const LabelMap> labels);
    void allLabelsChanged();
    void setBoneVisible(bool visible);
    bool boneVisible() const { return m_boneVisible; }
    void setSmoothing(bool smooth);
    void resetCamera();

    // Builds pending surfaces now (normally done on a timer or before painting).
    void rebuildSurfaces();
    int surfaceBuildCount() const { return m_surfaceBuilds; }
    bool hasRenderContext() const { return m_initialized; }
    // Seconds spent in the last rendered frame's VTK render call.
    double lastRenderSeconds() const { return m_lastRenderSeconds; }

protected:
    void initializeGL() override;
    void resizeGL(int width, int height) override;
    void paintGL() override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    struct Pipeline;
    std::unique_ptr<Pipeline> m_pipeline;
    std::shared_ptr<const Volume> m_volume;
    std::shared_ptr<const LabelMap> m_labels;
    bool m_labelsDirty = false;
    bool m_boneDirty = false;
    bool m_boneVisible = true;
    bool m_smooth = true;
    bool m_cameraPending = true;
    bool m_initialized = false;
    int m_surfaceBuilds = 0;
    double m_lastRenderSeconds = 0.0;
    QPoint m_lastMouse;
    QTimer m_rebuildTimer;
};

}  // namespace lnseg
