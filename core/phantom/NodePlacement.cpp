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

// Random orientation with a preference for a craniocaudal long axis as in real cervical nodes.
void orient(Ellipsoid& shape, PhantomRandom& random)
{
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
}

// Node shape: long axis 3-15 mm (most 5-10), short/long 0.4-0.9.
Ellipsoid drawShape(PhantomRandom& random)
{
    double longAxis = random.chance(0.12) ? random.uniform(10, 15) : std::clamp(random.normal(7.5, 1.8), 3.0, 15.0);
    const double ratio = random.uniform(0.4, 0.9);
    const double shortAxis = longAxis * ratio;
    const double middleAxis = random.uniform(shortAxis, longAxis);
    Ellipsoid shape;
    orient(shape, random);
    shape.semiAxes = {longAxis / 2, middleAxis / 2, shortAxis / 2};
    return shape;
}

// Randomized shape: long axis log-normal around 7 mm with a tail to the range's top (large,
// reactive or metastatic nodes); round (ratio near 1) to oval.
Ellipsoid drawVariedShape(const NodeVariety& variety, PhantomRandom& random)
{
    double longAxis = random.chance(0.1) ? random.uniform(12, std::max(12.0, variety.longAxisMm.high))
                                         : std::exp(random.normal(std::log(7.0), 0.4));
    longAxis = std::clamp(longAxis, variety.longAxisMm.low, variety.longAxisMm.high);
    const double ratio = random.uniform(variety.shortToLongRatio.low, variety.shortToLongRatio.high);
    const double shortAxis = longAxis * ratio;
    const double middleAxis = random.uniform(shortAxis, longAxis);
    Ellipsoid shape;
    orient(shape, random);
    shape.semiAxes = {longAxis / 2, middleAxis / 2, shortAxis / 2};
    return shape;
}

// Half the extent of an ellipsoid along a unit direction.
double extentAlong(const Ellipsoid& shape, const Vector3& direction)
{
    double sum = 0;
    for (int axis = 0; axis < 3; ++axis) {
        const double projection = shape.axes[axis] * direction[0] + shape.axes[3 + axis] * direction[1] + shape.axes[6 + axis] * direction[2];
        sum += std::pow(shape.semiAxes[axis] * projection, 2);
    }
    return std::sqrt(sum);
}

// Centre candidate for a level (z, then position around the structure that defines it).
// closeness scales the fat gap left to the jugular vein (1: 1.5-8 mm; small: against the vein).
bool drawCentre(const NeckAnatomy& anatomy, const std::string& level, Side side, double radius,
                PhantomRandom& random, Vector3& centre, double closeness = 1.0)
{
    const NeckLandmarks& marks = anatomy.landmarks();
    const double s = static_cast<double>(static_cast<int>(side));
    auto aroundVein = [&](double z, double minimumAngle, double maximumAngle) {
        SectionShape vein;
        if (!anatomy.jugularVein(z, side, vein))
            return false;
        // Angle in a frame of (lateral, anterior).
        const double angle = random.uniform(minimumAngle, maximumAngle) * kPi / 180.0;
        const double distance = std::max(vein.semiAxisU, vein.semiAxisV) + radius + random.uniform(1.5, 8.0) * closeness;
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

// Visits the voxels whose centres lie within `margin` of the ellipsoid `shape` (all of them inside
// the image, else nothing is visited and the result is false): visit(offset, inside) with `inside`
// true for voxels of the ellipsoid itself; a visit returning false stops the walk (result false).
template <typename Visit>
bool visitVoxelsNear(const ImageGeometry& geometry, const Ellipsoid& shape, double margin, Visit&& visit)
{
    std::int64_t low[3], high[3];
    if (!voxelBox(geometry, shape, margin, low, high))
        return false;
    Ellipsoid grown = shape;
    for (double& semiAxis : grown.semiAxes)
        semiAxis += margin;
    for (std::int64_t k = low[2]; k <= high[2]; ++k)
        for (std::int64_t j = low[1]; j <= high[1]; ++j)
            for (std::int64_t i = low[0]; i <= high[0]; ++i) {
                const Vector3 p{geometry.origin[0] + i * geometry.spacing[0], geometry.origin[1] + j * geometry.spacing[1],
                                geometry.origin[2] + k * geometry.spacing[2]};
                if (grown.normalizedRadiusSquared(p) > 1.0)
                    continue;
                if (!visit(geometry.offset(i, j, k), shape.normalizedRadiusSquared(p) <= 1.0))
                    return false;
            }
    return true;
}

// True when the node fits: all voxels within `margin` of it are fat or muscle (muscle at most a
// third), and it holds at least one voxel centre.
bool fits(const ImageGeometry& geometry, const std::vector<std::uint8_t>& tissues, const Ellipsoid& shape, double margin)
{
    std::size_t inside = 0, muscle = 0, core = 0;
    const bool clear = visitVoxelsNear(geometry, shape, margin, [&](std::size_t offset, bool inNode) {
        const auto tissue = static_cast<Tissue>(tissues[offset]);
        if (tissue != Tissue::Fat && tissue != Tissue::Muscle)
            return false;
        ++inside;
        if (tissue == Tissue::Muscle)
            ++muscle;
        if (inNode)
            ++core;
        return true;
    });
    return clear && core > 0 && muscle * 3 <= inside;
}

bool isBarrier(Tissue tissue)
{
    switch (tissue) {
    case Tissue::Fat: case Tissue::Muscle: case Tissue::Gland: case Tissue::Thyroid: case Tissue::Artery:
    case Tissue::Vein: case Tissue::SoftTissue: case Tissue::Node:
        return false;
    default:
        return true;
    }
}

// The randomized fit: the node itself lies in fat or muscle (muscle at most a third), or, when
// `matted`, up to a third in the node it was placed against; its margin may touch vessels,
// muscles, glands and other nodes when `touching`, but never air, bone, cartilage or skin.
bool fitsVaried(const ImageGeometry& geometry, const std::vector<std::uint8_t>& tissues, const Ellipsoid& shape,
                double margin, bool touching, bool matted)
{
    std::size_t core = 0, muscle = 0, node = 0;
    const bool clear = visitVoxelsNear(geometry, shape, margin, [&](std::size_t offset, bool inNode) {
        const auto tissue = static_cast<Tissue>(tissues[offset]);
        if (inNode) {
            ++core;
            if (tissue == Tissue::Muscle)
                ++muscle;
            else if (tissue == Tissue::Node && matted)
                ++node;
            else if (tissue != Tissue::Fat)
                return false;
            return true;
        }
        return touching ? !isBarrier(tissue) : (tissue == Tissue::Fat || tissue == Tissue::Muscle);
    });
    return clear && core > 0 && muscle * 3 <= core && node * 3 <= core;
}

void markNode(const ImageGeometry& geometry, std::vector<std::uint8_t>& tissues, const Ellipsoid& shape)
{
    visitVoxelsNear(geometry, shape, 0.0, [&](std::size_t offset, bool inNode) {
        if (inNode)
            tissues[offset] = static_cast<std::uint8_t>(Tissue::Node);
        return true;
    });
}

// The randomized node's interior: density, heterogeneity, hilum, necrosis, calcification, shape.
void drawVariety(NodePlan& plan, const NodeVariety& variety, PhantomRandom& random)
{
    const Ellipsoid& shape = plan.shape;
    const double longAxis = 2 * shape.semiAxes[0];
    plan.varied = true;
    plan.textureAmplitude = random.uniform(variety.heterogeneityHu.low, variety.heterogeneityHu.high);
    const double direction = random.chance(0.5) ? 1.0 : -1.0;
    auto alongMiddleAxis = [&](double distance) {
        Vector3 centre = shape.centre;
        for (int row = 0; row < 3; ++row)
            centre[row] += direction * distance * shape.axes[row * 3 + 1];
        return centre;
    };
    plan.fattyHilum = longAxis >= 5.0 && random.chance(variety.fattyHilumProbability);
    if (plan.fattyHilum) {
        plan.hilum = shape;
        plan.hilum.centre = alongMiddleAxis(0.75 * shape.semiAxes[1]);
        const double size = random.uniform(0.8, 1.3);
        plan.hilum.semiAxes = {0.45 * size * shape.semiAxes[0], 0.55 * size * shape.semiAxes[1], 0.5 * size * shape.semiAxes[2]};
        plan.hilumValue = random.uniform(-110, -50);
    }
    plan.reniform = longAxis >= 6.0 && random.chance(variety.reniformProbability);
    if (plan.reniform) {
        plan.notch = shape;
        plan.notch.centre = alongMiddleAxis(1.05 * shape.semiAxes[1]);
        plan.notch.semiAxes = {0.45 * shape.semiAxes[0], 0.45 * shape.semiAxes[1], 0.6 * shape.semiAxes[2]};
    }
    plan.necrotic = longAxis >= 6.0 && random.chance(variety.necrosisProbability);
    if (plan.necrotic) {
        plan.necrosis = shape;
        const double size = random.uniform(0.35, 0.7);
        for (int axis = 0; axis < 3; ++axis) {
            plan.necrosis.semiAxes[axis] = size * shape.semiAxes[axis];
            plan.necrosis.centre[axis] += random.uniform(-0.15, 0.15) * shape.semiAxes[0];
        }
        plan.necrosisValue = random.uniform(std::max(0.0, variety.valueHu.low - 10), 30);
        plan.value = std::max(plan.value, plan.necrosisValue + 20);  // the rim enhances
    }
    if (random.chance(variety.calcificationProbability)) {
        const int count = random.integer(1, 3);
        for (int c = 0; c < count; ++c) {
            Ellipsoid speck;
            const double radius = random.uniform(0.5, 1.3);
            speck.semiAxes = {radius, radius, radius};
            for (int axis = 0; axis < 3; ++axis)
                speck.centre[axis] = shape.centre[axis] + random.uniform(-0.5, 0.5) * shape.semiAxes[2];
            plan.calcifications.push_back(speck);
        }
        plan.calcificationValue = random.uniform(250, 900);
    }
}

// One to three nodes against the last planned node, touching it or matted with it (overlapping);
// each takes the level of its own centre.
void addClusterNeighbours(const NeckAnatomy& anatomy, const ImageGeometry& geometry, std::vector<std::uint8_t>& tissues,
                          int count, PhantomRandom& random, const NodeVariety& variety, std::vector<NodePlan>& plans)
{
    const NodePlan parent = plans.back();
    const int neighbours = random.integer(1, 3);
    for (int n = 0; n < neighbours && static_cast<int>(plans.size()) < count; ++n) {
        for (int attempt = 0; attempt < 30; ++attempt) {
            Ellipsoid shape = drawVariedShape(variety, random);
            Vector3 direction{random.normal(), random.normal(), random.normal()};
            const double length = std::sqrt(dot(direction, direction));
            if (length < 1e-6)
                continue;
            for (double& component : direction)
                component /= length;
            const bool matted = random.chance(variety.mattedProbability);
            const double distance = (extentAlong(parent.shape, direction) + extentAlong(shape, direction)) *
                                    (matted ? random.uniform(0.75, 0.92) : random.uniform(1.0, 1.1));
            for (int axis = 0; axis < 3; ++axis)
                shape.centre[axis] = parent.shape.centre[axis] + distance * direction[axis];
            const std::string level = nodalLevel(anatomy, shape.centre);
            if (level.empty() || !fitsVaried(geometry, tissues, shape, 0.3, true, matted))
                continue;
            NodePlan plan;
            plan.id = static_cast<int>(plans.size()) + 1;
            plan.level = level;
            plan.side = nodalSide(level, shape.centre);
            plan.shape = shape;
            plan.value = std::clamp(parent.value + random.normal(0, 10), variety.valueHu.low, variety.valueHu.high);
            plan.textureSeed = random.next();
            plan.touching = true;
            plan.matted = matted;
            plan.clusterOf = parent.id;
            drawVariety(plan, variety, random);
            markNode(geometry, tissues, shape);
            plans.push_back(plan);
            break;
        }
    }
}

}  // namespace

std::vector<NodePlan> planNodes(const NeckAnatomy& anatomy, const ImageGeometry& geometry,
                                std::vector<std::uint8_t>& tissues, int count, PhantomRandom& random,
                                const NodeVariety* variety)
{
    std::vector<NodePlan> plans;
    const double margin = 1.2 + 0.5 * std::max(geometry.spacing[0], geometry.spacing[1]);
    const double touchingMargin = 0.3;
    const int attemptLimit = 400 * std::max(count, 1);
    for (int attempt = 0; attempt < attemptLimit && static_cast<int>(plans.size()) < count; ++attempt) {
        const std::string level = drawLevel(random);
        const Side side = random.chance(0.5) ? Side::Left : Side::Right;
        Ellipsoid shape = variety ? drawVariedShape(*variety, random) : drawShape(random);
        const bool touching = variety && random.chance(variety->touchingProbability);
        if (!drawCentre(anatomy, level, side, shape.semiAxes[1], random, shape.centre, touching ? 0.1 : 1.0))
            continue;
        if (nodalLevel(anatomy, shape.centre) != level)
            continue;
        if (variety ? !fitsVaried(geometry, tissues, shape, touching ? touchingMargin : margin, touching, false)
                    : !fits(geometry, tissues, shape, margin))
            continue;
        NodePlan plan;
        plan.id = static_cast<int>(plans.size()) + 1;
        plan.level = level;
        plan.side = nodalSide(level, shape.centre);
        plan.shape = shape;
        if (variety) {
            plan.value = random.uniform(variety->valueHu.low, variety->valueHu.high);
            plan.textureSeed = random.next();
            plan.touching = touching;
            drawVariety(plan, *variety, random);
            markNode(geometry, tissues, shape);
            plans.push_back(plan);
            if (random.chance(variety->clusterProbability))
                addClusterNeighbours(anatomy, geometry, tissues, count, random, *variety, plans);
            continue;
        }
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
    // Labels by the published rules (the acceptance above used nodalLevel(); see NodeLevels.h).
    for (NodePlan& plan : plans) {
        const std::string level = nodalLevelByRules(anatomy, plan.shape.centre);
        if (!level.empty() && level != plan.level) {
            plan.level = level;
            plan.side = nodalSide(level, plan.shape.centre);
        }
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
    const float fat = m_plan.varied ? static_cast<float>(m_plan.hilumValue) : -75.0f;
    // Blends the voxel towards `value` by the coverage of `part` within the node's coverage.
    auto blendPart = [&canvas](std::size_t index, const Ellipsoid& part, const Vector3& p, double within, double value) {
        Vector3 normal;
        const double distance = part.signedDistance(p, &normal);  // sets the normal first
        const double coverage = std::min(within, coverageFromDistance(distance, voxelWidthAlong(normal, canvas)));
        if (coverage > 0)
            canvas.values[index] += static_cast<float>(coverage) * (static_cast<float>(value) - canvas.values[index]);
    };
    for (int row = row0; row <= row1; ++row)
        for (int column = column0; column <= column1; ++column) {
            const Vector3 p{canvas.x(column), canvas.y(row), canvas.z};
            Vector3 normal;
            const double distance = shape.signedDistance(p, &normal);
            double coverage = coverageFromDistance(distance, voxelWidthAlong(normal, canvas));
            bool inNotch = false;
            if (m_plan.reniform && coverage > 0) {
                const double notchDistance = m_plan.notch.signedDistance(p, &normal);
                coverage = std::min(coverage, 1.0 - coverageFromDistance(notchDistance, voxelWidthAlong(normal, canvas)));
                inNotch = m_plan.notch.normalizedRadiusSquared(p) <= 1.0;
            }
            if (coverage <= 0)
                continue;
            const std::size_t index = canvas.offset(column, row);
            // Texture: smooth variation of about +-8 HU on a 1.5 mm scale (randomized: its own
            // amplitude, plus a finer octave).
            double texture = m_plan.textureAmplitude * valueNoise(p[0] / 1.5, p[1] / 1.5, p[2] / 1.5, m_plan.textureSeed);
            if (m_plan.varied)
                texture += 0.5 * m_plan.textureAmplitude * valueNoise(p[0] / 0.7, p[1] / 0.7, p[2] / 0.7, m_plan.textureSeed ^ 0x5EEDull);
            canvas.blend(index, coverage, static_cast<float>(m_plan.value + texture), Tissue::Node);
            if (m_plan.necrotic)
                blendPart(index, m_plan.necrosis, p, coverage, m_plan.necrosisValue + 0.5 * texture);
            for (const Ellipsoid& speck : m_plan.calcifications)
                blendPart(index, speck, p, coverage, m_plan.calcificationValue);
            if (m_plan.fattyHilum) {
                const double hilumDistance = m_plan.hilum.signedDistance(p, &normal);
                const double hilumCoverage = std::min(coverage, coverageFromDistance(hilumDistance, voxelWidthAlong(normal, canvas)));
                if (hilumCoverage > 0)
                    canvas.values[index] += static_cast<float>(hilumCoverage) * (fat - canvas.values[index]);
            }
            if (shape.normalizedRadiusSquared(p) <= 1.0 && !inNotch) {
                canvas.tissues[index] = static_cast<std::uint8_t>(Tissue::Node);
                if (canvas.labels)
                    canvas.labels[index] = static_cast<std::uint16_t>(m_plan.id);
            }
        }
}

}  // namespace lnseg
