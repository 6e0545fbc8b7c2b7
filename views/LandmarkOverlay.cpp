#include "LandmarkOverlay.h"

#include "anatomy/LandmarkMarks.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <vector>

namespace lnseg {

QString LandmarkOverlay::shortLabel(const std::string& name)
{
    const auto has = [&](const char* part) { return name.find(part) != std::string::npos; };
    if (has("skull base")) return tr("skull base");
    if (has("mandible")) return tr("mandible");
    if (has("hyoid")) return tr("hyoid");
    if (has("cricoid")) return tr("cricoid");
    if (has("manubrium")) return tr("manubrium");
    if (has("jugular")) return tr("IJV");
    if (has("carotid")) return tr("CA");
    if (has("sternocleidomastoid")) return tr("SCM");
    if (has("submandibular")) return tr("SMG");
    if (has("midline")) return tr("midline");
    return QString::fromStdString(name);
}

void LandmarkOverlay::draw(QPainter& painter, const AnatomicalLandmarks& landmarks, SlicePlane plane, const Vector3& crosshair,
                           const QRectF& imageRect, double pixelsPerMm, const std::function<QPointF(const Vector3&)>& toWidget)
{
    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    QFont font = painter.font();
    font.setPointSizeF(8.5);
    painter.setFont(font);
    const QFontMetricsF metrics(font);
    const QColor lineColour(80, 220, 255);
    // Lines and labels within the part of the image on screen (a zoomed image reaches beyond it).
    const QRectF visible = imageRect.intersected(QRectF(painter.window()));
    std::vector<QRectF> placed;  // labels drawn so far: a label that would cover one moves left
    auto label = [&](const QPointF& at, const QString& text, const QColor& colour) {
        QRectF box(at, metrics.size(0, text) + QSizeF(4, 0));
        for (bool moved = true; moved;) {
            moved = false;
            for (const QRectF& other : placed)
                if (box.intersects(other)) {
                    box.moveRight(other.left() - 4);
                    moved = true;
                }
        }
        placed.push_back(box);
        painter.fillRect(box, QColor(0, 0, 0, 150));
        painter.setPen(colour);
        painter.drawText(box, Qt::AlignCenter, text);
    };
    if (plane != SlicePlane::Axial) {
        for (const LandmarkMark& mark : heightMarks(landmarks)) {
            const double y = toWidget({crosshair[0], crosshair[1], mark.position[2]}).y();
            if (y < visible.top() || y > visible.bottom())
                continue;
            painter.setPen(QPen(lineColour, 1, Qt::DashLine));
            painter.drawLine(QPointF(visible.left(), y), QPointF(visible.right(), y));
            const QString text = shortLabel(mark.name);
            label(QPointF(visible.right() - metrics.horizontalAdvance(text) - 8, y - metrics.height() - 1), text, lineColour);
        }
        painter.restore();
        return;
    }
    const std::vector<LandmarkMark> marks = axialMarks(landmarks, crosshair[2]);
    double midlineX = visible.center().x(), midlineWorldX = crosshair[0];
    for (const LandmarkMark& mark : marks) {
        const QPointF at = toWidget({mark.kind == LandmarkMark::Kind::GlandBack ? crosshair[0] : mark.position[0],
                                     mark.kind == LandmarkMark::Kind::Midline ? crosshair[1] : mark.position[1], crosshair[2]});
        const QString text = shortLabel(mark.name);
        switch (mark.kind) {
        case LandmarkMark::Kind::Midline:
            midlineX = at.x();
            midlineWorldX = mark.position[0];
            painter.setPen(QPen(lineColour, 1, Qt::DashLine));
            painter.drawLine(QPointF(at.x(), visible.top()), QPointF(at.x(), visible.bottom()));
            label(QPointF(at.x() + 3, visible.top() + 18), text, lineColour);
            break;
        case LandmarkMark::Kind::Vein:
        case LandmarkMark::Kind::Artery: {
            const QColor colour = mark.kind == LandmarkMark::Kind::Vein ? QColor(90, 150, 255) : QColor(255, 90, 90);
            const double radius = std::max(3.0, mark.radiusMm * pixelsPerMm);
            painter.setPen(QPen(colour, 1.5));
            painter.setBrush(Qt::NoBrush);
            painter.drawEllipse(at, radius, radius);
            label(at + QPointF(radius + 4, -radius - metrics.height() / 2), text, colour);
            break;
        }
        case LandmarkMark::Kind::MuscleBack: {
            const QColor colour(255, 170, 60);
            painter.setPen(QPen(colour, 1.5));
            painter.drawLine(at + QPointF(-4, -4), at + QPointF(4, 4));
            painter.drawLine(at + QPointF(-4, 4), at + QPointF(4, -4));
            label(at + QPointF(6, 2), text, colour);
            break;
        }
        case LandmarkMark::Kind::GlandBack:
            break;  // drawn below, once the midline is known
        case LandmarkMark::Kind::Height:
            break;
        }
    }
    for (const LandmarkMark& mark : marks) {
        if (mark.kind != LandmarkMark::Kind::GlandBack)
            continue;
        // The side's half of the image: the patient's right is the screen's left when x grows rightwards.
        const double y = toWidget({crosshair[0], mark.position[1], crosshair[2]}).y();
        const double sideX = toWidget({midlineWorldX + mark.position[0] * 50, crosshair[1], crosshair[2]}).x();
        const double far = sideX < midlineX ? visible.left() : visible.right();
        const QColor colour(150, 230, 120);
        painter.setPen(QPen(colour, 1, Qt::DotLine));
        painter.drawLine(QPointF(midlineX, y), QPointF(far, y));
        const QString text = shortLabel(mark.name);
        label(QPointF(sideX < midlineX ? far + 4 : far - metrics.horizontalAdvance(text) - 8, y + 1), text, colour);
    }
    painter.restore();
}

}  // namespace lnseg
