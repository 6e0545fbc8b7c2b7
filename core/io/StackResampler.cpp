#include "io/StackResampler.h"

#include "io/ParallelFor.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace lnseg {

namespace {

// Adds weight * (slice shifted by (shiftColumns, shiftRows) voxels) to `accumulator`.
void addShiftedSlice(const std::int16_t* slice, std::int64_t columns, std::int64_t rows, double shiftColumns,
                     double shiftRows, double weight, std::int16_t outside, float* accumulator)
{
    const double floorColumns = std::floor(shiftColumns), floorRows = std::floor(shiftRows);
    const double fractionColumns = shiftColumns - floorColumns, fractionRows = shiftRows - floorRows;
    const std::int64_t offsetColumns = static_cast<std::int64_t>(floorColumns);
    const std::int64_t offsetRows = static_cast<std::int64_t>(floorRows);
    auto sample = [&](std::int64_t i, std::int64_t j) -> double {
        if (i < 0 || j < 0 || i >= columns || j >= rows)
            return outside;
        return slice[j * columns + i];
    };
    for (std::int64_t j = 0; j < rows; ++j) {
        // Input position of output voxel (i, j) is (i - shiftColumns, j - shiftRows).
        const std::int64_t j0 = j - offsetRows - 1;
        for (std::int64_t i = 0; i < columns; ++i) {
            const std::int64_t i0 = i - offsetColumns - 1;
            // (i - shift) = i0 + (1 - fraction)
            const double u = 1.0 - fractionColumns, v = 1.0 - fractionRows;
            double value;
            if (fractionColumns == 0 && fractionRows == 0)
                value = sample(i0 + 1, j0 + 1);
            else
                value = (1 - v) * ((1 - u) * sample(i0, j0) + u * sample(i0 + 1, j0))
                        + v * ((1 - u) * sample(i0, j0 + 1) + u * sample(i0 + 1, j0 + 1));
            accumulator[j * columns + i] += static_cast<float>(weight * value);
        }
    }
}

}  // namespace

Volume resampleStack(const Volume& stack, const SliceStackAnalysis& analysis, double outputSpacing,
                     std::int16_t outside, int threads)
{
    ImageGeometry geometry = stack.geometry();
    const std::int64_t columns = geometry.size[0], rows = geometry.size[1];
    const double extent = analysis.distances.back();
    const std::int64_t outputSlices = static_cast<std::int64_t>(std::floor(extent / outputSpacing + 1e-3)) + 1;
    ImageGeometry output = geometry;
    output.size[2] = outputSlices;
    output.spacing[2] = outputSpacing;
    checkAllocatable(output.size, sizeof(std::int16_t));
    Volume result(output);
    const std::size_t sliceVoxels = static_cast<std::size_t>(columns * rows);
    const auto& distances = analysis.distances;

    parallelFor(static_cast<std::size_t>(outputSlices), threads, [&](std::size_t m) {
        const double z = static_cast<double>(m) * outputSpacing;
        std::size_t upper = static_cast<std::size_t>(std::lower_bound(distances.begin(), distances.end(), z - 1e-6) - distances.begin());
        upper = std::min(upper, distances.size() - 1);
        const std::size_t lower = upper > 0 ? upper - 1 : 0;
        double weightUpper = 1.0;
        if (upper != lower && distances[upper] > distances[lower])
            weightUpper = std::clamp((z - distances[lower]) / (distances[upper] - distances[lower]), 0.0, 1.0);
        std::vector<float> accumulator(sliceVoxels, 0.0f);
        for (const auto& [index, weight] : {std::pair<std::size_t, double>{lower, 1.0 - weightUpper},
                                            std::pair<std::size_t, double>{upper, weightUpper}}) {
            if (weight <= 0.0)
                continue;
            const double shiftColumns = analysis.rowOffsets[index] / geometry.spacing[0];
            const double shiftRows = analysis.columnOffsets[index] / geometry.spacing[1];
            addShiftedSlice(stack.data() + index * sliceVoxels, columns, rows, shiftColumns, shiftRows, weight,
                            outside, accumulator.data());
        }
        std::int16_t* destination = result.data() + m * sliceVoxels;
        for (std::size_t voxel = 0; voxel < sliceVoxels; ++voxel)
            destination[voxel] = static_cast<std::int16_t>(std::clamp(std::lround(accumulator[voxel]), -32768L, 32767L));
    });
    return result;
}

}  // namespace lnseg
