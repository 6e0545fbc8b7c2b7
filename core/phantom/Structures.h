#pragma once
// The primitive shapes the anatomy is built from. Each Structure paints its cross-section on one
// axial slice, only inside its own bounding box, so a slice costs time in proportion to the area
// its structures cover.
//
// - SectionStructure: a 2D shape per slice (ellipse, elliptic ring, or part of one cut by a line)
//   whose parameters are a function of z. Used for structures that run head to foot (body, muscles,
//   airway, vertebrae, veins with an oval cross-section).
// - TubeStructure: a 3D polyline with a radius at each point. Used for vessels and bones that run
//   obliquely or horizontally (clavicles, ribs); its cross-section on a slice is exact.
// - EllipsoidStructure: a 3D oriented ellipsoid (glands).

#include "image/ImageGeometry.h"
#include "phantom/SliceCanvas.h"

#include <functional>
#include <limits>
#include <memory>
#include <vector>

namespace lnseg {

class Structure {
public:
    virtual ~Structure() = default;
    virtual void paint(SliceCanvas& canvas) const = 0;
};

using StructureList = std::vector<std::unique_ptr<Structure>>;

// Cross-section of a SectionStructure on one slice. Local coordinates (u, v) are the world (x, y)
// offsets from the centre rotated by -angle.
struct SectionShape {
    double centreX = 0, centreY = 0;
    double semiAxisU = 1, semiAxisV = 1;
    double angle = 0;            // radians, counter-clockwise from +x towards +y
    double ringThickness = 0;    // > 0: only the outer ring of this thickness
    double keepBelowV = std::numeric_limits<double>::infinity();   // keep points with v <= this
    double keepAboveV = -std::numeric_limits<double>::infinity();  // keep points with v >= this
};

// Returns false when the structure is absent at this z.
using SectionFunction = std::function<bool(double z, SectionShape& shape)>;

class SectionStructure : public Structure {
public:
    SectionStructure(SectionFunction function, float value, Tissue tissue)
        : m_function(std::move(function)), m_value(value), m_tissue(tissue) {}
    void paint(SliceCanvas& canvas) const override;

private:
    SectionFunction m_function;
    float m_value;
    Tissue m_tissue;
};

struct TubePoint {
    Vector3 position;
    double radius;
};

class TubeStructure : public Structure {
public:
    TubeStructure(std::vector<TubePoint> points, float value, Tissue tissue);
    void paint(SliceCanvas& canvas) const override;
    const std::vector<TubePoint>& points() const { return m_points; }
    // Signed distance (mm) from p to the tube surface, and the outward surface normal.
    double signedDistance(const Vector3& p, Vector3* normal) const;

private:
    std::vector<TubePoint> m_points;
    float m_value;
    Tissue m_tissue;
};

// An oriented ellipsoid: axes are the columns of `axes` (unit vectors), semiAxes their lengths.
struct Ellipsoid {
    Vector3 centre{0, 0, 0};
    Matrix3 axes{1, 0, 0, 0, 1, 0, 0, 0, 1};  // row-major; column c is axis c
    Vector3 semiAxes{1, 1, 1};

    // (x/a)^2 + (y/b)^2 + (z/c)^2 in the ellipsoid's frame: <= 1 inside.
    double normalizedRadiusSquared(const Vector3& p) const;
    // Approximate signed distance (mm), accurate near the surface; `normal` gets the outward normal.
    double signedDistance(const Vector3& p, Vector3* normal) const;
    // Half extents of the axis-aligned bounding box.
    Vector3 halfExtents() const;
};

// Voxel extent (mm) along a unit normal, for coverageFromDistance.
double voxelWidthAlong(const Vector3& normal, const SliceCanvas& canvas);

class EllipsoidStructure : public Structure {
public:
    EllipsoidStructure(const Ellipsoid& ellipsoid, float value, Tissue tissue)
        : m_ellipsoid(ellipsoid), m_value(value), m_tissue(tissue) {}
    void paint(SliceCanvas& canvas) const override;

private:
    Ellipsoid m_ellipsoid;
    float m_value;
    Tissue m_tissue;
};

// Rotation matrix (row-major) from Euler-like angles: about z by `yaw`, then y by `pitch`, then x by `roll`.
Matrix3 rotationMatrix(double yaw, double pitch, double roll);

}  // namespace lnseg
