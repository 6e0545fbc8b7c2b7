#include "phantom/ReconstructionKernel.h"

#include "phantom/VolumeFilters.h"

#include <algorithm>
#include <cmath>

namespace lnseg {

namespace {
constexpr double kScannerBlurMm = 0.4;  // sigma of a standard soft-tissue reconstruction
constexpr double kSoftBlurMm = 0.6;     // extra sigma of the softest kernel
constexpr double kUnsharpMm = 1.0;      // sigma of the blur an edge enhancement subtracts
constexpr double kMaximumEnhancement = 1.2;
}  // namespace

ReconstructionKernel::ReconstructionKernel(double sharpness, double pixelSpacingMm)
{
    const double soft = std::max(0.0, -sharpness) * kSoftBlurMm;
    const double sigmaMm = std::sqrt(kScannerBlurMm * kScannerBlurMm + soft * soft);
    m_blur = gaussianKernel(sigmaMm / pixelSpacingMm);
    if (sharpness > 0) {
        m_unsharp = gaussianKernel(kUnsharpMm / pixelSpacingMm);
        m_enhancement = static_cast<float>(kMaximumEnhancement * sharpness);
    }
}

void ReconstructionKernel::apply(float* slice, int columns, int rows) const
{
    std::vector<float> scratch;
    blurSlice(slice, columns, rows, m_blur, scratch);
    if (m_enhancement <= 0)
        return;
    const std::size_t count = static_cast<std::size_t>(columns) * static_cast<std::size_t>(rows);
    std::vector<float> wide(slice, slice + count);
    blurSlice(wide.data(), columns, rows, m_unsharp, scratch);
    for (std::size_t n = 0; n < count; ++n)
        slice[n] += m_enhancement * (slice[n] - wide[n]);
}

}  // namespace lnseg
