#pragma once
// Turns an extracted CT slice and label slice into display pixels: window/level grey plus the
// label overlay (blended fill or opaque outline). Pure computation, no Qt.

#include "image/WindowLevel.h"

#include <cstdint>

namespace lnseg {

struct OverlayStyle {
    bool visible = true;
    double opacity = 0.45;  // fill opacity, 0..1
    bool outline = false;   // draw label borders only (opaque) instead of a blended fill
    bool operator==(const OverlayStyle& o) const
    {
        return visible == o.visible && opacity == o.opacity && outline == o.outline;
    }
    bool operator!=(const OverlayStyle& o) const { return !(*this == o); }
};

// Writes width*height pixels 0xffRRGGBB into `out` (rows of `outStride` pixels). `labels` may be
// null (no label map).
void composeSlice(const std::int16_t* values, const std::uint16_t* labels, std::int64_t width,
                  std::int64_t height, const WindowLookupTable& window, const OverlayStyle& overlay,
                  std::uint32_t* out, std::int64_t outStride);

}  // namespace lnseg
