#include "phantom/NodePlacement.h"

#include "phantom/NodeLevels.h"

#include <algorithm>
#include <cmath>

namespace lnseg {

namespace {

constexpr double kPi = 3.14159265358979323846;

struct LevelWeight {
    const char* level;
    double weight;
};
constexpr LevelWeight kLevels[] = {{"IA", 0.05}, {"IB", 0.13}, {"IIA", 0.25}, {"IIB", 0.08},
                                   {"III", 0.20}, {"IV", 0.12}, {"VA", 0.10}, {"VB", 0.07}};

std::string drawLevel(PhantomRandom& random)
{
    double total = 0;
    for (const auto& entry : kLevels)
        total += entry.weight;
    double pick = random.uniform(0, total);
    for (const auto& entry : kLevels) {
        if (pick < entry.weight)
            return entry.level;
        pick -= entry.weight;
    }
    return "III";
}

// A uniformly random rotation (from a normalised 4D Gaussian quaternion).
Matrix3 randomRotation(PhantomRandom& random)
{
    double w, x, y, z, length;
    do {
        w = random.normal();
        x = random.normal();
        y = random.normal();
        z = random.normal();
        length = std::sqrt(w * w + x * x + y * y + z * z);
    } while (length < 1e-6);
    w /= length; x /= length; y /= length; z /= length;
    return {1 - 2 * (y * y + z * z), 2 * (x * y - z * w),     2 * (x * z + y * w),
            2 * (x * y + z * w),     1 - 2 * (x * x + z * z), 2 * (y * z - x * w),
            2 * (x * z - y * w),     2 * (y * z + x * w),     1 - 2 * (x * x + y * y)};
}

// Node shape: long axis 3-15 mm (most 5-10), short/long 0.4-0.9, random orientation with a
// preference for a craniocaudal long axis as in real cervical nodes.
Ellipsoid drawShape(PhantomRandom& random)
{
    double longAxis = random.chance(0.12) ? random.uniform(10, 15) : std::clamp(random.normal(7.5, 1.8), 3.0, 15.0);
    const double ratio = random.uniform(0.4, 0.9);
    const double shortAxis = longAxis * ratio;
    const double middleAxis = random.uniform(shortAxis, longAxis);
    Ellipsoid shape;
    if (random.chance(0.55)) {
        // Long axis (axis 0) near vertical: tilt up to ~30 degrees, any azimuth.
        const double tilt = random.uniform(0, 0.5), azimuth = random.uniform(0, 2 * kPi), spin = random.uniform(0, 2 * kPi);
        // Columns: axis 0 = tilted z, axes 1, 2 perpendicular to it.
        const Matrix3 r = rotationMatrix(azimuth, tilt, 0);
        const Vector3 a0{r[2], r[5], r[8]};  // rotated z
        Vector3 helper = std::abs(a0[0]) < 0.9 ? Vector3{1, 0, 0} : Vector3{0, 1, 0};
        Vector3 a1 = normalized(cross(a0, helper));
        Vector3 a2 = cross(a0, a1);
        const double c = std::cos(spin), s = std::sin(spin);
        const Vector3 b1{c * a1[0] + s * a2[0], c * a1[1] + s * a2[1], c * a1[2] + s * a2[2]};
        const Vector3 b2 = cross(a0, b1);
        shape.axes = {a0[0], b1[0], b2[0], a0[1], b1[1], b2[1], a0[2], b1[2], b2[2]};
    } else {
        shape.axes = randomRotation(random);
    }
    shape.semiAxes = {longAxis / 2, middleAxis / 2, shortAxis / 2};
    return shape;
}

// Centre candidate for a level (z, then position around the structure that defines it).
bool drawCentre(const NeckAnatomy& anatomy, const std::string& level, Side side, double radius,
                PhantomRandom& random, Vector3& centre)
{
    const NeckLandmarks& marks = anatomy.landmarks();
    const double s = static_cast<double>(static_cast<int>(side));
    auto aroundVein = [&](double z, double minimumAngle, double maximumAngle) {
        SectionShape vein;
        if (!anatomy.jugularVein(z, side, vein))
            return false;
        // Angle in a frame of (lateral, anterior).
        const double angle = random.uniform(minimumAngle, maximumAngle) * kPi / 180.0;
        const double distance = std::max(vein.semiAxisU, vein.semiAxisV) + radius + random.uniform(1.5, 8.0);
        centre = {vein.centreX + s * distance * std::cos(angle), vein.centreY - distance * std::sin(angle), z};
        return true;
    };
    auto behindMuscle = [&](double z) {
        SectionShape muscle;
        if (!anatomy.sternocleidomastoid(z, side, muscle))
            return false;
        const double back = NeckAnatomy::extentY(muscle);
        centre = {muscle.centreX + s * random.uniform(-8, 14), muscle.centreY + back + radius + random.uniform(2, 25), z};
        return true;
    };
    if (level == "IA" || level == "IB") {
        const double z = random.uniform(marks.hyoidTop, marks.mandibleBottom + 12);
        const Ellipsoid gland = anatomy.submandibularGland(side);
        const double x = level == "IA" ? random.normal(0, 3.5) : s * random.uniform(13, 42);
        const double y = level == "IA" ? gland.centre[1] + random.uniform(-28, -4) : gland.centre[1] + random.uniform(-26, 10);
        centre = {x, y, z};
        return true;
    }
    if (level == "IIA")
        return aroundVein(random.uniform(marks.hyoidBottom, marks.skullBase - 32), -20, 170);
    if (level == "IIB")
        return aroundVein(random.uniform(marks.hyoidBottom, marks.skullBase - 32), -160, -60);
    if (level == "III")
        return aroundVein(random.uniform(marks.cricoidBottom, marks.hyoidBottom), -40, 170);
    if (level == "IV")
        return aroundVein(random.uniform(marks.clavicle + 5, marks.cricoidBottom), -40, 170);
    if (level == "VA")
        return behindMuscle(random.uniform(marks.cricoidBottom, marks.hyoidBottom + 35));
    if (level == "VB")
        return behindMuscle(random.uniform(marks.clavicle + 5, marks.cricoidBottom));
    return false;
}

// Voxel index box of an ellipsoid grown by `margin`; false when it leaves the grid.
bool voxelBox(const ImageGeometry& geometry, const Ellipsoid& shape, double margin, std::int64_t low[3], std::int64_t high[3])
{
    const Vector3 extents = shape.halfExtents();
    for (int axis = 0; axis < 3; ++axis) {
        const double first = (shape.centre[axis] - extents[axis] - margin - geometry.origin[axis]) / geometry.spacing[axis];
        const double last = (shape.centre[axis] + extents[axis] + margin - geometry.origin[axis]) / geometry.spacing[axis];
        low[axis] = static_cast<std::int64_t>(std::floor(first));
        high[axis] = static_cast<std::int64_t>(std::ceil(last));
        if (low[axis] < 0 || high[axis] >= geometry.size[axis])
            return false;
    }
    return true;
}

// True when the node fits: all voxels within `margin` of it are fat or muscle (muscle at most a
// third), and it holds at least one voxel centre.
bool fits(const ImageGeometry& geometry, const std::vector<std::uint8_t>& tissues, const Ellipsoid& shape, double margin)
{
    std::int64_t low[3], high[3];
    if (!voxelBox(geometry, shape, margin, low, high))
        return false;
    Ellipsoid grown = shape;
    for (double& semiAxis : grown.semiAxes)
        semiAxis += margin;
    std::size_t inside = 0, muscle = 0, core = 0;
    for (std::int64_t k = low[2]; k <= high[2]; ++k)
        for (std::int64_t j = low[1]; j <= high[1]; ++j)
            for (std::int64_t i = low[0]; i <= high[0]; ++i) {
                const Vector3 p{geometry.origin[0] + i * geometry.spacing[0], geometry.origin[1] + j * geometry.spacing[1],
                                geometry.origin[2] + k * geometry.spacing[2]};
                if (grown.normalizedRadiusSquared(p) > 1.0)
                    continue;
                const auto tissue = static_cast<Tissue>(tissues[geometry.offset(i, j, k)]);
                if (tissue != Tissue::Fat && tissue != Tissue::Muscle)
                    return false;
                ++inside;
                if (tissue == Tissue::Muscle)
                    ++muscle;
                if (shape.normalizedRadiusSquared(p) <= 1.0)
                    ++core;
            }
    return core > 0 && muscle * 3 <= inside;
}

void markNode(const ImageGeometry& geometry, std::vector<std::uint8_t>& tissues, const Ellipsoid& shape)
{
    std::int64_t low[3], high[3];
    if (!voxelBox(geometry, shape, 0.0, low, high))
        return;
    for (std::int64_t k = low[2]; k <= high[2]; ++k)
        for (std::int64_t j = low[1]; j <= high[1]; ++j)
            for (std::int64_t i = low[0]; i <= high[0]; ++i) {
                const Vector3 p{geometry.origin[0] + i * geometry.spacing[0], geometry.origin[1] + j * geometry.spacing[1],
                                geometry.origin[2] + k * geometry.spacing[2]};
                if (shape.normalizedRadiusSquared(p) <= 1.0)
                    tissues[geometry.offset(i, j, k)] = static_cast<std::uint8_t>(Tissue::Node);
            }
}

}  // namespace

std::vector<NodePlan> planNodes(const NeckAnatomy& anatomy, const ImageGeometry& geometry,
                                std::vector<std::uint8_t>& tissues, int count, PhantomRandom& random)
{
    std::vector<NodePlan> plans;
    const double margin = 1.2 + 0.5 * std::max(geometry.spacing[0], geometry.spacing[1]);
    const int attemptLimit = 400 * std::max(count, 1);
    for (int attempt = 0; attempt < attemptLimit && static_cast<int>(plans.size()) < count; ++attempt) {
        const std::string level = drawLevel(random);
        const Side side = random.chance(0.5) ? Side::Left : Side::Right;
        Ellipsoid shape = drawShape(random);
        if (!drawCentre(anatomy, level, side, shape.semiAxes[1], random, shape.centre))
            continue;
        if (nodalLevel(anatomy, shape.centre) != level)
            continue;
        if (!fits(geometry, tissues, shape, margin))
            continue;
        NodePlan plan;
        plan.id = static_cast<int>(plans.size()) + 1;
        plan.level = level;
        plan.side = nodalSide(level, shape.centre);
        plan.shape = shape;
        plan.value = random.uniform(20, 80);
        plan.textureSeed = random.next();
        plan.fattyHilum = shape.semiAxes[0] * 2 >= 6.0 && random.chance(0.22);
        if (plan.fattyHilum) {
            // A fat notch reaching in from the surface along the middle axis.
            const double direction = random.chance(0.5) ? 1.0 : -1.0;
            plan.hilum = shape;
            for (int row = 0; row < 3; ++row)
                plan.hilum.centre[row] += direction * 0.75 * shape.semiAxes[1] * shape.axes[row * 3 + 1];
            plan.hilum.semiAxes = {0.45 * shape.semiAxes[0], 0.55 * shape.semiAxes[1], 0.5 * shape.semiAxes[2]};
        }
        markNode(geometry, tissues, shape);
        plans.push_back(plan);
    }
    return plans;
}

void NodeStructure::paint(SliceCanvas& canvas) const
{
    const Ellipsoid& shape = m_plan.shape;
    const Vector3 extents = shape.halfExtents();
    if (std::abs(canvas.z - shape.centre[2]) > extents[2] + canvas.spacingZ)
        return;
    int column0, column1, row0, row1;
    const double margin = canvas.spacingX;
    if (!canvas.pixelRange(shape.centre[0] - extents[0] - margin, shape.centre[0] + extents[0] + margin,
                           shape.centre[1] - extents[1] - margin, shape.centre[1] + extents[1] + margin, column0, column1,
                           row0, row1))
        return;
    const float fat = -75.0f;
    for (int row = row0; row <= row1; ++row)
        for (int column = column0; column <= column1; ++column) {
            const Vector3 p{canvas.x(column), canvas.y(row), canvas.z};
            Vector3 normal;
            const double distance = shape.signedDistance(p, &normal);
            const double coverage = coverageFromDistance(distance, voxelWidthAlong(normal, canvas));
            if (coverage <= 0)
                continue;
            const std::size_t index = canvas.offset(column, row);
            // Texture: smooth variation of about +-8 HU on a 1.5 mm scale.
            const double texture = 8.0 * valueNoise(p[0] / 1.5, p[1] / 1.5, p[2] / 1.5, m_plan.textureSeed);
            canvas.blend(index, coverage, static_cast<float>(m_plan.value + texture), Tissue::Node);
            if (m_plan.fattyHilum) {
                const double hilumDistance = m_plan.hilum.signedDistance(p, &normal);
                const double hilumCoverage = std::min(coverage, coverageFromDistance(hilumDistance, voxelWidthAlong(normal, canvas)));
                if (hilumCoverage > 0)
                    canvas.values[index] += static_cast<float>(hilumCoverage) * (fat - canvas.values[index]);
            }
            if (shape.normalizedRadiusSquared(p) <= 1.0) {
                canvas.tissues[index] = static_cast<std::uint8_t>(Tissue::Node);
                if (canvas.labels)
                    canvas.labels[index] = static_cast<std::uint16_t>(m_plan.id);
            }
        }
}

}  // namespace lnseg
