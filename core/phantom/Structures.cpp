#include "phantom/Structures.h"

#include <algorithm>
#include <cmath>

namespace lnseg {

namespace {

// Approximate signed distance to an axis-aligned ellipse with semi-axes a, b (first-order:
// the implicit function's value divided by its gradient length).
double ellipseDistance(double u, double v, double a, double b)
{
    const double q = (u * u) / (a * a) + (v * v) / (b * b);
    const double gu = u / (a * a), gv = v / (b * b);
    const double gradient = std::sqrt(gu * gu + gv * gv);
    const double f = std::sqrt(q);
    if (gradient * f < 1e-9)
        return -std::min(a, b);
    return (q - f) / gradient;  // (f - 1) / |grad f| with grad f = (gu, gv) / f
}

}  // namespace

double voxelWidthAlong(const Vector3& normal, const SliceCanvas& canvas)
{
    const double x = normal[0] * canvas.spacingX, y = normal[1] * canvas.spacingY, z = normal[2] * canvas.spacingZ;
    return std::max(1e-6, std::sqrt(x * x + y * y + z * z));
}

void SectionStructure::paint(SliceCanvas& canvas) const
{
    SectionShape shape;
    if (!m_function(canvas.z, shape) || shape.semiAxisU <= 0 || shape.semiAxisV <= 0)
        return;
    // Partial volume along z: where the section changes within the slice thickness, its edge is
    // spread over the distance it moves (the surface is oblique to the slice).
    double movement = 0;
    SectionShape below, above;
    if (m_function(canvas.z - 0.5 * canvas.spacingZ, below) && m_function(canvas.z + 0.5 * canvas.spacingZ, above))
        movement = std::max({std::abs(above.semiAxisU - below.semiAxisU), std::abs(above.semiAxisV - below.semiAxisV),
                             std::abs(above.centreX - below.centreX), std::abs(above.centreY - below.centreY)});
    const double cosine = std::cos(shape.angle), sine = std::sin(shape.angle);
    const double extentX = std::sqrt(std::pow(shape.semiAxisU * cosine, 2) + std::pow(shape.semiAxisV * sine, 2));
    const double extentY = std::sqrt(std::pow(shape.semiAxisU * sine, 2) + std::pow(shape.semiAxisV * cosine, 2));
    const double margin = canvas.spacingX + movement;
    int column0, column1, row0, row1;
    if (!canvas.pixelRange(shape.centreX - extentX - margin, shape.centreX + extentX + margin,
                           shape.centreY - extentY - margin, shape.centreY + extentY + margin, column0,
                           column1, row0, row1))
        return;
    const double width = std::sqrt(canvas.spacingX * canvas.spacingX + movement * movement);
    const double a = shape.semiAxisU, b = shape.semiAxisV;
    const bool simple = shape.ringThickness <= 0 && std::isinf(shape.keepBelowV) && std::isinf(shape.keepAboveV);
    // Fast path thresholds on q for a filled ellipse: |d| lies within |f - 1| * [min(a,b), max(a,b)].
    const double smallest = std::min(a, b);
    const double insideLimit = width < smallest ? std::pow(1.0 - width / smallest, 2) : -1.0;
    const double outsideLimit = std::pow(1.0 + width / smallest, 2);
    const double innerA = a - shape.ringThickness, innerB = b - shape.ringThickness;
    for (int row = row0; row <= row1; ++row) {
        const double dy = canvas.y(row) - shape.centreY;
        for (int column = column0; column <= column1; ++column) {
            const double dx = canvas.x(column) - shape.centreX;
            const double u = cosine * dx + sine * dy;
            const double v = -sine * dx + cosine * dy;
            const std::size_t index = canvas.offset(column, row);
            if (simple) {
                const double q = (u * u) / (a * a) + (v * v) / (b * b);
                if (q >= outsideLimit)
                    continue;
                if (q <= insideLimit) {
                    canvas.blend(index, 1.0, m_value, m_tissue);
                    continue;
                }
                canvas.blend(index, coverageFromDistance(ellipseDistance(u, v, a, b), width), m_value, m_tissue);
                continue;
            }
            double distance = ellipseDistance(u, v, a, b);
            if (shape.ringThickness > 0 && innerA > 0 && innerB > 0)
                distance = std::max(distance, -ellipseDistance(u, v, innerA, innerB));
            distance = std::max(distance, v - shape.keepBelowV);
            distance = std::max(distance, shape.keepAboveV - v);
            const double coverage = coverageFromDistance(distance, width);
            if (coverage > 0)
                canvas.blend(index, coverage, m_value, m_tissue);
        }
    }
}

TubeStructure::TubeStructure(std::vector<TubePoint> points, float value, Tissue tissue)
    : m_points(std::move(points)), m_value(value), m_tissue(tissue)
{
}

namespace {
// Distance from p to segment (a, b) minus the interpolated radius; closest point returned.
double segmentDistance(const TubePoint& a, const TubePoint& b, const Vector3& p, Vector3& closest)
{
    const Vector3 ab{b.position[0] - a.position[0], b.position[1] - a.position[1], b.position[2] - a.position[2]};
    const Vector3 ap{p[0] - a.position[0], p[1] - a.position[1], p[2] - a.position[2]};
    const double length2 = dot(ab, ab);
    const double t = length2 > 0 ? std::clamp(dot(ap, ab) / length2, 0.0, 1.0) : 0.0;
    for (int axis = 0; axis < 3; ++axis)
        closest[axis] = a.position[axis] + t * ab[axis];
    const Vector3 offset{p[0] - closest[0], p[1] - closest[1], p[2] - closest[2]};
    return norm(offset) - (a.radius + t * (b.radius - a.radius));
}
}  // namespace

double TubeStructure::signedDistance(const Vector3& p, Vector3* normal) const
{
    double best = std::numeric_limits<double>::infinity();
    for (std::size_t i = 0; i + 1 < m_points.size(); ++i) {
        Vector3 closest;
        const double distance = segmentDistance(m_points[i], m_points[i + 1], p, closest);
        if (distance < best) {
            best = distance;
            if (normal) {
                const Vector3 offset{p[0] - closest[0], p[1] - closest[1], p[2] - closest[2]};
                const double length = norm(offset);
                *normal = length > 1e-9 ? Vector3{offset[0] / length, offset[1] / length, offset[2] / length}
                                        : Vector3{1, 0, 0};
            }
        }
    }
    return best;
}

void TubeStructure::paint(SliceCanvas& canvas) const
{
    const double z = canvas.z;
    const double halfSlice = 0.5 * canvas.spacingZ;
    // Segments that reach this slice, and their bounding rectangle.
    std::vector<std::size_t> segments;
    double xMin = 1e30, xMax = -1e30, yMin = 1e30, yMax = -1e30;
    for (std::size_t i = 0; i + 1 < m_points.size(); ++i) {
        const TubePoint& a = m_points[i];
        const TubePoint& b = m_points[i + 1];
        const double radius = std::max(a.radius, b.radius) + halfSlice;
        if (z < std::min(a.position[2], b.position[2]) - radius || z > std::max(a.position[2], b.position[2]) + radius)
            continue;
        segments.push_back(i);
        xMin = std::min({xMin, a.position[0] - radius, b.position[0] - radius});
        xMax = std::max({xMax, a.position[0] + radius, b.position[0] + radius});
        yMin = std::min({yMin, a.position[1] - radius, b.position[1] - radius});
        yMax = std::max({yMax, a.position[1] + radius, b.position[1] + radius});
    }
    if (segments.empty())
        return;
    int column0, column1, row0, row1;
    const double margin = canvas.spacingX;
    if (!canvas.pixelRange(xMin - margin, xMax + margin, yMin - margin, yMax + margin, column0, column1, row0, row1))
        return;
    for (int row = row0; row <= row1; ++row) {
        for (int column = column0; column <= column1; ++column) {
            const Vector3 p{canvas.x(column), canvas.y(row), z};
            double best = std::numeric_limits<double>::infinity();
            Vector3 bestClosest{0, 0, 0};
            for (const std::size_t i : segments) {
                Vector3 closest;
                const double distance = segmentDistance(m_points[i], m_points[i + 1], p, closest);
                if (distance < best) {
                    best = distance;
                    bestClosest = closest;
                }
            }
            if (best > 2.0 * canvas.spacingZ + canvas.spacingX)
                continue;
            Vector3 normal{p[0] - bestClosest[0], p[1] - bestClosest[1], p[2] - bestClosest[2]};
            const double length = norm(normal);
            normal = length > 1e-9 ? Vector3{normal[0] / length, normal[1] / length, normal[2] / length} : Vector3{1, 0, 0};
            const double coverage = coverageFromDistance(best, voxelWidthAlong(normal, canvas));
            if (coverage > 0)
                canvas.blend(canvas.offset(column, row), coverage, m_value, m_tissue);
        }
    }
}

double Ellipsoid::normalizedRadiusSquared(const Vector3& p) const
{
    const Vector3 d{p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]};
    double q = 0;
    for (int axis = 0; axis < 3; ++axis) {
        const double local = axes[0 * 3 + axis] * d[0] + axes[1 * 3 + axis] * d[1] + axes[2 * 3 + axis] * d[2];
        q += (local * local) / (semiAxes[axis] * semiAxes[axis]);
    }
    return q;
}

double Ellipsoid::signedDistance(const Vector3& p, Vector3* normal) const
{
    const Vector3 d{p[0] - centre[0], p[1] - centre[1], p[2] - centre[2]};
    double q = 0;
    Vector3 localGradient{0, 0, 0};
    for (int axis = 0; axis < 3; ++axis) {
        const double local = axes[0 * 3 + axis] * d[0] + axes[1 * 3 + axis] * d[1] + axes[2 * 3 + axis] * d[2];
        const double s2 = semiAxes[axis] * semiAxes[axis];
        q += (local * local) / s2;
        localGradient[axis] = local / s2;
    }
    const double gradient = norm(localGradient);
    const double f = std::sqrt(q);
    if (normal) {
        Vector3 world{0, 0, 0};
        for (int row = 0; row < 3; ++row)
            for (int axis = 0; axis < 3; ++axis)
                world[row] += axes[row * 3 + axis] * localGradient[axis];
        const double length = norm(world);
        *normal = length > 1e-12 ? Vector3{world[0] / length, world[1] / length, world[2] / length} : Vector3{0, 0, 1};
    }
    if (gradient * f < 1e-9)
        return -std::min({semiAxes[0], semiAxes[1], semiAxes[2]});
    return (q - f) / gradient;
}

Vector3 Ellipsoid::halfExtents() const
{
    Vector3 extents{0, 0, 0};
    for (int row = 0; row < 3; ++row) {
        double sum = 0;
        for (int axis = 0; axis < 3; ++axis)
            sum += std::pow(axes[row * 3 + axis] * semiAxes[axis], 2);
        extents[row] = std::sqrt(sum);
    }
    return extents;
}

void EllipsoidStructure::paint(SliceCanvas& canvas) const
{
    const Vector3 extents = m_ellipsoid.halfExtents();
    const Vector3& c = m_ellipsoid.centre;
    if (std::abs(canvas.z - c[2]) > extents[2] + canvas.spacingZ)
        return;
    int column0, column1, row0, row1;
    const double margin = canvas.spacingX;
    if (!canvas.pixelRange(c[0] - extents[0] - margin, c[0] + extents[0] + margin, c[1] - extents[1] - margin,
                           c[1] + extents[1] + margin, column0, column1, row0, row1))
        return;
    for (int row = row0; row <= row1; ++row)
        for (int column = column0; column <= column1; ++column) {
            Vector3 normal;
            const double distance = m_ellipsoid.signedDistance({canvas.x(column), canvas.y(row), canvas.z}, &normal);
            const double coverage = coverageFromDistance(distance, voxelWidthAlong(normal, canvas));
            if (coverage > 0)
                canvas.blend(canvas.offset(column, row), coverage, m_value, m_tissue);
        }
}

Matrix3 rotationMatrix(double yaw, double pitch, double roll)
{
    const double cy = std::cos(yaw), sy = std::sin(yaw);
    const double cp = std::cos(pitch), sp = std::sin(pitch);
    const double cr = std::cos(roll), sr = std::sin(roll);
    // Rz(yaw) * Ry(pitch) * Rx(roll)
    return {cy * cp, cy * sp * sr - sy * cr, cy * sp * cr + sy * sr,
            sy * cp, sy * sp * sr + cy * cr, sy * sp * cr - cy * sr,
            -sp,     cp * sr,                cp * cr};
}

}  // namespace lnseg
