#pragma once
// Choosing lymph nodes for one phantom (level, size, shape, position) and painting them.
//
// A candidate node is drawn near the structure that defines its level (the jugular vein for
// II-IV, the back of the sternocleidomastoid for V, the submandibular gland for I), accepted only
// when nodalLevel() gives the same level at its centre and when every voxel of the ellipsoid grown
// by a safety margin lies in fat or (partly) muscle of the already painted anatomy: nodes never
// overlap vessels, airway, bone, glands, skin or each other.
//
// With a NodeVariety (domain randomization) nodes vary further: size, shape (oval, round,
// reniform), density and heterogeneity, fatty hilum, necrotic centre, calcification; some are
// placed without the fat margin (against a vessel, muscle or gland, never inside one) and some in
// clusters of touching or matted (overlapping) nodes. Each node is then labelled with the level
// the published rules give at its centre (nodalLevelByRules(): VI or RP medial to the carotid).

#include "image/ImageGeometry.h"
#include "phantom/DomainRandomization.h"
#include "phantom/NeckAnatomy.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lnseg {

struct NodePlan {
    int id = 0;
    std::string level;
    std::string side;
    Ellipsoid shape;
    double value = 40;  // HU before texture
    bool fattyHilum = false;
    Ellipsoid hilum;    // fat notch, when fattyHilum
    std::uint64_t textureSeed = 0;
    double textureAmplitude = 8;  // HU, smooth internal heterogeneity
    // Randomized variety (all off for the fixed-appearance phantom).
    bool varied = false;
    double hilumValue = -75;      // HU of the fatty hilum
    bool necrotic = false;
    Ellipsoid necrosis;
    double necrosisValue = 20;
    std::vector<Ellipsoid> calcifications;
    double calcificationValue = 500;
    bool reniform = false;
    Ellipsoid notch;              // outside the node (not labelled): the bean's indentation
    int clusterOf = 0;            // id of the node this one was placed against (0: none)
    bool matted = false;          // overlaps the node it was placed against
    bool touching = false;        // placed without a fat margin
};

// Places up to `count` nodes; `tissues` (one Tissue per voxel of `geometry`) is read to test the
// fit and updated with Tissue::Node for each accepted node. May return fewer nodes when the
// anatomy has no room (only on tiny grids).
std::vector<NodePlan> planNodes(const NeckAnatomy& anatomy, const ImageGeometry& geometry,
                                std::vector<std::uint8_t>& tissues, int count, PhantomRandom& random,
                                const NodeVariety* variety = nullptr);

// Paints one node: values (with texture and hilum), tissue class, and label `id` where the voxel
// centre lies inside the ellipsoid.
class NodeStructure : public Structure {
public:
    explicit NodeStructure(NodePlan plan) : m_plan(std::move(plan)) {}
    void paint(SliceCanvas& canvas) const override;

private:
    NodePlan m_plan;
};

}  // namespace lnseg
