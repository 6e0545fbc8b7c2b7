#pragma once
// What lies under the mouse in a slice view: shown in the status bar.

#include "image/SliceExtraction.h"

#include <cstdint>

namespace lnseg {

struct CursorSample {
    Vector3 world{0, 0, 0};  // LPS, mm
    Index3 index{0, 0, 0};
    std::int16_t value = 0;  // HU
    std::uint16_t label = 0;
};

}  // namespace lnseg
