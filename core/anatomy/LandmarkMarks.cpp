#include "anatomy/LandmarkMarks.h"

#include <cmath>

namespace lnseg {

std::vector<LandmarkMark> heightMarks(const AnatomicalLandmarks& landmarks)
{
    std::vector<LandmarkMark> marks;
    const std::pair<const char*, const HeightLandmark*> heights[] = {
        {"skull base", &landmarks.skullBase}, {"mandible", &landmarks.mandibleBottom}, {"hyoid bone", &landmarks.hyoidBottom},
        {"cricoid cartilage", &landmarks.cricoidBottom}, {"manubrium and clavicles", &landmarks.manubriumTop}};
    for (const auto& [name, height] : heights)
        if (height->found)
            marks.push_back({LandmarkMark::Kind::Height, name, {0, 0, height->z}, 0});
    return marks;
}

std::vector<LandmarkMark> axialMarks(const AnatomicalLandmarks& landmarks, double z, double reachMm)
{
    std::vector<LandmarkMark> marks;
    const LandmarkSection* nearest = nullptr;
    for (const LandmarkSection& section : landmarks.sections)
        if (std::abs(section.z - z) <= reachMm && (!nearest || std::abs(section.z - z) < std::abs(nearest->z - z)))
            nearest = &section;
    if (!nearest)
        return marks;
    marks.push_back({LandmarkMark::Kind::Midline, "midline", {nearest->midlineX, 0, z}, 0});
    const char* sideNames[] = {"right", "left"};
    const bool aboveHyoid = landmarks.hyoidBottom.found && z >= landmarks.hyoidBottom.z;
    const bool belowMylohyoid = !landmarks.mandibleBottom.found || z <= landmarks.mandibleBottom.z + 15;
    for (int side = 0; side < 2; ++side) {
        const SideSection& s = nearest->side[side];
        const std::string prefix = std::string(sideNames[side]) + " ";
        if (s.vein)
            marks.push_back({LandmarkMark::Kind::Vein, prefix + "internal jugular vein", {s.veinX, s.veinY, z}, s.veinRadius});
        if (s.artery)
            marks.push_back({LandmarkMark::Kind::Artery, prefix + "carotid artery", {s.arteryX, s.arteryY, z}, s.arteryRadius});
        if (s.muscle)
            marks.push_back({LandmarkMark::Kind::MuscleBack, prefix + "sternocleidomastoid", {s.muscleX, s.muscleBackY, z}, 0});
        const GlandLandmark& gland = landmarks.gland[side];
        if (gland.found && aboveHyoid && belowMylohyoid)
            marks.push_back({LandmarkMark::Kind::GlandBack, prefix + "submandibular gland", {side == 0 ? -1.0 : 1.0, gland.backY, z}, 0});
    }
    return marks;
}

}  // namespace lnseg
