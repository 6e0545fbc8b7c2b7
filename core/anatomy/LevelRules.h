#pragma once
// The imaging-based nodal level of a point (a node's centre) from the landmarks of its own scan:
// the boundary rules of Som et al. 1999 (AAO-HNS / AJCC imaging classification), clinical.md:
//
//   above the bottom of the hyoid body (up to the skull base):
//     anterior to the back of the submandibular gland, below the mylohyoid (taken as up to 15 mm
//     above the inferior border of the mandible): IA between the medial margins of the anterior
//     digastric bellies, IB lateral to them;
//     posterior to the back of the sternocleidomastoid (SCM): VA;
//     medial to the internal carotid artery: RP (retropharyngeal);
//     else II: IIB posterior to the back of the internal jugular vein, IIA otherwise;
//   hyoid to the bottom of the cricoid: VA behind the SCM, VI medial to the carotid, else III;
//   cricoid to the top of the manubrium: VB behind the SCM, VI medial to the carotid, else IV;
//   below the top of the manubrium: VII medial to the carotids, else other (supraclavicular).
// Side from the physical x relative to the patient's midline (LPS: +x is the patient's left);
// IA, VI and VII are midline.
//
// Near a boundary the suggestion is uncertain: the rule is evaluated at the point and at points
// shifted by `uncertaintyMm` along each axis (the landmarks' and the centre's typical error), and
// the share of the weighted votes gives the confidence and the alternatives ("uncertain between
// IIA and III"). Landmarks that were not found lower the confidence and are named in `missing`.
// A pure function: no image, no state.

#include "anatomy/AnatomicalLandmarks.h"
#include "nodes/NodeVocabulary.h"

#include <string>
#include <vector>

namespace lnseg {

struct LevelSuggestion {
    NodeLevel level = NodeLevel::Unassigned;
    NodeSide side = NodeSide::Unassigned;
    double confidence = 0;               // 0..1
    std::vector<NodeLevel> alternatives;  // other levels within the uncertainty, most likely first
    std::vector<std::string> missing;     // landmarks the decision needed but were not found
    // "IIA", or "uncertain between IIA and III"
    std::string describe() const;
};

struct LevelRuleOptions {
    double uncertaintyMm = 3.0;
    double alternativeShare = 0.2;  // votes an alternative needs to be named
};

// The level the boundary rules give at exactly `point` (no uncertainty), and the side.
NodeLevel levelAtPoint(const Vector3& point, const AnatomicalLandmarks& landmarks, std::vector<std::string>* missing = nullptr);
NodeSide sideOfLevel(NodeLevel level, const Vector3& point, const AnatomicalLandmarks& landmarks);

LevelSuggestion suggestLevel(const Vector3& point, const AnatomicalLandmarks& landmarks,
                             const LevelRuleOptions& options = {});

}  // namespace lnseg
