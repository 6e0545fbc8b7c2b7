#pragma once
// Domain randomization of the neck phantom: the ranges within which scanners, protocols and
// patients vary (DomainRandomization, an option of the generator) and the values drawn from them
// for one case (DrawnAppearance, recorded in the case's metadata).
//
// With randomization off the generator is exactly the fixed-appearance phantom of the defaults.
// With it on, every case draws its own resolution, field of view, kernel, noise, contrast phase,
// body habitus, position, artifacts and node variety from a random stream derived from the case's
// seed only: the same seed gives the same case for any thread count, and the draws do not shift
// the anatomy's own random stream.
//
// The default ranges follow clinical neck CT: 512 matrices at 180-500 mm fields of view, 0.6-5 mm
// reconstructions, often overlapping (increment < thickness); soft-tissue to sharp kernels; dose
// from low to generous; arterial to venous contrast timing.

#include "image/ImageGeometry.h"

#include <nlohmann/json.hpp>

#include <cstdint>

namespace lnseg {

struct Range {
    double low = 0;
    double high = 0;
    bool contains(double value) const { return value >= low && value <= high; }
};

// Ranges for lymph nodes when randomized.
struct NodeVariety {
    Range longAxisMm{3, 30};          // most 4-12 mm, a tail up to the high end
    Range shortToLongRatio{0.35, 1.0};
    Range valueHu{10, 90};            // solid part before texture
    Range heterogeneityHu{3, 18};     // amplitude of the internal texture
    double fattyHilumProbability = 0.3;
    double necrosisProbability = 0.12;  // central low density (10-30 HU), rim stays enhanced
    double calcificationProbability = 0.04;
    double reniformProbability = 0.25;  // bean shape: a notch at the hilum
    double clusterProbability = 0.15;   // 1-3 neighbours placed against the node
    double mattedProbability = 0.4;     // of a cluster's neighbours: overlapping (matted) rather than touching
    double touchingProbability = 0.35;  // node placed without a fat margin (against vessel, muscle, gland)
};

struct DomainRandomization {
    bool enabled = false;
    // Resolution and field of view. The matrix is fieldOfView / pixelSpacing, at most maximumMatrix
    // (a 512 scanner cannot show 500 mm at 0.4 mm: the field of view is then reduced).
    Range pixelSpacingMm{0.4, 1.0};
    Range fieldOfViewMm{180, 500};
    int maximumMatrix = 512;
    Range sliceThicknessMm{0.6, 5.0};
    Range sliceIncrementRatio{0.5, 1.0};  // slice spacing / thickness (< 1: overlapping reconstructions)
    Range scanLengthMm{170, 250};         // craniocaudal coverage
    int maximumSlices = 400;              // the coverage is shortened beyond this
    // Reconstruction kernel: -1 soft (extra blur) .. 0 standard .. +1 sharp (edge enhancement).
    Range kernelSharpness{-1, 1};
    Range noiseStandardDeviationHu{5, 40};
    double streakProbability = 0.15;      // dental metal and/or shoulder streaks
    // Contrast phase and tissues.
    Range arteryHu{120, 400};
    Range veinToArteryRatio{0.55, 1.05};  // < 1 arterial phase; veins are then kept within arteryHu
    Range muscleHu{40, 80};
    Range fatHu{-120, -80};
    Range subcutaneousFatMm{3, 25};       // body habitus
    // Patient position: offset from the field of view's centre, and tilt.
    Range offsetMm{-20, 20};
    Range yawDegrees{-8, 8};              // rotation about the scanner axis
    Range tiltDegrees{-5, 5};             // head tilted sideways (roll) and forwards/backwards (pitch)
    bool extraMimics = true;              // tonsils, nerves, small low-enhancing veins
    NodeVariety nodes;
};

// What was drawn for one case.
struct DrawnAppearance {
    double pixelSpacingMm = 0;
    int matrix = 0;
    double fieldOfViewMm = 0;
    double sliceThicknessMm = 0;
    double sliceSpacingMm = 0;
    int slices = 0;
    double kernelSharpness = 0;
    double noiseStandardDeviationHu = 0;
    double noiseGrainMm = 0;             // spatial scale of the correlated noise
    bool dentalStreaks = false;
    bool shoulderStreaks = false;
    double arteryHu = 0, veinHu = 0, muscleHu = 0, fatHu = 0;
    double subcutaneousFatMm = 0;
    Vector3 offsetMm{0, 0, 0};
    double yawDegrees = 0, rollDegrees = 0, pitchDegrees = 0;
    std::uint64_t streakSeed = 0;
};

// Throws std::invalid_argument when a range is empty or outside what the generator can make.
void validate(const DomainRandomization& randomization);

// Draws one case's appearance from `seed` (its own stream; deterministic).
DrawnAppearance drawAppearance(const DomainRandomization& randomization, std::uint64_t seed);

nlohmann::json toJson(const DrawnAppearance& appearance);

}  // namespace lnseg
