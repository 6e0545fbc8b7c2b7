#pragma once
// The anatomical landmarks that the imaging-based nodal level classification (Som et al. 1999,
// AAO-HNS / AJCC) draws its boundaries from, as found in one CT. LPS millimetres (+x patient left,
// +y posterior, +z superior). Every landmark says whether it was found and how confident the
// finding is; a landmark that was not found stays `found = false` (reported, never guessed).
//
//   heights: skull base, inferior border of the mandible, bottom of the hyoid body, bottom of the
//            cricoid arch, top of the manubrium / medial clavicles (sternal notch);
//   per side: back of the submandibular gland; per height: the internal jugular vein, the common /
//            internal carotid artery and the back of the sternocleidomastoid;
//   per height: the patient's midline (between the vertebral body and the airway).
//
// Filled by LandmarkDetection (from the image) or built by hand (tests, the phantom's own anatomy);
// read by LevelRules.

#include "image/ImageGeometry.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace lnseg {

struct HeightLandmark {
    bool found = false;
    double z = 0;           // mm
    double confidence = 0;  // 0..1
};

// One side of the neck at one height.
struct SideSection {
    bool vein = false;       // internal jugular vein
    double veinX = 0, veinY = 0, veinRadius = 0;  // centre and half extent along y
    bool artery = false;     // common / internal carotid
    double arteryX = 0, arteryY = 0, arteryRadius = 0;
    bool muscle = false;     // sternocleidomastoid
    double muscleBackY = 0;  // its posterior edge
    double muscleX = 0;      // x of that edge
};

struct LandmarkSection {
    double z = 0;
    double midlineX = 0;
    SideSection side[2];  // [0] right (x < midline), [1] left
};

struct GlandLandmark {
    bool found = false;
    double backY = 0;       // posterior edge of the submandibular gland
    double confidence = 0;
};

struct AnatomicalLandmarks {
    HeightLandmark skullBase, mandibleBottom, hyoidBottom, cricoidBottom, manubriumTop;
    GlandLandmark gland[2];  // [0] right, [1] left
    // Medial margins of the anterior digastric bellies (IA/IB): distance from the midline.
    bool digastricFound = false;
    double submentalHalfWidthMm = 10;  // the typical value, used while not found
    double vesselConfidence = 0, muscleConfidence = 0;
    std::vector<LandmarkSection> sections;  // ascending z

    // Midline at height z (nearest section; 0 without sections).
    double midlineAt(double z) const;
    // The side's vessels and muscle at z, from the nearest section within `reach` mm that has each
    // of them (each field keeps its own found flag).
    SideSection sideAt(double z, int side, double reach = 8.0) const;
    // Names of the landmarks that were not found.
    std::vector<std::string> missing() const;
};

nlohmann::json toJson(const AnatomicalLandmarks& landmarks, bool withSections = false);

}  // namespace lnseg
