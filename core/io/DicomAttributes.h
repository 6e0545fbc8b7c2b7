#pragma once
// Small readers for DICOM attributes on top of DCMTK, tolerant of missing or malformed values,
// and the lookup of frame attributes in enhanced multi-frame functional groups.

#include "image/ImageGeometry.h"

#include <dcmtk/dcmdata/dctk.h>

#include <optional>
#include <string>
#include <vector>

namespace lnseg {

std::string readString(DcmItem& item, const DcmTagKey& tag);
std::optional<long> readInteger(DcmItem& item, const DcmTagKey& tag);
// All values of a decimal string / numeric attribute; empty when absent or unparsable.
std::vector<double> readDoubles(DcmItem& item, const DcmTagKey& tag);
std::optional<double> readDouble(DcmItem& item, const DcmTagKey& tag);

// Attributes that enhanced multi-frame objects keep in functional group macros and classic
// objects keep at the top level.
struct FrameAttributes {
    std::optional<Vector3> position;       // Image Position (Patient)
    std::optional<std::array<double, 6>> orientation;  // Image Orientation (Patient)
    std::optional<std::array<double, 2>> pixelSpacing; // row spacing, column spacing
    // Pixel Spacing as written when it is there but not a usable spacing (zero, negative, absurd,
    // not two numbers), for the warning that says what was assumed instead.
    std::optional<std::string> unusablePixelSpacing;
    std::optional<double> sliceThickness;
    std::optional<double> spacingBetweenSlices;
    std::optional<double> rescaleSlope;
    std::optional<double> rescaleIntercept;

    // Fills the attributes that are still unset from `other` (per-frame values win over shared
    // ones, shared ones over top-level ones).
    void fillFrom(const FrameAttributes& other);
};

// Reads the attributes stored directly in `item` (top-level data set).
FrameAttributes readTopLevelFrameAttributes(DcmItem& item);
// Reads the attributes from a functional group item (Plane Position, Plane Orientation, Pixel
// Measures and Pixel Value Transformation sequences).
FrameAttributes readFunctionalGroup(DcmItem& groupItem);

}  // namespace lnseg
