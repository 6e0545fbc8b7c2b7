#pragma once
// The in-plane resolution of a reconstruction: the scanner's own blur (a Gaussian of fixed width
// in mm) followed by the kernel's character, from soft (more blur) to sharp (edge enhancement:
// an unsharp mask, which gives the overshoot rims sharp kernels show at bone and air edges).

#include <vector>

namespace lnseg {

class ReconstructionKernel {
public:
    // sharpness: -1 soft .. 0 standard .. +1 sharp; pixelSpacingMm: in-plane spacing.
    ReconstructionKernel(double sharpness, double pixelSpacingMm);

    // Applies the kernel to one slice in place.
    void apply(float* slice, int columns, int rows) const;

private:
    std::vector<float> m_blur;     // scanner blur, plus the soft kernel's extra blur
    std::vector<float> m_unsharp;  // wide blur subtracted by the edge enhancement
    float m_enhancement = 0;       // amount of (value - wide blur) added back
};

}  // namespace lnseg
