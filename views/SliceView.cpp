#include "SliceView.h"

#include "LandmarkOverlay.h"
#include "review/ReviewDocument.h"

#include <QKeyEvent>
#include <QLineF>
#include <QMouseEvent>
#include <QFontMetrics>
#include <QPainter>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <exception>

namespace lnseg {

QColor slicePlaneColour(SlicePlane plane)
{
    switch (plane) {
    case SlicePlane::Axial: return QColor(230, 80, 80);
    case SlicePlane::Coronal: return QColor(90, 200, 90);
    case SlicePlane::Sagittal: return QColor(230, 210, 70);
    }
    return Qt::white;
}

namespace {

// The plane whose slices step along index axis `axis` in this geometry: its colour marks the
// crosshair line that shows where that plane cuts this view.
QColor colourOfPlaneAlong(const ImageGeometry& geometry, int axis)
{
    for (SlicePlane plane : {SlicePlane::Axial, SlicePlane::Coronal, SlicePlane::Sagittal})
        if (sliceLayoutFor(geometry, plane).normalAxis == axis)
            return slicePlaneColour(plane);
    return Qt::white;
}

}  // namespace

SliceView::SliceView(SlicePlane plane, QWidget* parent) : QWidget(parent), m_plane(plane)
{
    setMouseTracking(true);
    setFocusPolicy(Qt::StrongFocus);
    setAttribute(Qt::WA_OpaquePaintEvent);  // paintEvent fills every pixel
    setMinimumSize(120, 120);
}

void SliceView::setImages(std::shared_ptr<const Volume> volume, std::shared_ptr<const LabelMap> labels)
{
    m_volume = std::move(volume);
    m_labels = std::move(labels);
    m_valuesValid = m_labelsValid = m_imageValid = false;
    if (!m_volume || m_volume->empty()) {
        m_layout = SliceLayout{};
        update();
        return;
    }
    m_geometry = m_volume->geometry();
    m_layout = sliceLayoutFor(m_geometry, m_plane);
    m_orientation = orientationLabelsFor(m_geometry, m_layout);
    m_columnLineColour = colourOfPlaneAlong(m_geometry, m_layout.columnAxis);
    m_rowLineColour = colourOfPlaneAlong(m_geometry, m_layout.rowAxis);
    m_valueSlice.assign(std::size_t(m_layout.width * m_layout.height), 0);
    m_labelSlice.assign(m_labels ? m_valueSlice.size() : 0, 0);
    m_image = QImage(int(m_layout.width), int(m_layout.height), QImage::Format_RGB32);
    const Size3 size = m_geometry.size;
    m_slice = -1;
    setCrosshair(m_geometry.indexToWorld({(size[0] - 1) / 2.0, (size[1] - 1) / 2.0, (size[2] - 1) / 2.0}));
}

void SliceView::setDocument(ReviewDocument* document)
{
    if (m_document && m_document->strokeActive())
        m_document->endStroke();
    m_document = document;
    m_contour.clear();
    disconnect(m_landmarksConnection);
    if (document)
        m_landmarksConnection = connect(document, &ReviewDocument::landmarksChanged, this, [this] {
            if (m_landmarksVisible)
                update();
        });
    if (!document) {
        setImages(nullptr, nullptr);
        return;
    }
    // Aliasing pointer without ownership: the document owns its label map and outlives the view's
    // use of it (the window detaches the views before it drops a document).
    setImages(document->sharedImage(), std::shared_ptr<const LabelMap>(std::shared_ptr<void>(), &document->labels()));
}

void SliceView::setLandmarksVisible(bool visible)
{
    m_landmarksVisible = visible;
    update();
}

void SliceView::setEditTool(EditTool tool)
{
    if (m_document && m_document->strokeActive())
        m_document->endStroke();
    m_tool = tool;
    m_contour.clear();
    m_drag = Drag::None;
    setCursor(tool == EditTool::Navigate ? Qt::ArrowCursor : Qt::CrossCursor);
    update();
}

void SliceView::setBrushRadiusMm(double radius)
{
    m_brushRadiusMm = std::clamp(radius, 0.2, 100.0);
    update();
}

void SliceView::centreOn(const Vector3& world, double zoom)
{
    setCrosshair(world);
    if (m_layout.width == 0)
        return;
    m_zoom = std::clamp(zoom, 0.2, 40.0);
    m_pan = {0, 0};
    // With no pan the image centre is the widget centre: shift by the crosshair's offset from it.
    const Vector3 position = m_layout.slicePosition(m_geometry.worldToIndex(world));
    const QPointF offset = widgetPosition(position[0], position[1]) - QPointF(width() / 2.0, height() / 2.0);
    m_pan = -offset;
    update();
}

void SliceView::setCrosshair(const Vector3& world)
{
    m_crosshair = world;
    if (m_layout.sliceCount > 0) {
        const Vector3 position = m_layout.slicePosition(m_geometry.worldToIndex(world));
        const std::int64_t slice =
            std::clamp<std::int64_t>(std::llround(position[2]), 0, m_layout.sliceCount - 1);
        if (slice != m_slice) {
            m_slice = slice;
            m_valuesValid = m_labelsValid = m_imageValid = false;
        }
    }
    update();
}

void SliceView::setWindowLevel(const WindowLevel& window)
{
    if (window == m_window.window())
        return;
    m_window = WindowLookupTable(window);
    m_imageValid = false;
    update();
}

void SliceView::setOverlayStyle(const OverlayStyle& style)
{
    if (style == m_overlay)
        return;
    m_overlay = style;
    m_imageValid = false;
    update();
}

void SliceView::labelsChanged(const Index3& first, const Index3& last)
{
    const int axis = m_layout.normalAxis;
    if (m_slice < first[axis] || m_slice > last[axis])
        return;  // the change is on other slices
    m_labelsValid = m_imageValid = false;
    update();
}

void SliceView::allLabelsChanged()
{
    m_labelsValid = m_imageValid = false;
    update();
}

void SliceView::scrollSlices(int steps)
{
    if (m_layout.sliceCount == 0 || steps == 0)
        return;
    const Vector3 position = m_layout.slicePosition(m_geometry.worldToIndex(m_crosshair));
    const double slice = double(std::clamp<std::int64_t>(m_slice + steps, 0, m_layout.sliceCount - 1));
    if (std::int64_t(slice) == m_slice)
        return;
    setCrosshair(m_geometry.indexToWorld(m_layout.continuousIndex(position[0], position[1], slice)));
    Q_EMIT crosshairMoved(m_crosshair);
}

void SliceView::resetZoomAndPan()
{
    m_zoom = 1.0;
    m_pan = {0, 0};
    update();
}

QRectF SliceView::imageRect() const
{
    if (m_layout.width == 0)
        return {};
    // Physical size in mm: this keeps anisotropic voxels at their true aspect ratio.
    const double physicalWidth = m_layout.width * m_layout.columnSpacing;
    const double physicalHeight = m_layout.height * m_layout.rowSpacing;
    const double scale = std::min(width() / physicalWidth, height() / physicalHeight) * m_zoom;
    const QSizeF size(physicalWidth * scale, physicalHeight * scale);
    const QPointF topLeft = QPointF(width() / 2.0, height() / 2.0) - QPointF(size.width(), size.height()) / 2.0 + m_pan;
    return QRectF(topLeft, size);
}

QPointF SliceView::widgetPosition(double column, double row) const
{
    const QRectF rect = imageRect();
    return {rect.left() + (column + 0.5) * rect.width() / double(m_layout.width),
            rect.top() + (row + 0.5) * rect.height() / double(m_layout.height)};
}

QPointF SliceView::slicePixelAt(const QPointF& position) const
{
    const QRectF rect = imageRect();
    return {(position.x() - rect.left()) * double(m_layout.width) / rect.width() - 0.5,
            (position.y() - rect.top()) * double(m_layout.height) / rect.height() - 0.5};
}

const QImage& SliceView::sliceImage()
{
    updateImage();
    return m_image;
}

void SliceView::updateImage()
{
    if (m_imageValid || !m_volume || m_layout.width == 0)
        return;
    if (!m_valuesValid) {
        extractSlice(*m_volume, m_layout, m_slice, m_valueSlice.data());
        m_valuesValid = true;
    }
    const bool needLabels = m_labels && m_overlay.visible;
    if (needLabels && !m_labelsValid) {
        extractSlice(*m_labels, m_layout, m_slice, m_labelSlice.data());
        m_labelsValid = true;
    }
    composeSlice(m_valueSlice.data(), needLabels ? m_labelSlice.data() : nullptr, m_layout.width,
                 m_layout.height, m_window, m_overlay, reinterpret_cast<std::uint32_t*>(m_image.bits()),
                 m_image.bytesPerLine() / 4);
    m_imageValid = true;
    ++m_imageRebuilds;
}

void SliceView::paintEvent(QPaintEvent*)
{
    QPainter painter(this);
    painter.fillRect(rect(), Qt::black);
    if (!m_volume || m_layout.width == 0) {
        painter.setPen(Qt::gray);
        painter.drawText(rect(), Qt::AlignCenter, tr("No image"));
        return;
    }
    updateImage();
    painter.drawImage(imageRect(), m_image);  // nearest-neighbour scaling: voxels stay sharp
    drawCrosshair(painter);
    if (m_landmarksVisible && m_document && m_document->landmarks()) {
        const QRectF image = imageRect();
        LandmarkOverlay::draw(painter, *m_document->landmarks(), m_plane, m_crosshair, image,
                              image.width() / (double(m_layout.width) * m_layout.columnSpacing), [this](const Vector3& world) {
                                  const Vector3 position = m_layout.slicePosition(m_geometry.worldToIndex(world));
                                  return widgetPosition(position[0], position[1]);
                              });
    }
    drawEditFeedback(painter);
    drawAnnotations(painter);
}

void SliceView::drawEditFeedback(QPainter& painter) const
{
    if (m_tool == EditTool::Navigate || !m_document)
        return;
    painter.setRenderHint(QPainter::Antialiasing, true);
    if ((m_tool == EditTool::Brush || m_tool == EditTool::Eraser) && rect().contains(m_mousePosition.toPoint())) {
        const QRectF image = imageRect();
        const double pixelsPerMmX = image.width() / (m_layout.width * m_layout.columnSpacing);
        const double pixelsPerMmY = image.height() / (m_layout.height * m_layout.rowSpacing);
        painter.setPen(QPen(m_tool == EditTool::Brush ? QColor(120, 230, 255) : QColor(255, 140, 90), 1.5));
        painter.setBrush(Qt::NoBrush);
        painter.drawEllipse(m_mousePosition, m_brushRadiusMm * pixelsPerMmX, m_brushRadiusMm * pixelsPerMmY);
    }
    if (m_tool == EditTool::Contour && !m_contour.empty()) {
        QPolygonF polygon;
        for (const QPointF& pixel : m_contour)
            polygon << widgetPosition(pixel.x(), pixel.y());
        painter.setPen(QPen(QColor(120, 230, 255), 1.5, Qt::DashLine));
        painter.drawPolyline(polygon);
        for (const QPointF& point : polygon)
            painter.drawEllipse(point, 2.5, 2.5);
    }
    painter.setRenderHint(QPainter::Antialiasing, false);
}

Vector3 SliceView::indexAt(const QPointF& widgetPosition) const
{
    const QPointF pixel = slicePixelAt(widgetPosition);
    return m_layout.continuousIndex(pixel.x(), pixel.y(), double(m_slice));
}

bool SliceView::ensureActiveNode()
{
    if (!m_document)
        return false;
    if (m_activeNode != 0 && m_document->findNode(m_activeNode))
        return true;
    if (m_tool == EditTool::Eraser)
        return false;  // nothing to erase
    m_activeNode = m_document->createNode();
    Q_EMIT activeNodeCreated(m_activeNode);
    return true;
}

void SliceView::paintAt(const QPointF& widgetPosition)
{
    if (!m_document || !m_document->strokeActive())
        return;
    m_document->paintDab(m_layout.normalAxis, indexAt(widgetPosition), m_brushRadiusMm);
}

void SliceView::finishContour()
{
    std::vector<QPointF> contour;
    contour.swap(m_contour);
    m_contourDragged = false;
    update();
    if (!m_document || contour.size() < 3 || !ensureActiveNode())
        return;
    // fillPolygon takes the plane's index axes in increasing order: (i,j), (i,k) or (j,k).
    const int first = std::min(m_layout.columnAxis, m_layout.rowAxis);
    const int second = std::max(m_layout.columnAxis, m_layout.rowAxis);
    std::vector<std::array<double, 2>> polygon;
    for (const QPointF& pixel : contour) {
        const Vector3 index = m_layout.continuousIndex(pixel.x(), pixel.y(), double(m_slice));
        polygon.push_back({index[first], index[second]});
    }
    m_document->fillPolygon(m_layout.normalAxis, int(m_slice), polygon, m_activeNode);
}

void SliceView::drawCrosshair(QPainter& painter) const
{
    const Vector3 position = m_layout.slicePosition(m_geometry.worldToIndex(m_crosshair));
    const QPointF centre = widgetPosition(position[0], position[1]);
    const QRectF rect = imageRect();
    const double gap = 8.0;  // keep the voxel under the crosshair visible
    QColor vertical = m_columnLineColour, horizontal = m_rowLineColour;
    vertical.setAlpha(180);
    horizontal.setAlpha(180);
    painter.setPen(QPen(vertical, 1));
    painter.drawLine(QPointF(centre.x(), rect.top()), QPointF(centre.x(), centre.y() - gap));
    painter.drawLine(QPointF(centre.x(), centre.y() + gap), QPointF(centre.x(), rect.bottom()));
    painter.setPen(QPen(horizontal, 1));
    painter.drawLine(QPointF(rect.left(), centre.y()), QPointF(centre.x() - gap, centre.y()));
    painter.drawLine(QPointF(centre.x() + gap, centre.y()), QPointF(rect.right(), centre.y()));
}

QString SliceView::planeTitle() const
{
    switch (m_plane) {
    case SlicePlane::Axial: return tr("Axial");
    case SlicePlane::Coronal: return tr("Coronal");
    case SlicePlane::Sagittal: return tr("Sagittal");
    }
    return QString::fromLatin1(slicePlaneName(m_plane));
}

void SliceView::drawAnnotations(QPainter& painter) const
{
    const int margin = 6;
    QFont font = painter.font();
    font.setPointSizeF(9);
    painter.setFont(font);
    const QRect area = rect().adjusted(margin, margin, -margin, -margin);
    painter.setPen(slicePlaneColour(m_plane));
    const QString title = QStringLiteral("%1  %2/%3").arg(planeTitle()).arg(m_slice + 1).arg(m_layout.sliceCount);
    painter.drawText(area, Qt::AlignLeft | Qt::AlignTop, title);
    const QFontMetrics smallText(font);
    const int titleRight = area.left() + smallText.horizontalAdvance(title);
    painter.setPen(QColor(220, 220, 220));
    const WindowLevel window = m_window.window();
    QString footer = tr("W %1  L %2").arg(window.width, 0, 'f', 0).arg(window.level, 0, 'f', 0);
    if (m_labels && !m_overlay.visible)
        footer += tr("  (labels hidden)");
    painter.drawText(area, Qt::AlignLeft | Qt::AlignBottom, footer);
    const int footerRight = area.left() + smallText.horizontalAdvance(footer);
    font.setBold(true);
    font.setPointSizeF(11);
    painter.setFont(font);
    painter.setPen(QColor(255, 200, 60));
    painter.drawText(area, Qt::AlignLeft | Qt::AlignVCenter, QString::fromStdString(m_orientation.left));
    painter.drawText(area, Qt::AlignRight | Qt::AlignVCenter, QString::fromStdString(m_orientation.right));
    // The top and bottom letters sit at the centre, unless a narrow view puts the title or the
    // footer there: then they move one line inwards instead of overlapping them.
    const QFontMetrics letters(font);
    const auto letterArea = [&](const std::string& letter, int textRight, int shift) {
        const int letterLeft = area.center().x() - letters.horizontalAdvance(QString::fromStdString(letter)) / 2;
        return letterLeft < textRight + margin ? area.adjusted(0, std::max(shift, 0), 0, std::min(shift, 0)) : area;
    };
    const int line = smallText.height();
    painter.drawText(letterArea(m_orientation.top, titleRight, line), Qt::AlignHCenter | Qt::AlignTop,
                     QString::fromStdString(m_orientation.top));
    painter.drawText(letterArea(m_orientation.bottom, footerRight, -line), Qt::AlignHCenter | Qt::AlignBottom,
                     QString::fromStdString(m_orientation.bottom));
}

void SliceView::moveCrosshairTo(const QPointF& widgetPosition)
{
    if (m_layout.width == 0)
        return;
    const QPointF pixel = slicePixelAt(widgetPosition);
    const double column = std::clamp(std::round(pixel.x()), 0.0, double(m_layout.width - 1));
    const double row = std::clamp(std::round(pixel.y()), 0.0, double(m_layout.height - 1));
    setCrosshair(m_geometry.indexToWorld(m_layout.continuousIndex(column, row, double(m_slice))));
    Q_EMIT crosshairMoved(m_crosshair);
}

void SliceView::emitCursorSample(const QPointF& widgetPosition)
{
    if (m_layout.width == 0)
        return;
    const QPointF pixel = slicePixelAt(widgetPosition);
    const std::int64_t column = std::llround(pixel.x());
    const std::int64_t row = std::llround(pixel.y());
    if (column < 0 || row < 0 || column >= m_layout.width || row >= m_layout.height) {
        Q_EMIT cursorLeft();
        return;
    }
    CursorSample sample;
    sample.index = m_layout.voxelIndex(m_slice, column, row);
    sample.world = m_geometry.indexToWorld({double(sample.index[0]), double(sample.index[1]), double(sample.index[2])});
    sample.value = m_volume->at(sample.index[0], sample.index[1], sample.index[2]);
    sample.label = m_labels ? m_labels->at(sample.index[0], sample.index[1], sample.index[2]) : 0;
    Q_EMIT cursorMoved(sample);
}

void SliceView::mousePressEvent(QMouseEvent* event)
{
    m_dragStart = event->position();
    if (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ShiftModifier)) {
        m_drag = Drag::WindowLevel;
        m_dragStartWindow = m_window.window();
    } else if (event->button() == Qt::LeftButton && m_document && m_layout.width > 0 &&
               (m_tool == EditTool::Brush || m_tool == EditTool::Eraser)) {
        if (ensureActiveNode()) {
            m_drag = Drag::Paint;
            m_document->beginStroke(m_activeNode, m_tool == EditTool::Eraser);
            paintAt(event->position());
        }
    } else if (event->button() == Qt::LeftButton && m_document && m_layout.width > 0 && m_tool == EditTool::Contour) {
        m_drag = Drag::Contour;
        m_contourDragged = false;
        m_contour.push_back(slicePixelAt(event->position()));
        update();
    } else if (event->button() == Qt::LeftButton) {
        m_drag = Drag::Crosshair;
        moveCrosshairTo(event->position());
    } else if (event->button() == Qt::RightButton) {
        m_drag = Drag::Zoom;
        m_dragStartZoom = m_zoom;
    } else if (event->button() == Qt::MiddleButton) {
        m_drag = Drag::Pan;
        m_dragStartPan = m_pan;
    }
    event->accept();
}

void SliceView::mouseMoveEvent(QMouseEvent* event)
{
    const QPointF delta = event->position() - m_dragStart;
    m_mousePosition = event->position();
    if (m_tool != EditTool::Navigate)
        update();  // the brush outline follows the mouse
    switch (m_drag) {
    case Drag::Paint: paintAt(event->position()); break;
    case Drag::Contour:
        // Dragging draws a freehand contour; clicks without dragging place polygon corners.
        if (QLineF(m_dragStart, event->position()).length() > 3) {
            m_contourDragged = true;
            m_contour.push_back(slicePixelAt(event->position()));
        }
        break;
    case Drag::Crosshair: moveCrosshairTo(event->position()); break;
    case Drag::WindowLevel: {
        // Horizontal drag widens the window, vertical drag raises the level; the step grows with
        // the window so that both narrow and bone windows are easy to adjust.
        const double step = std::max(1.0, m_dragStartWindow.width / 256.0);
        WindowLevel window;
        window.width = std::max(1.0, m_dragStartWindow.width + delta.x() * step);
        window.level = m_dragStartWindow.level - delta.y() * step;
        setWindowLevel(window);
        Q_EMIT windowLevelChanged(window);
        break;
    }
    case Drag::Zoom:
        m_zoom = std::clamp(m_dragStartZoom * std::exp(-delta.y() * 0.01), 0.2, 40.0);
        update();
        break;
    case Drag::Pan:
        m_pan = m_dragStartPan + delta;
        update();
        break;
    case Drag::None: break;
    }
    emitCursorSample(event->position());
}

void SliceView::mouseReleaseEvent(QMouseEvent*)
{
    const Drag drag = m_drag;
    m_drag = Drag::None;
    if (drag == Drag::Paint && m_document)
        m_document->endStroke();
    else if (drag == Drag::Contour && m_contourDragged)
        finishContour();
}

void SliceView::mouseDoubleClickEvent(QMouseEvent* event)
{
    if (m_tool == EditTool::Contour && event->button() == Qt::LeftButton) {
        finishContour();  // the double click closes the polygon of clicked corners
        event->accept();
        return;
    }
    mousePressEvent(event);
}

void SliceView::wheelEvent(QWheelEvent* event)
{
    m_wheelRemainder += event->angleDelta().y();
    const int steps = m_wheelRemainder / 120;  // one notch = one slice; trackpads accumulate
    m_wheelRemainder -= steps * 120;
    if (steps == 0)
        return;
    if (event->modifiers() & Qt::ControlModifier) {
        m_zoom = std::clamp(m_zoom * std::pow(1.15, steps), 0.2, 40.0);
        update();
    } else {
        scrollSlices(steps);
    }
    event->accept();
}

void SliceView::keyPressEvent(QKeyEvent* event)
{
    const auto& presets = windowPresets();
    switch (event->key()) {
    case Qt::Key_Up:
    case Qt::Key_Right: scrollSlices(1); break;
    case Qt::Key_Down:
    case Qt::Key_Left: scrollSlices(-1); break;
    case Qt::Key_PageUp: scrollSlices(10); break;
    case Qt::Key_PageDown: scrollSlices(-10); break;
    case Qt::Key_Escape:
        m_contour.clear();
        update();
        break;
    case Qt::Key_F5:
    case Qt::Key_F6:
    case Qt::Key_F7:
    case Qt::Key_F8: {
        const std::size_t preset = std::size_t(event->key() - Qt::Key_F5);
        if (preset < presets.size()) {
            setWindowLevel(presets[preset].window);
            Q_EMIT windowLevelChanged(presets[preset].window);
        }
        break;
    }
    case Qt::Key_R: resetZoomAndPan(); break;
    case Qt::Key_O:
    case Qt::Key_L: {
        OverlayStyle style = m_overlay;
        (event->key() == Qt::Key_O ? style.visible : style.outline) ^= true;
        setOverlayStyle(style);
        Q_EMIT overlayStyleChanged(style);
        break;
    }
    case Qt::Key_1:
    case Qt::Key_2:
    case Qt::Key_3:
    case Qt::Key_4: {
        const std::size_t preset = std::size_t(event->key() - Qt::Key_1);
        if (preset < presets.size()) {
            setWindowLevel(presets[preset].window);
            Q_EMIT windowLevelChanged(presets[preset].window);
        }
        break;
    }
    default: QWidget::keyPressEvent(event); return;
    }
    event->accept();
}

void SliceView::leaveEvent(QEvent*)
{
    m_mousePosition = {-1, -1};
    if (m_tool != EditTool::Navigate)
        update();
    Q_EMIT cursorLeft();
}

}  // namespace lnseg
