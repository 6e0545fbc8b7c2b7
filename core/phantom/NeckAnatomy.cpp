#include "phantom/NeckAnatomy.h"

#include "phantom/Track.h"

#include <cmath>

namespace lnseg {

namespace {

constexpr double kPi = 3.14159265358979323846;
double degrees(double value) { return value * kPi / 180.0; }
// Rounds the ends of a structure that runs from z0 to z1: 1 in the middle, shrinking to 0.3 at the ends
// over `length` mm, so that muscles do not end in flat caps.
double taper(double zc, double z0, double z1, double length)
{
    const double t = std::clamp(std::min(zc - z0, z1 - zc) / length, 0.0, 1.0);
    return 0.3 + 0.7 * std::sqrt(t * (2 - t));
}
int sideIndex(Side side) { return side == Side::Left ? 1 : 0; }
double sign(Side side) { return static_cast<double>(static_cast<int>(side)); }

// Canonical body outline.
const Track& bodySemiAxisX()
{
    static const Track track{{-40, 175}, {-15, 178}, {5, 162}, {15, 136}, {25, 102}, {35, 80}, {50, 67}, {85, 65},
                             {100, 66}, {115, 69}, {140, 72}, {170, 75}, {200, 76}};
    return track;
}
const Track& bodySemiAxisY()
{
    static const Track track{{-40, 98}, {-15, 95}, {5, 86}, {20, 72}, {35, 60}, {50, 58}, {70, 61}, {85, 60},
                             {92, 66}, {98, 79}, {115, 84}, {140, 88}, {170, 91}, {200, 93}};
    return track;
}
const Track& bodyCentreY()
{
    static const Track track{{-40, 18}, {5, 16}, {20, 14}, {50, 10}, {70, 7}, {85, 7}, {92, 3}, {98, -5}, {115, -8}, {140, -8}, {200, -4}};
    return track;
}
// Centre of the vertebral bodies (y); the spine curves forward in the neck (lordosis).
const Track& spineY()
{
    static const Track track{{-40, 40}, {-10, 32}, {20, 20}, {50, 12}, {100, 8}, {140, 10}, {165, 14}, {185, 18}};
    return track;
}
const Track& vertebraSemiAxisX()
{
    static const Track track{{-40, 14}, {10, 11}, {40, 10}, {150, 8.5}};
    return track;
}
const Track& vertebraSemiAxisY()
{
    static const Track track{{-40, 12}, {10, 9}, {40, 8}, {150, 7.5}};
    return track;
}
// Airway centre (y): trachea, larynx, pharynx.
const Track& airwayY()
{
    static const Track track{{-40, -4}, {0, -14}, {42, -22}, {60, -24}, {80, -22}, {88, -16}, {100, -9},
                             {130, -5}, {150, -5}, {175, -9}};
    return track;
}
const Track& carotidX()
{
    static const Track track{{-40, 13}, {-20, 17}, {0, 20}, {25, 22.5}, {50, 23.5}, {75, 24}, {90, 24.5},
                             {105, 26}, {125, 27}, {145, 28}, {165, 27}, {180, 23}, {190, 19}};
    return track;
}
const Track& carotidY()
{
    static const Track track{{-40, -6}, {-20, -10}, {0, -11}, {25, -10}, {50, -8}, {75, -5}, {90, -3},
                             {105, 2}, {125, 6}, {145, 9}, {165, 11}, {180, 12}, {190, 14}};
    return track;
}
const Track& jugularX()
{
    static const Track track{{-40, 20}, {-15, 25}, {5, 29}, {25, 32}, {45, 34}, {65, 35}, {85, 36},
                             {105, 37}, {125, 36}, {150, 34}, {172, 32}, {188, 29}};
    return track;
}
const Track& jugularY()
{
    static const Track track{{-40, -18}, {-15, -14}, {5, -10}, {25, -7}, {45, -5}, {65, -3}, {85, -1},
                             {105, 1}, {125, 4}, {150, 9}, {172, 13}, {188, 17}};
    return track;
}

}  // namespace

NeckAnatomy::NeckAnatomy(PhantomRandom& random)
{
    m_seed = random.next();
    m_scale = random.uniform(0.93, 1.07);
    m_lengthScale = random.uniform(0.93, 1.07);
    m_subcutaneousFat = random.uniform(4.0, 13.0);
    m_arteryValue = random.uniform(250, 350);
    m_veinValue = random.uniform(150, 200);
    // Jugular veins are often asymmetric, the right usually larger.
    m_jugularRadius[0] = random.uniform(5.0, 7.5);
    m_jugularRadius[1] = random.uniform(4.0, 6.5);
    m_carotidRadius = random.uniform(3.2, 4.0);
    m_thyroidValue = random.uniform(90, 140);
    m_cartilageValue = random.uniform(150, 400);
    m_muscleValue = random.uniform(45, 60);
    m_fatValue = random.uniform(-110, -85);
    for (double& phase : m_vesselPhase)
        phase = random.uniform(0, 2 * kPi);

    const double L = m_lengthScale;
    m_landmarks.clavicle = 2 * L;
    m_landmarks.cricoidBottom = 42 * L;
    m_landmarks.hyoidBottom = 88 * L;
    m_landmarks.hyoidTop = 93 * L;
    m_landmarks.mandibleBottom = 98 * L;
    m_landmarks.mandibleTop = 128 * L;
    m_landmarks.skullBase = 178 * L;
}

void NeckAnatomy::setAppearance(const AnatomyAppearance& appearance)
{
    m_thyroidValue *= std::clamp(0.55 + 0.45 * appearance.arteryHu / m_arteryValue, 0.6, 1.4);
    m_arteryValue = appearance.arteryHu;
    m_veinValue = appearance.veinHu;
    m_muscleValue = appearance.muscleHu;
    m_fatValue = appearance.fatHu;
    m_subcutaneousFat = appearance.subcutaneousFatMm;
    m_extraMimics = appearance.extraMimics;
}

SectionShape NeckAnatomy::toWorld(SectionShape shape) const
{
    shape.centreX *= m_scale;
    shape.centreY *= m_scale;
    shape.semiAxisU *= m_scale;
    shape.semiAxisV *= m_scale;
    shape.ringThickness *= m_scale;
    shape.keepBelowV *= m_scale;
    shape.keepAboveV *= m_scale;
    return shape;
}

double NeckAnatomy::extentY(const SectionShape& shape)
{
    return std::sqrt(std::pow(shape.semiAxisU * std::sin(shape.angle), 2) +
                     std::pow(shape.semiAxisV * std::cos(shape.angle), 2));
}

SectionShape NeckAnatomy::bodyCanonical(double zc) const
{
    const double extraFat = m_subcutaneousFat - 8.0;
    SectionShape shape;
    shape.centreY = bodyCentreY()(zc);
    shape.semiAxisU = bodySemiAxisX()(zc) + extraFat;
    shape.semiAxisV = bodySemiAxisY()(zc) + 0.8 * extraFat;
    return shape;
}

SectionShape NeckAnatomy::body(double z) const { return toWorld(bodyCanonical(canonicalZ(z))); }

bool NeckAnatomy::sternocleidomastoidCanonical(double zc, Side side, SectionShape& shape) const
{
    if (zc < -4 || zc > 178)
        return false;
    static const Track phi{{-4, -74}, {10, -64}, {50, -42}, {90, -20}, {130, 5}, {165, 22}, {178, 28}};
    static const Track longSemiAxis{{-4, 8}, {20, 10}, {90, 12}, {140, 11}, {178, 10}};
    static const Track shortSemiAxis{{-4, 4.5}, {40, 5}, {130, 6}, {178, 9}};
    // Below the neck the outline widens to the shoulders; the muscle stays with the neck.
    const SectionShape outline = bodyCanonical(std::max(zc, 40.0));
    const double angle = degrees(phi(zc));
    const double a = outline.semiAxisU, b = outline.semiAxisV;
    const double px = a * std::cos(angle), py = outline.centreY + b * std::sin(angle);
    double nx = px / (a * a), ny = (py - outline.centreY) / (b * b);
    const double length = std::hypot(nx, ny);
    nx /= length;
    ny /= length;
    const double thin = shortSemiAxis(zc);
    const double depth = 2.0 + m_subcutaneousFat + 2.0 + thin;
    shape.centreX = sign(side) * (px - nx * depth);
    shape.centreY = py - ny * depth;
    shape.semiAxisU = longSemiAxis(zc);
    shape.semiAxisV = thin;
    // Long axis along the skin (tangent of the outline).
    shape.angle = sign(side) * std::atan2(nx, -ny);
    return true;
}

bool NeckAnatomy::sternocleidomastoid(double z, Side side, SectionShape& shape) const
{
    if (!sternocleidomastoidCanonical(canonicalZ(z), side, shape))
        return false;
    shape = toWorld(shape);
    return true;
}

bool NeckAnatomy::jugularCanonical(double zc, Side side, SectionShape& shape) const
{
    if (zc < -40 || zc > 188)
        return false;
    double radius = m_jugularRadius[sideIndex(side)];
    if (zc > 172)
        radius *= 1.0 + 0.25 * std::min(1.0, (zc - 172) / 10);  // jugular bulb
    const double wobble = 1.2 * std::sin(zc / 23.0 + m_vesselPhase[sideIndex(side)]);
    const double a = 1.15 * radius, b = 0.85 * radius;
    double x = jugularX()(zc) + wobble;
    x = std::max(x, carotidX()(zc) + m_carotidRadius + 1.0 + a);  // lateral to the carotid
    shape.centreX = sign(side) * x;
    shape.centreY = jugularY()(zc) + 0.5 * wobble;
    shape.semiAxisU = a;
    shape.semiAxisV = b;
    shape.angle = sign(side) * 0.35;
    return true;
}

bool NeckAnatomy::jugularVein(double z, Side side, SectionShape& shape) const
{
    if (!jugularCanonical(canonicalZ(z), side, shape))
        return false;
    shape = toWorld(shape);
    return true;
}

Ellipsoid NeckAnatomy::submandibularGland(Side side) const
{
    Ellipsoid gland;
    gland.centre = {sign(side) * 33 * m_scale, -31 * m_scale, 101 * m_lengthScale};
    gland.semiAxes = {9.5 * m_scale, 13 * m_scale, 9 * m_lengthScale};
    gland.axes = rotationMatrix(sign(side) * 0.4, 0, 0);
    return gland;
}

bool NeckAnatomy::carotidArtery(double z, Side side, SectionShape& shape) const
{
    const double zc = canonicalZ(z);
    if (zc < -40 || zc > 190)
        return false;
    const double phase = m_vesselPhase[2 + sideIndex(side)];
    auto wobble = [phase](double value, double amplitude) { return amplitude * std::sin(value / 17.0 + phase); };
    if (zc <= m_bifurcation) {
        const double bulb = 1.0 + 0.3 * std::exp(-std::pow((zc - m_bifurcation + 4) / 6.0, 2));
        shape.centreX = sign(side) * (carotidX()(zc) + wobble(zc, 0.8));
        shape.centreY = carotidY()(zc) + wobble(zc + 9, 0.8);
        shape.semiAxisU = shape.semiAxisV = m_carotidRadius * bulb;
    } else {
        shape.centreX = sign(side) * (carotidX()(zc) + wobble(zc, 1.2));
        shape.centreY = carotidY()(zc) + 2 + wobble(zc + 7, 1.0);
        shape.semiAxisU = shape.semiAxisV = 0.78 * m_carotidRadius * (zc < m_bifurcation + 8 ? 1.15 : 1.0);
    }
    shape.angle = 0;
    shape = toWorld(shape);
    return true;
}

std::unique_ptr<Structure> NeckAnatomy::section(std::function<bool(double, SectionShape&)> function, float value,
                                                Tissue tissue) const
{
    const double lengthScale = m_lengthScale;
    auto world = [this, function, lengthScale](double z, SectionShape& shape) {
        if (!function(z / lengthScale, shape))
            return false;
        shape = toWorld(shape);
        return true;
    };
    return std::make_unique<SectionStructure>(world, value, tissue);
}

std::unique_ptr<Structure> NeckAnatomy::tube(const std::vector<std::array<double, 4>>& points, Side side,
                                             float value, Tissue tissue) const
{
    std::vector<TubePoint> world;
    world.reserve(points.size());
    for (const auto& p : points)
        world.push_back({{sign(side) * p[0] * m_scale, p[1] * m_scale, p[2] * m_lengthScale}, p[3] * m_scale});
    return std::make_unique<TubeStructure>(std::move(world), value, tissue);
}

StructureList NeckAnatomy::buildStructures(PhantomRandom& random) const
{
    StructureList list;
    // Scanner table: a flat carbon-fibre slab under the patient, a few mm behind the back.
    const double tableY = (bodyCentreY()(-40) + bodySemiAxisY()(-40) + 0.8 * (m_subcutaneousFat - 8.0) + 6.0);
    list.push_back(section([tableY](double, SectionShape& s) {
        s.centreY = tableY + 4; s.semiAxisU = 230; s.semiAxisV = 4;
        return true;
    }, 180.0f, Tissue::Table));
    addSoftTissues(list, random);
    addAirwayAndViscera(list);
    if (m_extraMimics)
        addMimics(list, random);
    addVessels(list, random);
    addBones(list);
    // Vertebral arteries run inside the transverse foramina: painted over the bone.
    const float artery = static_cast<float>(m_arteryValue);
    for (Side side : {Side::Right, Side::Left})
        list.push_back(tube({{15, -4, -40, 2.0}, {17, 6, -10, 2.0}, {18.5, 11, 20, 1.9}, {18, 10, 50, 1.9}, {16.5, 9, 100, 1.9},
                             {16.5, 11, 140, 1.9}, {18, 14, 160, 1.9}, {25, 22, 168, 1.9}, {20, 30, 174, 1.8}, {9, 31, 182, 1.8}},
                            side, artery, Tissue::Artery));
    return list;
}

void NeckAnatomy::addSoftTissues(StructureList& list, PhantomRandom& random) const
{
    const float fat = static_cast<float>(m_fatValue);
    const float muscle = static_cast<float>(m_muscleValue);
    const double skin = 2.0;
    // Skin, then the subcutaneous fat filling the body.
    list.push_back(section([this](double zc, SectionShape& s) { s = bodyCanonical(zc); return true; }, 35.0f, Tissue::Skin));
    list.push_back(section([this, skin](double zc, SectionShape& s) {
        s = bodyCanonical(zc);
        s.semiAxisU -= skin;
        s.semiAxisV -= skin;
        return true;
    }, fat, Tissue::Fat));

    // Shoulder girdle muscles at the bottom (deltoid/supraspinatus, pectoralis).
    for (Side side : {Side::Right, Side::Left}) {
        const double x = sign(side);
        list.push_back(section([this, x](double zc, SectionShape& s) {
            if (zc > 24) return false;
            const double t = std::clamp((24 - zc) / 30.0, 0.0, 1.0);
            const SectionShape outline = bodyCanonical(zc);
            s.semiAxisU = 44 * std::sqrt(t); s.semiAxisV = 58 * std::sqrt(t);
            s.centreX = x * (outline.semiAxisU - s.semiAxisU - m_subcutaneousFat - 2); s.centreY = 22;
            return true;
        }, muscle, Tissue::Muscle));
        list.push_back(section([x](double zc, SectionShape& s) {
            if (zc > -8) return false;
            const double t = std::clamp((-8 - zc) / 20.0, 0.0, 1.0);
            s.centreX = x * 78; s.centreY = -62; s.semiAxisU = 62 * std::sqrt(t); s.semiAxisV = 13;
            s.angle = x * 0.12;
            return true;
        }, muscle, Tissue::Muscle));
    }
    // Posterior neck muscles (trapezius, splenius, semispinalis) around the spinous processes,
    // with a fat septum (nuchal ligament) in the midline.
    list.push_back(section([](double zc, SectionShape& s) {
        static const Track width{{-40, 96}, {0, 90}, {20, 72}, {40, 47}, {100, 45}, {140, 47}, {178, 50}};
        static const Track depth{{-40, 32}, {40, 24}, {140, 25}, {178, 26}};
        if (zc > 178) return false;
        s.centreY = spineY()(zc) + 34;
        s.semiAxisU = width(zc);
        s.semiAxisV = depth(zc);
        return true;
    }, muscle, Tissue::Muscle));
    list.push_back(section([](double zc, SectionShape& s) {
        if (zc > 178) return false;
        s.centreY = spineY()(zc) + 42;
        s.semiAxisU = 1.2;
        s.semiAxisV = 20;
        return true;
    }, fat, Tissue::Fat));
    for (Side side : {Side::Right, Side::Left}) {
        const double x = sign(side);
        // Fat plane separating the deep (splenius/semispinalis) from the superficial (trapezius) layer.
        list.push_back(section([x](double zc, SectionShape& s) {
            if (zc < 20 || zc > 170) return false;
            s.centreX = x * 26; s.centreY = spineY()(zc) + 40; s.semiAxisU = 22; s.semiAxisV = 1.6; s.angle = x * -0.5;
            return true;
        }, fat, Tissue::Fat));
        // Scalenes and levator scapulae, lateral to the spine.
        list.push_back(section([x](double zc, SectionShape& s) {
            if (zc < -10 || zc > 125) return false;
            const double f = taper(zc, -10, 125, 15);
            s.centreX = x * (vertebraSemiAxisX()(zc) + 16); s.centreY = spineY()(zc) + 3;
            s.semiAxisU = 8 * f; s.semiAxisV = 12 * f; s.angle = x * 0.45;
            return true;
        }, muscle, Tissue::Muscle));
        list.push_back(section([x](double zc, SectionShape& s) {
            if (zc < 0 || zc > 160) return false;
            const double f = taper(zc, 0, 160, 15);
            s.centreX = x * (vertebraSemiAxisX()(zc) + 30); s.centreY = spineY()(zc) + 18;
            s.semiAxisU = 8 * f; s.semiAxisV = 10 * f; s.angle = x * 0.3;
            return true;
        }, muscle, Tissue::Muscle));
        // Longus colli / capitis, in front of the vertebral bodies.
        list.push_back(section([x](double zc, SectionShape& s) {
            if (zc < -20 || zc > 172) return false;
            const double f = taper(zc, -20, 172, 10);
            s.centreX = x * 7; s.centreY = spineY()(zc) - vertebraSemiAxisY()(zc) - 2.5;
            s.semiAxisU = 6 * f; s.semiAxisV = 3.2 * f;
            return true;
        }, muscle, Tissue::Muscle));
        // Sternocleidomastoid.
        const Side s2 = side;
        list.push_back(section([this, s2](double zc, SectionShape& s) { return sternocleidomastoidCanonical(zc, s2, s); },
                               muscle + 5.0f, Tissue::Muscle));
        // Strap muscles in front of the thyroid and larynx.
        list.push_back(section([this, x](double zc, SectionShape& s) {
            if (zc < 8 || zc > 92) return false;
            const SectionShape outline = bodyCanonical(zc);
            const double skinSide = outline.centreY - outline.semiAxisV + 2 + m_subcutaneousFat + 2.5;
            const double front = zc < 45 ? airwayY()(zc) - 10.5 - 4.0 : airwayY()(zc) - 21.0 - 3.0;
            const double f = taper(zc, 8, 92, 10);
            s.centreX = x * 11; s.centreY = std::max(front, skinSide); s.semiAxisU = 9 * f; s.semiAxisV = 2.4; s.angle = x * 0.35;
            return true;
        }, muscle, Tissue::Muscle));
        // Masseter (lateral to the mandibular ramus) and medial pterygoid (medial to it).
        list.push_back(section([x](double zc, SectionShape& s) {
            if (zc < 104 || zc > 158) return false;
            const double f = taper(zc, 104, 158, 14);
            s.centreX = x * 56; s.centreY = -10; s.semiAxisU = 6.5 * f; s.semiAxisV = 16 * f; s.angle = x * -0.15;
            return true;
        }, muscle, Tissue::Muscle));
        list.push_back(section([x](double zc, SectionShape& s) {
            if (zc < 108 || zc > 152) return false;
            const double f = taper(zc, 108, 152, 12);
            s.centreX = x * 36; s.centreY = -6; s.semiAxisU = 5.5 * f; s.semiAxisV = 15 * f; s.angle = x * 0.5;
            return true;
        }, muscle, Tissue::Muscle));
    }
    // Floor of mouth and tongue inside the mandibular arch.
    list.push_back(section([](double zc, SectionShape& s) {
        if (zc < 99 || zc > 140) return false;
        const double t = std::clamp((zc - 99) / 12.0, 0.2, 1.0) * taper(zc, 90, 140, 10);
        s.centreY = -36; s.semiAxisU = 31 * t; s.semiAxisV = 34 * std::max(t, 0.6);
        return true;
    }, 70.0f, Tissue::Muscle));

    // Glands: parotid (fatty, lateral and posterior to the ramus), submandibular, thyroid.
    for (Side side : {Side::Right, Side::Left}) {
        Ellipsoid parotid;
        parotid.centre = {sign(side) * 52 * m_scale, 8 * m_scale, 142 * m_lengthScale};
        parotid.semiAxes = {11 * m_scale, 18 * m_scale, 27 * m_lengthScale};
        parotid.axes = rotationMatrix(sign(side) * -0.3, 0, 0);
        list.push_back(std::make_unique<EllipsoidStructure>(parotid, static_cast<float>(random.uniform(-20, 15)), Tissue::Gland));
        list.push_back(std::make_unique<EllipsoidStructure>(submandibularGland(side), static_cast<float>(random.uniform(55, 80)), Tissue::Gland));
        const double x = sign(side);
        list.push_back(section([x](double zc, SectionShape& s) {
            if (zc < 15 || zc > 57) return false;
            const double t = (zc - 36) / 21.0;
            const double profile = std::sqrt(std::max(0.0, 1 - t * t));
            if (profile < 0.05) return false;
            s.centreX = x * 17; s.centreY = airwayY()(zc) - 1;
            s.semiAxisU = 7 * profile; s.semiAxisV = 11 * profile; s.angle = x * -0.35;
            return true;
        }, static_cast<float>(m_thyroidValue), Tissue::Thyroid));
    }
    list.push_back(section([](double zc, SectionShape& s) {
        if (zc < 24 || zc > 34) return false;
        s.centreY = airwayY()(zc) - 10.5 - 3.5; s.semiAxisU = 11; s.semiAxisV = 3;
        return true;
    }, static_cast<float>(m_thyroidValue), Tissue::Thyroid));
}

void NeckAnatomy::addAirwayAndViscera(StructureList& list) const
{
    const float cartilage = static_cast<float>(m_cartilageValue);
    // Oesophagus behind the trachea, slightly to the left.
    list.push_back(section([](double zc, SectionShape& s) {
        if (zc > 56) return false;
        s.centreX = 3; s.centreY = airwayY()(zc) + 10.5 + 5; s.semiAxisU = 8; s.semiAxisV = 4.5;
        return true;
    }, 40.0f, Tissue::SoftTissue));
    // Pharyngeal wall and constrictors around the pharynx and larynx.
    list.push_back(section([](double zc, SectionShape& s) {
        if (zc < 50 || zc > 178) return false;
        static const Track width{{50, 14}, {86, 18}, {110, 20}, {150, 18}, {178, 16}};
        static const Track depth{{50, 8}, {86, 11}, {110, 10}, {150, 11}, {178, 12}};
        s.centreY = zc < 88 ? airwayY()(zc) + 9 : airwayY()(zc);
        s.semiAxisU = width(zc); s.semiAxisV = depth(zc);
        return true;
    }, 45.0f, Tissue::SoftTissue));
    // Larynx soft tissue.
    list.push_back(section([](double zc, SectionShape& s) {
        if (zc < 48 || zc > 87) return false;
        s.centreY = airwayY()(zc); s.semiAxisU = 16; s.semiAxisV = 14;
        return true;
    }, 42.0f, Tissue::SoftTissue));
    // Trachea wall (cartilage rings averaged with soft tissue).
    list.push_back(section([](double zc, SectionShape& s) {
        if (zc > 44) return false;
        s.centreY = airwayY()(zc); s.semiAxisU = 10.5; s.semiAxisV = 10;
        return true;
    }, 90.0f, Tissue::Cartilage));
    // Cricoid ring and thyroid cartilage (open posteriorly).
    list.push_back(section([](double zc, SectionShape& s) {
        if (zc < 42 || zc > 53) return false;
        s.centreY = airwayY()(zc); s.semiAxisU = 12.5; s.semiAxisV = 12; s.ringThickness = 2.4;
        return true;
    }, cartilage, Tissue::Cartilage));
    list.push_back(section([](double zc, SectionShape& s) {
        if (zc < 54 || zc > 85) return false;
        s.centreY = airwayY()(zc) + 3; s.semiAxisU = 20; s.semiAxisV = 18; s.ringThickness = 2.2;
        s.keepBelowV = 9;
        return true;
    }, cartilage, Tissue::Cartilage));
    // Airway lumen: trachea, subglottis, glottis (a slit), vestibule, pharynx.
    list.push_back(section([](double zc, SectionShape& s) {
        if (zc > 180) return false;
        s.centreY = airwayY()(zc);
        if (zc < 42) { s.semiAxisU = 8.5; s.semiAxisV = 7.8; }
        else if (zc < 60) { s.semiAxisU = 7.5; s.semiAxisV = 7; }
        else if (zc < 64) { s.semiAxisU = 2; s.semiAxisV = 8; }
        else if (zc < 86) { s.semiAxisU = 8; s.semiAxisV = 9.5; }
        else {
            static const Track width{{86, 12}, {110, 15}, {150, 12}, {180, 10}};
            static const Track depth{{86, 6}, {110, 4.5}, {150, 6}, {180, 8}};
            s.semiAxisU = width(zc); s.semiAxisV = depth(zc);
        }
        return true;
    }, -1000.0f, Tissue::Airway));
    for (Side side : {Side::Right, Side::Left}) {
        const double x = sign(side);
        // Piriform sinuses.
        list.push_back(section([x](double zc, SectionShape& s) {
            if (zc < 64 || zc > 85) return false;
            s.centreX = x * 12.5; s.centreY = airwayY()(zc) + 9; s.semiAxisU = 3; s.semiAxisV = 5;
            return true;
        }, -1000.0f, Tissue::Airway));
        // Lung apices.
        list.push_back(section([x](double zc, SectionShape& s) {
            if (zc > -6) return false;
            const double t = std::clamp((-6 - zc) / 30.0, 0.0, 1.0);
            s.centreX = x * 60; s.centreY = 24; s.semiAxisU = 42 * std::sqrt(t); s.semiAxisV = 46 * std::sqrt(t);
            return true;
        }, -850.0f, Tissue::Lung));
        // Maxillary sinuses (air with a thin bone wall painted in addBones).
        list.push_back(section([x](double zc, SectionShape& s) {
            if (zc < 150 || zc > 195) return false;
            const double t = 1 - std::pow((zc - 172) / 23.0, 2);
            s.centreX = x * 25; s.centreY = -46; s.semiAxisU = 13 * std::sqrt(t); s.semiAxisV = 16 * std::sqrt(t);
            return true;
        }, -1000.0f, Tissue::Airway));
    }
    // Nasal cavity.
    list.push_back(section([](double zc, SectionShape& s) {
        if (zc < 146 || zc > 200) return false;
        const double f = taper(zc, 146, 215, 12);
        s.centreY = -52; s.semiAxisU = 11 * f; s.semiAxisV = 24 * f;
        return true;
    }, -1000.0f, Tissue::Airway));
    // Posterior fossa contents (brainstem, cerebellum) at the skull base.
    list.push_back(section([](double zc, SectionShape& s) {
        if (zc < 176) return false;
        const double t = std::min(1.0, (zc - 176) / 14.0);
        s.centreY = 42; s.semiAxisU = 50 * std::sqrt(t); s.semiAxisV = 40 * std::sqrt(t);
        return true;
    }, 35.0f, Tissue::SoftTissue));
}

void NeckAnatomy::addVessels(StructureList& list, PhantomRandom& random) const
{
    const float artery = static_cast<float>(m_arteryValue);
    const float vein = static_cast<float>(m_veinValue);
    const double bifurcation = m_bifurcation;
    for (Side side : {Side::Right, Side::Left}) {
        const double phase = m_vesselPhase[2 + sideIndex(side)];
        auto wobble = [phase](double z, double amplitude) { return amplitude * std::sin(z / 17.0 + phase); };
        // Common and internal carotid (with the carotid bulb at the bifurcation).
        std::vector<std::array<double, 4>> common, internal, external;
        for (double z = -40; z <= bifurcation; z += 5) {
            const double bulb = 1.0 + 0.3 * std::exp(-std::pow((z - bifurcation + 4) / 6.0, 2));
            common.push_back({carotidX()(z) + wobble(z, 0.8), carotidY()(z) + wobble(z + 9, 0.8), z, m_carotidRadius * bulb});
        }
        for (double z = bifurcation; z <= 190; z += 5)
            internal.push_back({carotidX()(z) + wobble(z, 1.2), carotidY()(z) + 2 + wobble(z + 7, 1.0), z,
                                0.78 * m_carotidRadius * (z < bifurcation + 8 ? 1.15 : 1.0)});
        internal.front() = {common.back()[0], common.back()[1] + 1.5, bifurcation, m_carotidRadius};
        list.push_back(tube(common, side, artery, Tissue::Artery));
        list.push_back(tube(internal, side, artery, Tissue::Artery));
        // External carotid and its branches (superior thyroid, lingual, facial): the small round
        // bright structures that mimic nodes on single slices.
        external = {{24.5, -4, bifurcation, 2.4}, {23, -10, 100, 2.2}, {25, -13, 112, 2.0}, {32, -10, 125, 1.8},
                    {40, -5, 140, 1.7}, {44, -1, 158, 1.5}, {45, 2, 172, 1.4}};
        list.push_back(tube(external, side, artery, Tissue::Artery));
        list.push_back(tube({{23.5, -8, 95, 1.2}, {20, -16, 88, 1.1}, {18, -22, 72, 1.0}, {16, -25, 58, 1.0}, {15, -23, 52, 0.9}},
                            side, artery, Tissue::Artery));
        list.push_back(tube({{23, -11, 101, 1.3}, {18, -22, 104, 1.2}, {12, -33, 108, 1.1}, {8, -40, 114, 1.0}}, side, artery, Tissue::Artery));
        list.push_back(tube({{25, -13, 107, 1.4}, {30, -25, 104, 1.3}, {38, -36, 100, 1.3}, {46, -44, 103, 1.3},
                             {50, -52, 112, 1.2}, {44, -62, 126, 1.1}, {36, -66, 140, 1.0}}, side, artery, Tissue::Artery));
        // Subclavian artery and vein arching over the lung apex; transverse cervical artery.
        list.push_back(tube({{14, -6, -40, 3.6}, {28, -2, -26, 3.6}, {48, 2, -12, 3.5}, {72, -8, -12, 3.4},
                             {100, -22, -22, 3.2}, {125, -28, -32, 3.0}}, side, artery, Tissue::Artery));
        list.push_back(tube({{20, -20, -40, 5.0}, {26, -24, -26, 5.0}, {45, -40, -14, 4.6}, {75, -42, -8, 4.4},
                             {105, -34, -14, 4.2}, {130, -25, -24, 4.0}}, side, vein, Tissue::Vein));
        list.push_back(tube({{22, -8, 8, 1.3}, {40, 4, 13, 1.2}, {58, 14, 18, 1.1}, {76, 22, 24, 1.0}}, side, artery, Tissue::Artery));
        // Retromandibular vein in the parotid.
        list.push_back(tube({{44, 8, 170, 2.6}, {43, 5, 150, 2.6}, {42, 1, 130, 2.5}, {40, -3, 112, 2.4}, {38, -4, 104, 2.3}},
                            side, vein, Tissue::Vein));
        // External jugular vein: superficial, on the sternocleidomastoid.
        std::vector<std::array<double, 4>> externalJugular;
        for (double z = 130; z >= 6; z -= 6) {
            SectionShape muscle;
            sternocleidomastoidCanonical(z, Side::Left, muscle);
            const double nx = std::sin(muscle.angle), ny = -std::cos(muscle.angle);  // outward normal (v axis)
            const double along = 0.45 * muscle.semiAxisU;
            externalJugular.push_back({muscle.centreX - nx * (muscle.semiAxisV + 2.4) + std::cos(muscle.angle) * along,
                                       muscle.centreY - ny * (muscle.semiAxisV + 2.4) + std::sin(muscle.angle) * along, z, 2.0});
        }
        externalJugular.push_back({38, 0, -8, 2.4});
        list.push_back(tube(externalJugular, side, vein, Tissue::Vein));
        // Anterior jugular vein, just under the subcutaneous fat.
        std::vector<std::array<double, 4>> anteriorJugular;
        for (double z = 92; z >= 4; z -= 8) {
            const SectionShape outline = bodyCanonical(z);
            anteriorJugular.push_back({7 + 0.05 * (92 - z), outline.centreY - outline.semiAxisV + 2 + 0.8 * m_subcutaneousFat, z, 1.5});
        }
        list.push_back(tube(anteriorJugular, side, vein, Tissue::Vein));
        // Internal jugular vein (oval).
        const Side s2 = side;
        list.push_back(section([this, s2](double zc, SectionShape& s) { return jugularCanonical(zc, s2, s); }, vein, Tissue::Vein));

        // A few small random vessels in the lateral neck (muscular branches, small veins).
        const int count = random.integer(3, 6);
        for (int v = 0; v < count; ++v) {
            const double start = random.uniform(5, 140), length = random.uniform(25, 80);
            double x = random.uniform(26, 58), y = random.uniform(-28, 34);
            const double radius = random.uniform(0.7, 1.4);
            const bool isArtery = random.chance(0.5);
            std::vector<std::array<double, 4>> points;
            for (double z = start; z <= start + length; z += 6) {
                points.push_back({x, y, z, radius});
                x += random.normal(0, 1.2);
                y += random.normal(0, 1.2);
            }
            list.push_back(tube(points, side, isArtery ? artery : vein, isArtery ? Tissue::Artery : Tissue::Vein));
        }
    }
}

void NeckAnatomy::addMimics(StructureList& list, PhantomRandom& random) const
{
    // Structures of node-like size and density that the base phantom lacks.
    const float muscle = static_cast<float>(m_muscleValue);
    for (Side side : {Side::Right, Side::Left}) {
        const double x = sign(side);
        // Palatine tonsils bulging into the oropharynx, and lingual tonsil tissue.
        Ellipsoid tonsil;
        tonsil.centre = {x * random.uniform(13, 17) * m_scale, (airwayY()(122) + random.uniform(0, 4)) * m_scale,
                         random.uniform(116, 126) * m_lengthScale};
        const double size = random.uniform(0.7, 1.3);
        tonsil.semiAxes = {6 * size * m_scale, 8 * size * m_scale, 10 * size * m_lengthScale};
        list.push_back(std::make_unique<EllipsoidStructure>(tonsil, static_cast<float>(random.uniform(40, 75)), Tissue::SoftTissue));
        // Vagus nerve in the carotid sheath, behind and between the carotid and the jugular vein:
        // a small round low-density dot beside the bright vessels.
        std::vector<std::array<double, 4>> vagus;
        for (double z = -30; z <= 170; z += 10)
            vagus.push_back({0.5 * (carotidX()(z) + jugularX()(z)), std::max(carotidY()(z), jugularY()(z)) + 5.5, z, 1.4});
        list.push_back(tube(vagus, side, static_cast<float>(random.uniform(15, 40)), Tissue::SoftTissue));
        // Brachial plexus trunks between the anterior and middle scalenes, running down and out.
        for (int trunk = 0; trunk < 3; ++trunk) {
            const double offset = 5.0 * trunk;
            list.push_back(tube({{22, 14 + offset * 0.3, 60 - offset, 1.8}, {34, 12 + offset * 0.3, 35 - offset, 2.0},
                                 {50, 10 + offset * 0.3, 12 - offset, 2.2}, {62, 12, -6 - offset, 2.2}},
                                side, static_cast<float>(random.uniform(20, 45)), Tissue::SoftTissue));
        }
        // Small, weakly enhancing veins (muscle branches, collapsed veins) in the lateral neck fat:
        // round and at node density on single slices.
        const int count = random.integer(1, 3);
        for (int v = 0; v < count; ++v) {
            const double start = random.uniform(10, 120), length = random.uniform(15, 40);
            double vx = random.uniform(28, 55), vy = random.uniform(-20, 30);
            const double radius = random.uniform(1.5, 3.0);
            std::vector<std::array<double, 4>> points;
            for (double z = start; z <= start + length; z += 5) {
                points.push_back({vx, vy, z, radius});
                vx += random.normal(0, 1.0);
                vy += random.normal(0, 1.0);
            }
            list.push_back(tube(points, side, static_cast<float>(std::max(muscle, 0.4f * static_cast<float>(m_veinValue))), Tissue::Vein));
        }
    }
}

void NeckAnatomy::addBones(StructureList& list) const
{
    const float cortical = 1100.0f, cancellous = 280.0f;
    // Vertebral column: bodies with discs, posterior arch around the spinal canal, spinous and
    // transverse processes. One vertebra + disc every 17 mm in the neck.
    auto discPhase = [](double zc) {
        const double period = zc > 10 ? 17.0 : 21.0;
        const double reference = zc > 10 ? 166.0 : 10.0 - 17.0;
        const double phase = std::fmod(reference - zc, period);
        return phase < 0 ? phase + period : phase;  // 0 .. period, disc around 0
    };
    auto inDisc = [discPhase](double zc) { const double p = discPhase(zc); return p < 2.2 || p > (zc > 10 ? 17.0 : 21.0) - 2.2; };
    list.push_back(section([inDisc](double zc, SectionShape& s) {
        if (zc > 168 || !inDisc(zc)) return false;
        s.centreY = spineY()(zc); s.semiAxisU = vertebraSemiAxisX()(zc); s.semiAxisV = vertebraSemiAxisY()(zc);
        return true;
    }, 85.0f, Tissue::Disc));
    list.push_back(section([inDisc](double zc, SectionShape& s) {
        if (zc > 170 || inDisc(zc)) return false;
        s.centreY = spineY()(zc); s.semiAxisU = vertebraSemiAxisX()(zc); s.semiAxisV = vertebraSemiAxisY()(zc);
        return true;
    }, cortical, Tissue::Bone));
    list.push_back(section([inDisc](double zc, SectionShape& s) {
        if (zc > 170 || inDisc(zc)) return false;
        s.centreY = spineY()(zc); s.semiAxisU = vertebraSemiAxisX()(zc) - 1.5; s.semiAxisV = vertebraSemiAxisY()(zc) - 1.5;
        return true;
    }, cancellous, Tissue::Bone));
    auto canalY = [](double zc) { return spineY()(zc) + vertebraSemiAxisY()(zc) + 8.0; };
    auto archPresent = [discPhase](double zc) { const double p = discPhase(zc); return p > 3.0 && p < 13.0; };
    list.push_back(section([canalY, archPresent](double zc, SectionShape& s) {
        if (zc > 176 || !archPresent(zc)) return false;
        s.centreY = canalY(zc) + 11; s.semiAxisU = 3.2; s.semiAxisV = 11;  // spinous process
        return true;
    }, 700.0f, Tissue::Bone));
    for (Side side : {Side::Right, Side::Left}) {
        const double x = sign(side);
        list.push_back(section([x, archPresent](double zc, SectionShape& s) {  // transverse process
            if (zc < -20 || zc > 170 || !archPresent(zc)) return false;
            s.centreX = x * (vertebraSemiAxisX()(zc) + 7.5); s.centreY = spineY()(zc) + 2; s.semiAxisU = 7.5; s.semiAxisV = 4.5;
            return true;
        }, 650.0f, Tissue::Bone));
    }
    list.push_back(section([canalY, archPresent](double zc, SectionShape& s) {  // lamina and pedicles
        if (zc > 176 || !archPresent(zc)) return false;
        s.centreY = canalY(zc); s.semiAxisU = (zc > 10 ? 11.0 : 9.0) + 3.5; s.semiAxisV = 7 + 3.5;
        return true;
    }, 750.0f, Tissue::Bone));
    list.push_back(section([canalY](double zc, SectionShape& s) {
        if (zc > 178) return false;
        s.centreY = canalY(zc); s.semiAxisU = zc > 10 ? 11.0 : 9.0; s.semiAxisV = 7;
        return true;
    }, 12.0f, Tissue::SpinalCanal));
    list.push_back(section([canalY](double zc, SectionShape& s) {
        if (zc > 180) return false;
        s.centreY = canalY(zc) - 0.5; s.semiAxisU = 6; s.semiAxisV = 4;
        return true;
    }, 35.0f, Tissue::SpinalCanal));

    // Skull base: occipital bone behind the posterior fossa, mastoid processes, maxilla.
    list.push_back(section([](double zc, SectionShape& s) {
        if (zc < 176) return false;
        const double t = std::min(1.0, (zc - 176) / 14.0);
        s.centreY = 42; s.semiAxisU = 57 * std::sqrt(t) + 1; s.semiAxisV = 47 * std::sqrt(t) + 1; s.ringThickness = 6;
        s.keepAboveV = -12;
        return true;
    }, 1000.0f, Tissue::Bone));
    for (Side side : {Side::Right, Side::Left}) {
        const double x = sign(side);
        list.push_back(section([x](double zc, SectionShape& s) {
            if (zc < 168) return false;
            s.centreX = x * 54; s.centreY = 30; s.semiAxisU = 9; s.semiAxisV = 11;
            return true;
        }, 650.0f, Tissue::Bone));
        list.push_back(section([x](double zc, SectionShape& s) {  // maxillary sinus wall
            if (zc < 149 || zc > 196) return false;
            const double t = 1 - std::pow((zc - 172) / 24.0, 2);
            s.centreX = x * 25; s.centreY = -46; s.semiAxisU = 13 * std::sqrt(t) + 1.5; s.semiAxisV = 16 * std::sqrt(t) + 1.5;
            s.ringThickness = 1.5;
            return true;
        }, 600.0f, Tissue::Bone));
    }
    // Hard palate and upper alveolar ridge, nasal septum.
    list.push_back(section([](double zc, SectionShape& s) {
        if (zc < 141 || zc > 147) return false;
        s.centreY = -46; s.semiAxisU = 28; s.semiAxisV = 28;
        return true;
    }, 800.0f, Tissue::Bone));
    list.push_back(section([](double zc, SectionShape& s) {
        if (zc < 146 || zc > 200) return false;
        s.centreY = -52; s.semiAxisU = 0.9; s.semiAxisV = 22;
        return true;
    }, 500.0f, Tissue::Bone));

    // Mandible: body (a horseshoe open posteriorly, cortex around cancellous bone), teeth, rami.
    list.push_back(section([](double zc, SectionShape& s) {
        if (zc < 98 || zc > 128) return false;
        s.centreY = -20; s.semiAxisU = 48; s.semiAxisV = 55; s.ringThickness = 9; s.keepBelowV = 12;
        return true;
    }, 1300.0f, Tissue::Bone));
    list.push_back(section([](double zc, SectionShape& s) {
        if (zc < 100 || zc > 126) return false;
        s.centreY = -20; s.semiAxisU = 46; s.semiAxisV = 53; s.ringThickness = 5; s.keepBelowV = 10;
        return true;
    }, 380.0f, Tissue::Bone));
    list.push_back(section([](double zc, SectionShape& s) {  // lower and upper teeth
        if (zc < 126 || zc > 140) return false;
        s.centreY = -21; s.semiAxisU = 45; s.semiAxisV = 52; s.ringThickness = 8; s.keepBelowV = 2;
        return true;
    }, 2200.0f, Tissue::Bone));
    for (Side side : {Side::Right, Side::Left}) {
        const double x = sign(side);
        list.push_back(section([x](double zc, SectionShape& s) {
            if (zc < 104 || zc > 172) return false;
            static const Track centreY{{104, -10}, {140, -4}, {172, 6}};
            static const Track depth{{104, 13}, {150, 14}, {165, 8}, {172, 5}};
            s.centreX = x * 46.5; s.centreY = centreY(zc); s.semiAxisU = 3.6; s.semiAxisV = depth(zc); s.angle = x * -0.12;
            return true;
        }, 1200.0f, Tissue::Bone));
    }
    // Hyoid: a small horseshoe at C3.
    list.push_back(section([](double zc, SectionShape& s) {
        if (zc < 88 || zc > 93) return false;
        s.centreY = -21; s.semiAxisU = 20; s.semiAxisV = 17; s.ringThickness = 3.2; s.keepBelowV = 6;
        return true;
    }, 700.0f, Tissue::Bone));

    // Upper chest: manubrium, clavicles, first ribs, humeral heads, scapulae.
    list.push_back(section([](double zc, SectionShape& s) {
        if (zc > -6) return false;
        s.centreY = -70; s.semiAxisU = 26; s.semiAxisV = 8;
        return true;
    }, 800.0f, Tissue::Bone));
    list.push_back(section([](double zc, SectionShape& s) {
        if (zc > -7) return false;
        s.centreY = -70; s.semiAxisU = 23; s.semiAxisV = 5.5;
        return true;
    }, cancellous, Tissue::Bone));
    for (Side side : {Side::Right, Side::Left}) {
        list.push_back(tube({{18, -60, -5, 6.5}, {50, -57, 1, 7}, {90, -42, 7, 6.5}, {130, -8, 12, 6.5}, {158, 10, 10, 7}},
                            side, 800.0f, Tissue::Bone));
        list.push_back(tube({{16, 48, -12, 5}, {45, 62, -16, 5}, {88, 44, -24, 5}, {106, 6, -32, 5}, {92, -32, -40, 5}, {70, -54, -46, 5}},
                            side, 650.0f, Tissue::Bone));
        list.push_back(tube({{18, 56, -30, 5}, {55, 72, -34, 5}, {105, 50, -42, 5}}, side, 650.0f, Tissue::Bone));
        const double x = sign(side);
        list.push_back(section([x](double zc, SectionShape& s) {
            if (zc > -6 || zc < -40) return false;
            const double t = 1 - std::pow((zc + 24) / 19.0, 2);
            if (t <= 0) return false;
            s.centreX = x * 160; s.centreY = 14; s.semiAxisU = 24 * std::sqrt(t); s.semiAxisV = 24 * std::sqrt(t);
            return true;
        }, 500.0f, Tissue::Bone));
        list.push_back(section([x](double zc, SectionShape& s) {
            if (zc > 2) return false;
            s.centreX = x * 108; s.centreY = 72; s.semiAxisU = 42; s.semiAxisV = 3; s.angle = x * 0.3;
            return true;
        }, 600.0f, Tissue::Bone));
    }
}

}  // namespace lnseg
