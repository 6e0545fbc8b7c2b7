#pragma once
// What a CT or MR voxel spacing can be. A stated spacing outside these bounds is taken as
// unusable (like a missing one): the importer assumes a value and says which (spacing_assumed,
// positions_assumed), because every measurement in mm depends on it.

namespace lnseg {

constexpr double kMinimumPlausibleSpacingMm = 0.01;
constexpr double kMaximumPlausiblePixelSpacingMm = 30.0;   // the coarsest MR is a few mm
constexpr double kMaximumPlausibleSliceSpacingMm = 100.0;  // a neck CT spans about 250 mm

inline bool plausiblePixelSpacing(double millimetres)
{
    return millimetres >= kMinimumPlausibleSpacingMm && millimetres <= kMaximumPlausiblePixelSpacingMm;
}

inline bool plausibleSliceSpacing(double millimetres)
{
    return millimetres >= kMinimumPlausibleSpacingMm && millimetres <= kMaximumPlausibleSliceSpacingMm;
}

// The value assumed when no usable spacing is stated.
constexpr double kAssumedSpacingMm = 1.0;

}  // namespace lnseg
