#pragma once
// Choosing lymph nodes for one phantom (level, size, shape, position) and painting them.
//
// A candidate node is drawn near the structure that defines its level (the jugular vein for
// II-IV, the back of the sternocleidomastoid for V, the submandibular gland for I), accepted only
// when nodalLevel() gives the same level at its centre and when every voxel of the ellipsoid grown
// by a safety margin lies in fat or (partly) muscle of the already painted anatomy: nodes never
// overlap vessels, airway, bone, glands, skin or each other.

#include "image/ImageGeometry.h"
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
};

// Places up to `count` nodes; `tissues` (one Tissue per voxel of `geometry`) is read to test the
// fit and updated with Tissue::Node for each accepted node. May return fewer nodes when the
// anatomy has no room (only on tiny grids).
std::vector<NodePlan> planNodes(const NeckAnatomy& anatomy, const ImageGeometry& geometry,
                                std::vector<std::uint8_t>& tissues, int count, PhantomRandom& random);

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
