#pragma once
// SNet's encoder and bottleneck building blocks (after FocusNet's S-Net): the pre-activation
// squeeze-excitation residual block and the dense atrous spatial pyramid pooling.

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace lnseg::model {

// BN-ReLU-conv3x3, BN-ReLU-conv3x3 (optionally dilated), squeeze-excitation (global average,
// 1x1 conv to out/4, ReLU, 1x1 conv, sigmoid, channel-wise multiply), plus the identity, or a 1x1
// convolution of the first pre-activation when the channel count changes.
class SeResidualBlockImpl : public torch::nn::Module {
public:
    SeResidualBlockImpl(int dimensions, std::int64_t in, std::int64_t out, std::int64_t dilation = 1);
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::nn::AnyModule firstNorm_, firstConvolution_, secondNorm_, secondConvolution_;
    torch::nn::AnyModule squeeze_, excite_;
    torch::nn::AnyModule shortcut_;  // empty when in == out
};
TORCH_MODULE(SeResidualBlock);

// Dense ASPP: each unit is BN-ReLU-1x1 conv to `bottleneck`, BN-ReLU-3x3 conv with the unit's
// dilation to `growth` channels; its output is concatenated in front of its input, so the
// output has in + units * growth channels.
class DenseAsppImpl : public torch::nn::Module {
public:
    DenseAsppImpl(int dimensions, std::int64_t in, std::int64_t bottleneck, std::int64_t growth,
                  std::vector<std::int64_t> dilations);
    torch::Tensor forward(const torch::Tensor& x);
    std::int64_t outputChannels() const { return outputChannels_; }

private:
    struct Unit {
        torch::nn::AnyModule firstNorm, reduce, secondNorm, dilatedConvolution;
    };
    std::vector<Unit> units_;
    std::int64_t outputChannels_;
};
TORCH_MODULE(DenseAspp);

}  // namespace lnseg::model
