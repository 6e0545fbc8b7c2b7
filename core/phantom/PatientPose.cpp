#include "phantom/PatientPose.h"

#include "phantom/Tissue.h"
#include "phantom/VolumeFilters.h"

#include <algorithm>
#include <cmath>

namespace lnseg {

namespace {
constexpr double kDegree = 3.14159265358979323846 / 180.0;

Matrix3 multiply(const Matrix3& a, const Matrix3& b)
{
    Matrix3 result{};
    for (int row = 0; row < 3; ++row)
        for (int column = 0; column < 3; ++column)
            for (int k = 0; k < 3; ++k)
                result[row * 3 + column] += a[row * 3 + k] * b[k * 3 + column];
    return result;
}
}  // namespace

PatientPose::PatientPose(double yawDegrees, double rollDegrees, double pitchDegrees)
{
    const double cy = std::cos(yawDegrees * kDegree), sy = std::sin(yawDegrees * kDegree);
    const double cr = std::cos(rollDegrees * kDegree), sr = std::sin(rollDegrees * kDegree);
    const double cp = std::cos(pitchDegrees * kDegree), sp = std::sin(pitchDegrees * kDegree);
    const Matrix3 yaw{cy, -sy, 0, sy, cy, 0, 0, 0, 1};
    const Matrix3 roll{cr, 0, sr, 0, 1, 0, -sr, 0, cr};
    const Matrix3 pitch{1, 0, 0, 0, cp, -sp, 0, sp, cp};
    m_rotation = multiply(yaw, multiply(roll, pitch));
}

bool PatientPose::isIdentity() const
{
    const Matrix3 identity{1, 0, 0, 0, 1, 0, 0, 0, 1};
    for (int n = 0; n < 9; ++n)
        if (std::abs(m_rotation[n] - identity[n]) > 1e-12)
            return false;
    return true;
}

Vector3 PatientPose::toScanner(const Vector3& point, const Vector3& centre) const
{
    Vector3 result = centre;
    for (int row = 0; row < 3; ++row)
        for (int k = 0; k < 3; ++k)
            result[row] += m_rotation[row * 3 + k] * (point[k] - centre[k]);
    return result;
}

void PatientPose::apply(const ImageGeometry& geometry, std::vector<float>& values, std::vector<std::uint8_t>& tissues,
                        std::uint16_t* labels, int threads) const
{
    if (isIdentity())
        return;
    const std::int64_t columns = geometry.size[0], rows = geometry.size[1], slices = geometry.size[2];
    const double centre[3] = {0.5 * (columns - 1), 0.5 * (rows - 1), 0.5 * (slices - 1)};
    const double* spacing = geometry.spacing.data();
    const auto table = static_cast<std::uint8_t>(Tissue::Table);
    const std::vector<float> sourceValues = values;
    const std::vector<std::uint8_t> sourceTissues = tissues;
    std::vector<std::uint16_t> sourceLabels;
    if (labels)
        sourceLabels.assign(labels, labels + values.size());
    auto at = [&](std::int64_t i, std::int64_t j, std::int64_t k) {
        i = std::clamp<std::int64_t>(i, 0, columns - 1);
        j = std::clamp<std::int64_t>(j, 0, rows - 1);
        k = std::clamp<std::int64_t>(k, 0, slices - 1);
        return static_cast<std::size_t>(i + columns * (j + rows * k));
    };
    parallelFor(static_cast<int>(slices), threads, [&](int begin, int end) {
        for (int k = begin; k < end; ++k)
            for (std::int64_t j = 0; j < rows; ++j)
                for (std::int64_t i = 0; i < columns; ++i) {
                    // Inverse rotation (transpose) of the output point, in mm about the centre.
                    const double p[3] = {(i - centre[0]) * spacing[0], (j - centre[1]) * spacing[1], (k - centre[2]) * spacing[2]};
                    double q[3];
                    for (int axis = 0; axis < 3; ++axis)
                        q[axis] = (m_rotation[axis] * p[0] + m_rotation[3 + axis] * p[1] + m_rotation[6 + axis] * p[2]) / spacing[axis] + centre[axis];
                    const double fi = std::floor(q[0]), fj = std::floor(q[1]), fk = std::floor(q[2]);
                    const auto i0 = static_cast<std::int64_t>(fi), j0 = static_cast<std::int64_t>(fj), k0 = static_cast<std::int64_t>(fk);
                    const double ti = q[0] - fi, tj = q[1] - fj, tk = q[2] - fk;
                    const std::size_t output = static_cast<std::size_t>(i + columns * (j + rows * k));
                    // The table is part of the scanner: it stays where it is, and the patient
                    // turns above it (rotated table samples read as air).
                    if (sourceTissues[output] == table) {
                        values[output] = sourceValues[output];
                        tissues[output] = table;
                        if (labels)
                            labels[output] = 0;
                        continue;
                    }
                    double value = 0;
                    for (int corner = 0; corner < 8; ++corner) {
                        const int di = corner & 1, dj = (corner >> 1) & 1, dk = (corner >> 2) & 1;
                        const double w = (di ? ti : 1 - ti) * (dj ? tj : 1 - tj) * (dk ? tk : 1 - tk);
                        const std::size_t source = at(i0 + di, j0 + dj, k0 + dk);
                        value += w * (sourceTissues[source] == table ? -1000.0f : sourceValues[source]);
                    }
                    const std::size_t nearest = at(std::llround(q[0]), std::llround(q[1]), std::llround(q[2]));
                    const bool fromTable = sourceTissues[nearest] == table;
                    values[output] = static_cast<float>(value);
                    tissues[output] = fromTable ? static_cast<std::uint8_t>(Tissue::Air) : sourceTissues[nearest];
                    if (labels)
                        labels[output] = sourceLabels[nearest];
                }
    });
}

}  // namespace lnseg
