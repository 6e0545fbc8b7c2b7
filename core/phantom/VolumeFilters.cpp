#include "phantom/VolumeFilters.h"

#include "phantom/PhantomRandom.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace lnseg {

std::vector<float> gaussianKernel(double sigma)
{
    if (sigma <= 0)
        return {1.0f};
    const int radius = static_cast<int>(std::ceil(3.0 * sigma));
    std::vector<float> kernel(static_cast<std::size_t>(2 * radius + 1));
    double sum = 0;
    for (int d = -radius; d <= radius; ++d) {
        const double w = std::exp(-0.5 * d * d / (sigma * sigma));
        kernel[static_cast<std::size_t>(d + radius)] = static_cast<float>(w);
        sum += w;
    }
    for (float& w : kernel)
        w = static_cast<float>(w / sum);
    return kernel;
}

void blurSlice(float* slice, int columns, int rows, const std::vector<float>& kernel, std::vector<float>& scratch)
{
    const int radius = static_cast<int>(kernel.size() / 2);
    if (radius == 0)
        return;
    const std::size_t count = static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows);
    scratch.resize(count);
    // Along x into scratch.
    for (int j = 0; j < rows; ++j) {
        const float* in = slice + static_cast<std::size_t>(j) * columns;
        float* out = scratch.data() + static_cast<std::size_t>(j) * columns;
        for (int i = 0; i < columns; ++i) {
            float sum = 0;
            for (int d = -radius; d <= radius; ++d) {
                const int source = std::clamp(i + d, 0, columns - 1);
                sum += kernel[static_cast<std::size_t>(d + radius)] * in[source];
            }
            out[i] = sum;
        }
    }
    // Along y back into the slice, whole rows at a time (vectorises).
    for (int j = 0; j < rows; ++j) {
        float* out = slice + static_cast<std::size_t>(j) * columns;
        std::fill(out, out + columns, 0.0f);
        for (int d = -radius; d <= radius; ++d) {
            const int source = std::clamp(j + d, 0, rows - 1);
            const float w = kernel[static_cast<std::size_t>(d + radius)];
            const float* in = scratch.data() + static_cast<std::size_t>(source) * columns;
            for (int i = 0; i < columns; ++i)
                out[i] += w * in[i];
        }
    }
}

void finishSlice(const std::vector<float>& values, int columns, int rows, int slices, int slice,
                 const std::vector<float>& kernelZ, double noiseStandardDeviation, std::uint64_t seed, std::int16_t* output)
{
    const std::size_t count = static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows);
    const int radius = static_cast<int>(kernelZ.size() / 2);
    std::vector<float> blurred(count, 0.0f);
    for (int d = -radius; d <= radius; ++d) {
        const int source = std::clamp(slice + d, 0, slices - 1);
        const float w = kernelZ[static_cast<std::size_t>(d + radius)];
        const float* in = values.data() + static_cast<std::size_t>(source) * count;
        for (std::size_t n = 0; n < count; ++n)
            blurred[n] += w * in[n];
    }
    PhantomRandom random = PhantomRandom::derived(seed, static_cast<std::uint64_t>(slice));
    for (std::size_t n = 0; n < count; ++n) {
        const double value = blurred[n] + (noiseStandardDeviation > 0 ? random.normal(0, noiseStandardDeviation) : 0.0);
        output[n] = static_cast<std::int16_t>(std::clamp(std::lround(value), -1024L, 3071L));
    }
}

void parallelFor(int count, int threads, const std::function<void(int, int)>& work)
{
    threads = std::max(1, std::min(threads, count));
    if (threads == 1) {
        work(0, count);
        return;
    }
    std::vector<std::thread> pool;
    for (int t = 0; t < threads; ++t) {
        const int begin = count * t / threads, end = count * (t + 1) / threads;
        pool.emplace_back([&work, begin, end] { work(begin, end); });
    }
    for (auto& thread : pool)
        thread.join();
}

}  // namespace lnseg
