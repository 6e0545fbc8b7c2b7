#include "ModelSpec.h"

#include <stdexcept>

namespace lnseg::model {

int spatialDimensions(const std::string& mode) {
    if (mode == "2d" || mode == "2.5d") return 2;
    if (mode == "3d") return 3;
    throw std::invalid_argument("unknown model mode '" + mode + "' (expected 2d, 2.5d or 3d)");
}

ModelSpec resolvedSpec(const ModelSpec& spec) {
    ModelSpec resolved = spec;
    spatialDimensions(spec.mode);  // validates the mode
    if (resolved.inputChannels == 0) resolved.inputChannels = spec.mode == "2.5d" ? 15 : 1;
    if (resolved.inputChannels < 1) throw std::invalid_argument("input channels must be >= 1");

    std::size_t expectedWidths = 0;
    if (spec.architecture == "snet") {
        expectedWidths = 3;
        if (resolved.widths.empty()) resolved.widths = {32, 48, 64};
    } else if (spec.architecture == "attunet") {
        expectedWidths = 4;
        if (resolved.widths.empty()) resolved.widths = {32, 64, 128, 256};
    } else {
        throw std::invalid_argument("unknown model architecture '" + spec.architecture +
                                    "' (expected snet or attunet)");
    }
    if (resolved.widths.size() != expectedWidths)
        throw std::invalid_argument(spec.architecture + " needs " + std::to_string(expectedWidths) +
                                    " widths, got " + std::to_string(resolved.widths.size()));
    for (std::int64_t width : resolved.widths) {
        // Attention U-Net gates use width/2 channels; SNet's SE squeeze uses width/4.
        if (width < 4) throw std::invalid_argument("every width must be >= 4");
    }
    if (resolved.attentionChannels < 8)
        throw std::invalid_argument("attention channels must be >= 8 (queries use channels/8)");
    if (resolved.attentionDownsample < 1)
        throw std::invalid_argument("attention down-sampling factor must be >= 1");
    return resolved;
}

}  // namespace lnseg::model
