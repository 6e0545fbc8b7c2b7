#include "phantom/SliceCanvas.h"

#include <cmath>

namespace lnseg {

const char* toString(Tissue tissue)
{
    switch (tissue) {
    case Tissue::Air: return "air";
    case Tissue::Skin: return "skin";
    case Tissue::Fat: return "fat";
    case Tissue::Muscle: return "muscle";
    case Tissue::SoftTissue: return "soft_tissue";
    case Tissue::Gland: return "gland";
    case Tissue::Thyroid: return "thyroid";
    case Tissue::Artery: return "artery";
    case Tissue::Vein: return "vein";
    case Tissue::Airway: return "airway";
    case Tissue::Lung: return "lung";
    case Tissue::Cartilage: return "cartilage";
    case Tissue::Bone: return "bone";
    case Tissue::Disc: return "disc";
    case Tissue::SpinalCanal: return "spinal_canal";
    case Tissue::Node: return "node";
    case Tissue::Table: return "table";
    case Tissue::Count: break;
    }
    return "unknown";
}

bool SliceCanvas::pixelRange(double xMin, double xMax, double yMin, double yMax, int& column0, int& column1,
                             int& row0, int& row1) const
{
    column0 = std::max(0, static_cast<int>(std::floor((xMin - originX) / spacingX)));
    column1 = std::min(columns - 1, static_cast<int>(std::ceil((xMax - originX) / spacingX)));
    row0 = std::max(0, static_cast<int>(std::floor((yMin - originY) / spacingY)));
    row1 = std::min(rows - 1, static_cast<int>(std::ceil((yMax - originY) / spacingY)));
    return column0 <= column1 && row0 <= row1;
}

}  // namespace lnseg
