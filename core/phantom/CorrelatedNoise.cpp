#include "phantom/CorrelatedNoise.h"

#include "phantom/PhantomRandom.h"
#include "phantom/VolumeFilters.h"

#include <algorithm>
#include <cmath>

namespace lnseg {

namespace {

// Separable convolution of a padded field (width x height) with `kernel`; the output drops the
// padding (radius on each side).
void convolve(const std::vector<float>& field, int width, int height, const std::vector<float>& kernel,
              std::vector<float>& scratch, std::vector<float>& out)
{
    const int radius = static_cast<int>(kernel.size() / 2);
    const int columns = width - 2 * radius, rows = height - 2 * radius;
    scratch.assign(static_cast<std::size_t>(columns) * height, 0.0f);
    for (int j = 0; j < height; ++j) {
        const float* in = field.data() + static_cast<std::size_t>(j) * width;
        float* line = scratch.data() + static_cast<std::size_t>(j) * columns;
        for (int d = 0; d < static_cast<int>(kernel.size()); ++d) {
            const float w = kernel[static_cast<std::size_t>(d)];
            for (int i = 0; i < columns; ++i)
                line[i] += w * in[i + d];
        }
    }
    out.assign(static_cast<std::size_t>(columns) * rows, 0.0f);
    for (int j = 0; j < rows; ++j) {
        float* line = out.data() + static_cast<std::size_t>(j) * columns;
        for (int d = 0; d < static_cast<int>(kernel.size()); ++d) {
            const float w = kernel[static_cast<std::size_t>(d)];
            const float* in = scratch.data() + static_cast<std::size_t>(j + d) * columns;
            for (int i = 0; i < columns; ++i)
                line[i] += w * in[i];
        }
    }
}

}  // namespace

CorrelatedNoise::CorrelatedNoise(double grainMm, double pixelSpacingMm, double sliceCorrelation, std::uint64_t seed)
    : m_seed(seed)
{
    const double narrow = std::max(0.3, grainMm / pixelSpacingMm);
    const double wide = 2.5 * narrow;
    const int radius = static_cast<int>(std::ceil(3.0 * wide));
    m_narrow = gaussianKernel(narrow, radius);
    m_wide = gaussianKernel(wide, radius);
    // Variance of white noise filtered by narrow (x) narrow - a wide (x) wide: the 2D kernels are
    // outer products, so every sum of products factorises into 1D sums.
    double narrowSquares = 0, wideSquares = 0, cross = 0;
    for (std::size_t n = 0; n < m_narrow.size(); ++n) {
        narrowSquares += double(m_narrow[n]) * m_narrow[n];
        wideSquares += double(m_wide[n]) * m_wide[n];
        cross += double(m_narrow[n]) * m_wide[n];
    }
    const double a = m_wideWeight;
    const double variance = narrowSquares * narrowSquares - 2 * a * cross * cross + a * a * wideSquares * wideSquares;
    // Slice k gets own_k + t next_(k+1): correlation t / (1 + t^2) with its neighbour.
    const double c = std::clamp(sliceCorrelation, 0.0, 0.5);
    const double t = c > 1e-9 ? (1 - std::sqrt(std::max(0.0, 1 - 4 * c * c))) / (2 * c) : 0.0;
    const double mixNorm = 1.0 / std::sqrt(1 + t * t);
    m_ownWeight = static_cast<float>(mixNorm);
    m_nextWeight = static_cast<float>(t * mixNorm);
    m_normalisation = static_cast<float>(1.0 / std::sqrt(variance));
}

void CorrelatedNoise::filteredField(std::uint64_t stream, int columns, int rows, std::vector<float>& out) const
{
    const int radius = static_cast<int>(m_narrow.size() / 2);
    const int width = columns + 2 * radius, height = rows + 2 * radius;
    std::vector<float> white(static_cast<std::size_t>(width) * height);
    PhantomRandom random = PhantomRandom::derived(m_seed, stream);
    const std::vector<float>& table = normalTable();
    std::uint64_t bits = 0;
    for (std::size_t n = 0; n < white.size(); ++n) {
        if ((n & 3) == 0)
            bits = random.next();
        white[n] = table[(bits >> (16 * (n & 3))) & 0xFFFF];
    }
    std::vector<float> scratch, wide;
    convolve(white, width, height, m_narrow, scratch, out);
    convolve(white, width, height, m_wide, scratch, wide);
    for (std::size_t n = 0; n < out.size(); ++n)
        out[n] = m_normalisation * (out[n] - m_wideWeight * wide[n]);
}

void CorrelatedNoise::fillSlice(int slice, int columns, int rows, std::vector<float>& out) const
{
    filteredField(static_cast<std::uint64_t>(slice), columns, rows, out);
    if (m_nextWeight == 0.0f)
        return;
    std::vector<float> next;
    filteredField(static_cast<std::uint64_t>(slice) + 1, columns, rows, next);
    for (std::size_t n = 0; n < out.size(); ++n)
        out[n] = m_ownWeight * out[n] + m_nextWeight * next[n];
}

}  // namespace lnseg
