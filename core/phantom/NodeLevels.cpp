#include "phantom/NodeLevels.h"

#include <cmath>

namespace lnseg {

std::string nodalLevel(const NeckAnatomy& anatomy, const Vector3& point)
{
    const NeckLandmarks& marks = anatomy.landmarks();
    const double x = point[0], y = point[1], z = point[2];
    const Side side = x >= 0 ? Side::Left : Side::Right;
    if (z < marks.clavicle + 4 || z > marks.skullBase - 30)
        return {};
    SectionShape muscle;
    if (!anatomy.sternocleidomastoid(z, side, muscle))
        return {};
    const bool behindMuscle = y > muscle.centreY + NeckAnatomy::extentY(muscle);
    if (z >= marks.hyoidBottom) {
        const Ellipsoid gland = anatomy.submandibularGland(side);
        const double glandBack = gland.centre[1] + gland.halfExtents()[1];
        if (y < glandBack && z <= marks.mandibleBottom + 15) {
            if (std::abs(x) < anatomy.submentalHalfWidth())
                return "IA";
            return "IB";
        }
        if (behindMuscle)
            return "VA";
        if (std::abs(x) < 15)
            return {};
        SectionShape vein;
        if (!anatomy.jugularVein(z, side, vein))
            return {};
        return y > vein.centreY + NeckAnatomy::extentY(vein) ? "IIB" : "IIA";
    }
    if (behindMuscle)
        return z >= marks.cricoidBottom ? "VA" : "VB";
    if (std::abs(x) < 15)
        return {};  // central compartment (VI)
    return z >= marks.cricoidBottom ? "III" : "IV";
}

std::string nodalLevelByRules(const NeckAnatomy& anatomy, const Vector3& point)
{
    const std::string level = nodalLevel(anatomy, point);
    if (level != "IIA" && level != "IIB" && level != "III" && level != "IV")
        return level;
    const Side side = point[0] >= 0 ? Side::Left : Side::Right;
    SectionShape carotid;
    if (!anatomy.carotidArtery(point[2], side, carotid))
        return level;
    if (std::abs(point[0]) >= std::abs(carotid.centreX) - carotid.semiAxisU)
        return level;
    return point[2] >= anatomy.landmarks().hyoidBottom ? "RP" : "VI";
}

std::string nodalSide(const std::string& level, const Vector3& point)
{
    if (level == "IA" || level == "VI" || level == "VII")
        return "midline";
    return point[0] >= 0 ? "left" : "right";
}

}  // namespace lnseg
