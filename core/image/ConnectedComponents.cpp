#include "image/ConnectedComponents.h"

#include "image/ItkBridge.h"

#include <itkConnectedComponentImageFilter.h>

namespace lnseg {

LabelMap labelConnectedComponents(const LabelMap& mask, std::size_t* count)
{
    using Filter = itk::ConnectedComponentImageFilter<ItkImage3<std::uint16_t>, ItkImage3<std::uint16_t>>;
    auto filter = Filter::New();
    filter->SetInput(itkView(mask));
    filter->FullyConnectedOn();
    filter->Update();
    ItkImage3<std::uint16_t>::Pointer output = filter->GetOutput();
    output->DisconnectPipeline();
    if (count)
        *count = static_cast<std::size_t>(filter->GetObjectCount());
    return adoptItkImage<std::uint16_t>(output);
}

LabelMap thresholdProbability(const VoxelGrid<float>& probability, float threshold)
{
    LabelMap mask(probability.geometry());
    const float* in = probability.data();
    std::uint16_t* out = mask.data();
    for (std::size_t index = 0, count = mask.voxelCount(); index < count; ++index)
        out[index] = in[index] >= threshold ? 1 : 0;
    return mask;
}

}  // namespace lnseg
