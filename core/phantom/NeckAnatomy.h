#pragma once
// The synthetic neck: where each anatomical structure lies, as a function of height z, for one
// randomly varied patient. Coordinates are LPS millimetres (+x patient left, +y posterior,
// +z superior). z = 0 is the top of the manubrium (sternal notch); the anatomy spans about
// z = -40 (upper chest, lung apices) to z = +200 (skull base) before the per-case length scale.
//
// The anatomy is described in a canonical patient and mapped to the case by an in-plane scale
// (body size) and a length scale along z. It answers the geometric questions that node placement
// and the level rules need (where the jugular vein, the sternocleidomastoid, the submandibular
// gland are) and builds the list of structures that paint the image, in painting order.

#include "phantom/PhantomRandom.h"
#include "phantom/Structures.h"

namespace lnseg {

// Heights (z, mm) of the landmarks that bound the nodal levels.
struct NeckLandmarks {
    double clavicle = 0;        // top of the clavicles / sternal notch
    double cricoidBottom = 0;   // bottom of the cricoid arch (III/IV and VA/VB boundary)
    double hyoidBottom = 0;     // bottom of the hyoid body (II/III boundary)
    double hyoidTop = 0;
    double mandibleBottom = 0;  // inferior border of the mandible
    double mandibleTop = 0;
    double skullBase = 0;
};

// Side of the patient as the sign of x in LPS: left = +1, right = -1.
enum class Side : int { Right = -1, Left = 1 };

// Tissue values and habitus that domain randomization sets (NeckAnatomy::setAppearance).
struct AnatomyAppearance {
    double arteryHu = 300, veinHu = 170, muscleHu = 50, fatHu = -100;
    double subcutaneousFatMm = 8;
    bool extraMimics = false;  // tonsils, nerves (vagus, brachial plexus), small low-enhancing veins
};

class NeckAnatomy {
public:
    explicit NeckAnatomy(PhantomRandom& random);

    // Replaces the drawn tissue values and subcutaneous fat (before buildStructures and before
    // any geometric question: the fat moves the outline and the sternocleidomastoids). The thyroid
    // follows the arteries' enhancement.
    void setAppearance(const AnatomyAppearance& appearance);

    double scale() const { return m_scale; }
    double lengthScale() const { return m_lengthScale; }

    const NeckLandmarks& landmarks() const { return m_landmarks; }
    double bottom() const { return -40.0 * m_lengthScale; }
    double top() const { return 200.0 * m_lengthScale; }
    double centreY() const { return 10.0 * m_scale; }

    // World cross-sections (false when absent at z).
    SectionShape body(double z) const;
    bool sternocleidomastoid(double z, Side side, SectionShape& shape) const;
    bool jugularVein(double z, Side side, SectionShape& shape) const;
    Ellipsoid submandibularGland(Side side) const;
    // Common carotid below the bifurcation, internal carotid above it (centre line as painted,
    // circular section of the tube's radius).
    bool carotidArtery(double z, Side side, SectionShape& shape) const;
    // Half-width (mm) of the submental triangle (IA) between the anterior digastric bellies.
    double submentalHalfWidth() const { return 10.0 * m_scale; }
    // Extent of a section along y (half of its bounding box height).
    static double extentY(const SectionShape& shape);

    // All structures in painting order (later ones paint over earlier ones).
    StructureList buildStructures(PhantomRandom& random) const;

    // Mid-neck body width relative to a given z; used to scale noise (wider body, more noise).
    double bodyWidth(double z) const { return 2.0 * body(z).semiAxisU; }
    double neckWidth() const { return bodyWidth(65.0 * m_lengthScale); }

private:
    // Canonical <-> world.
    double canonicalZ(double z) const { return z / m_lengthScale; }
    SectionShape toWorld(SectionShape shape) const;
    bool jugularCanonical(double zc, Side side, SectionShape& shape) const;
    bool sternocleidomastoidCanonical(double zc, Side side, SectionShape& shape) const;
    SectionShape bodyCanonical(double zc) const;
    // Wraps a canonical section function into a world structure.
    std::unique_ptr<Structure> section(std::function<bool(double zc, SectionShape&)> function, float value,
                                       Tissue tissue) const;
    // A tube through canonical points (x, y, z, radius), mirrored to `side`.
    std::unique_ptr<Structure> tube(const std::vector<std::array<double, 4>>& points, Side side, float value,
                                    Tissue tissue) const;

    void addSoftTissues(StructureList& list, PhantomRandom& random) const;
    void addAirwayAndViscera(StructureList& list) const;
    void addVessels(StructureList& list, PhantomRandom& random) const;
    void addBones(StructureList& list) const;
    void addMimics(StructureList& list, PhantomRandom& random) const;

    double m_scale = 1.0;        // in-plane size
    double m_lengthScale = 1.0;  // along z
    double m_subcutaneousFat = 8.0;
    double m_arteryValue = 300, m_veinValue = 170;
    double m_jugularRadius[2] = {6.0, 5.0};  // right, left
    double m_carotidRadius = 3.6;
    double m_thyroidValue = 110, m_cartilageValue = 250, m_muscleValue = 50, m_fatValue = -100;
    double m_bifurcation = 90;   // canonical z of the carotid bifurcation
    double m_vesselPhase[4] = {0, 0, 0, 0};
    std::uint64_t m_seed = 0;
    bool m_extraMimics = false;
    NeckLandmarks m_landmarks;
};

}  // namespace lnseg
