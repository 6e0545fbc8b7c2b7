#pragma once
// Exports of curated cases: NIfTI (image, instance labels, nodes), an nnU-Net v2 raw dataset,
// DICOM SEG (+ CT series where needed) and a node report (CSV + JSON). Every export
//  - checks every case record before writing anything (ids, splits, pseudonyms, files present);
//  - writes into a staging folder beside the target and moves it into place only when complete,
//    so a failure later on (a label map off its image's grid, a disk full) leaves no partial
//    export: the staging folder is removed and the error names the case;
//  - refuses a non-empty target folder unless ExportOptions::allowNonEmptyFolder;
//  - de-identifies unless ExportOptions::deidentify is false (see Deidentification.h) and then
//    writes the pseudonym mapping outside the export folder.

#include "export/ExportCase.h"
#include "nodes/NodeRecord.h"

#include <string>
#include <vector>

namespace lnseg {

// "nifti", "nnunet", "dicom-seg", "report"; throws std::runtime_error for anything else.
ExportFormat exportFormatFromString(const std::string& text);
const char* toString(ExportFormat format);

// Throws std::runtime_error with the case id and the problem.
ExportSummary exportCases(const std::vector<ExportCase>& cases, ExportFormat format, const ExportOptions& options);

// The single formats (exportCases calls these).
ExportSummary exportNifti(const std::vector<ExportCase>& cases, const ExportOptions& options);
ExportSummary exportNnUnet(const std::vector<ExportCase>& cases, const ExportOptions& options);
ExportSummary exportDicomSeg(const std::vector<ExportCase>& cases, const ExportOptions& options);
ExportSummary exportNodeReport(const std::vector<ExportCase>& cases, const ExportOptions& options);

// nnU-Net class of a node for per-level datasets: IA 1, IB 2, IIA 3, IIB 4, III 5, IV 6, VA 7,
// VB 8, VI 9, VII 10, RP 11, other or unassigned 12.
int nnunetLevelClass(NodeLevel level);

}  // namespace lnseg
