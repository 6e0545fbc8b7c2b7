#include "Snet.h"

#include "Layers.h"

namespace lnseg::model {

using layers::registered;

SnetImpl::SnetImpl(const ModelSpec& spec) {
    const int dimensions = spatialDimensions(spec.mode);
    const std::int64_t level1Width = spec.widths[0];  // E1, full resolution
    const std::int64_t level2Width = spec.widths[1];  // E2, 1/2
    const std::int64_t deepWidth = spec.widths[2];    // deepening, 1/4

    // Encoder.
    stem_ = registered(*this, "stem",
                       layers::convolution(dimensions, spec.inputChannels, level1Width, 3, 1, false));
    level1Block_ = register_module("level1_block", SeResidualBlock(dimensions, level1Width, level1Width));
    level2Blocks_ = register_module(
        "level2_blocks", torch::nn::Sequential(SeResidualBlock(dimensions, level1Width, level2Width),
                                               SeResidualBlock(dimensions, level2Width, level2Width)));
    deepBlocks_ = register_module(
        "deep_blocks", torch::nn::Sequential(SeResidualBlock(dimensions, level2Width, deepWidth),
                                             SeResidualBlock(dimensions, deepWidth, deepWidth),
                                             SeResidualBlock(dimensions, deepWidth, deepWidth, 2),
                                             SeResidualBlock(dimensions, deepWidth, deepWidth, 2)));
    // Bottleneck: the paper's dilations 3, 6, 9, 12 (FocusNet's code: 3, 6, 12, 18).
    aspp_ = register_module("aspp", DenseAspp(dimensions, deepWidth, deepWidth, level1Width,
                                              std::vector<std::int64_t>{3, 6, 9, 12}));

    // Decoder level 2 (1/2 resolution).
    level2Up_ = registered(*this, "level2_up",
                           layers::upConvolution(dimensions, aspp_->outputChannels(), level2Width));
    level2Skip_ = registered(*this, "level2_skip",
                             layers::convolution(dimensions, level2Width, level2Width, 3));
    level2Fuse_ = register_module("level2_fuse", SeResidualBlock(dimensions, 2 * level2Width, level2Width));
    level2Map_ = registered(*this, "level2_map", layers::convolution(dimensions, level2Width, 1, 1));
    level2Attention_ = register_module(
        "level2_attention", ReverseAxialAttention(dimensions, level2Width, spec.attentionChannels,
                                                  spec.attentionDownsample));

    // Decoder level 1 (full resolution).
    level1Up_ = registered(*this, "level1_up", layers::upConvolution(dimensions, level2Width, level1Width));
    level1Skip_ = registered(*this, "level1_skip",
                             layers::convolution(dimensions, level1Width, level1Width, 3));
    level1Fuse_ = register_module("level1_fuse", SeResidualBlock(dimensions, 2 * level1Width, level1Width));
    level1Map_ = registered(*this, "level1_map", layers::convolution(dimensions, level1Width, 1, 1));
    level1Attention_ = register_module(
        "level1_attention", ReverseAxialAttention(dimensions, level1Width, spec.attentionChannels,
                                                  spec.attentionDownsample));

    head_ = registered(*this, "head", layers::convolution(dimensions, level1Width, 1, 1));
}

ModelOutput SnetImpl::forward(const torch::Tensor& input) {
    const std::vector<std::int64_t> fullSize = layers::spatialSize(input);
    for (std::int64_t extent : fullSize)
        TORCH_CHECK(extent % 4 == 0, "SNet needs spatial sizes that are multiples of 4, got ", input.sizes());

    const torch::Tensor encoder1 = level1Block_->forward(torch::relu(stem_.forward(input)));
    const torch::Tensor encoder2 = level2Blocks_->forward(layers::maxPool(encoder1));
    const torch::Tensor deep = deepBlocks_->forward(layers::maxPool(encoder2));
    const torch::Tensor context = aspp_->forward(deep);

    // Level 2: D2 = up(context); RAA between D2 (its prediction, reversed) and E2.
    const torch::Tensor decoder2 = level2Up_.forward(context);
    const torch::Tensor side2 = level2Attention_->forward(encoder2, level2Map_.forward(decoder2));
    const torch::Tensor fused2 =
        level2Fuse_->forward(torch::cat({decoder2, level2Skip_.forward(encoder2)}, 1));

    // Level 1: D1 = up(fused2); RAA between D1 and E1.
    const torch::Tensor decoder1 = level1Up_.forward(fused2);
    const torch::Tensor side1 = level1Attention_->forward(encoder1, level1Map_.forward(decoder1));
    const torch::Tensor fused1 =
        level1Fuse_->forward(torch::cat({decoder1, level1Skip_.forward(encoder1)}, 1));

    ModelOutput output;
    output.logits = head_.forward(fused1);
    output.sideLogits = {layers::resize(side2, fullSize), side1};
    return output;
}

}  // namespace lnseg::model
