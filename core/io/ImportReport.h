#pragma once
// What an import found worth telling the user: geometry problems, skipped files, resampling.
// Messages are never swallowed: the command-line tool prints them and the viewer shows them.

#include <string>
#include <vector>

namespace lnseg {

struct ImportMessage {
    // Stable machine-readable code, documented in the README:
    //   uneven_spacing, gantry_tilt, missing_slices, duplicate_positions, skipped_file,
    //   resampled, values_clamped, values_rounded, mixed_series_split, not_an_image, lossy_compression,
    //   stacked_frames (frames without Image Position placed along the normal from Slice Thickness /
    //   Spacing Between Slices), not_resampled (an irregular stack kept as acquired on request)
    std::string code;
    std::string text;  // one human-readable sentence
};

struct ImportReport {
    std::vector<ImportMessage> messages;
    void add(std::string code, std::string text) { messages.push_back({std::move(code), std::move(text)}); }
    bool has(const std::string& code) const
    {
        for (const auto& message : messages)
            if (message.code == code)
                return true;
        return false;
    }
};

}  // namespace lnseg
