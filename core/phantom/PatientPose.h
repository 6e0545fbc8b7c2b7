#pragma once
// The patient's pose on the table: a small rotation of the painted volume about its centre (head
// turned, tilted sideways, chin up or down), applied before the reconstruction blur and noise.
// Values are interpolated trilinearly, tissue classes and labels by nearest neighbour; samples
// from beyond the grid repeat its border. The scanner table does not move: only the patient turns.

#include "image/ImageGeometry.h"

#include <cstdint>
#include <vector>

namespace lnseg {

class PatientPose {
public:
    // Degrees: yaw about the scanner's z axis, roll about the anteroposterior (y) axis, pitch about
    // the left-right (x) axis.
    PatientPose(double yawDegrees, double rollDegrees, double pitchDegrees);

    bool isIdentity() const;
    // Rotates the volume's content about the centre of `geometry`.
    void apply(const ImageGeometry& geometry, std::vector<float>& values, std::vector<std::uint8_t>& tissues,
               std::uint16_t* labels, int threads) const;
    // Where a point of the upright patient lies after the rotation about `centre`.
    Vector3 toScanner(const Vector3& point, const Vector3& centre) const;

private:
    Matrix3 m_rotation{1, 0, 0, 0, 1, 0, 0, 0, 1};
};

}  // namespace lnseg
