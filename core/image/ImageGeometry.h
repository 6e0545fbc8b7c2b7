#pragma once
// Physical geometry of a 3D voxel grid, in the LPS patient coordinate system used by DICOM and ITK.
//
// Convention (identical to itk::ImageBase):
//   world = origin + direction * diag(spacing) * index
// where direction is a 3x3 matrix stored row-major whose COLUMN c is the unit vector of index axis c
// (i = column within a slice, j = row, k = slice).

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace lnseg {

using Vector3 = std::array<double, 3>;
using Size3 = std::array<std::int64_t, 3>;
using Matrix3 = std::array<double, 9>;  // row-major

struct ImageGeometry {
    Size3 size{0, 0, 0};
    Vector3 spacing{1.0, 1.0, 1.0};
    Vector3 origin{0.0, 0.0, 0.0};
    Matrix3 direction{1, 0, 0, 0, 1, 0, 0, 0, 1};

    std::size_t voxelCount() const;
    // Linear offset of voxel (i, j, k); i varies fastest.
    std::size_t offset(std::int64_t i, std::int64_t j, std::int64_t k) const
    {
        return static_cast<std::size_t>(i + size[0] * (j + size[1] * k));
    }
    bool contains(std::int64_t i, std::int64_t j, std::int64_t k) const
    {
        return i >= 0 && j >= 0 && k >= 0 && i < size[0] && j < size[1] && k < size[2];
    }

    // Continuous index -> world (LPS, mm).
    Vector3 indexToWorld(const Vector3& index) const;
    // World (LPS, mm) -> continuous index.
    Vector3 worldToIndex(const Vector3& world) const;
    // Unit vector of index axis `axis` in world coordinates.
    Vector3 axisDirection(int axis) const;

    // True when both grids have the same size and their geometry agrees within `tolerance`
    // (mm for origin, relative for spacing, absolute for direction cosines).
    bool sameGrid(const ImageGeometry& other, double tolerance = 1e-4) const;

    // The three-letter orientation code in the DICOM/ITK sense (e.g. "LPS" for an axial
    // acquisition stored as the scanner writes it; "RAS" for a flipped one). Each letter is the
    // world direction that index axis c points towards, closest anatomical axis.
    std::string orientationCode() const;
};

// Helpers on 3-vectors.
Vector3 cross(const Vector3& a, const Vector3& b);
double dot(const Vector3& a, const Vector3& b);
double norm(const Vector3& a);
Vector3 normalized(const Vector3& a);

}  // namespace lnseg
