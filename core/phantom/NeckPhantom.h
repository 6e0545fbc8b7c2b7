#pragma once
// Synthetic contrast-enhanced neck CT with known lymph nodes, for tests, demos and benchmarks.
//
//   PhantomOptions options;
//   options.seed = 42;
//   PhantomCase phantom = generateNeckPhantom(options, "phantom-042");
//
// The image spans skull base to upper chest: air, skin, subcutaneous fat, muscles (both
// sternocleidomastoids running obliquely from mastoid to sternum, posterior neck muscles,
// scalenes, strap muscles, masseters, tongue), airway (pharynx, larynx with cricoid and thyroid
// cartilage, trachea), vertebrae (cortex, cancellous bone, discs, arches, spinal canal and cord),
// mandible with teeth, hyoid, skull base, maxillary sinuses, clavicles, ribs, lung apices,
// salivary glands, an enhancing thyroid, and enhancing vessels (carotids 250-350 HU, jugular veins
// 150-200 HU, smaller arteries and veins) that look like round nodes on single slices.
//
// Between minimumNodes and maximumNodes lymph nodes are placed in fat (never touching vessels,
// airway, bone, glands or other nodes), each in the nodal level and on the side its position
// implies under the rules of NodeLevels.h. Node k has label k in `labels`. (Grids too small or too
// coarse to hold that many nodes, far below the test sizes, can get fewer.)
//
// Rendering: tissues are painted with sub-voxel (partial-volume) edges, blurred with a Gaussian
// (blurSigmaInPlane voxels in-plane, blurSigmaAlongZ slice thicknesses along z; voxels also
// integrate their structures over the slice thickness), then white Gaussian noise is
// added (noiseStandardDeviation in the mid neck, up to 1.6x that through the shoulders, as photon
// starvation does on real scanners). Labels are not blurred: a voxel belongs to node k when its
// centre lies inside node k's ellipsoid.
//
// Determinism: the same options (seed included) give bit-identical images, labels and node lists
// for any thread count. Random numbers come only from std::mt19937_64's raw output (fixed by the
// standard) through the project's own distributions, so other platforms draw the same anatomy and
// nodes; voxel values could differ there only where a libm function (sin, exp, log) rounds its
// last bit differently.
//
// Domain randomization (options.randomization.enabled, phantom/DomainRandomization.h): each case
// draws its own scanner, protocol and patient from ranges: pixel spacing, field of view and matrix,
// slice thickness and (overlapping) spacing, scan length (replacing columns, rows, slices and the
// spacings of the options), reconstruction kernel (soft blur to sharp edge enhancement, replacing
// the blur options), noise level with a CT-like correlated texture (band-pass filtered, shared
// between overlapping slices; replacing noiseStandardDeviation), dental and shoulder streaks,
// vessel, muscle and fat HU, subcutaneous fat, position and tilt in the field of view, extra
// mimics (tonsils, nerves, weakly enhancing veins) and node variety (3-30 mm, round to reniform,
// 10-90 HU, heterogeneous, fatty hilum, necrosis, calcification, clusters and matted nodes, nodes
// against vessels, muscles and glands). PhantomCase::appearance records the draw. Levels are
// assigned in the patient's own (upright) frame, where NodeLevels.h's rules hold; centre_mm is
// where the node lies in the scanner after the tilt. With randomization off (the default) the
// phantom is exactly the fixed-appearance one described above.
//
// Geometry: axial slices, identity direction (LPS: +x patient left, +y posterior, +z superior),
// slice index k increasing towards the head. The defaults (512 x 512 x 160, 0.65 mm pixels,
// 1.5 mm slices) cover the whole neck; smaller grids at coarser spacing (e.g. 128 x 128 x 40 with
// 2.6 mm x 6 mm) give the same anatomy for fast tests.

#include "image/VoxelGrid.h"
#include "phantom/DomainRandomization.h"
#include "phantom/NeckAnatomy.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace lnseg {

struct PhantomOptions {
    std::uint64_t seed = 1;
    int columns = 512;
    int rows = 512;
    int slices = 160;
    double pixelSpacingMm = 0.65;  // in-plane, both directions
    double sliceSpacingMm = 1.5;   // distance between slice centres
    double sliceThicknessMm = 0;   // reconstructed thickness; 0: equal to the spacing
    int minimumNodes = 5;
    int maximumNodes = 30;
    double noiseStandardDeviation = 15.0;  // HU, mid neck
    double blurSigmaInPlane = 0.6;         // voxels
    double blurSigmaAlongZ = 0.45;         // in units of the slice thickness (slice profile)
    bool keepTissueMap = false;            // fill PhantomCase::tissues
    int threads = 1;                       // 0: one per hardware thread; the result never depends on it
    DomainRandomization randomization;     // off by default

    // Options for a fast test phantom of the given size, covering the same anatomy.
    static PhantomOptions small(std::uint64_t seed, int columns = 128, int rows = 128, int slices = 40);
};

struct PhantomNode {
    int id = 0;                 // label value in PhantomCase::labels
    std::string level;          // IA, IB, IIA, IIB, III, IV, VA, VB; rarely VI, RP (NodeLevels.h)
    std::string side;           // left, right, midline (IA, VI)
    Vector3 centre{0, 0, 0};    // centroid of the labelled voxels (LPS, mm)
    // Measured on the label map, on the axial slice with the largest cross-section: long axis =
    // largest distance between two voxel centres + one pixel; short axis = extent perpendicular to
    // the long axis + one pixel.
    double longAxisMm = 0;
    double shortAxisMm = 0;
    double volumeMm3 = 0;       // labelled voxels x voxel volume
    int firstSlice = 0;         // slice index range holding labelled voxels
    int lastSlice = 0;
    bool fattyHilum = false;
    double meanValue = 0;       // HU the node was painted with (before texture, blur and noise)
    // Randomized phantoms only (varied = true):
    bool varied = false;
    bool necrotic = false;
    bool calcified = false;
    bool reniform = false;
    bool touching = false;      // placed against a vessel, muscle, gland or node (no fat margin)
    bool matted = false;        // overlaps the node it was placed against
    int clusterOf = 0;          // id of that node (0: none)
};

struct PhantomCase {
    Volume image;               // HU
    LabelMap labels;            // 0 background, k = node k
    // Tissue class (phantom/Tissue.h) per voxel of the anatomy before the nodes were added, when
    // PhantomOptions::keepTissueMap; else empty. Nodes never overlap vessel, airway or bone voxels.
    LabelMap tissues;
    std::vector<PhantomNode> nodes;
    NeckLandmarks landmarks;
    std::string caseId;
    bool randomized = false;
    DrawnAppearance appearance;  // what was drawn, when randomized
};

// Throws std::invalid_argument for unusable options (sizes, spacings, node counts).
PhantomCase generateNeckPhantom(const PhantomOptions& options, const std::string& caseId);

// [{id, level, side, centre_mm: [x, y, z], long_axis_mm, short_axis_mm, volume_mm3,
//   slice_span: [first, last], fatty_hilum}, ...]
// Randomized nodes add: value_hu, necrotic, calcified, reniform, touching, matted, cluster_of.
nlohmann::json toJson(const std::vector<PhantomNode>& nodes);

// The case's metadata: {case_id, seed, randomized, appearance: {...} (randomized only), grid}.
nlohmann::json caseMetadata(const PhantomCase& phantom, const PhantomOptions& options);

}  // namespace lnseg
