#include "Losses.h"

#include <stdexcept>

namespace lnseg::model {

namespace {

void checkShapes(const torch::Tensor& logits, const torch::Tensor& mask, const char* what) {
    if (logits.sizes() != mask.sizes() || logits.dim() < 3)
        throw std::invalid_argument(std::string(what) + ": logits and mask must share a shape "
                                    "(N, 1, spatial...)");
}

std::vector<std::int64_t> nonBatchAxes(const torch::Tensor& x) {
    std::vector<std::int64_t> axes;
    for (std::int64_t axis = 1; axis < x.dim(); ++axis) axes.push_back(axis);
    return axes;
}

}  // namespace

torch::Tensor tverskyLoss(const torch::Tensor& logits, const torch::Tensor& mask,
                          const TverskyOptions& options) {
    checkShapes(logits, mask, "Tversky loss");
    const torch::Tensor probability = torch::sigmoid(logits);
    const torch::Tensor target = mask.to(probability.dtype());
    const torch::Tensor truePositive = (probability * target).sum();
    const torch::Tensor falsePositive = (probability * (1.0 - target)).sum();
    const torch::Tensor falseNegative = ((1.0 - probability) * target).sum();
    const torch::Tensor index =
        (truePositive + options.smoothing) /
        (truePositive + options.falsePositiveWeight * falsePositive +
         options.falseNegativeWeight * falseNegative + options.smoothing);
    return 1.0 - index;
}

torch::Tensor structureWeights(const torch::Tensor& mask) {
    namespace F = torch::nn::functional;
    const torch::Tensor target = mask.to(torch::kFloat);
    torch::Tensor average;
    if (target.dim() == 4)
        average = F::avg_pool2d(target, F::AvgPool2dFuncOptions(31).stride(1).padding(15));
    else if (target.dim() == 5)  // avg_pool3d refuses inputs smaller than its kernel: pad by hand
        average = F::avg_pool3d(F::pad(target, F::PadFuncOptions({15, 15, 15, 15, 15, 15})),
                                F::AvgPool3dFuncOptions(31).stride(1));
    else
        throw std::invalid_argument("structure loss: mask must be (N, 1, H, W) or (N, 1, D, H, W)");
    return 1.0 + 5.0 * torch::abs(average - target);
}

torch::Tensor weightedBinaryCrossEntropy(const torch::Tensor& logits, const torch::Tensor& mask) {
    checkShapes(logits, mask, "weighted BCE");
    namespace F = torch::nn::functional;
    const torch::Tensor target = mask.to(logits.dtype());
    const torch::Tensor weights = structureWeights(target).to(logits.dtype());
    const torch::Tensor perPixel = F::binary_cross_entropy_with_logits(
        logits, target, F::BinaryCrossEntropyWithLogitsFuncOptions().reduction(torch::kNone));
    const std::vector<std::int64_t> axes = nonBatchAxes(logits);
    return ((perPixel * weights).sum(axes) / weights.sum(axes)).mean();
}

torch::Tensor weightedIntersectionOverUnion(const torch::Tensor& logits, const torch::Tensor& mask) {
    checkShapes(logits, mask, "weighted IoU");
    const torch::Tensor target = mask.to(logits.dtype());
    const torch::Tensor weights = structureWeights(target).to(logits.dtype());
    const torch::Tensor probability = torch::sigmoid(logits);
    const std::vector<std::int64_t> axes = nonBatchAxes(logits);
    const torch::Tensor intersection = (probability * target * weights).sum(axes);
    const torch::Tensor unionArea = ((probability + target) * weights).sum(axes);
    return (1.0 - (intersection + 1.0) / (unionArea - intersection + 1.0)).mean();
}

torch::Tensor structureLoss(const torch::Tensor& logits, const torch::Tensor& mask) {
    return weightedBinaryCrossEntropy(logits, mask) + weightedIntersectionOverUnion(logits, mask);
}

LossTerms segmentationLoss(const ModelOutput& output, const torch::Tensor& mask,
                           const TverskyOptions& options) {
    LossTerms terms;
    terms.tversky = tverskyLoss(output.logits, mask, options);
    terms.structure = torch::zeros({}, output.logits.options());
    for (const torch::Tensor& side : output.sideLogits)
        terms.structure = terms.structure + structureLoss(side, mask);
    terms.total = terms.tversky + terms.structure;
    return terms;
}

}  // namespace lnseg::model
