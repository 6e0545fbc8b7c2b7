#include "image/WindowLevel.h"

#include <algorithm>
#include <cmath>

namespace lnseg {

const std::vector<WindowPreset>& windowPresets()
{
    static const std::vector<WindowPreset> presets{
        {"Soft tissue", {400.0, 40.0}},
        {"Mucosal", {120.0, 60.0}},
        {"Bone", {2500.0, 480.0}},
        {"Lung", {1500.0, -600.0}},
    };
    return presets;
}

WindowLevel defaultWindow() { return windowPresets().front().window; }

std::uint8_t windowGrey(std::int16_t value, const WindowLevel& window)
{
    const double width = std::max(window.width, 1.0);
    const double lower = window.level - width / 2.0;
    const double grey = std::round((double(value) - lower) * 255.0 / width);
    return std::uint8_t(std::clamp(grey, 0.0, 255.0));
}

WindowLookupTable::WindowLookupTable(const WindowLevel& window) : m_window(window), m_table(65536)
{
    for (int value = -32768; value <= 32767; ++value)
        m_table[std::uint16_t(std::int16_t(value)) ^ 0x8000u] = windowGrey(std::int16_t(value), window);
}

}  // namespace lnseg
