#pragma once
// Reverse axial attention (RAA, after CaraNet) between an encoder level and the decoder.
//
// Attention choice: A = softmax(Q K^T / sqrt(d)) along one axis, as the paper's Eq. (2) writes,
// not CaraNet's sigmoid(Q K^T). Each softmax row sums to 1, so the attended feature keeps the
// scale of V whatever the axis length; with sigmoid the output grows with the number of pixels
// on the axis, and a model trained on 128 px crops would see features ~4x larger on 512 px slices.
//
// Each axial pass is out = x + gamma * (V A^T) with gamma a learned scalar initialised to 0
// (CaraNet, SAGAN): the block starts as the identity. While gamma is 0 the query/key/value
// projections receive exactly zero gradient; gamma itself does, and once it moves they do too
// (tests/model checks both).
//
// Unlike CaraNet's code the "H" pass really attends along H (CaraNet reshapes without permuting,
// so on square inputs both of its passes attend along W). 3D attends along D, H, then W.

#include <torch/torch.h>

#include <cstdint>
#include <vector>

namespace lnseg::model {

// One axial self-attention pass along one spatial axis (2 = first spatial axis).
class AxialAttentionPassImpl : public torch::nn::Module {
public:
    AxialAttentionPassImpl(int dimensions, std::int64_t channels, std::int64_t axis);
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::nn::AnyModule query_, key_, value_;
    torch::Tensor gamma_;
    std::int64_t axis_;
};
TORCH_MODULE(AxialAttentionPass);

// Axial attention along every spatial axis in turn, optionally at a coarser scale: the input is
// average-pooled by `downsample`, attended, and the change the attention made is up-sampled and
// added back to the full-resolution input (downsample 1 = plain axial attention).
class AxialAttentionImpl : public torch::nn::Module {
public:
    AxialAttentionImpl(int dimensions, std::int64_t channels, std::int64_t downsample);
    torch::Tensor forward(const torch::Tensor& x);

private:
    std::vector<AxialAttentionPass> passes_;
    std::int64_t downsample_;
};
TORCH_MODULE(AxialAttention);

// conv1x1 (in -> channels), conv3x3, axial attention; the attended feature is multiplied by the
// reverse of the coarse prediction (1 - sigmoid(coarseLogits)), refined by conv3x3-BN-PReLU twice
// and a conv3x3 to one channel, and added to the coarse logits: the side map.
class ReverseAxialAttentionImpl : public torch::nn::Module {
public:
    ReverseAxialAttentionImpl(int dimensions, std::int64_t in, std::int64_t channels,
                              std::int64_t downsample);
    // encoderFeature: (N, in, spatial...); coarseLogits: (N, 1, same spatial) -> side logits.
    torch::Tensor forward(const torch::Tensor& encoderFeature, const torch::Tensor& coarseLogits);

private:
    torch::nn::AnyModule reduce_, context_;
    AxialAttention attention_{nullptr};
    torch::nn::AnyModule firstRefine_, firstNorm_, secondRefine_, secondNorm_, toMap_;
    torch::nn::PReLU firstActivation_{nullptr}, secondActivation_{nullptr};
};
TORCH_MODULE(ReverseAxialAttention);

}  // namespace lnseg::model
