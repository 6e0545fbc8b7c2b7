#include "io/DicomAttributes.h"

#include "io/GeometryPlausibility.h"

#include <cmath>
#include <cstdlib>

namespace lnseg {

std::string readString(DcmItem& item, const DcmTagKey& tag)
{
    OFString value;
    if (item.findAndGetOFStringArray(tag, value).good()) {
        std::string text(value.c_str());
        const auto first = text.find_first_not_of(" \0", 0, 2);
        const auto last = text.find_last_not_of(" \0", std::string::npos, 2);
        return first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
    }
    return {};
}

std::vector<double> readDoubles(DcmItem& item, const DcmTagKey& tag)
{
    std::vector<double> values;
    DcmElement* element = nullptr;
    if (item.findAndGetElement(tag, element).bad() || element == nullptr)
        return values;
    const unsigned long count = element->getVM();
    for (unsigned long index = 0; index < count; ++index) {
        Float64 value = 0;
        if (element->getFloat64(value, index).good()) {
            values.push_back(value);
            continue;
        }
        // Decimal strings are read as text so that unusual formatting (leading '+', spaces)
        // still parses.
        OFString text;
        if (element->getOFString(text, index).bad())
            return {};
        char* end = nullptr;
        const double parsed = std::strtod(text.c_str(), &end);
        if (end == text.c_str() || !std::isfinite(parsed))
            return {};
        values.push_back(parsed);
    }
    return values;
}

std::optional<double> readDouble(DcmItem& item, const DcmTagKey& tag)
{
    const auto values = readDoubles(item, tag);
    if (values.empty())
        return std::nullopt;
    return values.front();
}

std::optional<long> readInteger(DcmItem& item, const DcmTagKey& tag)
{
    Sint32 signedValue = 0;
    Uint16 unsignedShort = 0;
    Uint32 unsignedLong = 0;
    DcmElement* element = nullptr;
    if (item.findAndGetElement(tag, element).bad() || element == nullptr || element->getLength() == 0)
        return std::nullopt;
    switch (element->ident()) {
    case EVR_US:
        if (element->getUint16(unsignedShort).good())
            return unsignedShort;
        break;
    case EVR_UL:
        if (element->getUint32(unsignedLong).good())
            return static_cast<long>(unsignedLong);
        break;
    case EVR_SL:
    case EVR_SS:
        if (item.findAndGetSint32(tag, signedValue).good())
            return signedValue;
        break;
    default:
        break;
    }
    // IS and anything else: through the text.
    const auto value = readDouble(item, tag);
    if (value && std::abs(*value) < 1.0e15)
        return static_cast<long>(std::lround(*value));
    return std::nullopt;
}

void FrameAttributes::fillFrom(const FrameAttributes& other)
{
    if (!position)
        position = other.position;
    if (!orientation)
        orientation = other.orientation;
    if (!pixelSpacing)
        pixelSpacing = other.pixelSpacing;
    if (!unusablePixelSpacing)
        unusablePixelSpacing = other.unusablePixelSpacing;
    if (!sliceThickness)
        sliceThickness = other.sliceThickness;
    if (!spacingBetweenSlices)
        spacingBetweenSlices = other.spacingBetweenSlices;
    if (!rescaleSlope)
        rescaleSlope = other.rescaleSlope;
    if (!rescaleIntercept)
        rescaleIntercept = other.rescaleIntercept;
}

namespace {

void readInto(DcmItem& item, FrameAttributes& attributes)
{
    const auto position = readDoubles(item, DCM_ImagePositionPatient);
    if (position.size() == 3)
        attributes.position = Vector3{position[0], position[1], position[2]};
    const auto orientation = readDoubles(item, DCM_ImageOrientationPatient);
    if (orientation.size() == 6) {
        std::array<double, 6> values{};
        for (int index = 0; index < 6; ++index)
            values[index] = orientation[index];
        const Vector3 row{values[0], values[1], values[2]};
        const Vector3 column{values[3], values[4], values[5]};
        // A degenerate orientation is as good as none.
        if (norm(row) > 0.5 && norm(column) > 0.5 && norm(cross(row, column)) > 0.5)
            attributes.orientation = values;
    }
    const auto spacing = readDoubles(item, DCM_PixelSpacing);
    if (spacing.size() == 2 && plausiblePixelSpacing(spacing[0]) && plausiblePixelSpacing(spacing[1])) {
        attributes.pixelSpacing = std::array<double, 2>{spacing[0], spacing[1]};
    } else if (DcmElement* element = nullptr; item.findAndGetElement(DCM_PixelSpacing, element, false).good() && element) {
        OFString text;
        element->getOFStringArray(text);
        attributes.unusablePixelSpacing = text.c_str();
    }
    if (auto value = readDouble(item, DCM_SliceThickness); value && plausibleSliceSpacing(*value))
        attributes.sliceThickness = value;
    if (auto value = readDouble(item, DCM_SpacingBetweenSlices); value && plausibleSliceSpacing(*value))
        attributes.spacingBetweenSlices = value;
    if (auto value = readDouble(item, DCM_RescaleSlope); value && *value != 0)
        attributes.rescaleSlope = value;
    if (auto value = readDouble(item, DCM_RescaleIntercept))
        attributes.rescaleIntercept = value;
}

DcmItem* firstItemOf(DcmItem& parent, const DcmTagKey& sequenceTag)
{
    DcmItem* item = nullptr;
    if (parent.findAndGetSequenceItem(sequenceTag, item, 0).good())
        return item;
    return nullptr;
}

}  // namespace

FrameAttributes readTopLevelFrameAttributes(DcmItem& item)
{
    FrameAttributes attributes;
    readInto(item, attributes);
    return attributes;
}

FrameAttributes readFunctionalGroup(DcmItem& groupItem)
{
    FrameAttributes attributes;
    for (const DcmTagKey& sequence : {DCM_PlanePositionSequence, DCM_PlaneOrientationSequence,
                                      DCM_PixelMeasuresSequence, DCM_PixelValueTransformationSequence}) {
        if (DcmItem* item = firstItemOf(groupItem, sequence))
            readInto(*item, attributes);
    }
    return attributes;
}

}  // namespace lnseg
