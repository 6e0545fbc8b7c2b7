#include "io/DicomSourceAttributes.h"

#include "io/DicomAttributes.h"
#include "io/DicomFileReading.h"

#include <dcmtk/dcmdata/dctk.h>
#include <nlohmann/json.hpp>

#include <map>
#include <stdexcept>

namespace lnseg {

namespace {

struct FileAttributes {
    std::string sopClassUid;
    std::string sopInstanceUid;
    int frames = 1;
};

// Field name in JSON <-> member, for the string attributes (one list for both directions).
using StringMember = std::string DicomSourceAttributes::*;
const std::vector<std::pair<const char*, StringMember>>& stringMembers()
{
    static const std::vector<std::pair<const char*, StringMember>> members = {
        {"patientName", &DicomSourceAttributes::patientName},
        {"patientId", &DicomSourceAttributes::patientId},
        {"patientBirthDate", &DicomSourceAttributes::patientBirthDate},
        {"patientSex", &DicomSourceAttributes::patientSex},
        {"studyInstanceUid", &DicomSourceAttributes::studyInstanceUid},
        {"studyDate", &DicomSourceAttributes::studyDate},
        {"studyTime", &DicomSourceAttributes::studyTime},
        {"studyId", &DicomSourceAttributes::studyId},
        {"studyDescription", &DicomSourceAttributes::studyDescription},
        {"accessionNumber", &DicomSourceAttributes::accessionNumber},
        {"referringPhysicianName", &DicomSourceAttributes::referringPhysicianName},
        {"seriesInstanceUid", &DicomSourceAttributes::seriesInstanceUid},
        {"seriesDescription", &DicomSourceAttributes::seriesDescription},
        {"seriesNumber", &DicomSourceAttributes::seriesNumber},
        {"modality", &DicomSourceAttributes::modality},
        {"manufacturer", &DicomSourceAttributes::manufacturer},
        {"institutionName", &DicomSourceAttributes::institutionName},
        {"frameOfReferenceUid", &DicomSourceAttributes::frameOfReferenceUid},
    };
    return members;
}

void readSeriesLevel(DcmItem& d, DicomSourceAttributes& a)
{
    a.patientName = readString(d, DCM_PatientName);
    a.patientId = readString(d, DCM_PatientID);
    a.patientBirthDate = readString(d, DCM_PatientBirthDate);
    a.patientSex = readString(d, DCM_PatientSex);
    a.studyInstanceUid = readString(d, DCM_StudyInstanceUID);
    a.studyDate = readString(d, DCM_StudyDate);
    a.studyTime = readString(d, DCM_StudyTime);
    a.studyId = readString(d, DCM_StudyID);
    a.studyDescription = readString(d, DCM_StudyDescription);
    a.accessionNumber = readString(d, DCM_AccessionNumber);
    a.referringPhysicianName = readString(d, DCM_ReferringPhysicianName);
    a.seriesInstanceUid = readString(d, DCM_SeriesInstanceUID);
    a.seriesDescription = readString(d, DCM_SeriesDescription);
    a.seriesNumber = readString(d, DCM_SeriesNumber);
    a.modality = readString(d, DCM_Modality);
    a.manufacturer = readString(d, DCM_Manufacturer);
    a.institutionName = readString(d, DCM_InstitutionName);
    a.frameOfReferenceUid = readString(d, DCM_FrameOfReferenceUID);
}

}  // namespace

DicomSourceAttributes readDicomSourceAttributes(const std::vector<std::string>& sliceFiles)
{
    DicomSourceAttributes attributes;
    std::map<std::string, FileAttributes> files;
    std::map<std::string, int> framesSeen;
    for (const std::string& path : sliceFiles) {
        auto found = files.find(path);
        if (found == files.end()) {
            DcmFileFormat file;
            if (loadDicomFile(file, path, true).bad())
                throw std::runtime_error(path + ": cannot be read as DICOM");
            DcmDataset& data = *file.getDataset();
            if (files.empty())
                readSeriesLevel(data, attributes);
            FileAttributes entry;
            entry.sopClassUid = readString(data, DCM_SOPClassUID);
            entry.sopInstanceUid = readString(data, DCM_SOPInstanceUID);
            if (entry.sopInstanceUid.empty())
                entry.sopInstanceUid = readString(*file.getMetaInfo(), DCM_MediaStorageSOPInstanceUID);
            if (entry.sopClassUid.empty())
                entry.sopClassUid = readString(*file.getMetaInfo(), DCM_MediaStorageSOPClassUID);
            entry.frames = static_cast<int>(readInteger(data, DCM_NumberOfFrames).value_or(1));
            found = files.emplace(path, entry).first;
        }
        DicomInstanceReference reference;
        reference.sopClassUid = found->second.sopClassUid;
        reference.sopInstanceUid = found->second.sopInstanceUid;
        if (found->second.frames > 1)
            reference.frameNumber = ++framesSeen[path];
        attributes.instances.push_back(reference);
    }
    return attributes;
}

nlohmann::json toJson(const DicomSourceAttributes& attributes)
{
    nlohmann::json json = nlohmann::json::object();
    for (const auto& [name, member] : stringMembers())
        json[name] = attributes.*member;
    nlohmann::json instances = nlohmann::json::array();
    for (const DicomInstanceReference& instance : attributes.instances) {
        nlohmann::json entry = {{"sopClassUid", instance.sopClassUid}, {"sopInstanceUid", instance.sopInstanceUid}};
        if (instance.frameNumber > 0)
            entry["frameNumber"] = instance.frameNumber;
        instances.push_back(std::move(entry));
    }
    json["instances"] = std::move(instances);
    return json;
}

DicomSourceAttributes dicomSourceAttributesFromJson(const nlohmann::json& json)
{
    if (!json.is_object())
        throw std::runtime_error("DICOM source attributes: not a JSON object");
    DicomSourceAttributes attributes;
    try {
        for (const auto& [name, member] : stringMembers())
            attributes.*member = json.value(name, std::string());
        for (const nlohmann::json& entry : json.value("instances", nlohmann::json::array())) {
            DicomInstanceReference instance;
            instance.sopClassUid = entry.at("sopClassUid").get<std::string>();
            instance.sopInstanceUid = entry.at("sopInstanceUid").get<std::string>();
            instance.frameNumber = entry.value("frameNumber", 0);
            attributes.instances.push_back(instance);
        }
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(std::string("DICOM source attributes: ") + error.what());
    }
    return attributes;
}

}  // namespace lnseg
