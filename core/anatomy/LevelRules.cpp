#include "anatomy/LevelRules.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace lnseg {

namespace {

// Typical heights relative to the others (mm, adult neck), used only when a height landmark was
// not found; the suggestion then names the missing landmark and loses confidence.
double heightOrEstimate(const HeightLandmark& landmark, double estimate, const char* name, std::vector<std::string>* missing)
{
    if (landmark.found)
        return landmark.z;
    if (missing && std::find(missing->begin(), missing->end(), name) == missing->end())
        missing->push_back(name);
    return estimate;
}

void note(std::vector<std::string>* missing, const char* name)
{
    if (missing && std::find(missing->begin(), missing->end(), name) == missing->end())
        missing->push_back(name);
}

}  // namespace

NodeLevel levelAtPoint(const Vector3& point, const AnatomicalLandmarks& landmarks, std::vector<std::string>* missing)
{
    const double x = point[0], y = point[1], z = point[2];
    // Heights, with estimates from the others where one is missing.
    const double manubrium = heightOrEstimate(landmarks.manubriumTop,
                                              landmarks.cricoidBottom.found ? landmarks.cricoidBottom.z - 40 : -1e9,
                                              "manubrium and clavicles", nullptr);
    const double hyoid = heightOrEstimate(landmarks.hyoidBottom,
                                          landmarks.mandibleBottom.found ? landmarks.mandibleBottom.z - 12
                                          : landmarks.cricoidBottom.found ? landmarks.cricoidBottom.z + 45 : 0,
                                          "hyoid bone", nullptr);
    const double cricoid = heightOrEstimate(landmarks.cricoidBottom,
                                            landmarks.hyoidBottom.found ? hyoid - 45 : manubrium + 40, "cricoid cartilage", nullptr);
    const double mandible = heightOrEstimate(landmarks.mandibleBottom, hyoid + 12, "mandible", nullptr);
    const double skullBase = landmarks.skullBase.found ? landmarks.skullBase.z : 1e9;

    if (z > skullBase)
        return NodeLevel::Other;
    const double midline = landmarks.midlineAt(z);
    const double lateral = std::abs(x - midline);
    const int side = x >= midline ? 1 : 0;
    const SideSection s = landmarks.sideAt(z, side);
    const bool medialToCarotid = s.artery && lateral < std::abs(s.arteryX - midline) - s.arteryRadius;

    if (z < manubrium) {
        if (!landmarks.manubriumTop.found) note(missing, "manubrium and clavicles");
        if (!s.artery) note(missing, "carotid arteries");
        return medialToCarotid ? NodeLevel::VII : NodeLevel::Other;
    }
    const bool behindMuscle = s.muscle && y > s.muscleBackY;
    if (!s.muscle) note(missing, "sternocleidomastoid");
    if (z >= hyoid) {
        if (!landmarks.hyoidBottom.found) note(missing, "hyoid bone");
        const GlandLandmark& gland = landmarks.gland[side];
        if (!gland.found) note(missing, "submandibular gland");
        if (gland.found && y < gland.backY && z <= mandible + 15) {
            if (!landmarks.mandibleBottom.found) note(missing, "mandible");
            if (!landmarks.digastricFound) note(missing, "digastric muscles");
            return lateral < landmarks.submentalHalfWidthMm ? NodeLevel::IA : NodeLevel::IB;
        }
        if (behindMuscle)
            return NodeLevel::VA;
        if (medialToCarotid)
            return NodeLevel::RP;
        if (!s.vein) {
            note(missing, "internal jugular vein");
            return NodeLevel::IIA;
        }
        return y > s.veinY + s.veinRadius ? NodeLevel::IIB : NodeLevel::IIA;
    }
    if (!landmarks.cricoidBottom.found) note(missing, "cricoid cartilage");
    if (!s.artery) note(missing, "carotid arteries");
    if (z >= cricoid) {
        if (behindMuscle) return NodeLevel::VA;
        return medialToCarotid ? NodeLevel::VI : NodeLevel::III;
    }
    if (!landmarks.manubriumTop.found) note(missing, "manubrium and clavicles");
    if (behindMuscle) return NodeLevel::VB;
    return medialToCarotid ? NodeLevel::VI : NodeLevel::IV;
}

NodeSide sideOfLevel(NodeLevel level, const Vector3& point, const AnatomicalLandmarks& landmarks)
{
    if (level == NodeLevel::IA || level == NodeLevel::VI || level == NodeLevel::VII)
        return NodeSide::Midline;
    if (level == NodeLevel::Unassigned)
        return NodeSide::Unassigned;
    return point[0] >= landmarks.midlineAt(point[2]) ? NodeSide::Left : NodeSide::Right;
}

LevelSuggestion suggestLevel(const Vector3& point, const AnatomicalLandmarks& landmarks, const LevelRuleOptions& options)
{
    LevelSuggestion suggestion;
    std::map<NodeLevel, double> votes;
    const double d = options.uncertaintyMm;
    // Weights 1/4, 1/2, 1/4 per axis: a coarse Gaussian of the centre's uncertainty.
    const double weight[3] = {0.25, 0.5, 0.25};
    for (int a = -1; a <= 1; ++a)
        for (int b = -1; b <= 1; ++b)
            for (int c = -1; c <= 1; ++c) {
                const Vector3 probe{point[0] + a * d, point[1] + b * d, point[2] + c * d};
                const bool centre = a == 0 && b == 0 && c == 0;
                const NodeLevel level = levelAtPoint(probe, landmarks, centre ? &suggestion.missing : nullptr);
                votes[level] += weight[a + 1] * weight[b + 1] * weight[c + 1];
            }
    std::vector<std::pair<double, NodeLevel>> ranked;
    for (const auto& [level, share] : votes)
        ranked.push_back({share, level});
    std::sort(ranked.begin(), ranked.end(), [](const auto& p, const auto& q) { return p.first > q.first; });
    // The level at the point itself wins ties with the vote.
    const NodeLevel atPoint = levelAtPoint(point, landmarks);
    suggestion.level = ranked.front().second;
    if (votes[atPoint] >= ranked.front().first - 1e-9)
        suggestion.level = atPoint;
    suggestion.confidence = votes[suggestion.level];
    for (const auto& [share, level] : ranked)
        if (level != suggestion.level && share >= options.alternativeShare)
            suggestion.alternatives.push_back(level);
    // Each missing landmark that the decision leaned on halves the confidence.
    suggestion.confidence *= std::pow(0.5, static_cast<double>(suggestion.missing.size()));
    suggestion.side = sideOfLevel(suggestion.level, point, landmarks);
    return suggestion;
}

std::string LevelSuggestion::describe() const
{
    if (level == NodeLevel::Unassigned)
        return {};
    if (alternatives.empty())
        return toString(level);
    std::string text = std::string("uncertain between ") + toString(level);
    for (std::size_t i = 0; i < alternatives.size(); ++i)
        text += (i + 1 == alternatives.size() ? " and " : ", ") + std::string(toString(alternatives[i]));
    return text;
}

}  // namespace lnseg
