#include "anatomy/AnatomicalLandmarks.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

namespace lnseg {

double AnatomicalLandmarks::midlineAt(double z) const
{
    double best = std::numeric_limits<double>::max(), midline = 0;
    for (const LandmarkSection& section : sections)
        if (std::abs(section.z - z) < best) {
            best = std::abs(section.z - z);
            midline = section.midlineX;
        }
    return midline;
}

SideSection AnatomicalLandmarks::sideAt(double z, int side, double reach) const
{
    SideSection result;
    double veinDistance = reach, arteryDistance = reach, muscleDistance = reach;
    for (const LandmarkSection& section : sections) {
        const double distance = std::abs(section.z - z);
        const SideSection& s = section.side[side];
        if (s.vein && distance <= veinDistance) {
            veinDistance = distance;
            result.vein = true;
            result.veinX = s.veinX; result.veinY = s.veinY; result.veinRadius = s.veinRadius;
        }
        if (s.artery && distance <= arteryDistance) {
            arteryDistance = distance;
            result.artery = true;
            result.arteryX = s.arteryX; result.arteryY = s.arteryY; result.arteryRadius = s.arteryRadius;
        }
        if (s.muscle && distance <= muscleDistance) {
            muscleDistance = distance;
            result.muscle = true;
            result.muscleBackY = s.muscleBackY; result.muscleX = s.muscleX;
        }
    }
    return result;
}

std::vector<std::string> AnatomicalLandmarks::missing() const
{
    std::vector<std::string> names;
    const std::pair<const char*, const HeightLandmark*> heights[] = {
        {"skull base", &skullBase}, {"mandible", &mandibleBottom}, {"hyoid bone", &hyoidBottom},
        {"cricoid cartilage", &cricoidBottom}, {"manubrium and clavicles", &manubriumTop}};
    for (const auto& [name, landmark] : heights)
        if (!landmark->found)
            names.push_back(name);
    if (!gland[0].found) names.push_back("right submandibular gland");
    if (!gland[1].found) names.push_back("left submandibular gland");
    if (!digastricFound) names.push_back("digastric muscles");
    if (vesselConfidence <= 0) names.push_back("carotid arteries and jugular veins");
    if (muscleConfidence <= 0) names.push_back("sternocleidomastoid muscles");
    return names;
}

namespace {
nlohmann::json heightJson(const HeightLandmark& landmark)
{
    nlohmann::json json{{"found", landmark.found}, {"confidence", landmark.confidence}};
    if (landmark.found)
        json["z_mm"] = landmark.z;
    return json;
}
}  // namespace

nlohmann::json toJson(const AnatomicalLandmarks& landmarks, bool withSections)
{
    nlohmann::json json;
    json["skull_base"] = heightJson(landmarks.skullBase);
    json["mandible_bottom"] = heightJson(landmarks.mandibleBottom);
    json["hyoid_bottom"] = heightJson(landmarks.hyoidBottom);
    json["cricoid_bottom"] = heightJson(landmarks.cricoidBottom);
    json["manubrium_top"] = heightJson(landmarks.manubriumTop);
    for (int side = 0; side < 2; ++side) {
        nlohmann::json gland{{"found", landmarks.gland[side].found}, {"confidence", landmarks.gland[side].confidence}};
        if (landmarks.gland[side].found)
            gland["back_y_mm"] = landmarks.gland[side].backY;
        json[side == 0 ? "right_submandibular_gland" : "left_submandibular_gland"] = gland;
    }
    json["digastric"] = {{"found", landmarks.digastricFound}, {"submental_half_width_mm", landmarks.submentalHalfWidthMm}};
    json["vessels_confidence"] = landmarks.vesselConfidence;
    json["sternocleidomastoid_confidence"] = landmarks.muscleConfidence;
    json["missing"] = landmarks.missing();
    if (withSections) {
        nlohmann::json sections = nlohmann::json::array();
        for (const LandmarkSection& section : landmarks.sections) {
            nlohmann::json entry{{"z_mm", section.z}, {"midline_x_mm", section.midlineX}};
            for (int side = 0; side < 2; ++side) {
                const SideSection& s = section.side[side];
                nlohmann::json sideJson = nlohmann::json::object();
                if (s.vein) sideJson["jugular_vein"] = {s.veinX, s.veinY, s.veinRadius};
                if (s.artery) sideJson["carotid_artery"] = {s.arteryX, s.arteryY, s.arteryRadius};
                if (s.muscle) sideJson["sternocleidomastoid_back"] = {s.muscleX, s.muscleBackY};
                entry[side == 0 ? "right" : "left"] = sideJson;
            }
            sections.push_back(entry);
        }
        json["sections"] = sections;
    }
    return json;
}

}  // namespace lnseg
