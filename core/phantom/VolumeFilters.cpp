#include "phantom/VolumeFilters.h"

#include "phantom/PhantomRandom.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace lnseg {

std::vector<float> gaussianKernel(double sigma, int radius)
{
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

std::vector<float> gaussianKernel(double sigma)
{
    if (sigma <= 0)
        return {1.0f};
    return gaussianKernel(sigma, static_cast<int>(std::ceil(3.0 * sigma)));
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

namespace {

// Inverse of the standard normal CDF (Acklam's rational approximation, relative error < 1.2e-9).
double inverseNormal(double p)
{
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                               1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                               6.680131188771972e+01, -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                               -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
    const double low = 0.02425;
    if (p < low) {
        const double q = std::sqrt(-2 * std::log(p));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - low)
        return -inverseNormal(1 - p);
    const double q = p - 0.5, r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

}  // namespace

// Standard normal quantiles at the midpoints of 2^16 equal-probability bins: indexing it with 16
// random bits draws from a normal distribution (truncated at about 4.2 sigma, quantised far below
// the 1 HU output resolution), four draws per 64-bit random number. Several times faster than
// the polar method for the tens of millions of noise samples of a full-size phantom.
const std::vector<float>& normalTable()
{
    static const std::vector<float> table = [] {
        std::vector<float> values(65536);
        for (std::size_t i = 0; i < values.size(); ++i)
            values[i] = static_cast<float>(inverseNormal((static_cast<double>(i) + 0.5) / 65536.0));
        return values;
    }();
    return table;
}

namespace {

// One slice of `values` (columns x rows x slices) blurred along z with `kernelZ` (edge slices
// repeated): the slice profile both finishing steps start from.
std::vector<float> blurAlongSlices(const std::vector<float>& values, std::size_t count, int slices, int slice,
                                   const std::vector<float>& kernelZ)
{
    const int radius = static_cast<int>(kernelZ.size() / 2);
    std::vector<float> blurred(count, 0.0f);
    for (int d = -radius; d <= radius; ++d) {
        const int source = std::clamp(slice + d, 0, slices - 1);
        const float w = kernelZ[static_cast<std::size_t>(d + radius)];
        const float* in = values.data() + static_cast<std::size_t>(source) * count;
        for (std::size_t n = 0; n < count; ++n)
            blurred[n] += w * in[n];
    }
    return blurred;
}

// HU clamped to the CT range and rounded half up (the offset keeps the operand positive, so that
// truncation is floor).
std::int16_t roundedHounsfield(float value)
{
    value = std::clamp(value, -1024.0f, 3071.0f);
    return static_cast<std::int16_t>(static_cast<int>(value + 4096.5f) - 4096);
}

}  // namespace

void finishSlice(const std::vector<float>& values, int columns, int rows, int slices, int slice,
                 const std::vector<float>& kernelZ, double noiseStandardDeviation, std::uint64_t seed, std::int16_t* output)
{
    const std::size_t count = static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows);
    const std::vector<float> blurred = blurAlongSlices(values, count, slices, slice, kernelZ);
    PhantomRandom random = PhantomRandom::derived(seed, static_cast<std::uint64_t>(slice));
    const std::vector<float>& table = normalTable();
    const float deviation = static_cast<float>(noiseStandardDeviation);
    std::uint64_t bits = 0;
    for (std::size_t n = 0; n < count; ++n) {
        if ((n & 3) == 0)
            bits = random.next();
        const float noise = deviation * table[(bits >> (16 * (n & 3))) & 0xFFFF];
        output[n] = roundedHounsfield(blurred[n] + noise);
    }
}

void finishSliceWithNoise(const std::vector<float>& values, int columns, int rows, int slices, int slice,
                          const std::vector<float>& kernelZ, const float* noise, float noiseScale, std::int16_t* output)
{
    const std::size_t count = static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows);
    const std::vector<float> blurred = blurAlongSlices(values, count, slices, slice, kernelZ);
    for (std::size_t n = 0; n < count; ++n) {
        output[n] = roundedHounsfield(blurred[n] + noiseScale * noise[n]);
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
