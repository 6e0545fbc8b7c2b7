#include "SlidingWindow.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace lnseg::model {

std::vector<std::int64_t> windowStarts(std::int64_t extent, std::int64_t patch, double overlap)
{
    if (extent < 1 || patch < 1)
        throw std::invalid_argument("sliding window: extent and patch must be >= 1");
    if (!(overlap >= 0 && overlap < 1))
        throw std::invalid_argument("sliding window: overlap must be in [0, 1)");
    if (extent <= patch)
        return {0};
    const std::int64_t step = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::floor(double(patch) * (1 - overlap))));
    const std::int64_t span = extent - patch;
    const std::int64_t count = (span + step - 1) / step + 1;
    std::vector<std::int64_t> starts;
    for (std::int64_t index = 0; index < count; ++index)
        starts.push_back(static_cast<std::int64_t>(std::llround(double(index) * double(span) / double(count - 1))));
    return starts;
}

torch::Tensor blendingWeights(const std::vector<std::int64_t>& patchSize, bool gaussian)
{
    torch::Tensor weights = torch::ones({1}, torch::kFloat32);
    for (std::int64_t extent : patchSize) {
        torch::Tensor axis = torch::ones({extent}, torch::kFloat64);
        if (gaussian) {
            const double sigma = double(extent) / 8.0;
            const torch::Tensor position = torch::arange(extent, torch::kFloat64) + 0.5 - double(extent) / 2.0;
            axis = torch::exp(-position * position / (2 * sigma * sigma));
            axis = axis / axis.max();
        }
        weights = weights.unsqueeze(-1) * axis.to(torch::kFloat32);
    }
    weights = weights.reshape(patchSize);
    // A window's corner weighs exp(-8)^3 ~ 1e-11 of its centre: tiny, but representable. Flooring
    // at anything that matters would be wrong: near the volume's corners several windows meet with
    // such tiny weights, and equalising them would give a window's zero-padded border as much say
    // as another window's interior. The floor only guards against underflow to 0.
    return weights.clamp_min(1e-30f);
}

torch::Tensor slidingWindowInference(const torch::Tensor& volume,
                                     const std::function<torch::Tensor(const torch::Tensor&)>& network,
                                     const SlidingWindowOptions& options, const InferenceProgress& progress,
                                     const std::atomic<bool>* cancel)
{
    const std::int64_t dimensions = volume.dim() - 1;
    if (dimensions < 1 || std::int64_t(options.patchSize.size()) != dimensions) {
        std::ostringstream message;
        message << "sliding window: volume " << volume.sizes() << " needs one patch size per spatial axis, got "
                << options.patchSize.size();
        throw std::invalid_argument(message.str());
    }
    std::vector<std::int64_t> window;
    std::vector<std::vector<std::int64_t>> starts;
    for (std::int64_t axis = 0; axis < dimensions; ++axis) {
        const std::int64_t extent = volume.size(axis + 1);
        const std::int64_t patch = options.patchSize[std::size_t(axis)];
        window.push_back(std::min(patch, extent));
        starts.push_back(windowStarts(extent, patch, options.overlap));
    }
    // Every window's corner: the Cartesian product of the per-axis starts.
    std::vector<std::vector<std::int64_t>> corners{{}};
    for (const std::vector<std::int64_t>& axisStarts : starts) {
        std::vector<std::vector<std::int64_t>> extended;
        for (const std::vector<std::int64_t>& corner : corners)
            for (std::int64_t start : axisStarts) {
                extended.push_back(corner);
                extended.back().push_back(start);
            }
        corners = std::move(extended);
    }
    const auto total = std::int64_t(corners.size());
    const torch::Tensor weights = blendingWeights(window, options.gaussian);
    const std::int64_t batchSize = std::max<std::int64_t>(1, options.batchSize);

    std::vector<std::int64_t> spatial(volume.sizes().begin() + 1, volume.sizes().end());
    torch::Tensor accumulated;  // (K, spatial...), allocated once K is known
    std::vector<std::int64_t> weightShape{1};
    weightShape.insert(weightShape.end(), spatial.begin(), spatial.end());
    torch::Tensor weightSum = torch::zeros(weightShape, torch::kFloat32);
    const auto region = [&](torch::Tensor tensor, const std::vector<std::int64_t>& corner) {
        for (std::int64_t axis = 0; axis < dimensions; ++axis)
            tensor = tensor.narrow(axis + 1, corner[std::size_t(axis)], window[std::size_t(axis)]);
        return tensor;
    };

    for (std::int64_t first = 0; first < total; first += batchSize) {
        if (cancel && cancel->load())
            throw InferenceCancelled();
        const std::int64_t count = std::min(batchSize, total - first);
        std::vector<torch::Tensor> patches;
        for (std::int64_t index = first; index < first + count; ++index)
            patches.push_back(region(volume, corners[std::size_t(index)]));
        const torch::Tensor output = network(torch::stack(patches)).to(torch::kCPU, torch::kFloat32);
        if (output.dim() != dimensions + 2 || output.size(0) != count ||
            std::vector<std::int64_t>(output.sizes().begin() + 2, output.sizes().end()) != window) {
            std::ostringstream message;
            message << "sliding window: the network returned " << output.sizes() << " for " << count
                    << " windows of " << torch::IntArrayRef(window);
            throw std::runtime_error(message.str());
        }
        if (!accumulated.defined()) {
            std::vector<std::int64_t> shape{output.size(1)};
            shape.insert(shape.end(), spatial.begin(), spatial.end());
            accumulated = torch::zeros(shape, torch::kFloat32);
        }
        for (std::int64_t index = 0; index < count; ++index) {
            const std::vector<std::int64_t>& corner = corners[std::size_t(first + index)];
            region(accumulated, corner).add_(output[index] * weights);
            region(weightSum, corner).add_(weights);
        }
        if (progress)
            progress(first + count, total);
    }
    return accumulated / weightSum;
}

}  // namespace lnseg::model
