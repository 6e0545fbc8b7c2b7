#pragma once
// The paper's objective: Tversky loss on the final output plus the structure loss (weighted BCE +
// weighted IoU, F3Net/PraNet) on every deep-supervised side map. All inputs are logits shaped
// (N, 1, spatial...) with a {0,1} mask of the same shape.

#include "SegmentationModel.h"

#include <torch/torch.h>

namespace lnseg::model {

struct TverskyOptions {
    double falsePositiveWeight = 0.3;  // alpha (Salehi et al. 2017)
    double falseNegativeWeight = 0.7;  // beta
    // Added to numerator and denominator: an empty mask with an empty prediction scores TI = 1
    // (loss 0), and the gradient stays finite.
    double smoothing = 1.0;
};

// 1 - TI, TI = (TP + s) / (TP + alpha FP + beta FN + s), with soft counts TP = sum(p t),
// FP = sum(p (1 - t)), FN = sum((1 - p) t), p = sigmoid(logits), summed over the whole batch
// (balanced batches hold node-free slices, whose own TI would be all smoothing).
torch::Tensor tverskyLoss(const torch::Tensor& logits, const torch::Tensor& mask,
                          const TverskyOptions& options = {});

// Structure-loss pixel weights: 1 + 5 |avg_pool(mask, 31, stride 1, padding 15) - mask|
// (zero padding counted in the average, as PyTorch's default). High near node borders.
torch::Tensor structureWeights(const torch::Tensor& mask);

// Per image: BCE with reduction none, times the weights, sum / sum of weights (a real weighted
// BCE; PraNet's reduce='none' silently averages); weighted IoU = 1 - (I + 1) / (U - I + 1) with
// I = sum(p t w), U = sum((p + t) w). Returns mean over the batch of wBCE + wIoU.
torch::Tensor structureLoss(const torch::Tensor& logits, const torch::Tensor& mask);
// The weighted BCE term alone (mean over the batch).
torch::Tensor weightedBinaryCrossEntropy(const torch::Tensor& logits, const torch::Tensor& mask);
// The weighted IoU term alone (mean over the batch).
torch::Tensor weightedIntersectionOverUnion(const torch::Tensor& logits, const torch::Tensor& mask);

struct LossTerms {
    torch::Tensor total;      // tversky + structure
    torch::Tensor tversky;
    torch::Tensor structure;  // sum over side maps (0 when there are none)
};

// Total = Tversky(final) + sum over side maps of structure loss.
LossTerms segmentationLoss(const ModelOutput& output, const torch::Tensor& mask,
                           const TverskyOptions& options = {});

}  // namespace lnseg::model
