#pragma once
// CT display windows and the lookup table that maps Hounsfield units to grey levels.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace lnseg {

struct WindowLevel {
    double width = 400.0;
    double level = 40.0;
    bool operator==(const WindowLevel& other) const { return width == other.width && level == other.level; }
    bool operator!=(const WindowLevel& other) const { return !(*this == other); }
};

struct WindowPreset {
    std::string name;
    WindowLevel window;
};

// Soft tissue / neck W400 L40 (default), head-and-neck mucosal W120 L60, bone W2500 L480,
// lung W1500 L-600 (clinical.md).
const std::vector<WindowPreset>& windowPresets();
WindowLevel defaultWindow();

// Grey level 0..255 for one value: linear from level - width/2 (black) to level + width/2 (white).
std::uint8_t windowGrey(std::int16_t value, const WindowLevel& window);

// Every int16 value mapped once (64 Ki entries): no clamping or branching per pixel, and only the
// few KiB that CT values actually touch stay in cache.
class WindowLookupTable {
public:
    explicit WindowLookupTable(const WindowLevel& window = defaultWindow());
    const WindowLevel& window() const { return m_window; }
    std::uint8_t operator()(std::int16_t value) const { return m_table[std::uint16_t(value) ^ 0x8000u]; }
    // Table indexed by (uint16(value) ^ 0x8000), for tight loops.
    const std::uint8_t* data() const { return m_table.data(); }

private:
    WindowLevel m_window;
    std::vector<std::uint8_t> m_table;
};

}  // namespace lnseg
