#pragma once
// Dimension-generic layer factories: the same SNet / attention U-Net wiring builds 2D or 3D
// networks. Only the model .cpp files include this (it pulls in LibTorch).

#include <torch/torch.h>

#include <cstdint>
#include <stdexcept>
#include <vector>

namespace lnseg::model::layers {

// A convolution with "same" padding (odd kernel sizes).
inline torch::nn::AnyModule convolution(int dimensions, std::int64_t in, std::int64_t out,
                                        std::int64_t kernel, std::int64_t dilation = 1,
                                        bool bias = true) {
    const std::int64_t padding = dilation * (kernel - 1) / 2;
    if (dimensions == 2)
        return torch::nn::AnyModule(torch::nn::Conv2d(
            torch::nn::Conv2dOptions(in, out, kernel).padding(padding).dilation(dilation).bias(bias)));
    return torch::nn::AnyModule(torch::nn::Conv3d(
        torch::nn::Conv3dOptions(in, out, kernel).padding(padding).dilation(dilation).bias(bias)));
}

// 2x2(x2) stride-2 transposed convolution: exact x2 up-sampling.
inline torch::nn::AnyModule upConvolution(int dimensions, std::int64_t in, std::int64_t out,
                                          bool bias = true) {
    if (dimensions == 2)
        return torch::nn::AnyModule(torch::nn::ConvTranspose2d(
            torch::nn::ConvTranspose2dOptions(in, out, 2).stride(2).bias(bias)));
    return torch::nn::AnyModule(torch::nn::ConvTranspose3d(
        torch::nn::ConvTranspose3dOptions(in, out, 2).stride(2).bias(bias)));
}

inline torch::nn::AnyModule batchNorm(int dimensions, std::int64_t channels) {
    if (dimensions == 2) return torch::nn::AnyModule(torch::nn::BatchNorm2d(channels));
    return torch::nn::AnyModule(torch::nn::BatchNorm3d(channels));
}

// 2x max pooling over the spatial dimensions of an (N, C, spatial...) tensor.
inline torch::Tensor maxPool(const torch::Tensor& x) {
    namespace F = torch::nn::functional;
    if (x.dim() == 4) return F::max_pool2d(x, F::MaxPool2dFuncOptions(2));
    return F::max_pool3d(x, F::MaxPool3dFuncOptions(2));
}

inline torch::Tensor averagePool(const torch::Tensor& x, std::int64_t factor) {
    namespace F = torch::nn::functional;
    if (factor == 1) return x;
    if (x.dim() == 4) return F::avg_pool2d(x, F::AvgPool2dFuncOptions(factor).ceil_mode(true));
    return F::avg_pool3d(x, F::AvgPool3dFuncOptions(factor).ceil_mode(true));
}

inline std::vector<std::int64_t> spatialSize(const torch::Tensor& x) {
    return std::vector<std::int64_t>(x.sizes().begin() + 2, x.sizes().end());
}

// (Bi/tri)linear resize to a given spatial size. Uses .size(), never scale_factor (1.13 warns).
inline torch::Tensor resize(const torch::Tensor& x, const std::vector<std::int64_t>& size) {
    namespace F = torch::nn::functional;
    if (spatialSize(x) == size) return x;
    auto options = F::InterpolateFuncOptions().size(size).align_corners(false);
    if (x.dim() == 4) options.mode(torch::kBilinear);
    else options.mode(torch::kTrilinear);
    return F::interpolate(x, options);
}

// A submodule member that may be 2D or 3D: registers the AnyModule's module under name.
template <typename Owner>
torch::nn::AnyModule registered(Owner& owner, const std::string& name, torch::nn::AnyModule module) {
    owner.register_module(name, module.ptr());
    return module;
}

}  // namespace lnseg::model::layers
