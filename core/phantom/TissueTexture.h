#pragma once
// Smooth random texture inside soft tissues (a few HU on a ~4 mm scale), so that fat, muscle and
// glands are not perfectly flat as painted: real tissue is heterogeneous and a detector trained on
// flat phantoms learns shortcuts.

#include "phantom/SliceCanvas.h"

#include <cstdint>

namespace lnseg {

// Adds the texture to the painted slice, scaled per tissue class (none on air, bone, vessels).
void addTissueTexture(SliceCanvas& canvas, std::uint64_t seed);

}  // namespace lnseg
