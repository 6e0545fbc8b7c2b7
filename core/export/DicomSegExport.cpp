// DICOM SEG export: per case <case>/<case>_seg.dcm and, where the SEG needs a series to
// reference, the CT as a DICOM series in <case>/CT/:
//  - de-identified: always the CT series (written from the case's image) under the de-identified
//    UIDs, so the SEG's references resolve to instances that exist in the export; the originals
//    are never copied or referenced;
//  - not de-identified, DICOM source: only the SEG, referencing the original series;
//  - not de-identified, no DICOM source: the CT series with new UIDs, referenced by the SEG.
// A case without nodes (or only rejected ones) gets no SEG; the manifest says so.

#include "export/Export.h"
#include "export/ExportRun.h"
#include "io/DicomSegmentationWriter.h"
#include "io/DicomSeriesWriter.h"

#include <dcmtk/dcmdata/dcuid.h>

#include <filesystem>
#include <stdexcept>

namespace lnseg {
namespace fs = std::filesystem;

namespace {

std::string newUid(const char* root)
{
    char buffer[100];
    dcmGenerateUniqueIdentifier(buffer, root);
    return buffer;
}

// The attributes of the CT series the export writes for a case.
DicomSourceAttributes seriesToWrite(const ExportCase& c, const Volume& image, ExportRun& run)
{
    const std::size_t slices = static_cast<std::size_t>(image.geometry().size[2]);
    if (c.dicom && run.deidentify()) {
        if (c.dicom->instances.size() != slices)
            throw std::runtime_error("case " + c.caseId + ": the DICOM source has " + std::to_string(c.dicom->instances.size()) +
                                     " instances for " + std::to_string(slices) + " image slices");
        DicomSourceAttributes attributes = deidentifiedAttributes(*c.dicom, c.patientPseudonym, run.uids());
        for (DicomInstanceReference& instance : attributes.instances)
            instance = {UID_CTImageStorage, instance.sopInstanceUid, 0};  // written as single-frame CT
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
                                               : "written only for cases without a DICOM source";
    for (const ExportCase& c : cases) {
        const LoadedExportCase loaded = loadExportCase(c);
        nlohmann::json entry = run.caseEntry(c, loaded.nodes);
        entry["files"] = nlohmann::json::object();
        DicomSourceAttributes referenced;
        if (c.dicom && !run.deidentify()) {
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
