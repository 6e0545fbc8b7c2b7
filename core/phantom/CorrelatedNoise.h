#pragma once
// CT-like noise: white noise shaped by a band-pass filter (difference of two Gaussians), as
// filtered back-projection shapes quantum noise. Its power spectrum is low at zero frequency and
// peaks at mid frequencies, its autocorrelation is positive over about a grain and slightly
// negative beyond, unlike white noise (one pixel) or a Gaussian blur of it (no negative lobe).
// Neighbouring slices share part of their noise when the reconstructions overlap.
//
// Each slice's field is drawn from its own random stream (seed, slice): deterministic for any
// thread count.

#include <cstdint>
#include <vector>

namespace lnseg {

class CorrelatedNoise {
public:
    // grainMm: sigma of the narrow Gaussian (mm); pixelSpacingMm: in-plane spacing;
    // sliceCorrelation: correlation of the noise of neighbouring slices, in [0, 0.5].
    CorrelatedNoise(double grainMm, double pixelSpacingMm, double sliceCorrelation, std::uint64_t seed);

    // Unit-variance noise for one slice (columns x rows), into `out`.
    void fillSlice(int slice, int columns, int rows, std::vector<float>& out) const;

private:
    void filteredField(std::uint64_t stream, int columns, int rows, std::vector<float>& out) const;

    std::vector<float> m_narrow, m_wide;  // 1D kernels of the same length
    float m_wideWeight = 0.85f;           // the wide Gaussian's share subtracted (1: no DC at all)
    float m_normalisation = 1;            // 1 / standard deviation of the filtered field
    float m_ownWeight = 1, m_nextWeight = 0;
    std::uint64_t m_seed = 0;
};

}  // namespace lnseg
