#pragma once
// Keeps the slice views and the 3D view of one study in step: a crosshair move, window/level
// change or overlay change in one view is applied to the others, and image or label changes are
// passed to all of them.

#include "CursorSample.h"
#include "image/SliceComposition.h"
#include "image/VoxelGrid.h"
#include "image/WindowLevel.h"

#include <QObject>

#include <memory>
#include <vector>

namespace lnseg {

class ReviewDocument;
class SliceView;
class SurfaceView;

class ViewSynchronizer : public QObject {
    Q_OBJECT
public:
    ViewSynchronizer(std::vector<SliceView*> sliceViews, SurfaceView* surfaceView, QObject* parent = nullptr);

    void setImages(std::shared_ptr<const Volume> volume, std::shared_ptr<const LabelMap> labels);
    // Shows a review document in every view and follows its label changes: each change redraws
    // only the slice views whose slice crosses the changed region. Null detaches the views; detach
    // (or set another document) before the document is destroyed.
    void setDocument(ReviewDocument* document);
    // Centres every slice view on `world` (a node's centre) with the given zoom.
    void centreOn(const Vector3& world, double zoom);
    void setCrosshair(const Vector3& world);
    void setWindowLevel(const WindowLevel& window);
    void setOverlayStyle(const OverlayStyle& style);
    OverlayStyle overlayStyle() const { return m_overlay; }
    WindowLevel windowLevel() const { return m_window; }
    // Label voxels in the inclusive index box [first, last] changed.
    void labelsChanged(const Index3& first, const Index3& last);

Q_SIGNALS:
    void crosshairChanged(const lnseg::Vector3& world);
    void windowLevelChanged(const lnseg::WindowLevel& window);
    void overlayStyleChanged(const lnseg::OverlayStyle& style);
    void cursorMoved(const lnseg::CursorSample& sample);
    void cursorLeft();

private:
    void documentLabelsChanged();

    std::vector<SliceView*> m_sliceViews;
    ReviewDocument* m_document = nullptr;
    SurfaceView* m_surfaceView;
    WindowLevel m_window = defaultWindow();
    OverlayStyle m_overlay;
};

}  // namespace lnseg
