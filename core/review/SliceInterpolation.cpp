#include "review/SliceInterpolation.h"

#include <itkImage.h>
#include <itkSignedMaurerDistanceMapImageFilter.h>

namespace lnseg {

std::vector<float> signedDistance2D(const std::vector<std::uint8_t>& mask, int width, int height, double spacingX,
                                    double spacingY)
{
    using MaskImage = itk::Image<std::uint8_t, 2>;
    using DistanceImage = itk::Image<float, 2>;
    auto image = MaskImage::New();
    MaskImage::RegionType region;
    region.SetSize({{static_cast<itk::SizeValueType>(width), static_cast<itk::SizeValueType>(height)}});
    image->SetRegions(region);
    MaskImage::SpacingType spacing;
    spacing[0] = spacingX;
    spacing[1] = spacingY;
    image->SetSpacing(spacing);
    image->Allocate();
    std::copy(mask.begin(), mask.end(), image->GetBufferPointer());
    auto filter = itk::SignedMaurerDistanceMapImageFilter<MaskImage, DistanceImage>::New();
    filter->SetInput(image);
    filter->SetUseImageSpacing(true);
    filter->SetSquaredDistance(false);
    filter->SetInsideIsPositive(false);
    filter->SetBackgroundValue(0);
    filter->Update();
    const float* distance = filter->GetOutput()->GetBufferPointer();
    return std::vector<float>(distance, distance + mask.size());
}

std::vector<std::uint8_t> blendShapes(const std::vector<float>& first, const std::vector<float>& second, double t)
{
    std::vector<std::uint8_t> mask(first.size());
    const float a = static_cast<float>(1.0 - t), b = static_cast<float>(t);
    for (std::size_t index = 0; index < first.size(); ++index)
        mask[index] = a * first[index] + b * second[index] <= 0.0f ? 1 : 0;
    return mask;
}

}  // namespace lnseg
