#include "phantom/RandomizationOptions.h"

#include <cstdlib>
#include <stdexcept>

namespace lnseg {

std::vector<RandomizationRangeOption> randomizationRangeOptions(DomainRandomization& r)
{
    return {{"pixel-spacing-range", "in-plane spacing, mm (default 0.4:1.0)", &r.pixelSpacingMm},
            {"field-of-view-range", "field of view, mm (default 180:500; the matrix is at most 512)", &r.fieldOfViewMm},
            {"thickness-range", "slice thickness, mm (default 0.6:5)", &r.sliceThicknessMm},
            {"increment-range", "slice spacing / thickness (default 0.5:1, < 1 overlapping)", &r.sliceIncrementRatio},
            {"scan-length-range", "craniocaudal coverage, mm (default 170:250)", &r.scanLengthMm},
            {"kernel-range", "reconstruction kernel, -1 soft .. 1 sharp (default -1:1)", &r.kernelSharpness},
            {"noise-range", "noise standard deviation in the mid neck, HU (default 5:40)", &r.noiseStandardDeviationHu},
            {"artery-range", "arterial enhancement, HU (default 120:400)", &r.arteryHu},
            {"muscle-range", "muscle, HU (default 40:80)", &r.muscleHu},
            {"fat-range", "fat, HU (default -120:-80)", &r.fatHu},
            {"subcutaneous-fat-range", "subcutaneous fat thickness, mm (default 3:25)", &r.subcutaneousFatMm},
            {"tilt-range", "head tilt (roll and pitch), degrees (default -5:5)", &r.tiltDegrees},
            {"yaw-range", "rotation about the scanner axis, degrees (default -8:8)", &r.yawDegrees},
            {"node-size-range", "node long axis, mm (default 3:30)", &r.nodes.longAxisMm},
            {"node-hu-range", "node density before texture, HU (default 10:90)", &r.nodes.valueHu}};
}

Range parseRange(const std::string& text)
{
    const auto colon = text.find(':', 1);  // a leading minus sign is not the separator
    if (colon == std::string::npos)
        throw std::invalid_argument("range '" + text + "' is not LOW:HIGH");
    const std::string lowText = text.substr(0, colon), highText = text.substr(colon + 1);
    char* end = nullptr;
    const double low = std::strtod(lowText.c_str(), &end);
    if (lowText.empty() || *end)
        throw std::invalid_argument("range '" + text + "' is not LOW:HIGH");
    const double high = std::strtod(highText.c_str(), &end);
    if (highText.empty() || *end || !(low <= high))
        throw std::invalid_argument("range '" + text + "' is not LOW:HIGH with LOW <= HIGH");
    return {low, high};
}

bool setRandomizationRange(DomainRandomization& randomization, const std::string& name, const std::string& value)
{
    for (const RandomizationRangeOption& option : randomizationRangeOptions(randomization))
        if (option.name == name) {
            *option.range = parseRange(value);
            return true;
        }
    return false;
}

}  // namespace lnseg
