#pragma once
// The paper's baseline: an attention U-Net (Oktay et al.; gate as in LeeJunHyun/Image_Segmentation).
// Four encoder blocks (widths w0..w3, three 2x poolings between them), three transposed-conv
// decoder blocks, an attention gate on every skip, 1x1 conv head (logits).

#include "SegmentationModel.h"

#include <torch/torch.h>

#include <cstdint>

namespace lnseg::model {

// conv3x3-BN-ReLU, twice.
class ConvolutionBlockImpl : public torch::nn::Module {
public:
    ConvolutionBlockImpl(int dimensions, std::int64_t in, std::int64_t out);
    torch::Tensor forward(const torch::Tensor& x);

private:
    torch::nn::AnyModule firstConvolution_, firstNorm_, secondConvolution_, secondNorm_;
};
TORCH_MODULE(ConvolutionBlock);

// psi = sigmoid(BN(conv1x1(ReLU(BN(Wg g) + BN(Wx x))))); output x * psi.
class AttentionGateImpl : public torch::nn::Module {
public:
    AttentionGateImpl(int dimensions, std::int64_t gatingChannels, std::int64_t skipChannels,
                      std::int64_t intermediateChannels);
    torch::Tensor forward(const torch::Tensor& gating, const torch::Tensor& skip);

private:
    torch::nn::AnyModule gatingProjection_, gatingNorm_, skipProjection_, skipNorm_, psi_, psiNorm_;
};
TORCH_MODULE(AttentionGate);

// Transposed conv (2x2, stride 2)-BN-ReLU, gate the skip with the up-sampled feature, concatenate
// [gated skip, up-sampled], ConvolutionBlock.
class AttentionDecoderBlockImpl : public torch::nn::Module {
public:
    AttentionDecoderBlockImpl(int dimensions, std::int64_t in, std::int64_t out);
    torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& skip);

private:
    torch::nn::AnyModule up_, upNorm_;
    AttentionGate gate_{nullptr};
    ConvolutionBlock fuse_{nullptr};
};
TORCH_MODULE(AttentionDecoderBlock);

class AttentionUnetImpl : public torch::nn::Module {
public:
    // spec must be resolved and name architecture "attunet".
    explicit AttentionUnetImpl(const ModelSpec& spec);
    // input spatial size must be a multiple of 8. No side maps.
    ModelOutput forward(const torch::Tensor& input);

private:
    std::vector<ConvolutionBlock> encoders_;
    std::vector<AttentionDecoderBlock> decoders_;  // deepest first
    torch::nn::AnyModule head_;
};
TORCH_MODULE(AttentionUnet);

}  // namespace lnseg::model
