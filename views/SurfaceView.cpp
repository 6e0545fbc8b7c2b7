#include "SurfaceView.h"

#include "LabelSurfaces.h"

#include <QElapsedTimer>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLExtraFunctions>
#include <QWheelEvent>

#include <vtkActor.h>
#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCommand.h>
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkLookupTable.h>
#include <vtkMatrix4x4.h>
#include <vtkNew.h>
#include <vtkOpenGLFramebufferObject.h>
#include <vtkOpenGLState.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>

#include <cmath>

namespace lnseg {

struct SurfaceView::Pipeline {
    vtkNew<vtkGenericOpenGLRenderWindow> window;
    vtkNew<vtkRenderer> renderer;
    vtkNew<vtkPolyDataMapper> labelMapper;
    vtkNew<vtkActor> labelActor;
    vtkNew<vtkPolyDataMapper> boneMapper;
    vtkNew<vtkActor> boneActor;
};

namespace {

// VTK asks whether its (that is, Qt's) context is current, and to make it current. Only the
// context is made current: QOpenGLWidget::makeCurrent() would also bind the widget's framebuffer
// behind VTK's back while VTK renders into its own, and VTK would then attach its buffers to
// Qt's framebuffer (garbage on screen).
void onMakeCurrent(vtkObject*, unsigned long, void* clientData, void*)
{
    auto* view = static_cast<QOpenGLWidget*>(clientData);
    if (QOpenGLContext* context = view->context())
        context->makeCurrent(context->surface());
}

void onIsCurrent(vtkObject*, unsigned long, void* clientData, void* callData)
{
    auto* view = static_cast<QOpenGLWidget*>(clientData);
    QOpenGLContext* current = QOpenGLContext::currentContext();
    *static_cast<bool*>(callData) = view->context() && current == view->context() &&
                                    current->surface() == view->context()->surface();
}

void onSupportsOpenGL(vtkObject*, unsigned long, void* clientData, void* callData)
{
    auto* view = static_cast<QOpenGLWidget*>(clientData);
    *static_cast<int*>(callData) = view->context() ? 1 : 0;
}

}  // namespace

SurfaceView::SurfaceView(QWidget* parent) : QOpenGLWidget(parent), m_pipeline(std::make_unique<Pipeline>())
{
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(120, 120);
    Pipeline& p = *m_pipeline;
    // Multisampling doubles the cost under software OpenGL for little gain here.
    p.window->SetMultiSamples(0);
    p.window->SetReadyForRendering(false);
    // VTK renders into its own framebuffer; paintGL blits it into the widget's framebuffer.
    p.window->SetFrameBlitModeToNoBlit();
    p.window->AddRenderer(p.renderer);
    p.renderer->SetBackground(0.05, 0.05, 0.08);
    p.renderer->SetBackground2(0.22, 0.24, 0.3);
    p.renderer->GradientBackgroundOn();
    struct Observer {
        unsigned long event;
        void (*callback)(vtkObject*, unsigned long, void*, void*);
    };
    for (const Observer& observer : {Observer{vtkCommand::WindowMakeCurrentEvent, onMakeCurrent},
                                     Observer{vtkCommand::WindowIsCurrentEvent, onIsCurrent},
                                     Observer{vtkCommand::WindowSupportsOpenGLEvent, onSupportsOpenGL}}) {
        vtkNew<vtkCallbackCommand> command;
        command->SetCallback(observer.callback);
        command->SetClientData(this);
        p.window->AddObserver(observer.event, command);
    }
    p.labelMapper->SetScalarModeToUsePointData();
    p.labelActor->SetMapper(p.labelMapper);
    p.labelActor->GetProperty()->SetSpecular(0.3);
    p.labelActor->GetProperty()->SetSpecularPower(20);
    p.boneMapper->ScalarVisibilityOff();
    p.boneActor->SetMapper(p.boneMapper);
    p.boneActor->GetProperty()->SetColor(0.93, 0.9, 0.82);
    p.boneActor->GetProperty()->SetOpacity(0.35);
    p.renderer->AddActor(p.boneActor);
    p.renderer->AddActor(p.labelActor);

    m_rebuildTimer.setSingleShot(true);
    m_rebuildTimer.setInterval(250);
    connect(&m_rebuildTimer, &QTimer::timeout, this, [this] {
        rebuildSurfaces();
        update();
    });
}

SurfaceView::~SurfaceView()
{
    // Release VTK's OpenGL resources while Qt's context still exists.
    if (m_initialized && context()) {
        makeCurrent();
        m_pipeline->window->ReleaseGraphicsResources(m_pipeline->window);
        doneCurrent();
    }
}

void SurfaceView::setImages(std::shared_ptr<const Volume> volume, std::shared_ptr<const LabelMap> labels)
{
    m_volume = std::move(volume);
    m_labels = std::move(labels);
    m_labelsDirty = m_boneDirty = true;
    m_cameraPending = true;
    const vtkSmartPointer<vtkMatrix4x4> matrix =
        m_volume ? worldMatrix(m_volume->geometry()) : vtkSmartPointer<vtkMatrix4x4>::New();
    m_pipeline->labelActor->SetUserMatrix(matrix);
    m_pipeline->boneActor->SetUserMatrix(matrix);
    update();
}

void SurfaceView::allLabelsChanged()
{
    m_labelsDirty = true;
    m_rebuildTimer.start();
}

void SurfaceView::setBoneVisible(bool visible)
{
    m_boneVisible = visible;
    m_pipeline->boneActor->SetVisibility(visible);
    update();
}

void SurfaceView::setSmoothing(bool smooth)
{
    if (smooth == m_smooth)
        return;
    m_smooth = smooth;
    allLabelsChanged();
}

void SurfaceView::rebuildSurfaces()
{
    Pipeline& p = *m_pipeline;
    if (m_labelsDirty) {
        m_labelsDirty = false;
        std::uint16_t largest = 0;
        vtkSmartPointer<vtkPolyData> surfaces =
            m_labels ? buildLabelSurfaces(*m_labels, m_smooth, &largest) : vtkSmartPointer<vtkPolyData>::New();
        p.labelMapper->SetInputData(surfaces);
        p.labelMapper->SetLookupTable(labelLookupTable(largest));
        p.labelMapper->SetScalarRange(0, std::max(1, int(largest)));
        ++m_surfaceBuilds;
    }
    if (m_boneDirty && m_boneVisible) {
        m_boneDirty = false;
        p.boneMapper->SetInputData(m_volume ? buildThresholdSurface(*m_volume, 300.0, 160)
                                            : vtkSmartPointer<vtkPolyData>::New());
    }
}

void SurfaceView::resetCamera()
{
    m_cameraPending = true;
    update();
}

void SurfaceView::initializeGL()
{
    if (!context() || !context()->isValid())
        return;  // no OpenGL (offscreen platform): stay blank
    Pipeline& p = *m_pipeline;
    p.window->SetForceMaximumHardwareLineWidth(1);
    p.window->SetReadyForRendering(true);
    p.window->SetOwnContext(false);
    p.window->OpenGLInitContext();  // a new (Qt-owned) context: set up VTK's side of it
    m_initialized = true;
}

void SurfaceView::resizeGL(int width, int height)
{
    const double ratio = devicePixelRatioF();
    m_pipeline->window->SetSize(int(width * ratio), int(height * ratio));
}

void SurfaceView::paintGL()
{
    if (!m_initialized)
        return;
    Pipeline& p = *m_pipeline;
    rebuildSurfaces();
    if (m_cameraPending) {
        m_cameraPending = false;
        // Anterior view, superior up: the patient faces the viewer, their right on screen left.
        vtkCamera* camera = p.renderer->GetActiveCamera();
        camera->SetFocalPoint(0, 0, 0);
        camera->SetPosition(0, -1, 0);  // LPS: anterior is -y
        camera->SetViewUp(0, 0, 1);
        p.renderer->ResetCamera();
        camera->Dolly(1.3);
        p.renderer->ResetCameraClippingRange();
    }
    const double ratio = devicePixelRatioF();
    p.window->SetSize(int(width() * ratio), int(height() * ratio));
    QElapsedTimer timer;
    timer.start();
    // Qt changed OpenGL state (bound framebuffer, viewport, ...) behind VTK's state cache: resync
    // it, or VTK skips binds it believes are done and draws into Qt's framebuffer.
    vtkOpenGLState* state = p.window->GetState();
    state->Reset();
    state->Push();
    state->vtkglDepthFunc(GL_LEQUAL);  // Qt leaves GL_LESS; VTK expects GL_LEQUAL
    p.window->Render();
    state->Pop();
    // Rendering may have made another context current (e.g. other views updating).
    makeCurrent();
    QOpenGLExtraFunctions* gl = context()->extraFunctions();
    gl->glBindFramebuffer(GL_DRAW_FRAMEBUFFER, defaultFramebufferObject());
    const GLenum buffers[1] = {GL_COLOR_ATTACHMENT0};
    gl->glDrawBuffers(1, buffers);
    gl->glDisable(GL_SCISSOR_TEST);
    p.window->GetState()->vtkglDisable(GL_SCISSOR_TEST);
    const int* size = p.window->GetSize();
    p.window->BlitDisplayFramebuffer(0, 0, 0, size[0], size[1], 0, 0, size[0], size[1], GL_COLOR_BUFFER_BIT, GL_NEAREST);
    // An opaque result: Mesa would otherwise blend it with what lies behind the window.
    GLboolean colourMask[4];
    gl->glGetBooleanv(GL_COLOR_WRITEMASK, colourMask);
    gl->glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
    gl->glClearColor(0, 0, 0, 1);
    gl->glClear(GL_COLOR_BUFFER_BIT);
    gl->glColorMask(colourMask[0], colourMask[1], colourMask[2], colourMask[3]);
    m_lastRenderSeconds = timer.nsecsElapsed() * 1e-9;
}

void SurfaceView::mousePressEvent(QMouseEvent* event) { m_lastMouse = event->pos(); }

void SurfaceView::mouseMoveEvent(QMouseEvent* event)
{
    if (!(event->buttons() & Qt::LeftButton))
        return;
    const QPoint delta = event->pos() - m_lastMouse;
    m_lastMouse = event->pos();
    vtkCamera* camera = m_pipeline->renderer->GetActiveCamera();
    camera->Azimuth(-delta.x() * 0.5);
    camera->Elevation(delta.y() * 0.5);
    camera->OrthogonalizeViewUp();
    m_pipeline->renderer->ResetCameraClippingRange();
    update();
}

void SurfaceView::wheelEvent(QWheelEvent* event)
{
    m_pipeline->renderer->GetActiveCamera()->Dolly(std::pow(1.1, event->angleDelta().y() / 120.0));
    m_pipeline->renderer->ResetCameraClippingRange();
    update();
}

void SurfaceView::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_R)
        resetCamera();
    else
        QOpenGLWidget::keyPressEvent(event);
}

}  // namespace lnseg
