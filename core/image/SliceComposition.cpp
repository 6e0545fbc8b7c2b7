#include "image/SliceComposition.h"

#include "image/LabelPalette.h"

#include <algorithm>
#include <cmath>

namespace lnseg {

namespace {

inline std::uint32_t greyPixel(std::uint8_t grey)
{
    return 0xff000000u | (std::uint32_t(grey) * 0x010101u);
}

inline std::uint32_t blend(std::uint8_t grey, std::uint32_t colour, std::uint32_t alpha256)
{
    const std::uint32_t inverse = 256 - alpha256;
    const std::uint32_t r = (((colour >> 16) & 0xff) * alpha256 + grey * inverse) >> 8;
    const std::uint32_t g = (((colour >> 8) & 0xff) * alpha256 + grey * inverse) >> 8;
    const std::uint32_t b = ((colour & 0xff) * alpha256 + grey * inverse) >> 8;
    return 0xff000000u | (r << 16) | (g << 8) | b;
}

}  // namespace

void composeSlice(const std::int16_t* values, const std::uint16_t* labels, std::int64_t width,
                  std::int64_t height, const WindowLookupTable& window, const OverlayStyle& overlay,
                  std::uint32_t* out, std::int64_t outStride)
{
    const std::uint8_t* table = window.data();
    const bool drawLabels = labels && overlay.visible && overlay.opacity > 0.0;
    const std::uint32_t alpha256 = std::uint32_t(std::lround(std::clamp(overlay.opacity, 0.0, 1.0) * 256));
    for (std::int64_t row = 0; row < height; ++row) {
        const std::int16_t* valueRow = values + row * width;
        std::uint32_t* outRow = out + row * outStride;
        if (!drawLabels) {
            for (std::int64_t column = 0; column < width; ++column)
                outRow[column] = greyPixel(table[std::uint16_t(valueRow[column]) ^ 0x8000u]);
            continue;
        }
        const std::uint16_t* labelRow = labels + row * width;
        for (std::int64_t column = 0; column < width; ++column) {
            const std::uint8_t grey = table[std::uint16_t(valueRow[column]) ^ 0x8000u];
            const std::uint16_t label = labelRow[column];
            if (label == 0) {
                outRow[column] = greyPixel(grey);
            } else if (!overlay.outline) {
                outRow[column] = blend(grey, labelColourArgb(label), alpha256);
            } else {
                // Border pixel: a 4-neighbour inside the slice carries another label (or none).
                const bool border = column == 0 || column == width - 1 || row == 0 || row == height - 1 ||
                                    labelRow[column - 1] != label || labelRow[column + 1] != label ||
                                    labelRow[column - width] != label || labelRow[column + width] != label;
                outRow[column] = border ? labelColourArgb(label) : greyPixel(grey);
            }
        }
    }
}

}  // namespace lnseg
