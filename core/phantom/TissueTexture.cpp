#include "phantom/TissueTexture.h"

#include "phantom/PhantomRandom.h"

#include <cmath>
#include <vector>

namespace lnseg {

namespace {

constexpr double kScaleMm = 4.0;

float amplitude(Tissue tissue)
{
    switch (tissue) {
    case Tissue::Fat: return 9.0f;
    case Tissue::Muscle: return 7.0f;
    case Tissue::SoftTissue: return 6.0f;
    case Tissue::Gland: return 12.0f;
    case Tissue::Thyroid: return 10.0f;
    case Tissue::Skin: return 5.0f;
    default: return 0.0f;
    }
}

}  // namespace

void addTissueTexture(SliceCanvas& canvas, std::uint64_t seed)
{
    // Noise on a coarse lattice (kScaleMm apart), bilinearly interpolated to the pixels.
    const double x0 = canvas.originX / kScaleMm, y0 = canvas.originY / kScaleMm;
    const int latticeX0 = static_cast<int>(std::floor(x0)), latticeY0 = static_cast<int>(std::floor(y0));
    const int width = static_cast<int>(std::ceil(canvas.columns * canvas.spacingX / kScaleMm)) + 3;
    const int height = static_cast<int>(std::ceil(canvas.rows * canvas.spacingY / kScaleMm)) + 3;
    std::vector<float> lattice(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    for (int v = 0; v < height; ++v)
        for (int u = 0; u < width; ++u)
            lattice[static_cast<std::size_t>(u + v * width)] =
                static_cast<float>(valueNoise(latticeX0 + u, latticeY0 + v, canvas.z / kScaleMm, seed));
    float amplitudes[static_cast<int>(Tissue::Count)];
    for (int t = 0; t < static_cast<int>(Tissue::Count); ++t)
        amplitudes[t] = amplitude(static_cast<Tissue>(t));
    for (int row = 0; row < canvas.rows; ++row) {
        const double fy = canvas.y(row) / kScaleMm - latticeY0;
        const int v = static_cast<int>(fy);
        const float ty = static_cast<float>(fy - v);
        const float* line0 = lattice.data() + static_cast<std::size_t>(v) * width;
        const float* line1 = line0 + width;
        for (int column = 0; column < canvas.columns; ++column) {
            const std::size_t index = canvas.offset(column, row);
            const float scale = amplitudes[canvas.tissues[index]];
            if (scale == 0.0f)
                continue;
            const double fx = canvas.x(column) / kScaleMm - latticeX0;
            const int u = static_cast<int>(fx);
            const float tx = static_cast<float>(fx - u);
            const float top = line0[u] + tx * (line0[u + 1] - line0[u]);
            const float bottom = line1[u] + tx * (line1[u + 1] - line1[u]);
            canvas.values[index] += scale * (top + ty * (bottom - top));
        }
    }
}

}  // namespace lnseg
