#include "SnetBlocks.h"

#include "Layers.h"

namespace lnseg::model {

using layers::registered;

SeResidualBlockImpl::SeResidualBlockImpl(int dimensions, std::int64_t in, std::int64_t out,
                                         std::int64_t dilation) {
    // Convolutions feed a BatchNorm (here or in the next block): no bias.
    firstNorm_ = registered(*this, "first_norm", layers::batchNorm(dimensions, in));
    firstConvolution_ = registered(*this, "first_convolution",
                                   layers::convolution(dimensions, in, out, 3, 1, false));
    secondNorm_ = registered(*this, "second_norm", layers::batchNorm(dimensions, out));
    secondConvolution_ = registered(*this, "second_convolution",
                                    layers::convolution(dimensions, out, out, 3, dilation, false));
    const std::int64_t squeezed = std::max<std::int64_t>(out / 4, 1);
    squeeze_ = registered(*this, "squeeze", layers::convolution(dimensions, out, squeezed, 1));
    excite_ = registered(*this, "excite", layers::convolution(dimensions, squeezed, out, 1));
    if (in != out)
        shortcut_ = registered(*this, "shortcut", layers::convolution(dimensions, in, out, 1, 1, false));
}

torch::Tensor SeResidualBlockImpl::forward(const torch::Tensor& x) {
    const torch::Tensor activated = torch::relu(firstNorm_.forward(x));
    torch::Tensor residual = firstConvolution_.forward(activated);
    residual = secondConvolution_.forward(torch::relu(secondNorm_.forward(residual)));

    std::vector<std::int64_t> spatialAxes;
    for (std::int64_t axis = 2; axis < residual.dim(); ++axis) spatialAxes.push_back(axis);
    torch::Tensor channelWeights = residual.mean(spatialAxes, /*keepdim=*/true);
    channelWeights = torch::sigmoid(excite_.forward(torch::relu(squeeze_.forward(channelWeights))));
    residual = residual * channelWeights;

    const torch::Tensor identity = shortcut_.is_empty() ? x : shortcut_.forward(activated);
    return residual + identity;
}

DenseAsppImpl::DenseAsppImpl(int dimensions, std::int64_t in, std::int64_t bottleneck,
                             std::int64_t growth, std::vector<std::int64_t> dilations) {
    std::int64_t channels = in;
    for (std::size_t index = 0; index < dilations.size(); ++index) {
        const std::string prefix = "unit" + std::to_string(index) + "_";
        Unit unit;
        unit.firstNorm = registered(*this, prefix + "first_norm", layers::batchNorm(dimensions, channels));
        unit.reduce = registered(*this, prefix + "reduce",
                                 layers::convolution(dimensions, channels, bottleneck, 1, 1, false));
        unit.secondNorm = registered(*this, prefix + "second_norm",
                                     layers::batchNorm(dimensions, bottleneck));
        unit.dilatedConvolution = registered(
            *this, prefix + "dilated_convolution",
            layers::convolution(dimensions, bottleneck, growth, 3, dilations[index], false));
        units_.push_back(unit);
        channels += growth;
    }
    outputChannels_ = channels;
}

torch::Tensor DenseAsppImpl::forward(const torch::Tensor& x) {
    torch::Tensor features = x;
    for (Unit& unit : units_) {
        torch::Tensor reduced = unit.reduce.forward(torch::relu(unit.firstNorm.forward(features)));
        torch::Tensor grown =
            unit.dilatedConvolution.forward(torch::relu(unit.secondNorm.forward(reduced)));
        features = torch::cat({grown, features}, 1);  // p_k = concat(conv_d(p_{k-1}), p_{k-1})
    }
    return features;
}

}  // namespace lnseg::model
