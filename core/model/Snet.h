#pragma once
// SNet, the paper's spatial context network (FocusNet's S-Net backbone + dense ASPP + reverse
// axial attention with deep supervision). See ARCHITECTURE.md for the wiring and every choice
// the paper leaves open.

#include "ReverseAxialAttention.h"
#include "SegmentationModel.h"
#include "SnetBlocks.h"

#include <torch/torch.h>

namespace lnseg::model {

class SnetImpl : public torch::nn::Module {
public:
    // spec must be resolved (resolvedSpec) and name architecture "snet".
    explicit SnetImpl(const ModelSpec& spec);
    // input spatial size must be a multiple of 4 (two 2x poolings); see SegmentationModel for
    // a wrapper that pads. Returns the final logits and the side maps [level 2, level 1].
    ModelOutput forward(const torch::Tensor& input);

private:
    torch::nn::AnyModule stem_;
    SeResidualBlock level1Block_{nullptr};
    torch::nn::Sequential level2Blocks_{nullptr}, deepBlocks_{nullptr};
    DenseAspp aspp_{nullptr};
    torch::nn::AnyModule level2Up_, level2Skip_, level2Map_;
    SeResidualBlock level2Fuse_{nullptr};
    ReverseAxialAttention level2Attention_{nullptr};
    torch::nn::AnyModule level1Up_, level1Skip_, level1Map_;
    SeResidualBlock level1Fuse_{nullptr};
    ReverseAxialAttention level1Attention_{nullptr};
    torch::nn::AnyModule head_;
};
TORCH_MODULE(Snet);

}  // namespace lnseg::model
