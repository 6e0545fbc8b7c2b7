#pragma once
// Writes a Volume as a DICOM CT Image Storage series: one file per slice, with realistic patient,
// study, series, equipment and acquisition attributes, through DCMTK.
//
// Storage: by default the way many scanners do it, unsigned 16-bit values with Rescale Intercept
// -1024 and slope 1 (stored = HU + 1024, Bits Stored 12 when the values fit, else 16). Volumes
// holding values below -1024 HU, or written with unsignedStorage = false, are stored signed with
// intercept 0. Either way HU = stored * slope + intercept exactly.
//
// Files are named <prefix><instance number, 6 digits>.dcm. Instance numbers run from the most
// superior slice (1) downwards, as a head-first scan produces them. Each file is written under a
// temporary name in the target folder and renamed when complete, so a reader never sees half a
// file; existing files are never replaced unless `overwrite` is set (and then only by rename).

#include "image/VoxelGrid.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lnseg {

enum class DicomTransferSyntax {
    ExplicitLittleEndian,  // 1.2.840.10008.1.2.1, uncompressed
    JpegLsLossless,        // 1.2.840.10008.1.2.4.80
};

struct DicomSeriesWriteOptions {
    DicomTransferSyntax transferSyntax = DicomTransferSyntax::ExplicitLittleEndian;
    int threads = 1;  // 0: one per hardware thread
    bool overwrite = false;
    bool unsignedStorage = true;
    std::string filePrefix = "CT";

    std::string patientName = "PHANTOM^NECK";
    std::string patientId = "LNSEG-PH-0001";
    std::string patientBirthDate = "19620314";  // YYYYMMDD
    std::string patientSex = "O";               // M, F or O
    std::string studyDescription = "CT NECK WITH CONTRAST";
    std::string seriesDescription = "NECK 1.5 SOFT TISSUE";
    std::string accessionNumber = "LN000001";
    std::string studyId = "1";
    int seriesNumber = 2;
    // Empty: generated (UIDs) or the current date and time.
    std::string studyInstanceUid;
    std::string seriesInstanceUid;
    std::string frameOfReferenceUid;
    // SOP Instance UID of each volume slice k (slice order, not instance number order); empty:
    // generated. Lets a caller write a series whose instances it has already referenced.
    std::vector<std::string> sliceSopInstanceUids;
    std::string manufacturer = "lnseg phantom";
    std::string manufacturerModelName = "Synthetic Neck CT";
    std::string institutionName = "lnseg synthetic data";
    std::string stationName = "PHANTOM01";
    bool omitDates = false;  // leave every date and time empty (de-identified exports)
    std::string studyDate;  // YYYYMMDD
    std::string studyTime;  // HHMMSS
    double sliceThicknessMm = 0;  // 0: the slice spacing
    double windowCenter = 40;
    double windowWidth = 400;
    double kvp = 120;
    int tubeCurrentMilliampere = 180;
};

struct DicomSeriesWriteResult {
    std::vector<std::string> files;  // in instance number order
    std::string studyInstanceUid;
    std::string seriesInstanceUid;
    std::uintmax_t totalBytes = 0;
};

// Writes the series into `folder` (created when missing). Throws std::runtime_error on failure
// (a file already there without `overwrite`, disk full, encoder error); files completed before the
// failure stay, temporary files are removed. The volume must be axial or oblique with orthonormal
// direction cosines.
DicomSeriesWriteResult writeDicomSeries(const Volume& volume, const std::string& folder,
                                        const DicomSeriesWriteOptions& options = {});

// The UID of a transfer syntax, for checks.
const char* transferSyntaxUid(DicomTransferSyntax syntax);

}  // namespace lnseg
