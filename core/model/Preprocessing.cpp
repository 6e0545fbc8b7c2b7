#include "Preprocessing.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace lnseg::model {

std::string PreprocessingParameters::toJson() const
{
    nlohmann::json json{{"window_level", windowLevel},       {"window_width", windowWidth},
                        {"target_pixel_spacing_mm", targetPixelSpacingMm},
                        {"body_threshold_hu", bodyThresholdHu}, {"margin_mm", marginMm},
                        {"pad_multiple", padMultiple},       {"neighbour_slices", neighbourSlices},
                        {"stack_spacing_mm", stackSpacingMm}, {"patch_size", patchSize}};
    return json.dump();
}

PreprocessingParameters PreprocessingParameters::fromJson(const std::string& text)
{
    const nlohmann::json json = nlohmann::json::parse(text);
    PreprocessingParameters parameters;
    parameters.windowLevel = json.value("window_level", parameters.windowLevel);
    parameters.windowWidth = json.value("window_width", parameters.windowWidth);
    parameters.targetPixelSpacingMm = json.value("target_pixel_spacing_mm", parameters.targetPixelSpacingMm);
    parameters.bodyThresholdHu = json.value("body_threshold_hu", parameters.bodyThresholdHu);
    parameters.marginMm = json.value("margin_mm", parameters.marginMm);
    parameters.padMultiple = json.value("pad_multiple", parameters.padMultiple);
    parameters.neighbourSlices = json.value("neighbour_slices", parameters.neighbourSlices);
    parameters.patchSize = json.value("patch_size", parameters.patchSize);
    parameters.stackSpacingMm = json.value("stack_spacing_mm", 0.0);  // older files stack slices
    if (parameters.windowWidth <= 0 || parameters.padMultiple < 1 || parameters.neighbourSlices < 0 ||
        !(parameters.stackSpacingMm >= 0 && parameters.stackSpacingMm <= 50) ||
        parameters.targetPixelSpacingMm < 0 || parameters.patchSize < 4)
        throw std::invalid_argument("preprocessing parameters out of range: " + text);
    return parameters;
}

PreparedGeometry planPreparedGeometry(const VolumeView& volume, const PreprocessingParameters& parameters)
{
    if (!volume.voxels || volume.size[0] < 1 || volume.size[1] < 1 || volume.size[2] < 1)
        throw std::invalid_argument("preprocessing: empty volume");
    const std::int64_t columns = volume.size[0], rows = volume.size[1], slices = volume.size[2];
    std::int64_t low[2] = {columns, rows}, high[2] = {-1, -1};
    const auto threshold = static_cast<double>(parameters.bodyThresholdHu);
    for (std::int64_t z = 0; z < slices; ++z)
        for (std::int64_t y = 0; y < rows; ++y) {
            const std::int16_t* row = volume.voxels + (z * rows + y) * columns;
            for (std::int64_t x = 0; x < columns; ++x)
                if (row[x] > threshold) {
                    low[0] = std::min(low[0], x);
                    high[0] = std::max(high[0], x);
                    low[1] = std::min(low[1], y);
                    high[1] = std::max(high[1], y);
                }
        }
    PreparedGeometry geometry;
    for (int axis = 0; axis < 3; ++axis)
        geometry.originalSize[axis] = volume.size[axis];
    for (int axis = 0; axis < 2; ++axis) {
        const std::int64_t extent = volume.size[axis];
        if (high[axis] < 0) {  // nothing above the threshold: keep everything
            low[axis] = 0;
            high[axis] = extent - 1;
        }
        const auto margin = static_cast<std::int64_t>(std::ceil(parameters.marginMm / volume.spacing[axis]));
        geometry.cropLow[axis] = std::max<std::int64_t>(0, low[axis] - margin);
        geometry.cropHigh[axis] = std::min<std::int64_t>(extent - 1, high[axis] + margin);
        geometry.scale[axis] = parameters.targetPixelSpacingMm > 0
                                   ? parameters.targetPixelSpacingMm / volume.spacing[axis] : 1.0;
        const double width = double(geometry.cropHigh[axis] - geometry.cropLow[axis] + 1);
        auto pixels = static_cast<std::int64_t>(std::ceil(width / geometry.scale[axis] - 1e-9));
        const std::int64_t multiple = std::max(1, parameters.padMultiple);
        geometry.size[axis] = std::max(multiple, (pixels + multiple - 1) / multiple * multiple);
    }
    geometry.size[2] = slices;
    geometry.sliceSpacingMm = volume.spacing[2] > 0 ? volume.spacing[2] : 1.0;
    geometry.stackSpacingMm = parameters.stackSpacingMm;
    return geometry;
}

namespace {

// Bilinear sampling of one original slice at a continuous index, edge-replicated.
template <typename Value>
double sampleClamped(const Value* slice, std::int64_t columns, std::int64_t rows, double x, double y)
{
    x = std::clamp(x, 0.0, double(columns - 1));
    y = std::clamp(y, 0.0, double(rows - 1));
    const auto x0 = static_cast<std::int64_t>(std::floor(x));
    const auto y0 = static_cast<std::int64_t>(std::floor(y));
    const std::int64_t x1 = std::min(x0 + 1, columns - 1), y1 = std::min(y0 + 1, rows - 1);
    const double fx = x - double(x0), fy = y - double(y0);
    const double top = double(slice[y0 * columns + x0]) * (1 - fx) + double(slice[y0 * columns + x1]) * fx;
    const double bottom = double(slice[y1 * columns + x0]) * (1 - fx) + double(slice[y1 * columns + x1]) * fx;
    return top * (1 - fy) + bottom * fy;
}

// Original continuous index of prepared pixel u's centre along `axis`.
double originalIndex(const PreparedGeometry& geometry, int axis, std::int64_t u)
{
    return double(geometry.cropLow[axis]) - 0.5 + (double(u) + 0.5) * geometry.scale[axis];
}

template <typename Value, typename Output, typename Convert>
std::vector<Output> resampleToPrepared(const Value* voxels, const PreparedGeometry& geometry, Convert convert)
{
    const std::int64_t columns = geometry.originalSize[0], rows = geometry.originalSize[1];
    std::vector<Output> out(geometry.voxelCount());
    std::vector<double> xs(std::size_t(geometry.size[0])), ys(std::size_t(geometry.size[1]));
    for (std::int64_t u = 0; u < geometry.size[0]; ++u)
        xs[std::size_t(u)] = originalIndex(geometry, 0, u);
    for (std::int64_t v = 0; v < geometry.size[1]; ++v)
        ys[std::size_t(v)] = originalIndex(geometry, 1, v);
    for (std::int64_t z = 0; z < geometry.size[2]; ++z) {
        const Value* slice = voxels + z * rows * columns;
        Output* target = out.data() + std::size_t(z) * geometry.sliceVoxels();
        for (std::int64_t v = 0; v < geometry.size[1]; ++v)
            for (std::int64_t u = 0; u < geometry.size[0]; ++u)
                target[v * geometry.size[0] + u] =
                    convert(sampleClamped(slice, columns, rows, xs[std::size_t(u)], ys[std::size_t(v)]));
    }
    return out;
}

}  // namespace

std::vector<float> prepareIntensities(const VolumeView& volume, const PreparedGeometry& geometry,
                                      const PreprocessingParameters& parameters)
{
    const double lowest = parameters.windowLevel - parameters.windowWidth / 2;
    const double width = parameters.windowWidth;
    return resampleToPrepared<std::int16_t, float>(volume.voxels, geometry, [&](double hu) {
        return static_cast<float>(std::clamp((hu - lowest) / width, 0.0, 1.0));
    });
}

std::vector<std::uint8_t> prepareMask(const std::uint8_t* mask, const PreparedGeometry& geometry)
{
    // Binarise first so that label values other than 1 count as foreground.
    std::vector<std::uint8_t> binary(std::size_t(geometry.originalSize[0] * geometry.originalSize[1] *
                                                 geometry.originalSize[2]));
    for (std::size_t i = 0; i < binary.size(); ++i)
        binary[i] = mask[i] ? 1 : 0;
    return resampleToPrepared<std::uint8_t, std::uint8_t>(binary.data(), geometry, [](double fraction) {
        return static_cast<std::uint8_t>(fraction >= 0.5 ? 1 : 0);
    });
}

std::vector<float> mapToOriginalGrid(const std::vector<float>& prepared, const PreparedGeometry& geometry)
{
    if (prepared.size() != geometry.voxelCount())
        throw std::invalid_argument("mapToOriginalGrid: buffer does not match the prepared geometry");
    const std::int64_t columns = geometry.originalSize[0], rows = geometry.originalSize[1];
    std::vector<float> out(std::size_t(columns * rows * geometry.originalSize[2]), 0.0f);
    // Prepared continuous index of each original pixel centre, for the pixels inside the crop.
    auto preparedIndex = [&](int axis, std::int64_t x) {
        return (double(x) - double(geometry.cropLow[axis]) + 0.5) / geometry.scale[axis] - 0.5;
    };
    for (std::int64_t z = 0; z < geometry.size[2]; ++z) {
        const float* slice = prepared.data() + std::size_t(z) * geometry.sliceVoxels();
        float* target = out.data() + std::size_t(z * rows * columns);
        for (std::int64_t y = geometry.cropLow[1]; y <= geometry.cropHigh[1]; ++y) {
            const double v = preparedIndex(1, y);
            for (std::int64_t x = geometry.cropLow[0]; x <= geometry.cropHigh[0]; ++x)
                target[y * columns + x] = static_cast<float>(
                    sampleClamped(slice, geometry.size[0], geometry.size[1], preparedIndex(0, x), v));
        }
    }
    return out;
}

void copyInputChannels(const std::vector<float>& prepared, const PreparedGeometry& geometry, std::int64_t slice,
                       int channels, float* destination)
{
    const int neighbours = (channels - 1) / 2;
    const std::size_t sliceVoxels = geometry.sliceVoxels();
    const std::int64_t last = geometry.size[2] - 1;
    const double slicesPerStep = geometry.stackSpacingMm > 0 ? geometry.stackSpacingMm / geometry.sliceSpacingMm : 1.0;
    for (int channel = 0; channel < channels; ++channel) {
        float* target = destination + std::size_t(channel) * sliceVoxels;
        const double position = std::clamp(double(slice) + double(channel - neighbours) * slicesPerStep, 0.0, double(last));
        const std::int64_t below = std::int64_t(std::floor(position));
        const double weight = position - double(below);
        const float* lower = prepared.data() + std::size_t(below) * sliceVoxels;
        if (weight < 1e-6 || below >= last) {
            std::copy_n(lower, sliceVoxels, target);
            continue;
        }
        const float* upper = lower + sliceVoxels;
        const float upperWeight = float(weight), lowerWeight = float(1.0 - weight);
        for (std::size_t voxel = 0; voxel < sliceVoxels; ++voxel)
            target[voxel] = lowerWeight * lower[voxel] + upperWeight * upper[voxel];
    }
}

}  // namespace lnseg::model
