#pragma once
// Geometry of a stack of 2D slices from their Image Position (Patient): order along the slice
// normal, slice spacing, and the problems scanners produce (uneven spacing, missing slices,
// duplicate positions, gantry tilt). Pure geometry: no DICOM and no pixels here.

#include "image/ImageGeometry.h"
#include "io/ImportReport.h"

#include <cstddef>
#include <vector>

namespace lnseg {

struct SliceStackAnalysis {
    // Indices into the input positions, ordered along the normal, duplicates removed.
    std::vector<std::size_t> order;
    // Distance of each ordered slice along the normal from the first one (mm; first is 0).
    std::vector<double> distances;
    // In-plane offset of each ordered slice from the first one, along the row and column
    // directions (mm): non-zero for sheared (gantry tilted) stacks.
    std::vector<double> rowOffsets;
    std::vector<double> columnOffsets;
    // Input indices dropped because another slice had the same position.
    std::vector<std::size_t> duplicates;
    // The usual (most common) spacing between neighbours (mm); the fallback for one slice.
    double sliceSpacing = 0;
    bool unevenSpacing = false;
    std::size_t missingSlices = 0;
    double tiltDegrees = 0;
    bool tilted = false;
    ImportReport report;

    bool regular() const { return !unevenSpacing && missingSlices == 0 && !tilted; }
};

// `positions` are the slices' Image Position (Patient) in LPS mm. `fallbackSpacing` is used for
// a single slice (Spacing Between Slices or Slice Thickness). `pixelSpacing` (the smaller
// in-plane spacing) sets how much in-plane shift counts as a tilt.
SliceStackAnalysis analyzeSliceStack(const std::vector<Vector3>& positions, const Vector3& rowDirection,
                                     const Vector3& columnDirection, double fallbackSpacing, double pixelSpacing);

}  // namespace lnseg
