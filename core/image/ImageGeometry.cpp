#include "image/ImageGeometry.h"

#include <cmath>

namespace lnseg {

Vector3 cross(const Vector3& a, const Vector3& b)
{
    return {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
}

double dot(const Vector3& a, const Vector3& b)
{
    return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

double norm(const Vector3& a)
{
    return std::sqrt(dot(a, a));
}

Vector3 normalized(const Vector3& a)
{
    const double length = norm(a);
    if (length == 0.0)
        return a;
    return {a[0] / length, a[1] / length, a[2] / length};
}

std::size_t ImageGeometry::voxelCount() const
{
    if (size[0] <= 0 || size[1] <= 0 || size[2] <= 0)
        return 0;
    return static_cast<std::size_t>(size[0]) * static_cast<std::size_t>(size[1]) *
           static_cast<std::size_t>(size[2]);
}

Vector3 ImageGeometry::indexToWorld(const Vector3& index) const
{
    Vector3 world = origin;
    for (int row = 0; row < 3; ++row)
        for (int column = 0; column < 3; ++column)
            world[row] += direction[row * 3 + column] * spacing[column] * index[column];
    return world;
}

static bool invert3(const Matrix3& m, Matrix3& inverse)
{
    const double determinant = m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6]) +
                               m[2] * (m[3] * m[7] - m[4] * m[6]);
    if (std::abs(determinant) < 1e-12)
        return false;
    const double f = 1.0 / determinant;
    inverse = {(m[4] * m[8] - m[5] * m[7]) * f, (m[2] * m[7] - m[1] * m[8]) * f, (m[1] * m[5] - m[2] * m[4]) * f,
               (m[5] * m[6] - m[3] * m[8]) * f, (m[0] * m[8] - m[2] * m[6]) * f, (m[2] * m[3] - m[0] * m[5]) * f,
               (m[3] * m[7] - m[4] * m[6]) * f, (m[1] * m[6] - m[0] * m[7]) * f, (m[0] * m[4] - m[1] * m[3]) * f};
    return true;
}

Vector3 ImageGeometry::worldToIndex(const Vector3& world) const
{
    // index = diag(1/spacing) * direction^-1 * (world - origin); direction is usually orthonormal
    // but a sheared (gantry-tilted) grid is not, so invert the general matrix.
    Matrix3 inverse{};
    if (!invert3(direction, inverse))
        return {0, 0, 0};
    const Vector3 offsetFromOrigin{world[0] - origin[0], world[1] - origin[1], world[2] - origin[2]};
    Vector3 index{};
    for (int row = 0; row < 3; ++row) {
        double value = 0;
        for (int column = 0; column < 3; ++column)
            value += inverse[row * 3 + column] * offsetFromOrigin[column];
        index[row] = value / spacing[row];
    }
    return index;
}

Vector3 ImageGeometry::axisDirection(int axis) const
{
    return {direction[0 * 3 + axis], direction[1 * 3 + axis], direction[2 * 3 + axis]};
}

bool ImageGeometry::sameGrid(const ImageGeometry& other, double tolerance) const
{
    if (size != other.size)
        return false;
    for (int i = 0; i < 3; ++i) {
        if (std::abs(spacing[i] - other.spacing[i]) > tolerance * std::max(1.0, std::abs(spacing[i])))
            return false;
        if (std::abs(origin[i] - other.origin[i]) > tolerance * std::max(1.0, std::abs(origin[i])))
            return false;
    }
    for (int i = 0; i < 9; ++i)
        if (std::abs(direction[i] - other.direction[i]) > tolerance)
            return false;
    return true;
}

std::string ImageGeometry::orientationCode() const
{
    // LPS: +x = Left, +y = Posterior, +z = Superior.
    static const char positive[3] = {'L', 'P', 'S'};
    static const char negative[3] = {'R', 'A', 'I'};
    std::string code;
    for (int axis = 0; axis < 3; ++axis) {
        const Vector3 d = axisDirection(axis);
        int best = 0;
        for (int row = 1; row < 3; ++row)
            if (std::abs(d[row]) > std::abs(d[best]))
                best = row;
        code += d[best] >= 0 ? positive[best] : negative[best];
    }
    return code;
}

}  // namespace lnseg
