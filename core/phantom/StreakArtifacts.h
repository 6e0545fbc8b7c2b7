#pragma once
// Streak artifacts of real neck CT, added to the painted slices before the reconstruction blur:
// - dental metal: fillings (bright, clipped) with alternating bright and dark rays around them and
//   a dark band between pairs of fillings (beam hardening, photon starvation);
// - shoulders: dark horizontal bands through the shoulder girdle, where the beam crosses the most
//   bone and tissue (they change from slice to slice).

#include "image/ImageGeometry.h"

#include <cstdint>
#include <vector>

namespace lnseg {

struct MetalFilling {
    Vector3 centre{0, 0, 0};  // scanner coordinates (mm)
    double radiusMm = 2;
};

struct ShoulderRegion {
    bool present = false;
    double top = 0;           // z (mm) above which there are no shoulder streaks
    double halfWidthMm = 150; // lateral extent of the bands
    double centreY = 0, halfHeightMm = 40;
};

class StreakArtifacts {
public:
    StreakArtifacts(std::vector<MetalFilling> fillings, ShoulderRegion shoulders, double sliceThicknessMm, std::uint64_t seed);

    // Adds the artifacts of slice `slice` (centre height z) to its values (columns x rows, world
    // position of pixel (i, j): originX + i * spacing, originY + j * spacing).
    void addToSlice(float* values, int columns, int rows, double originX, double originY, double spacing, double z,
                    int slice) const;

    const std::vector<MetalFilling>& fillings() const { return m_fillings; }

private:
    void addDental(float* values, int columns, int rows, double originX, double originY, double spacing, double z) const;
    void addShoulders(float* values, int columns, int rows, double originX, double originY, double spacing, double z,
                      int slice) const;

    std::vector<MetalFilling> m_fillings;
    ShoulderRegion m_shoulders;
    double m_thickness;
    std::uint64_t m_seed;
};

}  // namespace lnseg
