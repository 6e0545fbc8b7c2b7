#pragma once
// Tissue classes the phantom paints. The generator keeps one class per voxel (the structure that
// covers at least half of the voxel, last painted wins) to place lymph nodes away from vessels,
// airway and bone, and can hand the map out for tests and for training with known mimics.

#include <cstdint>

namespace lnseg {

enum class Tissue : std::uint8_t {
    Air = 0,        // outside the patient
    Skin,
    Fat,
    Muscle,
    SoftTissue,     // pharyngeal wall, tongue, oesophagus, larynx, brain
    Gland,          // salivary glands
    Thyroid,
    Artery,
    Vein,
    Airway,         // air inside the patient (pharynx, larynx, trachea, sinuses)
    Lung,
    Cartilage,
    Bone,
    Disc,
    SpinalCanal,    // cerebrospinal fluid and cord
    Node,
    Table,          // the scanner table under the patient
    Count
};

const char* toString(Tissue tissue);

inline bool isVessel(Tissue tissue) { return tissue == Tissue::Artery || tissue == Tissue::Vein; }

}  // namespace lnseg
