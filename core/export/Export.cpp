#include "export/Export.h"

#include <stdexcept>

namespace lnseg {

ExportFormat exportFormatFromString(const std::string& text)
{
    if (text == "nifti")
        return ExportFormat::Nifti;
    if (text == "nnunet")
        return ExportFormat::NnUnet;
    if (text == "dicom-seg")
        return ExportFormat::DicomSeg;
    if (text == "report")
        return ExportFormat::Report;
    throw std::runtime_error("unknown export format '" + text + "' (nifti, nnunet, dicom-seg, report)");
}

const char* toString(ExportFormat format)
{
    switch (format) {
    case ExportFormat::Nifti: return "nifti";
    case ExportFormat::NnUnet: return "nnunet";
    case ExportFormat::DicomSeg: return "dicom-seg";
    case ExportFormat::Report: return "report";
    }
    return "";
}

ExportSummary exportCases(const std::vector<ExportCase>& cases, ExportFormat format, const ExportOptions& options)
{
    switch (format) {
    case ExportFormat::Nifti: return exportNifti(cases, options);
    case ExportFormat::NnUnet: return exportNnUnet(cases, options);
    case ExportFormat::DicomSeg: return exportDicomSeg(cases, options);
    case ExportFormat::Report: return exportNodeReport(cases, options);
    }
    throw std::runtime_error("unknown export format");
}

}  // namespace lnseg
