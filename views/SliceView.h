#pragma once
// One 2D slice view (axial, coronal or sagittal) painted with QPainter.
//
// The view extracts the index plane through the crosshair, maps it through a window lookup table
// and the label overlay into a cached QImage (rebuilt only when the slice, window, overlay or
// labels change), and draws it with the volume's physical aspect ratio. It never owns the images:
// it shows shared, read-only grids handed to it, and reports gestures through signals.
//
// Gestures: left click/drag sets the crosshair (navigate tool) or edits the labels (brush,
// eraser, contour tools, through the ReviewDocument's undoable commands); shift+left drag adjusts
// window/level; wheel, arrows and PageUp/PageDown scroll slices; right drag or ctrl+wheel zooms;
// middle drag pans; R resets zoom and pan; O hides/shows the label overlay; L toggles outline
// mode; keys 1-4 and F5-F8 select window presets (in the review window the digits set levels).

#include "CursorSample.h"
#include "image/SliceComposition.h"
#include "image/SliceExtraction.h"
#include "image/VoxelGrid.h"
#include "image/WindowLevel.h"

#include <QImage>
#include <QPointF>
#include <QRectF>
#include <QWidget>

#include <array>
#include <memory>
#include <vector>

namespace lnseg {

class ReviewDocument;

// What a left drag in a slice view does.
enum class EditTool { Navigate, Brush, Eraser, Contour };

class SliceView : public QWidget {
    Q_OBJECT
public:
    explicit SliceView(SlicePlane plane, QWidget* parent = nullptr);

    // `labels` may be null; when given it must lie on the volume's grid.
    void setImages(std::shared_ptr<const Volume> volume, std::shared_ptr<const LabelMap> labels);
    // Shows the document's image and labels (the view observes, never owns, the document) and
    // sends edit gestures to it. Null detaches. Redraws follow the document's labelsChanged()
    // through whoever connects it (ViewSynchronizer) so that only crossed slices are recomposed.
    void setDocument(ReviewDocument* document);
    ReviewDocument* document() const { return m_document; }
    void setEditTool(EditTool tool);
    EditTool editTool() const { return m_tool; }
    // The node that brush, eraser and contour act on (0: painting creates a new node).
    void setActiveNode(std::uint16_t label) { m_activeNode = label; }
    std::uint16_t activeNode() const { return m_activeNode; }
    void setBrushRadiusMm(double radius);
    double brushRadiusMm() const { return m_brushRadiusMm; }
    // Moves the crosshair to `world` and zooms so that it is in the middle of the view.
    void centreOn(const Vector3& world, double zoom);
    void setCrosshair(const Vector3& world);
    void setWindowLevel(const WindowLevel& window);
    void setOverlayStyle(const OverlayStyle& style);
    // Voxels in the inclusive index box [first, last] of the label map changed.
    void labelsChanged(const Index3& first, const Index3& last);
    void allLabelsChanged();
    // Moves the crosshair `steps` slices along this view's normal and emits crosshairMoved.
    void scrollSlices(int steps);
    void resetZoomAndPan();
    // Draws the document's level landmarks (LandmarkOverlay) when it has them.
    void setLandmarksVisible(bool visible);
    bool landmarksVisible() const { return m_landmarksVisible; }

    SlicePlane plane() const { return m_plane; }
    const SliceLayout& sliceLayout() const { return m_layout; }
    std::int64_t currentSlice() const { return m_slice; }
    Vector3 crosshair() const { return m_crosshair; }
    WindowLevel windowLevel() const { return m_window.window(); }
    OverlayStyle overlayStyle() const { return m_overlay; }
    OrientationLabels orientationLabels() const { return m_orientation; }
    double zoom() const { return m_zoom; }

    // Where the slice image is drawn, in widget coordinates.
    QRectF imageRect() const;
    // Widget position of the centre of slice pixel (column, row), and the reverse.
    QPointF widgetPosition(double column, double row) const;
    QPointF slicePixelAt(const QPointF& widgetPosition) const;
    // The up-to-date slice image (one pixel per voxel, before scaling).
    const QImage& sliceImage();
    int imageRebuildCount() const { return m_imageRebuilds; }

Q_SIGNALS:
    void crosshairMoved(const lnseg::Vector3& world);
    void windowLevelChanged(const lnseg::WindowLevel& window);
    void overlayStyleChanged(const lnseg::OverlayStyle& style);
    void cursorMoved(const lnseg::CursorSample& sample);
    void cursorLeft();
    // Painting created a new node (no node was active): it is the active node now.
    void activeNodeCreated(std::uint16_t label);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void leaveEvent(QEvent* event) override;

private:
    enum class Drag { None, Crosshair, WindowLevel, Zoom, Pan, Paint, Contour };

    void updateImage();
    void moveCrosshairTo(const QPointF& widgetPosition);
    void emitCursorSample(const QPointF& widgetPosition);
    void drawCrosshair(QPainter& painter) const;
    // The plane's name shown in the view ("Axial", ... translated).
    QString planeTitle() const;
    void drawAnnotations(QPainter& painter) const;
    void drawEditFeedback(QPainter& painter) const;
    // Continuous voxel index under a widget position, on the current slice.
    Vector3 indexAt(const QPointF& widgetPosition) const;
    bool ensureActiveNode();
    void paintAt(const QPointF& widgetPosition);
    void finishContour();

    SlicePlane m_plane;
    std::shared_ptr<const Volume> m_volume;
    std::shared_ptr<const LabelMap> m_labels;
    ImageGeometry m_geometry;
    SliceLayout m_layout;
    OrientationLabels m_orientation;
    QColor m_columnLineColour, m_rowLineColour;

    Vector3 m_crosshair{0, 0, 0};
    std::int64_t m_slice = 0;
    WindowLookupTable m_window;
    OverlayStyle m_overlay;

    // Cached extraction and display image.
    std::vector<std::int16_t> m_valueSlice;
    std::vector<std::uint16_t> m_labelSlice;
    bool m_valuesValid = false;
    bool m_labelsValid = false;
    bool m_imageValid = false;
    QImage m_image;
    int m_imageRebuilds = 0;

    double m_zoom = 1.0;
    QPointF m_pan{0, 0};
    Drag m_drag = Drag::None;
    QPointF m_dragStart;
    WindowLevel m_dragStartWindow;
    double m_dragStartZoom = 1.0;
    QPointF m_dragStartPan;
    int m_wheelRemainder = 0;

    ReviewDocument* m_document = nullptr;
    QMetaObject::Connection m_landmarksConnection;
    bool m_landmarksVisible = false;
    EditTool m_tool = EditTool::Navigate;
    std::uint16_t m_activeNode = 0;
    double m_brushRadiusMm = 3.0;
    QPointF m_mousePosition{-1, -1};
    std::vector<QPointF> m_contour;  // slice pixel positions of the contour being drawn
    bool m_contourDragged = false;
};

QColor slicePlaneColour(SlicePlane plane);

}  // namespace lnseg
