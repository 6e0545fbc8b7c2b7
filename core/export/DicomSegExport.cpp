// DICOM SEG export: per case <case>/<case>_seg.dcm and, where the SEG needs a series to
// reference, the CT as a DICOM series in <case>/CT/:
//  - de-identified: always the CT series (written from the case's image) under the de-identified
//    UIDs, so the SEG's references resolve to instances that exist in the export; the originals
//    are never copied or referenced;
//  - not de-identified, DICOM source: only the SEG, referencing the original series;
//  - not de-identified, no DICOM source: the CT series with new UIDs, referenced by the SEG;
//  - a DICOM source whose anonymiser emptied UIDs the SEG must reference (study, series, frame of
//    reference, an instance's SOP Class or Instance UID): as without a DICOM source, the CT series
//    written with new UIDs in place of the missing ones (the patient module kept unless
//    de-identified), so that no SEG references an empty UID; the manifest lists what was generated.
// A case without nodes (or only rejected ones) gets no SEG; the manifest says so.

#include "export/Export.h"
#include "export/ExportRun.h"
#include "io/DicomSegmentationWriter.h"
#include "io/DicomSeriesWriter.h"

#include <dcmtk/dcmdata/dcuid.h>

#include <filesystem>
#include <stdexcept>
#include <vector>

namespace lnseg {
namespace fs = std::filesystem;

namespace {

std::string newUid(const char* root)
{
    char buffer[100];
    dcmGenerateUniqueIdentifier(buffer, root);
    return buffer;
}

// The names of the UIDs a SEG would have to reference that `source` lacks; empty when none.
std::vector<std::string> missingReferenceUids(const DicomSourceAttributes& source)
{
    std::vector<std::string> missing;
    if (source.studyInstanceUid.empty())
        missing.push_back("Study Instance UID");
    if (source.seriesInstanceUid.empty())
        missing.push_back("Series Instance UID");
    if (source.frameOfReferenceUid.empty())
        missing.push_back("Frame of Reference UID");
    bool classMissing = false, instanceMissing = false;
    for (const DicomInstanceReference& instance : source.instances) {
        classMissing = classMissing || instance.sopClassUid.empty();
        instanceMissing = instanceMissing || instance.sopInstanceUid.empty();
    }
    if (classMissing)
        missing.push_back("SOP Class UID");
    if (instanceMissing)
        missing.push_back("SOP Instance UID");
    return missing;
}

// The attributes of the CT series the export writes for a case (a SEG then references it).
DicomSourceAttributes seriesToWrite(const ExportCase& c, const Volume& image, ExportRun& run)
{
    const std::size_t slices = static_cast<std::size_t>(image.geometry().size[2]);
    if (c.dicom) {
        if (c.dicom->instances.size() != slices)
            throw std::runtime_error("case " + c.caseId + ": the DICOM source has " + std::to_string(c.dicom->instances.size()) +
                                     " instances for " + std::to_string(slices) + " image slices");
        DicomSourceAttributes attributes =
            run.deidentify() ? deidentifiedAttributes(*c.dicom, c.patientPseudonym, run.uids()) : *c.dicom;
        // UIDs the source lacks are generated (new for this export: two exports differ there).
        if (attributes.studyInstanceUid.empty())
            attributes.studyInstanceUid = newUid(SITE_STUDY_UID_ROOT);
        if (attributes.seriesInstanceUid.empty())
            attributes.seriesInstanceUid = newUid(SITE_SERIES_UID_ROOT);
        if (attributes.frameOfReferenceUid.empty())
            attributes.frameOfReferenceUid = newUid(SITE_SERIES_UID_ROOT);
        for (DicomInstanceReference& instance : attributes.instances)  // written as single-frame CT
            instance = {UID_CTImageStorage,
                        instance.sopInstanceUid.empty() ? newUid(SITE_INSTANCE_UID_ROOT) : instance.sopInstanceUid, 0};
        return attributes;
    }
    DicomSourceAttributes attributes;
    attributes.patientName = c.patientPseudonym.empty() ? c.caseId : c.patientPseudonym;
    attributes.patientId = attributes.patientName;
    attributes.studyInstanceUid = newUid(SITE_STUDY_UID_ROOT);
    attributes.seriesInstanceUid = newUid(SITE_SERIES_UID_ROOT);
    attributes.frameOfReferenceUid = newUid(SITE_SERIES_UID_ROOT);
    attributes.modality = "CT";
    for (std::size_t k = 0; k < slices; ++k)
        attributes.instances.push_back({UID_CTImageStorage, newUid(SITE_INSTANCE_UID_ROOT), 0});
    return attributes;
}

void writeSeries(const Volume& image, const DicomSourceAttributes& attributes, const std::string& folder)
{
    DicomSeriesWriteOptions options;
    options.patientName = attributes.patientName;
    options.patientId = attributes.patientId;
    options.patientBirthDate.clear();
    options.patientSex.clear();
    options.accessionNumber.clear();
    options.studyId.clear();
    options.studyDescription.clear();
    options.seriesDescription = "CT for lymph node segmentation";
    options.manufacturer = attributes.manufacturer.empty() ? "lnseg export" : attributes.manufacturer;
    options.manufacturerModelName.clear();
    options.institutionName.clear();
    options.stationName.clear();
    options.omitDates = true;
    options.studyInstanceUid = attributes.studyInstanceUid;
    options.seriesInstanceUid = attributes.seriesInstanceUid;
    options.frameOfReferenceUid = attributes.frameOfReferenceUid;
    for (const DicomInstanceReference& instance : attributes.instances)
        options.sliceSopInstanceUids.push_back(instance.sopInstanceUid);
    writeDicomSeries(image, folder, options);
}

}  // namespace

ExportSummary exportDicomSeg(const std::vector<ExportCase>& cases, const ExportOptions& options)
{
    ExportRun run(cases, options, "dicom-seg");
    nlohmann::json manifest = run.manifestHeader();
    manifest["ct_series"] = options.deidentify ? "written for every case (de-identified UIDs)"
                                               : "written only for cases without a DICOM source or whose source lacks UIDs";
    for (const ExportCase& c : cases) {
        const LoadedExportCase loaded = loadExportCase(c);
        nlohmann::json entry = run.caseEntry(c, loaded.nodes);
        entry["files"] = nlohmann::json::object();
        DicomSourceAttributes referenced;
        const std::vector<std::string> missing = c.dicom ? missingReferenceUids(*c.dicom) : std::vector<std::string>();
        if (!missing.empty())
            entry["generated_uids"] = {{"missing_in_source", missing},
                                       {"note", "the source series lacks these UIDs (anonymised): the CT series was "
                                                "written with new ones for the SEG to reference"}};
        if (c.dicom && !run.deidentify() && missing.empty()) {
            referenced = *c.dicom;
        } else {
            referenced = seriesToWrite(c, loaded.image, run);
            const std::string folder = c.caseId + "/CT";
            writeSeries(loaded.image, referenced, run.stagedFolder(folder));
            entry["files"]["ct_series"] = folder;
        }
        entry["study_instance_uid"] = referenced.studyInstanceUid;
        entry["referenced_series_instance_uid"] = referenced.seriesInstanceUid;
        entry["frame_of_reference_uid"] = referenced.frameOfReferenceUid;
        bool anyNode = false;
        for (const NodeRecord& node : loaded.nodes)
            anyNode = anyNode || node.status != NodeStatus::Rejected;
        if (anyNode) {
            const std::string seg = c.caseId + "/" + c.caseId + "_seg.dcm";
            DicomSegmentationWriteOptions segOptions;
            segOptions.contentCreatorName = c.reviewer;
            try {
                const DicomSegmentationWriteResult written =
                    writeDicomSegmentation(loaded.labels, loaded.nodes, referenced, run.stagedPath(seg), segOptions);
                entry["files"]["seg"] = seg;
                entry["seg_series_instance_uid"] = written.seriesInstanceUid;
                entry["segments"] = written.segments;
            } catch (const std::exception& error) {
                throw std::runtime_error("case " + c.caseId + ": " + error.what());
            }
        } else {
            entry["note"] = "no nodes to segment: no SEG written";
        }
        manifest["cases"].push_back(entry);
        run.countNodes(loaded.nodes.size());
    }
    run.writeJson("manifest.json", manifest);
    return run.finish();
}

}  // namespace lnseg
