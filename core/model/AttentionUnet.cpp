#include "AttentionUnet.h"

#include "Layers.h"

namespace lnseg::model {

using layers::registered;

ConvolutionBlockImpl::ConvolutionBlockImpl(int dimensions, std::int64_t in, std::int64_t out) {
    firstConvolution_ = registered(*this, "first_convolution",
                                   layers::convolution(dimensions, in, out, 3, 1, false));
    firstNorm_ = registered(*this, "first_norm", layers::batchNorm(dimensions, out));
    secondConvolution_ = registered(*this, "second_convolution",
                                    layers::convolution(dimensions, out, out, 3, 1, false));
    secondNorm_ = registered(*this, "second_norm", layers::batchNorm(dimensions, out));
}

torch::Tensor ConvolutionBlockImpl::forward(const torch::Tensor& x) {
    const torch::Tensor first = torch::relu(firstNorm_.forward(firstConvolution_.forward(x)));
    return torch::relu(secondNorm_.forward(secondConvolution_.forward(first)));
}

// Every convolution that feeds a BatchNorm has no bias: the normalisation removes it, and it
// would only collect rounding noise as gradient.
AttentionGateImpl::AttentionGateImpl(int dimensions, std::int64_t gatingChannels,
                                     std::int64_t skipChannels, std::int64_t intermediateChannels) {
    gatingProjection_ = registered(*this, "gating_projection",
                                   layers::convolution(dimensions, gatingChannels, intermediateChannels, 1, 1, false));
    gatingNorm_ = registered(*this, "gating_norm", layers::batchNorm(dimensions, intermediateChannels));
    skipProjection_ = registered(*this, "skip_projection",
                                 layers::convolution(dimensions, skipChannels, intermediateChannels, 1, 1, false));
    skipNorm_ = registered(*this, "skip_norm", layers::batchNorm(dimensions, intermediateChannels));
    psi_ = registered(*this, "psi", layers::convolution(dimensions, intermediateChannels, 1, 1, 1, false));
    psiNorm_ = registered(*this, "psi_norm", layers::batchNorm(dimensions, 1));
}

torch::Tensor AttentionGateImpl::forward(const torch::Tensor& gating, const torch::Tensor& skip) {
    const torch::Tensor combined = torch::relu(gatingNorm_.forward(gatingProjection_.forward(gating)) +
                                               skipNorm_.forward(skipProjection_.forward(skip)));
    const torch::Tensor coefficients = torch::sigmoid(psiNorm_.forward(psi_.forward(combined)));
    return skip * coefficients;
}

AttentionDecoderBlockImpl::AttentionDecoderBlockImpl(int dimensions, std::int64_t in, std::int64_t out) {
    up_ = registered(*this, "up", layers::upConvolution(dimensions, in, out, false));
    upNorm_ = registered(*this, "up_norm", layers::batchNorm(dimensions, out));
    gate_ = register_module("gate", AttentionGate(dimensions, out, out, std::max<std::int64_t>(out / 2, 1)));
    fuse_ = register_module("fuse", ConvolutionBlock(dimensions, 2 * out, out));
}

torch::Tensor AttentionDecoderBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& skip) {
    const torch::Tensor up = torch::relu(upNorm_.forward(up_.forward(x)));
    return fuse_->forward(torch::cat({gate_->forward(up, skip), up}, 1));
}

AttentionUnetImpl::AttentionUnetImpl(const ModelSpec& spec) {
    const int dimensions = spatialDimensions(spec.mode);
    std::int64_t channels = spec.inputChannels;
    for (std::size_t level = 0; level < spec.widths.size(); ++level) {
        encoders_.push_back(register_module("encoder" + std::to_string(level + 1),
                                            ConvolutionBlock(dimensions, channels, spec.widths[level])));
        channels = spec.widths[level];
    }
    for (std::size_t level = spec.widths.size() - 1; level > 0; --level) {
        decoders_.push_back(register_module(
            "decoder" + std::to_string(level),
            AttentionDecoderBlock(dimensions, spec.widths[level], spec.widths[level - 1])));
    }
    head_ = registered(*this, "head", layers::convolution(dimensions, spec.widths[0], 1, 1));
}

ModelOutput AttentionUnetImpl::forward(const torch::Tensor& input) {
    const std::int64_t multiple = std::int64_t{1} << (encoders_.size() - 1);
    for (std::int64_t extent : layers::spatialSize(input))
        TORCH_CHECK(extent % multiple == 0, "attention U-Net needs spatial sizes that are multiples of ",
                    multiple, ", got ", input.sizes());

    std::vector<torch::Tensor> skips;
    torch::Tensor features = input;
    for (std::size_t level = 0; level < encoders_.size(); ++level) {
        if (level > 0) features = layers::maxPool(features);
        features = encoders_[level]->forward(features);
        skips.push_back(features);
    }
    for (std::size_t index = 0; index < decoders_.size(); ++index)
        features = decoders_[index]->forward(features, skips[skips.size() - 2 - index]);

    ModelOutput output;
    output.logits = head_.forward(features);
    return output;
}

}  // namespace lnseg::model
