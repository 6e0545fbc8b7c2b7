#include "image/LabelPalette.h"

#include <cmath>
#include <vector>

namespace lnseg {

namespace {

RgbColour fromHsv(double hue, double saturation, double value)
{
    const double sector = hue * 6.0;
    const int index = int(sector) % 6;
    const double fraction = sector - std::floor(sector);
    const double p = value * (1 - saturation);
    const double q = value * (1 - saturation * fraction);
    const double t = value * (1 - saturation * (1 - fraction));
    double r = 0, g = 0, b = 0;
    switch (index) {
    case 0: r = value, g = t, b = p; break;
    case 1: r = q, g = value, b = p; break;
    case 2: r = p, g = value, b = t; break;
    case 3: r = p, g = q, b = value; break;
    case 4: r = t, g = p, b = value; break;
    default: r = value, g = p, b = q; break;
    }
    auto byte = [](double x) { return std::uint8_t(std::lround(x * 255.0)); };
    return {byte(r), byte(g), byte(b)};
}

}  // namespace

RgbColour labelColour(std::uint16_t label)
{
    if (label == 0)
        return {};
    const double goldenRatioConjugate = 0.6180339887498949;
    const double hue = std::fmod(0.05 + label * goldenRatioConjugate, 1.0);
    // Alternate saturation and brightness a little so that labels far apart that land on similar
    // hues are still distinguishable.
    const double saturation = (label % 3 == 0) ? 0.6 : 0.85;
    const double value = (label % 2 == 0) ? 0.95 : 1.0;
    return fromHsv(hue, saturation, value);
}

std::uint32_t labelColourArgb(std::uint16_t label)
{
    static const std::vector<std::uint32_t> table = [] {
        std::vector<std::uint32_t> colours(65536);
        for (std::uint32_t l = 0; l < colours.size(); ++l) {
            const RgbColour c = labelColour(std::uint16_t(l));
            colours[l] = 0xff000000u | (std::uint32_t(c.red) << 16) | (std::uint32_t(c.green) << 8) | c.blue;
        }
        return colours;
    }();
    return table[label];
}

}  // namespace lnseg
