#pragma once
// What a slice view draws of the landmarks the level suggestions used (the optional overlay), in
// world (LPS) millimetres; the view only maps them to the screen.
//   coronal and sagittal views: one horizontal line per height landmark found (skull base,
//   inferior border of the mandible, bottom of the hyoid and of the cricoid, top of the
//   manubrium);
//   axial view: the section of landmarks nearest the slice (within `reachMm`): the midline, and per
//   side the internal jugular vein and carotid artery (circles), the back of the
//   sternocleidomastoid (a point), and between hyoid and mandible the back of the submandibular
//   gland (a line across that side).

#include "anatomy/AnatomicalLandmarks.h"

#include <string>
#include <vector>

namespace lnseg {

struct LandmarkMark {
    enum class Kind { Height, Midline, Vein, Artery, MuscleBack, GlandBack };
    Kind kind = Kind::Height;
    std::string name;        // "hyoid bone", "right internal jugular vein" ...
    Vector3 position{0, 0, 0};  // Height: z; Midline: x; GlandBack: y (x: the side's sign); else the point
    double radiusMm = 0;     // vessels
};

std::vector<LandmarkMark> heightMarks(const AnatomicalLandmarks& landmarks);
std::vector<LandmarkMark> axialMarks(const AnatomicalLandmarks& landmarks, double z, double reachMm = 4.0);

}  // namespace lnseg
