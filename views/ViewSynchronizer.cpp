#include "ViewSynchronizer.h"

#include "SliceView.h"
#include "SurfaceView.h"

namespace lnseg {

ViewSynchronizer::ViewSynchronizer(std::vector<SliceView*> sliceViews, SurfaceView* surfaceView, QObject* parent)
    : QObject(parent), m_sliceViews(std::move(sliceViews)), m_surfaceView(surfaceView)
{
    for (SliceView* view : m_sliceViews) {
        connect(view, &SliceView::crosshairMoved, this, [this, view](const Vector3& world) {
            for (SliceView* other : m_sliceViews)
                if (other != view)
                    other->setCrosshair(world);
            Q_EMIT crosshairChanged(world);
        });
        connect(view, &SliceView::windowLevelChanged, this, &ViewSynchronizer::setWindowLevel);
        connect(view, &SliceView::overlayStyleChanged, this, &ViewSynchronizer::setOverlayStyle);
        connect(view, &SliceView::cursorMoved, this, &ViewSynchronizer::cursorMoved);
        connect(view, &SliceView::cursorLeft, this, &ViewSynchronizer::cursorLeft);
    }
}

void ViewSynchronizer::setImages(std::shared_ptr<const Volume> volume, std::shared_ptr<const LabelMap> labels)
{
    for (SliceView* view : m_sliceViews) {
        view->setImages(volume, labels);
        view->setWindowLevel(m_window);
        view->setOverlayStyle(m_overlay);
    }
    if (m_surfaceView)
        m_surfaceView->setImages(volume, labels);
    if (!m_sliceViews.empty())
        Q_EMIT crosshairChanged(m_sliceViews.front()->crosshair());
}

void ViewSynchronizer::setCrosshair(const Vector3& world)
{
    for (SliceView* view : m_sliceViews)
        view->setCrosshair(world);
    Q_EMIT crosshairChanged(world);
}

void ViewSynchronizer::setWindowLevel(const WindowLevel& window)
{
    m_window = window;
    for (SliceView* view : m_sliceViews)
        view->setWindowLevel(window);
    Q_EMIT windowLevelChanged(window);
}

void ViewSynchronizer::setOverlayStyle(const OverlayStyle& style)
{
    m_overlay = style;
    for (SliceView* view : m_sliceViews)
        view->setOverlayStyle(style);
    Q_EMIT overlayStyleChanged(style);
}

void ViewSynchronizer::labelsChanged(const Index3& first, const Index3& last)
{
    for (SliceView* view : m_sliceViews)
        view->labelsChanged(first, last);
    if (m_surfaceView)
        m_surfaceView->allLabelsChanged();
}

}  // namespace lnseg
