#include "Training.h"

#include "Losses.h"
#include "ComputeSystem.h"
#include "DistributedTorch.h"
#include "ModelFile.h"
#include "SegmentationModel.h"
#include "SlidingWindow.h"
#include "Training3d.h"

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <deque>
#include <filesystem>
#include <memory>
#include <random>
#include <thread>
#include <tuple>

namespace lnseg::model {

VolumeView TrainingCase::view() const
{
    VolumeView view;
    view.voxels = image.data();
    for (int axis = 0; axis < 3; ++axis) {
        view.size[axis] = size[axis];
        view.spacing[axis] = spacing[axis];
    }
    return view;
}

namespace {

std::uint64_t fnv1a(const std::string& text)
{
    std::uint64_t hash = 1469598103934665603ull;
    for (unsigned char c : text) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    return hash;
}

// splitmix64's finaliser: FNV-1a alone leaves its top bits clustered for ids that differ only in
// their last characters (patient_1, patient_2, ...), and the split compares top bits.
std::uint64_t mixed(std::uint64_t hash)
{
    hash = (hash ^ (hash >> 30)) * 0xbf58476d1ce4e5b9ull;
    hash = (hash ^ (hash >> 27)) * 0x94d049bb133111ebull;
    return hash ^ (hash >> 31);
}

// A training case after preprocessing, with its slices sorted by whether they hold nodes.
struct PreparedCase {
    std::string caseId;
    PreparedGeometry geometry;
    std::vector<float> intensities;
    std::vector<std::uint8_t> mask;
    std::vector<std::int64_t> positiveSlices, negativeSlices;
    std::vector<std::uint32_t> nodeVoxels;  // 3d: linear indices of the node voxels (patch centres)
    // Linear indices of the prepared hard negative voxels (TrainingCase::hardNegatives).
    std::vector<std::uint32_t> hardNegativeVoxels;
    std::size_t bytes() const
    {
        return intensities.size() * sizeof(float) + mask.size() +
               (nodeVoxels.size() + hardNegativeVoxels.size()) * sizeof(std::uint32_t);
    }
};

// Linear indices of the non-zero voxels of a prepared mask (32 bits: a fraction of the memory).
std::vector<std::uint32_t> nonZeroVoxels(const std::vector<std::uint8_t>& mask, const std::string& caseId,
                                         const char* purpose)
{
    if (mask.size() > std::size_t(UINT32_MAX))
        throw std::runtime_error("training case '" + caseId + "': prepared volume too large for " + purpose);
    std::vector<std::uint32_t> voxels;
    for (std::size_t index = 0; index < mask.size(); ++index)
        if (mask[index])
            voxels.push_back(std::uint32_t(index));
    voxels.shrink_to_fit();
    return voxels;
}

std::shared_ptr<PreparedCase> prepareCase(const TrainingCase& source, const PreprocessingParameters& parameters,
                                          bool listNodeVoxels = false)
{
    if (source.image.size() != std::size_t(source.size[0] * source.size[1] * source.size[2]) ||
        source.mask.size() != source.image.size())
        throw std::runtime_error("training case '" + source.caseId + "': image and mask sizes do not match");
    if (!source.hardNegatives.empty() && source.hardNegatives.size() != source.image.size())
        throw std::runtime_error("training case '" + source.caseId + "': image and hard negative sizes do not match");
    auto prepared = std::make_shared<PreparedCase>();
    prepared->caseId = source.caseId;
    prepared->geometry = planPreparedGeometry(source.view(), parameters);
    prepared->intensities = prepareIntensities(source.view(), prepared->geometry, parameters);
    prepared->mask = prepareMask(source.mask.data(), prepared->geometry);
    const std::size_t sliceVoxels = prepared->geometry.sliceVoxels();
    for (std::int64_t slice = 0; slice < prepared->geometry.size[2]; ++slice) {
        const auto* begin = prepared->mask.data() + std::size_t(slice) * sliceVoxels;
        const bool positive = std::any_of(begin, begin + sliceVoxels, [](std::uint8_t v) { return v != 0; });
        (positive ? prepared->positiveSlices : prepared->negativeSlices).push_back(slice);
    }
    if (listNodeVoxels)
        prepared->nodeVoxels = nonZeroVoxels(prepared->mask, source.caseId, "3d training");
    if (!source.hardNegatives.empty())
        prepared->hardNegativeVoxels =
            nonZeroVoxels(prepareMask(source.hardNegatives.data(), prepared->geometry), source.caseId, "hard negatives");
    return prepared;
}

// The bounded set of prepared training cases the batches are drawn from (see Training.h).
class CaseCache {
public:
    CaseCache(TrainingCaseSource& source, const PreprocessingParameters& parameters, std::vector<std::string> order,
              std::size_t capacity, bool listNodeVoxels)
        : m_source(source), m_parameters(parameters), m_order(std::move(order)),
          m_capacity(std::max<std::size_t>(1, capacity)), m_listNodeVoxels(listNodeVoxels)
    {
        while (m_cases.size() < std::min(m_capacity, m_order.size()))
            loadNext();
    }
    // Replaces the oldest case by the next one in order (a no-op when every case fits).
    void rotate()
    {
        if (m_order.size() <= m_capacity)
            return;
        m_cases.pop_front();  // freed before the next one is loaded: the bound holds
        loadNext();
    }
    const std::deque<std::shared_ptr<PreparedCase>>& cases() const { return m_cases; }
    std::size_t peakCases = 0, peakBytes = 0, loads = 0;

private:
    void loadNext()
    {
        const std::string& id = m_order[m_next++ % m_order.size()];
        m_cases.push_back(prepareCase(m_source.load(id), m_parameters, m_listNodeVoxels));
        ++loads;
        std::size_t bytes = 0;
        for (const auto& c : m_cases)
            bytes += c->bytes();
        peakCases = std::max(peakCases, m_cases.size());
        peakBytes = std::max(peakBytes, bytes);
    }
    TrainingCaseSource& m_source;
    PreprocessingParameters m_parameters;
    std::vector<std::string> m_order;
    std::size_t m_capacity;
    bool m_listNodeVoxels;
    std::size_t m_next = 0;
    std::deque<std::shared_ptr<PreparedCase>> m_cases;
};

struct Batch {
    torch::Tensor input;  // (N, C, H, W)
    torch::Tensor mask;   // (N, 1, H, W)
    int hardNegatives = 0;  // samples centred on (2d crops) or sliced through a hard negative
};

// Whether a sample that is not centred on a node goes to a hard negative instead of anywhere.
bool drawHardNegative(const std::vector<const PreparedCase*>& withHardNegatives, double fraction,
                      std::mt19937_64& random)
{
    return !withHardNegatives.empty() && fraction > 0 && std::uniform_real_distribution<double>(0, 1)(random) < fraction;
}

// A random hard negative voxel of `source`, as (slice, pixel within the slice).
std::pair<std::int64_t, std::int64_t> randomHardNegative(const PreparedCase& source, std::mt19937_64& random)
{
    const auto& voxels = source.hardNegativeVoxels;
    const std::uint32_t voxel = voxels[std::uniform_int_distribution<std::size_t>(0, voxels.size() - 1)(random)];
    const auto sliceVoxels = std::int64_t(source.geometry.sliceVoxels());
    return {std::int64_t(voxel) / sliceVoxels, std::int64_t(voxel) % sliceVoxels};
}

// 2d / 2.5d with crops: a balanced batch of crop x crop windows (Training.h, cropSize).
Batch drawBalancedCropBatch(const std::deque<std::shared_ptr<PreparedCase>>& cases, int batchSize, int channels,
                            std::int64_t crop, float airValue, double hardNegativeFraction, std::mt19937_64& random)
{
    std::vector<const PreparedCase*> withPositives, withHardNegatives, all;
    std::int64_t largestExtent = 1;
    for (const auto& c : cases) {
        all.push_back(c.get());
        if (!c->positiveSlices.empty())
            withPositives.push_back(c.get());
        if (!c->hardNegativeVoxels.empty())
            withHardNegatives.push_back(c.get());
        largestExtent = std::max({largestExtent, c->geometry.size[0], c->geometry.size[1]});
    }
    // Never more air than needed: slices smaller than the crop are taken whole (padded to square).
    crop = std::min(crop, largestExtent);
    Batch batch;
    batch.input = torch::empty({batchSize, channels, crop, crop}, torch::kFloat32);
    batch.mask = torch::empty({batchSize, 1, crop, crop}, torch::kFloat32);
    for (int index = 0; index < batchSize; ++index) {
        const bool positive = index % 2 == 0 && !withPositives.empty();
        const bool hardNegative = !positive && drawHardNegative(withHardNegatives, hardNegativeFraction, random);
        const auto& pool = positive ? withPositives : hardNegative ? withHardNegatives : all;
        const PreparedCase* source = pool[std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(random)];
        const PreparedGeometry& geometry = source->geometry;
        const std::int64_t rows = geometry.size[1], columns = geometry.size[0];
        std::int64_t slice;
        std::int64_t centreRow = -1, centreColumn = -1;
        if (positive) {
            slice = source->positiveSlices[std::uniform_int_distribution<std::size_t>(0, source->positiveSlices.size() - 1)(random)];
            // A random node pixel of the slice: the crop's centre (before jitter).
            const std::uint8_t* mask = source->mask.data() + std::size_t(slice) * geometry.sliceVoxels();
            std::vector<std::int64_t> nodePixels;
            for (std::int64_t pixel = 0; pixel < rows * columns; ++pixel)
                if (mask[pixel])
                    nodePixels.push_back(pixel);
            const std::int64_t pixel = nodePixels[std::uniform_int_distribution<std::size_t>(0, nodePixels.size() - 1)(random)];
            centreRow = pixel / columns;
            centreColumn = pixel % columns;
        } else if (hardNegative) {
            std::int64_t pixel = 0;
            std::tie(slice, pixel) = randomHardNegative(*source, random);
            centreRow = pixel / columns;
            centreColumn = pixel % columns;
            ++batch.hardNegatives;
        } else {
            slice = std::uniform_int_distribution<std::int64_t>(0, geometry.size[2] - 1)(random);
        }
        const std::int64_t top = cropCorner(rows, crop, centreRow, random);
        const std::int64_t left = cropCorner(columns, crop, centreColumn, random);
        std::vector<float> stack(std::size_t(channels) * geometry.sliceVoxels());
        copyInputChannels(source->intensities, geometry, slice, channels, stack.data());
        copySliceWindow(stack.data(), channels, rows, columns, top, left, crop, airValue,
                        batch.input.data_ptr<float>() + std::int64_t(index) * channels * crop * crop);
        copySliceWindow(source->mask.data() + std::size_t(slice) * geometry.sliceVoxels(), rows, columns, top, left,
                        crop, batch.mask.data_ptr<float>() + std::int64_t(index) * crop * crop);
    }
    return batch;
}

// Slices of different cases can differ in size: a batch uses the smallest size among the drawn
// cases' slices, each slice centre-cropped (or edge-padded) to it.
Batch drawBalancedBatch(const std::deque<std::shared_ptr<PreparedCase>>& cases, int batchSize, int channels,
                        double hardNegativeFraction, std::mt19937_64& random)
{
    struct Pick {
        const PreparedCase* source;
        std::int64_t slice;
    };
    std::vector<const PreparedCase*> withPositives, withNegatives, withHardNegatives;
    for (const auto& c : cases) {
        if (!c->positiveSlices.empty())
            withPositives.push_back(c.get());
        if (!c->negativeSlices.empty())
            withNegatives.push_back(c.get());
        if (!c->hardNegativeVoxels.empty())
            withHardNegatives.push_back(c.get());
    }
    std::vector<Pick> picks;
    int hardNegatives = 0;
    for (int index = 0; index < batchSize; ++index) {
        bool positive = index % 2 == 0;
        if (withPositives.empty())
            positive = false;
        if (withNegatives.empty())
            positive = true;
        if (!positive && drawHardNegative(withHardNegatives, hardNegativeFraction, random)) {
            const PreparedCase* source =
                withHardNegatives[std::uniform_int_distribution<std::size_t>(0, withHardNegatives.size() - 1)(random)];
            picks.push_back({source, randomHardNegative(*source, random).first});
            ++hardNegatives;
            continue;
        }
        const auto& pool = positive ? withPositives : withNegatives;
        const PreparedCase* source = pool[std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(random)];
        const auto& slices = positive ? source->positiveSlices : source->negativeSlices;
        picks.push_back({source, slices[std::uniform_int_distribution<std::size_t>(0, slices.size() - 1)(random)]});
    }
    std::int64_t rows = picks.front().source->geometry.size[1], columns = picks.front().source->geometry.size[0];
    for (const Pick& pick : picks) {
        rows = std::min(rows, pick.source->geometry.size[1]);
        columns = std::min(columns, pick.source->geometry.size[0]);
    }
    Batch batch;
    batch.hardNegatives = hardNegatives;
    batch.input = torch::empty({batchSize, channels, rows, columns}, torch::kFloat32);
    batch.mask = torch::empty({batchSize, 1, rows, columns}, torch::kFloat32);
    for (int index = 0; index < batchSize; ++index) {
        const PreparedGeometry& geometry = picks[std::size_t(index)].source->geometry;
        const std::int64_t top = (geometry.size[1] - rows) / 2, left = (geometry.size[0] - columns) / 2;
        std::vector<float> stack(std::size_t(channels) * geometry.sliceVoxels());
        copyInputChannels(picks[std::size_t(index)].source->intensities, geometry, picks[std::size_t(index)].slice,
                          channels, stack.data());
        auto full = torch::from_blob(stack.data(), {channels, geometry.size[1], geometry.size[0]}, torch::kFloat32);
        batch.input[index] = full.slice(1, top, top + rows).slice(2, left, left + columns);
        const std::uint8_t* mask = picks[std::size_t(index)].source->mask.data() +
                                   std::size_t(picks[std::size_t(index)].slice) * geometry.sliceVoxels();
        auto fullMask = torch::from_blob(const_cast<std::uint8_t*>(mask), {1, geometry.size[1], geometry.size[0]},
                                         torch::kUInt8);
        batch.mask[index] = fullMask.slice(1, top, top + rows).slice(2, left, left + columns).to(torch::kFloat32);
    }
    return batch;
}

// The paper's augmentations, per sample: rotation +-10 degrees, vertical flip (p = 0.5),
// brightness +-0.1 and contrast x[0.9, 1.1], gamma [0.8, 1.25]. With `appearance`, also a pixel
// size change x[0.8, 1.25] (log-uniform, in the same affine) and augmentAppearance before the
// intensity changes.
Batch augment(Batch batch, bool appearance, float airValue)
{
    namespace F = torch::nn::functional;
    const std::int64_t n = batch.input.size(0);
    const double height = double(batch.input.size(2)), width = double(batch.input.size(3));
    const auto angle = (torch::rand({n}, torch::kFloat64) * 2 - 1) * (10.0 * M_PI / 180.0);
    // affine_grid maps output to input coordinates: a factor 1 / zoom shows things zoom x larger.
    const auto inverseZoom = appearance ? torch::exp((torch::rand({n}, torch::kFloat64) * 2 - 1) * std::log(1.25))
                                        : torch::ones({n}, torch::kFloat64);
    const auto c = torch::cos(angle) * inverseZoom, s = torch::sin(angle) * inverseZoom;
    // Rotation in pixel space expressed in affine_grid's normalised coordinates (non-square safe).
    auto theta = torch::zeros({n, 2, 3}, torch::kFloat64);
    theta.select(1, 0).select(1, 0).copy_(c);
    theta.select(1, 0).select(1, 1).copy_(-s * (height / width));
    theta.select(1, 1).select(1, 0).copy_(s * (width / height));
    theta.select(1, 1).select(1, 1).copy_(c);
    theta = theta.to(torch::kFloat32).to(batch.input.device());
    const auto grid = F::affine_grid(theta, batch.input.sizes(), false);
    batch.input = F::grid_sample(batch.input, grid,
                                 F::GridSampleFuncOptions().mode(torch::kBilinear).padding_mode(torch::kBorder).align_corners(false));
    batch.mask = (F::grid_sample(batch.mask, grid,
                                 F::GridSampleFuncOptions().mode(torch::kBilinear).padding_mode(torch::kZeros).align_corners(false)) >= 0.5)
                     .to(torch::kFloat32);
    const auto flip = (torch::rand({n, 1, 1, 1}, batch.input.options()) < 0.5);
    batch.input = torch::where(flip, batch.input.flip({2}), batch.input);
    batch.mask = torch::where(flip, batch.mask.flip({2}), batch.mask);
    if (appearance)
        augmentAppearance(batch.input, airValue);
    const auto options = batch.input.options();
    const auto contrast = torch::rand({n, 1, 1, 1}, options) * 0.2 + 0.9;
    const auto brightness = torch::rand({n, 1, 1, 1}, options) * 0.2 - 0.1;
    const auto gamma = torch::exp((torch::rand({n, 1, 1, 1}, options) * 2 - 1) * std::log(1.25));
    batch.input = ((batch.input - 0.5) * contrast + 0.5 + brightness).clamp(0, 1).pow(gamma);
    return batch;
}

}  // namespace

torch::Tensor gaussianBlur2d(const torch::Tensor& input, double sigma)
{
    namespace F = torch::nn::functional;
    if (sigma <= 0)
        return input.clone();
    const std::int64_t channels = input.size(1), radius = std::max<std::int64_t>(1, std::int64_t(std::ceil(3 * sigma)));
    auto kernel = torch::arange(-radius, radius + 1, input.options()).pow(2).div(-2 * sigma * sigma).exp();
    kernel = kernel / kernel.sum();
    const auto rows = kernel.view({1, 1, -1, 1}).expand({channels, 1, 2 * radius + 1, 1}).contiguous();
    const auto columns = kernel.view({1, 1, 1, -1}).expand({channels, 1, 1, 2 * radius + 1}).contiguous();
    auto padded = F::pad(input, F::PadFuncOptions({radius, radius, radius, radius}).mode(torch::kReplicate));
    auto blurred = F::conv2d(padded, rows, F::Conv2dFuncOptions().groups(channels));
    return F::conv2d(blurred, columns, F::Conv2dFuncOptions().groups(channels));
}

void augmentAppearance(torch::Tensor& input, float airValue)
{
    if (input.dim() != 4)
        throw std::invalid_argument("appearance augmentation: input (N, C, H, W) expected");
    torch::NoGradGuard noGrad;
    const auto uniform = [](double low, double high) { return low + (high - low) * torch::rand({1}, torch::kFloat64).item<double>(); };
    for (std::int64_t index = 0; index < input.size(0); ++index) {
        torch::Tensor sample = input.narrow(0, index, 1);
        const double kernel = uniform(0, 3);
        if (kernel < 1) {
            sample.copy_(gaussianBlur2d(sample, uniform(0.4, 1.4)));
        } else if (kernel < 2) {
            const auto blurred = gaussianBlur2d(sample, uniform(0.6, 1.4));
            sample.add_((sample - blurred) * uniform(0.3, 1.5));
        }
        const double noiseSd = uniform(0, 0.06);
        auto noise = gaussianBlur2d(torch::randn(sample.sizes(), sample.options()), uniform(0, 1.2));
        noise = noise / noise.std().clamp_min(1e-6);
        const auto body = (sample > airValue + 0.02).to(sample.scalar_type());
        sample.add_(noise * body * noiseSd);
        sample.clamp_(0, 1);
    }
}

void freezeBatchNormStatistics(torch::nn::Module& model)
{
    for (const auto& module : model.modules(/*include_self=*/false))
        if (module->as<torch::nn::BatchNorm1d>() || module->as<torch::nn::BatchNorm2d>() || module->as<torch::nn::BatchNorm3d>())
            module->eval();
}

namespace {

// Dice of the thresholded prediction over the chosen slices of one validation case.
double validateCase(SegmentationModel& model, const PreparedCase& prepared, int channels, int maximumSlices,
                    int batchSize, const torch::Device& device)
{
    std::vector<std::int64_t> slices;
    const std::int64_t total = prepared.geometry.size[2];
    if (maximumSlices <= 0 || maximumSlices >= total) {
        for (std::int64_t slice = 0; slice < total; ++slice)
            slices.push_back(slice);
    } else {
        for (int index = 0; index < maximumSlices; ++index)
            slices.push_back(std::int64_t(double(index) * double(total - 1) / double(maximumSlices - 1 > 0 ? maximumSlices - 1 : 1)));
    }
    const std::int64_t rows = prepared.geometry.size[1], columns = prepared.geometry.size[0];
    double intersection = 0, predicted = 0, reference = 0;
    torch::NoGradGuard noGrad;
    for (std::size_t first = 0; first < slices.size(); first += std::size_t(batchSize)) {
        const std::size_t count = std::min(slices.size() - first, std::size_t(batchSize));
        auto input = torch::empty({std::int64_t(count), channels, rows, columns}, torch::kFloat32);
        auto mask = torch::empty({std::int64_t(count), 1, rows, columns}, torch::kFloat32);
        for (std::size_t index = 0; index < count; ++index) {
            copyInputChannels(prepared.intensities, prepared.geometry, slices[first + index], channels,
                              input.data_ptr<float>() + index * std::size_t(channels) * prepared.geometry.sliceVoxels());
            const std::uint8_t* source = prepared.mask.data() + std::size_t(slices[first + index]) * prepared.geometry.sliceVoxels();
            std::transform(source, source + prepared.geometry.sliceVoxels(),
                           mask.data_ptr<float>() + index * prepared.geometry.sliceVoxels(),
                           [](std::uint8_t v) { return v ? 1.0f : 0.0f; });
        }
        const auto prediction = (model.forward(input.to(device)).logits > 0).to(torch::kCPU, torch::kFloat32);
        intersection += (prediction * mask).sum().item<double>();
        predicted += prediction.sum().item<double>();
        reference += mask.sum().item<double>();
    }
    return predicted + reference > 0 ? 2 * intersection / (predicted + reference) : 1.0;
}

// 3d: a balanced batch of patch^3 patches (Training3d.h), (N, 1, P, P, P).
Batch drawBalancedPatchBatch(const std::deque<std::shared_ptr<PreparedCase>>& cases, int batchSize, std::int64_t patch,
                             float airValue, std::mt19937_64& random)
{
    std::vector<PatchVolume> volumes;
    for (const auto& c : cases) {
        PatchVolume volume;
        for (int axis = 0; axis < 3; ++axis)
            volume.size[axis] = c->geometry.size[axis];
        volume.nodeVoxels = &c->nodeVoxels;
        volumes.push_back(volume);
    }
    const std::vector<PatchPick> picks = drawPatchPicks(volumes, batchSize, patch, random);
    Batch batch;
    batch.input = torch::empty({batchSize, 1, patch, patch, patch}, torch::kFloat32);
    batch.mask = torch::empty({batchSize, 1, patch, patch, patch}, torch::kFloat32);
    const std::size_t patchVoxels = std::size_t(patch * patch * patch);
    for (int index = 0; index < batchSize; ++index) {
        const PatchPick& pick = picks[std::size_t(index)];
        const PreparedCase& source = *cases[pick.volume];
        copyPatch(source.intensities.data(), source.geometry.size, pick.corner, patch, airValue,
                  batch.input.data_ptr<float>() + std::size_t(index) * patchVoxels);
        copyPatch(source.mask.data(), source.geometry.size, pick.corner, patch,
                  batch.mask.data_ptr<float>() + std::size_t(index) * patchVoxels);
    }
    return batch;
}

// 3d: Dice of the thresholded sliding-window prediction (the inference path: windows of patch^3,
// 50 % overlap, Gaussian blending) over the whole prepared validation case.
double validateCase3d(SegmentationModel& model, const PreparedCase& prepared, std::int64_t patch, int batchSize,
                      const torch::Device& device)
{
    torch::NoGradGuard noGrad;
    const PreparedGeometry& geometry = prepared.geometry;
    const torch::Tensor volume = torch::from_blob(const_cast<float*>(prepared.intensities.data()),
                                                  {1, geometry.size[2], geometry.size[1], geometry.size[0]}, torch::kFloat32)
                                     .to(device);
    SlidingWindowOptions windows;
    windows.patchSize = {patch, patch, patch};
    windows.overlap = 0.5;
    windows.batchSize = std::max(1, batchSize);
    const torch::Tensor probabilities = slidingWindowInference(
        volume, [&](const torch::Tensor& x) { return torch::sigmoid(model.forward(x).logits); }, windows);
    const torch::Tensor prediction = (probabilities[0] >= 0.5).to(torch::kFloat32);
    const torch::Tensor mask = torch::from_blob(const_cast<std::uint8_t*>(prepared.mask.data()),
                                                {geometry.size[2], geometry.size[1], geometry.size[0]}, torch::kUInt8)
                                   .to(torch::kFloat32);
    const double intersection = (prediction * mask).sum().item<double>();
    const double predicted = prediction.sum().item<double>(), reference = mask.sum().item<double>();
    return predicted + reference > 0 ? 2 * intersection / (predicted + reference) : 1.0;
}

template <typename Voxel, typename Convert>
void copyPatchVoxels(const Voxel* volume, const std::int64_t size[3], const std::int64_t corner[3], std::int64_t patch,
                     float padValue, float* destination, Convert convert)
{
    for (std::int64_t z = 0; z < patch; ++z) {
        const std::int64_t sz = corner[2] + z;
        for (std::int64_t y = 0; y < patch; ++y) {
            const std::int64_t sy = corner[1] + y;
            float* row = destination + (z * patch + y) * patch;
            if (sz < 0 || sz >= size[2] || sy < 0 || sy >= size[1]) {
                std::fill(row, row + patch, padValue);
                continue;
            }
            const Voxel* source = volume + (sz * size[1] + sy) * size[0];
            for (std::int64_t x = 0; x < patch; ++x) {
                const std::int64_t sx = corner[0] + x;
                row[x] = sx >= 0 && sx < size[0] ? convert(source[sx]) : padValue;
            }
        }
    }
}

std::string isoDate()
{
    const std::time_t now = std::time(nullptr);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    return text;
}

const char* const kCheckpointMagic = "lnseg training checkpoint 1";

void saveCheckpoint(const std::string& path, SegmentationModel& model, torch::optim::Adam& optimizer, int epoch,
                    std::int64_t globalStep, double validationDice)
{
    torch::serialize::OutputArchive archive, modelArchive, optimizerArchive;
    model.module()->save(modelArchive);
    optimizer.save(optimizerArchive);
    archive.write("magic", c10::IValue(std::string(kCheckpointMagic)));
    archive.write("architecture", c10::IValue(model.spec().architecture));
    archive.write("mode", c10::IValue(model.spec().mode));
    archive.write("epoch", c10::IValue(std::int64_t(epoch)));
    archive.write("global_step", c10::IValue(globalStep));
    archive.write("validation_dice", c10::IValue(validationDice));
    archive.write("model", modelArchive);
    archive.write("optimizer", optimizerArchive);
    const std::string partial = path + ".partial";
    try {
        archive.save_to(partial);
        std::filesystem::rename(partial, path);
    } catch (...) {
        std::error_code ignored;
        std::filesystem::remove(partial, ignored);  // never leave a half-written checkpoint behind
        throw;
    }
}

struct ResumeState {
    int epoch = 0;
    std::int64_t globalStep = 0;
    double validationDice = -1;
};

ResumeState loadCheckpoint(const std::string& path, SegmentationModel& model, torch::optim::Adam& optimizer,
                           const torch::Device& device)
{
    torch::serialize::InputArchive archive;
    try {
        archive.load_from(path, device);
    } catch (const c10::Error& error) {
        throw std::runtime_error("checkpoint '" + path + "': cannot be read: " + error.what_without_backtrace());
    }
    c10::IValue value;
    if (!archive.try_read("magic", value) || !value.isString() || value.toStringRef() != kCheckpointMagic)
        throw std::runtime_error("checkpoint '" + path + "': not an lnseg training checkpoint");
    archive.read("architecture", value);
    const std::string architecture = value.toStringRef();
    archive.read("mode", value);
    if (architecture != model.spec().architecture || value.toStringRef() != model.spec().mode)
        throw std::runtime_error("checkpoint '" + path + "' holds a " + architecture + " " + value.toStringRef() +
                                 " model, not " + model.spec().architecture + " " + model.spec().mode);
    ResumeState state;
    archive.read("epoch", value);
    state.epoch = int(value.toInt());
    archive.read("global_step", value);
    state.globalStep = value.toInt();
    archive.read("validation_dice", value);
    state.validationDice = value.toDouble();
    torch::serialize::InputArchive modelArchive, optimizerArchive;
    archive.read("model", modelArchive);
    archive.read("optimizer", optimizerArchive);
    model.module()->load(modelArchive);
    optimizer.load(optimizerArchive);
    return state;
}

}  // namespace

std::vector<PatchPick> drawPatchPicks(const std::vector<PatchVolume>& volumes, int batchSize, std::int64_t patch,
                                      std::mt19937_64& random)
{
    if (volumes.empty() || batchSize < 1 || patch < 1)
        throw std::invalid_argument("patch sampling needs volumes, a batch size >= 1 and a patch >= 1");
    std::vector<std::size_t> withNodes;
    for (std::size_t index = 0; index < volumes.size(); ++index)
        if (volumes[index].nodeVoxels && !volumes[index].nodeVoxels->empty())
            withNodes.push_back(index);
    const auto uniform = [&](std::int64_t low, std::int64_t high) {
        return std::uniform_int_distribution<std::int64_t>(low, high)(random);
    };
    const std::int64_t jitter = patch / 4;
    std::vector<PatchPick> picks;
    for (int index = 0; index < batchSize; ++index) {
        PatchPick pick;
        pick.positive = index % 2 == 0 && !withNodes.empty();
        pick.volume = pick.positive ? withNodes[std::size_t(uniform(0, std::int64_t(withNodes.size()) - 1))]
                                    : std::size_t(uniform(0, std::int64_t(volumes.size()) - 1));
        const PatchVolume& volume = volumes[pick.volume];
        if (pick.positive) {
            const std::vector<std::uint32_t>& nodes = *volume.nodeVoxels;
            const auto voxel = std::int64_t(nodes[std::size_t(uniform(0, std::int64_t(nodes.size()) - 1))]);
            pick.nodeVoxel[0] = voxel % volume.size[0];
            pick.nodeVoxel[1] = voxel / volume.size[0] % volume.size[1];
            pick.nodeVoxel[2] = voxel / (volume.size[0] * volume.size[1]);
        }
        for (int axis = 0; axis < 3; ++axis) {
            const std::int64_t low = std::min<std::int64_t>(0, volume.size[axis] - patch);
            const std::int64_t high = std::max<std::int64_t>(0, volume.size[axis] - patch);
            pick.corner[axis] = pick.positive
                                    ? std::clamp(pick.nodeVoxel[axis] + uniform(-jitter, jitter) - patch / 2, low, high)
                                    : uniform(low, high);
        }
        picks.push_back(pick);
    }
    return picks;
}

namespace {

template <typename Value>
void copyWindow(const Value* planes, std::int64_t channels, std::int64_t rows, std::int64_t columns, std::int64_t top,
                std::int64_t left, std::int64_t crop, float outside, float* destination, bool binary)
{
    for (std::int64_t channel = 0; channel < channels; ++channel)
        for (std::int64_t row = 0; row < crop; ++row) {
            float* line = destination + (channel * crop + row) * crop;
            const std::int64_t sourceRow = top + row;
            if (sourceRow < 0 || sourceRow >= rows) {
                std::fill_n(line, crop, outside);
                continue;
            }
            const Value* source = planes + (channel * rows + sourceRow) * columns;
            for (std::int64_t column = 0; column < crop; ++column) {
                const std::int64_t sourceColumn = left + column;
                if (sourceColumn < 0 || sourceColumn >= columns)
                    line[column] = outside;
                else
                    line[column] = binary ? (source[sourceColumn] != 0 ? 1.0f : 0.0f) : float(source[sourceColumn]);
            }
        }
}

}  // namespace

std::int64_t cropCorner(std::int64_t extent, std::int64_t crop, std::int64_t centre, std::mt19937_64& random)
{
    const std::int64_t low = std::min<std::int64_t>(0, extent - crop), high = std::max<std::int64_t>(0, extent - crop);
    std::int64_t corner;
    if (centre >= 0) {
        const std::int64_t jitter = crop / 4;
        corner = centre - crop / 2 + std::uniform_int_distribution<std::int64_t>(-jitter, jitter)(random);
    } else {
        corner = std::uniform_int_distribution<std::int64_t>(low, high)(random);
    }
    return std::clamp(corner, low, high);
}

void copySliceWindow(const float* planes, std::int64_t channels, std::int64_t rows, std::int64_t columns,
                     std::int64_t top, std::int64_t left, std::int64_t crop, float outside, float* destination)
{
    copyWindow(planes, channels, rows, columns, top, left, crop, outside, destination, false);
}

void copySliceWindow(const std::uint8_t* mask, std::int64_t rows, std::int64_t columns, std::int64_t top,
                     std::int64_t left, std::int64_t crop, float* destination)
{
    copyWindow(mask, 1, rows, columns, top, left, crop, 0.0f, destination, true);
}

float normalisedAir(const PreprocessingParameters& parameters)
{
    const double lowest = parameters.windowLevel - parameters.windowWidth / 2;
    return float(std::clamp((-1000.0 - lowest) / parameters.windowWidth, 0.0, 1.0));
}

void copyPatch(const float* volume, const std::int64_t size[3], const std::int64_t corner[3], std::int64_t patch,
               float padValue, float* destination)
{
    copyPatchVoxels(volume, size, corner, patch, padValue, destination, [](float v) { return v; });
}

void copyPatch(const std::uint8_t* mask, const std::int64_t size[3], const std::int64_t corner[3], std::int64_t patch,
               float* destination)
{
    copyPatchVoxels(mask, size, corner, patch, 0.0f, destination, [](std::uint8_t v) { return v ? 1.0f : 0.0f; });
}

void augmentVolumes(torch::Tensor& input, torch::Tensor& mask, const VolumeAugmentationOptions& options)
{
    namespace F = torch::nn::functional;
    if (input.dim() != 5 || mask.dim() != 5 || input.size(0) != mask.size(0) ||
        !input.sizes().slice(2).equals(mask.sizes().slice(2)))
        throw std::invalid_argument("3d augmentation: input (N, C, D, H, W) and mask (N, 1, D, H, W) expected");
    const std::int64_t n = input.size(0);
    const double height = double(input.size(3)), width = double(input.size(4));
    const auto angle = (torch::rand({n}, torch::kFloat64) * 2 - 1) * (options.maximumRotationDegrees * M_PI / 180.0);
    const auto scale = torch::rand({n}, torch::kFloat64) * (options.maximumScale - options.minimumScale) + options.minimumScale;
    // Output voxel -> input voxel: rotate about the slice axis and divide by the scale (scale > 1
    // enlarges the content). In affine_grid's normalised coordinates (x, y, z) = (W, H, D); the
    // in-plane terms carry the aspect ratio so that the rotation is one in voxel space.
    const auto c = torch::cos(angle) / scale, s = torch::sin(angle) / scale;
    auto theta = torch::zeros({n, 3, 4}, torch::kFloat64);
    theta.select(1, 0).select(1, 0).copy_(c);
    theta.select(1, 0).select(1, 1).copy_(-s * (height / width));
    theta.select(1, 1).select(1, 0).copy_(s * (width / height));
    theta.select(1, 1).select(1, 1).copy_(c);
    theta.select(1, 2).select(1, 2).copy_(1.0 / scale);
    theta = theta.to(torch::kFloat32).to(input.device());
    const auto grid = F::affine_grid(theta, input.sizes(), false);
    input = F::grid_sample(input, grid,
                           F::GridSampleFuncOptions().mode(torch::kBilinear).padding_mode(torch::kBorder).align_corners(false));
    mask = (F::grid_sample(mask.to(torch::kFloat32), grid,
                           F::GridSampleFuncOptions().mode(torch::kBilinear).padding_mode(torch::kZeros).align_corners(false)) >= 0.5)
               .to(torch::kFloat32);
    if (options.flip) {
        const auto flip = torch::rand({n, 1, 1, 1, 1}, input.options()) < 0.5;
        input = torch::where(flip, input.flip({3}), input);
        mask = torch::where(flip, mask.flip({3}), mask);
    }
    if (options.intensity) {
        const auto contrast = torch::rand({n, 1, 1, 1, 1}, input.options()) * 0.2 + 0.9;
        const auto shift = torch::rand({n, 1, 1, 1, 1}, input.options()) * 0.2 - 0.1;
        input = ((input - 0.5) * contrast + 0.5 + shift).clamp(0, 1);
    }
}

std::string TrainingCaseSource::fingerprint() const
{
    std::vector<std::string> ids = caseIds();
    std::sort(ids.begin(), ids.end());
    std::string joined;
    for (const auto& id : ids)
        joined += id + ";";
    char text[32];
    std::snprintf(text, sizeof text, "%zu cases, fnv1a %016llx", ids.size(), static_cast<unsigned long long>(fnv1a(joined)));
    return text;
}

DataSplit splitCases(const std::vector<std::string>& caseIds, double validationFraction)
{
    std::vector<std::pair<std::uint64_t, std::string>> hashed;
    for (const auto& id : caseIds)
        hashed.emplace_back(mixed(fnv1a(id)), id);
    std::sort(hashed.begin(), hashed.end());
    const auto limit = static_cast<long double>(validationFraction) * 18446744073709551616.0L;
    std::size_t validationCount = 0;
    while (validationCount < hashed.size() && static_cast<long double>(hashed[validationCount].first) < limit)
        ++validationCount;
    if (hashed.size() >= 2 && validationFraction > 0)
        validationCount = std::clamp<std::size_t>(validationCount, 1, hashed.size() - 1);
    DataSplit split;
    for (std::size_t index = 0; index < hashed.size(); ++index)
        (index < validationCount ? split.validation : split.training).push_back(hashed[index].second);
    std::sort(split.training.begin(), split.training.end());
    std::sort(split.validation.begin(), split.validation.end());
    return split;
}

TrainingResult trainModel(const TrainingOptions& options, TrainingCaseSource& source,
                          const TrainingProgressCallback& progressToReport, const std::atomic<bool>* cancel)
{
    const auto start = std::chrono::steady_clock::now();
    auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
    // Data-parallel (Distributed.h): only rank 0 reports progress; cancellation and the time limit
    // are agreed on by all ranks every step (below), so cancelled() stays false on each.
    const DistributedEnvironment environment =
        options.distributed.useEnvironment ? detectDistributedEnvironment() : DistributedEnvironment{};
    std::unique_ptr<DataParallel> parallel;
    const TrainingProgressCallback progress = environment.rank == 0 ? progressToReport : TrainingProgressCallback{};
    auto cancelled = [&] { return !environment.active() && cancel && cancel->load(); };
    at::init_num_threads();

    // Fine-tuning takes the spec and preprocessing of the model it starts from.
    // (Also when resuming such a run: the checkpoint's weights then replace the file's.)
    LoadedModel initial;
    if (!options.initialModel.empty())
        initial = loadModelFile(options.initialModel);
    if (options.inflateTo25d) {
        if (!initial.model)
            throw std::invalid_argument("inflating to 2.5d needs an initial 2d model");
        initial.model = inflateTo25d(*initial.model);
    }
    const ModelSpec spec = initial.model ? initial.model->spec() : resolvedSpec(options.spec);
    const bool threeD = spec.mode == "3d";
    if (threeD && (options.patchSize < 4 || options.patchSize > 512))
        throw std::invalid_argument("3d training: the patch size must be from 4 to 512 voxels");
    if (threeD && spec.inputChannels != 1)
        throw std::invalid_argument("3d training: one input channel only");
    if (options.outputFolder.empty())
        throw std::invalid_argument("training needs an output folder");
    if (options.device == "cuda" && !torch::cuda::is_available())
        throw std::runtime_error("device cuda: no CUDA device is available");
    const bool cuda = options.device == "cuda" || (options.device == "auto" && torch::cuda::is_available());
    const torch::Device device =
        !cuda ? torch::Device(torch::kCPU)
              : torch::Device(torch::kCUDA, environment.active() ? c10::DeviceIndex(environment.localRank % std::max<int>(1, int(torch::cuda::device_count()))) : c10::DeviceIndex(-1));
    const ExecutionDefaults defaults =
        executionDefaults(cuda ? "cuda" : "cpu", int(std::max(1u, std::thread::hardware_concurrency())));
    if (!cuda)
        applyCpuSettings(options.threads > 0 ? options.threads : std::max(1, defaults.threads / environment.localWorldSize),
                         defaults.flushDenormals);
    torch::manual_seed(options.seed);

    TrainingResult result;
    result.device = cuda ? "cuda" : "cpu";
    const bool fixedSplit = !options.fixedSplit.training.empty();
    result.split = fixedSplit ? options.fixedSplit : splitCases(source.caseIds(), options.validationFraction);
    if (fixedSplit) {
        const std::vector<std::string> known = source.caseIds();
        for (const auto* side : {&result.split.training, &result.split.validation})
            for (const auto& id : *side)
                if (std::find(known.begin(), known.end(), id) == known.end())
                    throw std::runtime_error("the training split names case " + id + ", which the data source does not hold");
    }
    if (result.split.training.empty())
        throw std::runtime_error("training needs at least one training case");
    const int batchSize = options.batchSize > 0 ? options.batchSize
                          : cuda               ? (spec.mode == "2d" ? 16 : 8)
                          : threeD             ? defaults.trainingBatch3d
                                               : defaults.trainingBatch;
    const std::int64_t crop = threeD ? 0 : (options.cropSize >= 0 ? options.cropSize : defaults.trainingCrop);
    if (crop != 0 && (crop < 8 || crop > 4096))
        throw std::invalid_argument("the training crop must be 0 (whole slices) or 8 to 4096 pixels");
    if (options.augmentation != "paper" && options.augmentation != "appearance")
        throw std::invalid_argument("augmentation must be \"paper\" or \"appearance\"");
    // Several processes: --batch is per process, the global batch world size x larger; the paper's
    // default learning rate grows with the square root of that (Adam; ARCHITECTURE.md).
    const int worldSize = environment.active() ? environment.worldSize : std::max(1, options.distributed.simulatedRanks);
    const double learningRate = options.learningRate > 0 ? options.learningRate
                                                         : (spec.mode == "3d" ? 1e-4 : 5e-5) * std::sqrt(double(worldSize));
    const int channels = int(spec.inputChannels);
    PreprocessingParameters preprocessing = options.preprocessing;
    if (initial.model) {
        const nlohmann::json stored = nlohmann::json::parse(initial.metadataJson, nullptr, false);
        if (stored.is_object() && stored.contains("preprocessing"))
            preprocessing = PreprocessingParameters::fromJson(stored["preprocessing"].dump());
        if (options.inflateTo25d)
            preprocessing.stackSpacingMm = options.preprocessing.stackSpacingMm;
    }
    if (channels > 1)
        preprocessing.neighbourSlices = (channels - 1) / 2;
    if (threeD)
        preprocessing.patchSize = options.patchSize;  // stored in the model file: inference uses the same
    const std::int64_t patch = preprocessing.patchSize;
    const float airValue = normalisedAir(preprocessing);

    std::unique_ptr<SegmentationModel> model = initial.model ? std::move(initial.model) : createModel(spec);
    model->to(device);
    torch::optim::Adam optimizer(model->parameters(), torch::optim::AdamOptions(learningRate));
    ResumeState state;
    if (!options.resumeCheckpoint.empty())
        state = loadCheckpoint(options.resumeCheckpoint, *model, optimizer, device);
    result.validationDice = state.validationDice;
    result.globalStep = state.globalStep;
    result.epochsCompleted = state.epoch;
    if (environment.rank == 0)
        std::filesystem::create_directories(options.outputFolder);
    if (environment.active()) {
        // Every rank starts from rank 0's weights (and BatchNorm statistics), then averages its
        // gradients with the others' after every backward; the other ranks augment with their own
        // random numbers.
        parallel = DataParallel::create(environment, options.distributed, device);
        std::vector<torch::Tensor> weights = model->module()->parameters();
        for (const auto& buffer : model->module()->buffers())
            weights.push_back(buffer);
        parallel->broadcastFromRank0(weights);
        parallel->attach(model->parameters(), options.distributed.bucketMegabytes, options.distributed.overlap);
        if (environment.rank > 0)
            torch::manual_seed(options.seed + 1000003ull * std::uint64_t(environment.rank));
        result.rank = environment.rank;
        result.backend = parallel->backend();
    }
    result.worldSize = worldSize;
    if (!environment.active() && worldSize > 1)
        result.backend = "simulated";

    // The case order depends on the seed only; resuming continues with the same order.
    std::vector<std::string> order = result.split.training;
    std::mt19937_64 orderRandom(options.seed);
    std::shuffle(order.begin(), order.end(), orderRandom);
    // Each rank draws from its own shard of the training cases (every worldSize-th of that order);
    // a simulated run (DistributedOptions::simulatedRanks) holds every rank's shard.
    std::vector<int> drawRanks{environment.rank};
    for (int rank = 1; !environment.active() && rank < worldSize; ++rank)
        drawRanks.push_back(rank);
    CaseCache cache(source, preprocessing, shardCases(order, drawRanks.front(), worldSize),
                    std::size_t(std::max(1, options.cachedCases)), threeD);
    std::vector<std::unique_ptr<CaseCache>> otherShards;
    for (std::size_t part = 1; part < drawRanks.size(); ++part)
        otherShards.push_back(std::make_unique<CaseCache>(source, preprocessing, shardCases(order, drawRanks[part], worldSize),
                                                          std::size_t(std::max(1, options.cachedCases)), threeD));
    bool agreedCancel = false, agreedTimeLimit = false;
    std::size_t peakValidationBytes = 0;
    // Mean Dice over the validation cases, one case at a time (streamed, not cached).
    const auto validate = [&]() {
        model->eval();
        double diceSum = 0;
        for (const auto& id : result.split.validation) {
            if (cancelled())
                break;
            const auto prepared = prepareCase(source.load(id), preprocessing);
            peakValidationBytes = std::max(peakValidationBytes, prepared->bytes());
            diceSum += threeD ? validateCase3d(*model, *prepared, patch, batchSize, device)
                              : validateCase(*model, *prepared, channels, options.validationSlicesPerCase, batchSize, device);
        }
        return result.split.validation.empty() ? -1.0 : diceSum / double(result.split.validation.size());
    };

    const std::int64_t totalSteps = std::int64_t(options.epochs) * options.stepsPerEpoch;
    const std::int64_t firstStep = state.globalStep;
    std::int64_t slicesTrained = 0;
    double trainingSeconds = 0;
    // A progress report at `step` of `epoch` (step 0 and epoch 0: before training), from the run so far.
    const auto progressReport = [&](int epoch, int step, bool epochEnd) {
        TrainingProgress report;
        report.epoch = epoch;
        report.epochs = options.epochs;
        report.step = step;
        report.stepsPerEpoch = options.stepsPerEpoch;
        report.globalStep = result.globalStep;
        report.loss = result.lastLoss;
        report.validationDice = result.validationDice;
        report.secondsElapsed = elapsed();
        report.secondsLeft = result.globalStep > firstStep ? report.secondsElapsed / double(result.globalStep - firstStep) *
                                                                 double(totalSteps - result.globalStep)
                                                           : 0;
        report.epochEnd = epochEnd;
        return report;
    };
    if (options.validateFirst && !result.split.validation.empty() && parallel && parallel->rank() != 0) {
        parallel->waitForRank0("first validation");  // rank 0 validates alone
    } else if (options.validateFirst && !result.split.validation.empty()) {
        if (parallel)
            parallel->startHeartbeat();
        result.validationDice = validate();
        if (parallel)
            parallel->done("first validation");
        if (progress && !cancelled())
            progress(progressReport(state.epoch, 0, true));
    }
    for (int epoch = state.epoch + 1; epoch <= options.epochs; ++epoch) {
        model->train();
        if (options.freezeBatchNorm)
            freezeBatchNormStatistics(*model->module());
        for (int step = 1; step <= options.stepsPerEpoch; ++step) {
            if (agreedCancel || agreedTimeLimit) {
                result.cancelled = agreedCancel;
                result.stoppedByTimeLimit = !agreedCancel;
                break;
            }
            if (cancelled()) {
                result.cancelled = true;
                break;
            }
            if (options.maximumSeconds > 0 && !parallel && elapsed() > options.maximumSeconds) {
                result.stoppedByTimeLimit = true;
                break;
            }
            const auto stepStart = std::chrono::steady_clock::now();
            optimizer.zero_grad();
            if (parallel)
                parallel->beginStep();
            double lossSum = 0;
            for (std::size_t part = 0; part < drawRanks.size(); ++part) {
                const CaseCache& shard = part == 0 ? cache : *otherShards[part - 1];
                // Each step's draws depend on (seed, global step, rank) only, so a resumed run continues
                // as the uninterrupted one would have (given the same cache contents).
                std::mt19937_64 random(drawSeed(options.seed, result.globalStep, drawRanks[part]));
                Batch batch = threeD ? drawBalancedPatchBatch(shard.cases(), batchSize, patch, airValue, random)
                             : crop > 0 ? drawBalancedCropBatch(shard.cases(), batchSize, channels, crop, airValue,
                                                                options.hardNegativeFraction, random)
                                        : drawBalancedBatch(shard.cases(), batchSize, channels,
                                                            options.hardNegativeFraction, random);
                result.hardNegativeSamples += batch.hardNegatives;
                batch.input = batch.input.to(device);
                batch.mask = batch.mask.to(device);
                if (options.augment && threeD)
                    augmentVolumes(batch.input, batch.mask);
                else if (options.augment)
                    batch = augment(std::move(batch), options.augmentation == "appearance", airValue);
                LossTerms loss = segmentationLoss(model->forward(batch.input), batch.mask);
                // A simulated run accumulates the mean of the ranks' losses' gradients (what the
                // all-reduce averages).
                (drawRanks.size() > 1 ? loss.total / double(drawRanks.size()) : loss.total).backward();
                lossSum += loss.total.item<double>();
            }
            if (parallel) {
                parallel->finishGradients();
                // One small exchange per step: the mean loss, and whether any rank wants to stop.
                const std::vector<double> agreed = parallel->sum(
                    {lossSum, cancel && cancel->load() ? 1.0 : 0.0,
                     options.maximumSeconds > 0 && elapsed() > options.maximumSeconds ? 1.0 : 0.0});
                lossSum = agreed[0];
                agreedCancel = agreed[1] > 0;
                agreedTimeLimit = agreed[2] > 0;
            }
            optimizer.step();
            result.lastLoss = lossSum / double(worldSize);
            if (!std::isfinite(result.lastLoss))
                throw std::runtime_error("training diverged: the loss is not finite at step " +
                                         std::to_string(result.globalStep + 1));
            ++result.globalStep;
            slicesTrained += std::int64_t(batchSize) * worldSize;
            trainingSeconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - stepStart).count();
            if (options.stepsPerCaseSwap > 0 && result.globalStep % options.stepsPerCaseSwap == 0) {
                cache.rotate();
                for (auto& shard : otherShards)
                    shard->rotate();
            }
            if (progress)
                progress(progressReport(epoch, step, false));
        }
        if (result.cancelled)
            break;
        if (parallel) {
            // Several processes: BatchNorm statistics (local to each rank) are averaged, then rank 0
            // validates and writes the checkpoint while the others wait.
            parallel->average(model->module()->buffers());
            if (parallel->rank() != 0) {
                parallel->waitForRank0("epoch " + std::to_string(epoch));
                result.epochsCompleted = epoch;
                if (result.stoppedByTimeLimit)
                    break;
                continue;
            }
            parallel->startHeartbeat();
        }
        const double validationDice = validate();
        if (cancelled()) {
            result.cancelled = true;
            break;
        }
        if (!result.split.validation.empty())
            result.validationDice = validationDice;
        result.epochsCompleted = epoch;
        char name[64];
        std::snprintf(name, sizeof name, "checkpoint_epoch_%03d.pt", epoch);
        result.lastCheckpoint = (std::filesystem::path(options.outputFolder) / name).string();
        saveCheckpoint(result.lastCheckpoint, *model, optimizer, epoch, result.globalStep, result.validationDice);
        if (parallel)
            parallel->done("epoch " + std::to_string(epoch));
        if (progress)
            progress(progressReport(epoch, options.stepsPerEpoch, true));
        if (result.stoppedByTimeLimit)
            break;
    }
    result.peakCachedCases = cache.peakCases;
    result.peakCachedBytes = cache.peakBytes + peakValidationBytes;
    result.casesLoaded = cache.loads;
    result.seconds = elapsed();
    result.slicesPerSecond = trainingSeconds > 0 ? double(slicesTrained) / trainingSeconds : 0;
    double replicaDifference = 0;
    if (parallel) {
        // Every rank must hold the same weights now; rank 0 writes the model file, then all leave.
        if (!result.cancelled)
            replicaDifference = parallel->maxDifferenceFromRank0(model->parameters());
        if (result.cancelled || parallel->rank() != 0) {
            if (!result.cancelled)
                parallel->waitForRank0("model");
            parallel->shutdown();
            return result;
        }
        parallel->startHeartbeat();
    }
    if (result.cancelled)
        return result;

    nlohmann::json metadata = nlohmann::json::parse(options.extraMetadataJson.empty() ? "{}" : options.extraMetadataJson);
    metadata["architecture"] = spec.architecture;
    metadata["mode"] = spec.mode;
    metadata["attention_downsample"] = spec.attentionDownsample;
    metadata["preprocessing"] = nlohmann::json::parse(preprocessing.toJson());
    if (!options.initialModel.empty())
        metadata["fine_tuned_from"] = std::filesystem::path(options.initialModel).filename().string();
    if (options.inflateTo25d)
        metadata["inflated_from_2d"] = true;
    metadata["training"] = {{"data_fingerprint", source.fingerprint()},
                            {"training_cases", result.split.training},
                            {"validation_cases", result.split.validation},
                            {"split", fixedSplit ? std::string("given by the caller (project split)")
                                                 : "fnv1a hash of the case id, validation fraction " +
                                                       std::to_string(options.validationFraction)},
                            {"epochs", result.epochsCompleted},
                            {"steps_per_epoch", options.stepsPerEpoch},
                            {"global_steps", result.globalStep},
                            {"batch_size", batchSize},
                            {"crop_size", crop},
                            {"samples", threeD ? "patches of patch_size^3 prepared voxels, half centred on node voxels"
                                               : "slices, half with nodes"},
                            {"learning_rate", learningRate},
                            {"augmentation", !options.augment ? std::string("none")
                                             : threeD ? std::string("paper (3d)") : options.augmentation},
                            {"batch_norm_statistics", options.freezeBatchNorm ? "frozen" : "updated"},
                            {"seed", options.seed},
                            {"device", result.device},
                            {"seconds", result.seconds},
                            {"stopped_by_time_limit", result.stoppedByTimeLimit},
                            {"final_loss", result.lastLoss}};
    metadata["validation"] = {{"dice", result.validationDice}};
    metadata["training"]["world_size"] = worldSize;
    metadata["training"]["backend"] = result.backend;
    if (!threeD && result.hardNegativeSamples > 0)
        metadata["training"]["hard_negatives"] = {
            {"fraction", options.hardNegativeFraction},
            {"samples", result.hardNegativeSamples},
            {"what", "of the samples not centred on a node, this fraction centred on an earlier model's false "
                     "positives (CASE_hard_negatives) in this process's steps"}};
    metadata["training"]["global_batch_size"] = std::int64_t(batchSize) * worldSize;
    if (worldSize > 1)
        metadata["training"]["distributed"] = {
            {"launcher", parallel ? environment.launcher : std::string("simulated in one process")},
            {"batch_size", "per process; the global batch is world_size x batch_size"},
            {"sharding", "training cases shuffled by the seed, rank r takes every world_size-th from r"},
            {"gradient_buckets", parallel ? parallel->bucketCount() : 0},
            {"gradient_all_reduce_seconds", parallel ? parallel->gradientSeconds() : 0.0},
            {"overlap", options.distributed.overlap},
            {"batch_norm", "local to each rank; running statistics averaged over the ranks every epoch"},
            {"max_parameter_difference_between_ranks", replicaDifference}};
    metadata["libraries"] = {{"libtorch", TORCH_VERSION}};
    metadata["date"] = isoDate();
    result.metadataJson = metadata.dump(2);
    result.modelFile = (std::filesystem::path(options.outputFolder) / "model.lnsegmodel").string();
    saveModelFile(*model, result.modelFile, result.metadataJson);
    if (parallel) {
        parallel->done("model");
        parallel->shutdown();
    }
    return result;
}

}  // namespace lnseg::model
