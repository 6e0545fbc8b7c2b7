#pragma once
// What a derived object (a DICOM SEG, a de-identified export) needs to know about the DICOM
// series a volume came from: the patient, study and series attributes and the instance each
// volume slice came from. Recorded when a case is added to a project, so that exports work
// without the original files; stored as JSON next to the case.

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace lnseg {

// One volume slice's source instance (slice k of the volume = instances[k]).
struct DicomInstanceReference {
    std::string sopClassUid;
    std::string sopInstanceUid;
    int frameNumber = 0;  // 1-based frame of a multi-frame instance; 0 for single-frame files
};

struct DicomSourceAttributes {
    // Patient module
    std::string patientName;
    std::string patientId;
    std::string patientBirthDate;
    std::string patientSex;
    // General study module
    std::string studyInstanceUid;
    std::string studyDate;
    std::string studyTime;
    std::string studyId;
    std::string studyDescription;
    std::string accessionNumber;
    std::string referringPhysicianName;
    // Series, equipment and frame of reference
    std::string seriesInstanceUid;
    std::string seriesDescription;
    std::string seriesNumber;
    std::string modality;
    std::string manufacturer;
    std::string institutionName;
    std::string frameOfReferenceUid;
    std::vector<DicomInstanceReference> instances;  // in volume slice order

    bool empty() const { return seriesInstanceUid.empty() && instances.empty(); }
};

// Reads the attributes from the files of one series, given in volume slice order (as
// LoadedImage::sliceFiles lists them; a multi-frame file listed N times gives frames 1..N).
// Throws std::runtime_error naming the file when one cannot be read.
DicomSourceAttributes readDicomSourceAttributes(const std::vector<std::string>& sliceFiles);

nlohmann::json toJson(const DicomSourceAttributes& attributes);
// Throws std::runtime_error when the JSON is not such a record.
DicomSourceAttributes dicomSourceAttributesFromJson(const nlohmann::json& json);

}  // namespace lnseg
