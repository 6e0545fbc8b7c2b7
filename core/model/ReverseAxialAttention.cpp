#include "ReverseAxialAttention.h"

#include "Layers.h"

#include <cmath>

namespace lnseg::model {

using layers::registered;

namespace {

// Permutation that moves `axis` last and the channel axis just before it:
// (N, C, S1, ..., Sk) -> (N, S_others..., C, S_axis).
std::vector<std::int64_t> sequenceLayout(std::int64_t rank, std::int64_t axis) {
    std::vector<std::int64_t> order{0};
    for (std::int64_t dimension = 2; dimension < rank; ++dimension)
        if (dimension != axis) order.push_back(dimension);
    order.push_back(1);
    order.push_back(axis);
    return order;
}

std::vector<std::int64_t> inverse(const std::vector<std::int64_t>& permutation) {
    std::vector<std::int64_t> result(permutation.size());
    for (std::size_t index = 0; index < permutation.size(); ++index)
        result[static_cast<std::size_t>(permutation[index])] = static_cast<std::int64_t>(index);
    return result;
}

// (N, C, spatial...) -> (sequences, C, length) along `axis`.
torch::Tensor toSequences(const torch::Tensor& x, const std::vector<std::int64_t>& layout) {
    const torch::Tensor permuted = x.permute(layout);
    return permuted.reshape({-1, permuted.size(-2), permuted.size(-1)});
}

}  // namespace

AxialAttentionPassImpl::AxialAttentionPassImpl(int dimensions, std::int64_t channels, std::int64_t axis)
    : axis_(axis) {
    const std::int64_t keyChannels = std::max<std::int64_t>(channels / 8, 1);
    query_ = registered(*this, "query", layers::convolution(dimensions, channels, keyChannels, 1));
    key_ = registered(*this, "key", layers::convolution(dimensions, channels, keyChannels, 1));
    value_ = registered(*this, "value", layers::convolution(dimensions, channels, channels, 1));
    gamma_ = register_parameter("gamma", torch::zeros({1}));
}

torch::Tensor AxialAttentionPassImpl::forward(const torch::Tensor& x) {
    const std::vector<std::int64_t> layout = sequenceLayout(x.dim(), axis_);
    const torch::Tensor query = toSequences(query_.forward(x), layout);  // (S, d, L)
    const torch::Tensor key = toSequences(key_.forward(x), layout);      // (S, d, L)
    const torch::Tensor value = toSequences(value_.forward(x), layout);  // (S, C, L)

    const double scale = 1.0 / std::sqrt(static_cast<double>(query.size(1)));
    // energy[s, i, j] = <q_i, k_j> / sqrt(d); each row i is a distribution over positions j.
    const torch::Tensor energy = torch::bmm(query.transpose(1, 2), key) * scale;  // (S, L, L)
    const torch::Tensor attention = torch::softmax(energy, -1);
    const torch::Tensor attended = torch::bmm(value, attention.transpose(1, 2));  // (S, C, L)

    // Back to (N, C, spatial...): undo the reshape, then the permutation.
    std::vector<std::int64_t> permutedShape;
    const std::vector<std::int64_t> shape(x.sizes().begin(), x.sizes().end());
    for (std::int64_t dimension : layout) permutedShape.push_back(shape[static_cast<std::size_t>(dimension)]);
    const torch::Tensor restored = attended.reshape(permutedShape).permute(inverse(layout));
    return x + gamma_ * restored;
}

AxialAttentionImpl::AxialAttentionImpl(int dimensions, std::int64_t channels, std::int64_t downsample)
    : downsample_(downsample) {
    // CaraNet order: H then W; in 3D D, H, W.
    for (std::int64_t axis = 2; axis < 2 + dimensions; ++axis) {
        passes_.push_back(register_module("along_axis" + std::to_string(axis),
                                          AxialAttentionPass(dimensions, channels, axis)));
    }
}

torch::Tensor AxialAttentionImpl::forward(const torch::Tensor& x) {
    const torch::Tensor coarse = layers::averagePool(x, downsample_);
    torch::Tensor attended = coarse;
    for (AxialAttentionPass& pass : passes_) attended = pass->forward(attended);
    if (downsample_ == 1) return attended;
    return x + layers::resize(attended - coarse, layers::spatialSize(x));
}

ReverseAxialAttentionImpl::ReverseAxialAttentionImpl(int dimensions, std::int64_t in,
                                                     std::int64_t channels, std::int64_t downsample) {
    reduce_ = registered(*this, "reduce", layers::convolution(dimensions, in, channels, 1));
    context_ = registered(*this, "context", layers::convolution(dimensions, channels, channels, 3));
    attention_ = register_module("attention", AxialAttention(dimensions, channels, downsample));
    firstRefine_ = registered(*this, "first_refine",
                              layers::convolution(dimensions, channels, channels, 3, 1, false));
    firstNorm_ = registered(*this, "first_norm", layers::batchNorm(dimensions, channels));
    firstActivation_ = register_module(
        "first_activation", torch::nn::PReLU(torch::nn::PReLUOptions().num_parameters(channels)));
    secondRefine_ = registered(*this, "second_refine",
                               layers::convolution(dimensions, channels, channels, 3, 1, false));
    secondNorm_ = registered(*this, "second_norm", layers::batchNorm(dimensions, channels));
    secondActivation_ = register_module(
        "second_activation", torch::nn::PReLU(torch::nn::PReLUOptions().num_parameters(channels)));
    toMap_ = registered(*this, "to_map", layers::convolution(dimensions, channels, 1, 3));
}

torch::Tensor ReverseAxialAttentionImpl::forward(const torch::Tensor& encoderFeature,
                                                 const torch::Tensor& coarseLogits) {
    torch::Tensor attended = attention_->forward(context_.forward(reduce_.forward(encoderFeature)));
    // Reverse attention: look where the coarse prediction does not yet see a node.
    const torch::Tensor reverse = 1.0 - torch::sigmoid(coarseLogits);  // broadcast over channels
    torch::Tensor refined = attended * reverse;
    refined = firstActivation_->forward(firstNorm_.forward(firstRefine_.forward(refined)));
    refined = secondActivation_->forward(secondNorm_.forward(secondRefine_.forward(refined)));
    return coarseLogits + toMap_.forward(refined);
}

}  // namespace lnseg::model
