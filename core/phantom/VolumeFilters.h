#pragma once
// The last steps of the phantom's image formation, on a float volume in slice-major order:
// in-plane Gaussian blur per slice, then blur along z, noise and rounding to int16 HU in one pass.

#include <cstdint>
#include <functional>
#include <vector>

namespace lnseg {

// Normalised Gaussian kernel with radius ceil(3 sigma) (a single 1 for sigma <= 0).
std::vector<float> gaussianKernel(double sigma);
// The same normalised Gaussian truncated at a given radius (sigma > 0).
std::vector<float> gaussianKernel(double sigma, int radius);

// Separable blur of one slice in place; `scratch` is resized as needed.
void blurSlice(float* slice, int columns, int rows, const std::vector<float>& kernel, std::vector<float>& scratch);

// Output slice k = blur along z of `values` (clamped at the ends) + Gaussian noise with standard
// deviation noiseForSlice(k), rounded and clamped to [-1024, 3071]. Noise for slice k comes from
// its own random stream (seed, k), so the result does not depend on the thread that does it.
void finishSlice(const std::vector<float>& values, int columns, int rows, int slices, int slice,
                 const std::vector<float>& kernelZ, double noiseStandardDeviation, std::uint64_t seed, std::int16_t* output);

// As finishSlice, with the noise given: noiseScale x noise[n] (a unit-variance field, e.g. from
// CorrelatedNoise) is added to voxel n of the blurred slice.
void finishSliceWithNoise(const std::vector<float>& values, int columns, int rows, int slices, int slice,
                          const std::vector<float>& kernelZ, const float* noise, float noiseScale, std::int16_t* output);

// 2^16 standard normal quantiles: table[16 random bits] is a standard normal draw.
const std::vector<float>& normalTable();

// Calls work(begin, end) on consecutive ranges of [0, count) from `threads` threads (1: inline).
void parallelFor(int count, int threads, const std::function<void(int begin, int end)>& work);

}  // namespace lnseg
