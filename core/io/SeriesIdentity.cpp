#include "io/SeriesIdentity.h"

#include <cstdint>
#include <cstdio>

namespace lnseg {

std::string SeriesIdentity::text() const
{
    std::string joined;
    for (const std::string* value : {&studyInstanceUid, &studyDate, &studyTime, &patientId, &frameOfReferenceUid, &modality,
                                     &manufacturer, &seriesNumber, &seriesDescription, &imageType, &echoNumbers}) {
        joined += *value;
        joined += '\x1f';  // unit separator: no DICOM text value holds it
    }
    return joined;
}

std::string seriesKeyWithoutUid(const std::string& identityText, const std::string& geometryText)
{
    std::uint64_t hash = 14695981039346656037ull;
    for (const std::string* text : {&identityText, &geometryText})
        for (unsigned char byte : *text + '\x1e') {
            hash ^= byte;
            hash *= 1099511628211ull;
        }
    char digits[17] = {};
    std::snprintf(digits, sizeof digits, "%016llx", static_cast<unsigned long long>(hash));
    return std::string("nouid-") + digits;
}

bool isSeriesKeyWithoutUid(const std::string& key)
{
    return key.rfind("nouid-", 0) == 0;
}

}  // namespace lnseg
