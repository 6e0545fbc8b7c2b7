#pragma once
// What a segmentation model is: architecture, input mode and widths. Deliberately free of
// LibTorch so that any part of the application can describe a model without paying for torch.

#include <cstdint>
#include <string>
#include <vector>

namespace lnseg::model {

struct ModelSpec {
    std::string architecture = "snet";  // "snet" or "attunet"
    std::string mode = "2d";            // "2d", "2.5d" or "3d"
    // 0 means the mode's default: 1 for 2d and 3d, 15 for 2.5d (target slice +-7).
    std::int64_t inputChannels = 0;
    // Empty means the architecture's default: snet {32, 48, 64} (E1, E2, deepening),
    // attunet {32, 64, 128, 256} (the four encoder blocks).
    std::vector<std::int64_t> widths;
    // SNet only: channels the reverse axial attention works in (CaraNet: 32).
    std::int64_t attentionChannels = 32;
    // SNet only: the axial attention runs on its feature average-pooled by this factor and the
    // result is up-sampled back (1 = at the encoder's resolution, as in the paper). See
    // ARCHITECTURE.md: attention costs O(C * N * L) per axis, so a factor f saves f^(dims+1).
    std::int64_t attentionDownsample = 1;
};

// The spec with every default filled in; throws std::invalid_argument for unknown names,
// bad channel counts or widths.
ModelSpec resolvedSpec(const ModelSpec& spec);

// Number of spatial dimensions the mode works in (2 for "2d" and "2.5d", 3 for "3d").
int spatialDimensions(const std::string& mode);

}  // namespace lnseg::model
