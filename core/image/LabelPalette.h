#pragma once
// One colour per label instance. Hues follow the golden angle, so labels with neighbouring
// numbers (often neighbouring nodes) get clearly different colours.

#include <cstdint>

namespace lnseg {

struct RgbColour {
    std::uint8_t red = 0, green = 0, blue = 0;
    bool operator==(const RgbColour& other) const
    {
        return red == other.red && green == other.green && blue == other.blue;
    }
};

// Colour of label `label` (> 0); label 0 (background) is black.
RgbColour labelColour(std::uint16_t label);
// The same as 0xffRRGGBB, from a table built once for all 65536 labels.
std::uint32_t labelColourArgb(std::uint16_t label);

}  // namespace lnseg
