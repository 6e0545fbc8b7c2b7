#pragma once
// The nodal level of a point in the phantom, by simplified imaging rules (Som et al. 1999) applied
// to the phantom's own anatomy:
//   above the bottom of the hyoid: IA (submental, between the digastrics: |x| small, anterior to
//     the submandibular glands, below the mandible), IB (lateral to IA, anterior to the back of
//     the submandibular gland), IIA / IIB (anterior / posterior to the back of the internal jugular
//     vein), VA (posterior to the back of the sternocleidomastoid);
//   hyoid to cricoid: III, or VA behind the sternocleidomastoid;
//   cricoid to clavicle: IV, or VB behind the sternocleidomastoid.
// Points in the central compartment (level VI), the parotid region or above the upper neck return
// an empty string: the phantom places no nodes there.

#include "phantom/NeckAnatomy.h"

#include <string>

namespace lnseg {

std::string nodalLevel(const NeckAnatomy& anatomy, const Vector3& point);
// The level the published rules give (Som et al. 1999, as core/anatomy/LevelRules.h applies them):
// nodalLevel(), except that the central compartment is bounded by the carotid artery, not by a
// fixed distance from the midline: a point medial to the carotid's medial wall is VI (hyoid to
// manubrium) or RP (above the hyoid). Node placement accepts candidates with nodalLevel() (the
// phantoms' images depend on it) and then labels each node with this one.
std::string nodalLevelByRules(const NeckAnatomy& anatomy, const Vector3& point);
// "left" (x > 0 in LPS), "right" or "midline" (levels IA, VI, VII).
std::string nodalSide(const std::string& level, const Vector3& point);

}  // namespace lnseg
