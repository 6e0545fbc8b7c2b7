#include "ViewSynchronizer.h"

#include "SliceView.h"
#include "SurfaceView.h"
#include "review/ReviewDocument.h"

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

void ViewSynchronizer::setDocument(ReviewDocument* document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    for (SliceView* view : m_sliceViews) {
        view->setDocument(document);
        view->setWindowLevel(m_window);
        view->setOverlayStyle(m_overlay);
    }
    if (m_surfaceView) {
        if (document)
            m_surfaceView->setImages(document->sharedImage(),
                                     std::shared_ptr<const LabelMap>(std::shared_ptr<void>(), &document->labels()));
        else
            m_surfaceView->setImages(nullptr, nullptr);
    }
    if (!document)
        return;
    connect(document, &ReviewDocument::labelsChanged, this, &ViewSynchronizer::documentLabelsChanged);
    if (!m_sliceViews.empty())
        Q_EMIT crosshairChanged(m_sliceViews.front()->crosshair());
}

void ViewSynchronizer::documentLabelsChanged()
{
    const VoxelRegion& region = m_document->lastChangedRegion();
    if (region.empty())
        return;
    labelsChanged({region.lower[0], region.lower[1], region.lower[2]}, {region.upper[0], region.upper[1], region.upper[2]});
}

void ViewSynchronizer::centreOn(const Vector3& world, double zoom)
{
    for (SliceView* view : m_sliceViews)
        view->centreOn(world, zoom);
    if (m_surfaceView)
        m_surfaceView->update();
    Q_EMIT crosshairChanged(world);
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
