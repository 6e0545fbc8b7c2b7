#include "phantom/DomainRandomization.h"

#include "phantom/PhantomRandom.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace lnseg {

namespace {

constexpr std::uint64_t kAppearanceStream = 0x617070656172ull;  // "appear"

double draw(PhantomRandom& random, const Range& range) { return random.uniform(range.low, range.high); }

void check(const Range& range, double minimum, double maximum, const char* name)
{
    if (!(range.low <= range.high) || range.low < minimum || range.high > maximum)
        throw std::invalid_argument(std::string("randomization range ") + name + " must lie within [" +
                                    std::to_string(minimum) + ", " + std::to_string(maximum) + "] with low <= high");
}

void checkProbability(double value, const char* name)
{
    if (!(value >= 0 && value <= 1))
        throw std::invalid_argument(std::string("randomization probability ") + name + " must lie in [0, 1]");
}

}  // namespace

void validate(const DomainRandomization& r)
{
    check(r.pixelSpacingMm, 0.1, 5, "pixel spacing");
    check(r.fieldOfViewMm, 20, 1000, "field of view");
    check(r.sliceThicknessMm, 0.1, 20, "slice thickness");
    check(r.sliceIncrementRatio, 0.1, 2, "slice increment ratio");
    check(r.scanLengthMm, 10, 400, "scan length");
    check(r.kernelSharpness, -1, 1, "kernel sharpness");
    check(r.noiseStandardDeviationHu, 0, 200, "noise");
    check(r.arteryHu, -100, 1500, "artery");
    check(r.veinToArteryRatio, 0.1, 2, "vein / artery ratio");
    check(r.muscleHu, -50, 200, "muscle");
    check(r.fatHu, -200, 0, "fat");
    check(r.subcutaneousFatMm, 1, 60, "subcutaneous fat");
    check(r.offsetMm, -100, 100, "offset");
    check(r.yawDegrees, -30, 30, "yaw");
    check(r.tiltDegrees, -20, 20, "tilt");
    check(r.nodes.longAxisMm, 2, 40, "node long axis");
    check(r.nodes.shortToLongRatio, 0.2, 1, "node short / long ratio");
    check(r.nodes.valueHu, -50, 200, "node HU");
    check(r.nodes.heterogeneityHu, 0, 60, "node heterogeneity");
    checkProbability(r.streakProbability, "streaks");
    checkProbability(r.nodes.fattyHilumProbability, "fatty hilum");
    checkProbability(r.nodes.necrosisProbability, "necrosis");
    checkProbability(r.nodes.calcificationProbability, "calcification");
    checkProbability(r.nodes.reniformProbability, "reniform");
    checkProbability(r.nodes.clusterProbability, "cluster");
    checkProbability(r.nodes.mattedProbability, "matted");
    checkProbability(r.nodes.touchingProbability, "touching");
    if (r.maximumMatrix < 32 || r.maximumMatrix > 2048 || r.maximumSlices < 8 || r.maximumSlices > 2000)
        throw std::invalid_argument("randomization matrix or slice limit out of range");
}

DrawnAppearance drawAppearance(const DomainRandomization& r, std::uint64_t seed)
{
    PhantomRandom random = PhantomRandom::derived(seed, kAppearanceStream);
    DrawnAppearance a;
    // Resolution: the matrix follows from the field of view and pixel size, up to the scanner's.
    a.pixelSpacingMm = draw(random, r.pixelSpacingMm);
    const double fieldOfView = draw(random, r.fieldOfViewMm);
    a.matrix = std::clamp(static_cast<int>(std::lround(fieldOfView / a.pixelSpacingMm)), 32, r.maximumMatrix);
    a.fieldOfViewMm = a.matrix * a.pixelSpacingMm;
    a.sliceThicknessMm = draw(random, r.sliceThicknessMm);
    a.sliceSpacingMm = a.sliceThicknessMm * draw(random, r.sliceIncrementRatio);
    double length = draw(random, r.scanLengthMm);
    if (length / a.sliceSpacingMm > r.maximumSlices) {
        // Fewer, less overlapping slices first (never gaps beyond the thickness), then a shorter scan.
        a.sliceSpacingMm = std::max(a.sliceSpacingMm, std::min(a.sliceThicknessMm, length / r.maximumSlices));
        length = std::min(length, r.maximumSlices * a.sliceSpacingMm);
    }
    a.slices = std::max(8, static_cast<int>(std::lround(length / a.sliceSpacingMm)));

    a.kernelSharpness = draw(random, r.kernelSharpness);
    a.noiseStandardDeviationHu = draw(random, r.noiseStandardDeviationHu);
    // Sharper kernels pass higher frequencies: finer noise grain, but never finer than about a
    // pixel (real CT at 0.66-0.98 mm pixels correlates 0.2-0.5 at one pixel; see APPEARANCE.md).
    a.noiseGrainMm = std::max(0.6 * a.pixelSpacingMm, 0.45 - 0.15 * a.kernelSharpness + random.uniform(-0.05, 0.05));
    if (random.chance(r.streakProbability)) {
        a.dentalStreaks = random.chance(0.7);
        a.shoulderStreaks = !a.dentalStreaks || random.chance(0.3);
    }
    a.streakSeed = random.next();

    a.arteryHu = draw(random, r.arteryHu);
    a.veinHu = std::clamp(a.arteryHu * draw(random, r.veinToArteryRatio), r.arteryHu.low, r.arteryHu.high);
    a.muscleHu = draw(random, r.muscleHu);
    a.fatHu = draw(random, r.fatHu);
    a.subcutaneousFatMm = draw(random, r.subcutaneousFatMm);

    a.offsetMm = {draw(random, r.offsetMm), draw(random, r.offsetMm), 0.25 * draw(random, r.offsetMm)};
    a.yawDegrees = draw(random, r.yawDegrees);
    a.rollDegrees = draw(random, r.tiltDegrees);
    a.pitchDegrees = draw(random, r.tiltDegrees);
    return a;
}

nlohmann::json toJson(const DrawnAppearance& a)
{
    return {{"pixel_spacing_mm", a.pixelSpacingMm},
            {"matrix", a.matrix},
            {"field_of_view_mm", a.fieldOfViewMm},
            {"slice_thickness_mm", a.sliceThicknessMm},
            {"slice_spacing_mm", a.sliceSpacingMm},
            {"slices", a.slices},
            {"kernel_sharpness", a.kernelSharpness},
            {"noise_sd_hu", a.noiseStandardDeviationHu},
            {"noise_grain_mm", a.noiseGrainMm},
            {"dental_streaks", a.dentalStreaks},
            {"shoulder_streaks", a.shoulderStreaks},
            {"artery_hu", a.arteryHu},
            {"vein_hu", a.veinHu},
            {"muscle_hu", a.muscleHu},
            {"fat_hu", a.fatHu},
            {"subcutaneous_fat_mm", a.subcutaneousFatMm},
            {"offset_mm", {a.offsetMm[0], a.offsetMm[1], a.offsetMm[2]}},
            {"yaw_degrees", a.yawDegrees},
            {"roll_degrees", a.rollDegrees},
            {"pitch_degrees", a.pitchDegrees}};
}

}  // namespace lnseg
