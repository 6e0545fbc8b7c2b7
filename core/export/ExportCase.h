#pragma once
// What an export of curated cases takes: one record per case (plain data; the project manifest
// fills them) and the options shared by every export format.

#include "io/DicomSourceAttributes.h"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace lnseg {

struct ExportCase {
    std::string caseId;            // used in file names: letters, digits, '.', '-', '_'
    std::string patientPseudonym;  // replaces the patient's name and id in de-identified exports
    std::string split;             // "train", "validation" or "test"
    std::string reviewState;
    std::string reviewer;
    std::string imagePath;         // NIfTI (or any image file ITK reads)
    std::string sessionPath;       // *.review.json: the instance label map and the nodes
    std::optional<DicomSourceAttributes> dicom;  // when the image came from a DICOM series
};

enum class ExportFormat { Nifti, NnUnet, DicomSeg, Report };

struct ExportOptions {
    std::string outputFolder;
    bool deidentify = true;
    // Where the pseudonym mapping goes (de-identified exports only); must lie outside
    // outputFolder. Empty: <outputFolder>.pseudonyms.json beside the folder.
    std::string pseudonymMappingFile;
    // Export into a folder that already holds files (existing files of the same name are then
    // replaced, each by an atomic rename). Without it a non-empty folder is refused.
    bool allowNonEmptyFolder = false;
    // Secret mixed into the de-identified UIDs; empty: a random one per export (kept in the
    // mapping file, so a later export can reuse it and produce the same UIDs).
    std::string uidSecret;

    // nnU-Net v2
    int nnunetDatasetId = 501;                  // DatasetNNN_...: 1..999
    std::string nnunetDatasetName = "CervicalLymphNodes";
    bool perLevel = false;                      // one class per nodal level instead of "node"
    bool nnunetTestLabels = true;               // write labelsTs/ for the test cases
};

struct ExportSummary {
    std::string outputFolder;
    std::string pseudonymMappingFile;  // empty when not de-identified
    std::size_t cases = 0;
    std::size_t nodes = 0;
    std::vector<std::string> files;    // written, relative to outputFolder
};

}  // namespace lnseg
