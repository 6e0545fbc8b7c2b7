#pragma once
// Draws the landmarks the level suggestions used over a slice view (View > Show level landmarks):
// the heights as labelled horizontal lines in the coronal and sagittal views; on an axial slice
// the midline, the jugular veins and carotid arteries, the back of the sternocleidomastoids and
// of the submandibular glands (anatomy/LandmarkMarks.h says what is drawn where).

#include "anatomy/AnatomicalLandmarks.h"
#include "image/SliceExtraction.h"

#include <QCoreApplication>
#include <QPointF>
#include <QRectF>

#include <functional>

class QPainter;

namespace lnseg {

class LandmarkOverlay {
    Q_DECLARE_TR_FUNCTIONS(LandmarkOverlay)
public:
    // `toWidget` maps a world point to widget coordinates; `crosshair` is the view's crosshair
    // (its slice); `pixelsPerMm` the view's scale.
    static void draw(QPainter& painter, const AnatomicalLandmarks& landmarks, SlicePlane plane, const Vector3& crosshair,
                     const QRectF& imageRect, double pixelsPerMm, const std::function<QPointF(const Vector3&)>& toWidget);
    // The short label drawn for a landmark name of anatomy/LandmarkMarks.h, translated.
    static QString shortLabel(const std::string& name);
};

}  // namespace lnseg
