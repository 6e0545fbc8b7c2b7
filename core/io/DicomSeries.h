#pragma once
// DICOM import through DCMTK: scanning folders into series, and loading one series as a Volume.

#include "image/VoxelGrid.h"
#include "io/ImportReport.h"

#include <atomic>
#include <functional>
#include <string>
#include <vector>

namespace lnseg {

// One file that could not be used, with the reason.
struct SkippedFile {
    std::string path;
    std::string reason;
};

// What kind of object a series holds. Only Image series are loaded as volumes; the others are
// listed so that the user sees them.
enum class DicomObjectKind { Image, Segmentation, RtStructure, RtDose, RtPlan, Report, Other };
const char* toString(DicomObjectKind kind);

// One slice (or one frame of a multi-frame file) as found by the scanner.
struct DicomFrameReference {
    std::string path;
    int frameIndex = 0;             // 0 for single-frame files
    Vector3 position{0, 0, 0};      // Image Position (Patient), LPS mm
    bool hasPosition = false;
    int instanceNumber = 0;
    // Modality LUT of this frame (Rescale Slope/Intercept, or the Pixel Value Transformation
    // functional group of enhanced multi-frame objects).
    double rescaleSlope = 1.0;
    double rescaleIntercept = 0.0;
};

struct DicomSeriesInfo {
    std::string seriesInstanceUid;  // empty when the files have none
    // What names the series for a choice (`--series`, the application's picker, a saved session):
    // the Series Instance UID; "UID#2" for the second part of a series split by geometry;
    // "nouid-<16 hex digits>" for files without a Series Instance UID (SeriesIdentity.h).
    std::string seriesKey;
    std::string studyInstanceUid;
    std::string sopClassUid;
    std::string modality;
    std::string seriesDescription;
    std::string patientName;
    std::string patientId;
    std::string studyDate;
    std::string transferSyntaxUid;  // of the first file
    int seriesNumber = 0;
    DicomObjectKind kind = DicomObjectKind::Image;
    // Geometry common to the frames: rows, columns, orientation, pixel spacing.
    int rows = 0;
    int columns = 0;
    Vector3 rowDirection{1, 0, 0};     // Image Orientation (Patient), first triplet
    Vector3 columnDirection{0, 1, 0};  // second triplet
    double pixelSpacingRow = 1.0;      // spacing between rows (mm), first value of Pixel Spacing
    double pixelSpacingColumn = 1.0;   // spacing between columns (mm)
    // Slice Thickness / Spacing Between Slices as stated (0 when absent); used only for a
    // single slice or frames without their own position.
    double sliceThickness = 0.0;
    double spacingBetweenSlices = 0.0;
    std::vector<std::string> files;          // distinct files in the series
    std::vector<DicomFrameReference> frames; // one per frame to load, in file order (not sorted)
    ImportReport report;                     // problems found while scanning
};

struct DicomScanResult {
    std::vector<DicomSeriesInfo> series;
    std::vector<SkippedFile> skipped;  // unreadable or non-DICOM files
};

struct DicomLoadOptions {
    // Resample uneven or gantry-tilted stacks onto a regular orthogonal grid (recommended;
    // always reported in the ImportReport).
    bool resampleIrregularGrids = true;
    // Number of decoding threads (0 = hardware concurrency).
    int threads = 0;
    // Called with (framesDone, framesTotal); may be empty.
    std::function<void(std::size_t, std::size_t)> progress;
    // Set from another thread to cancel; loadDicomSeries then throws ImportCancelled.
    const std::atomic<bool>* cancel = nullptr;
};

struct ImportCancelled : std::runtime_error {
    ImportCancelled() : std::runtime_error("import cancelled") {}
};

struct LoadedDicomSeries {
    Volume volume;         // Hounsfield units (or stored values * slope + intercept for other modalities)
    ImportReport report;   // scan messages plus load messages (skipped files, resampling, ...)
    std::vector<std::string> sliceFiles;  // the file each output slice came from, in slice order
    double sliceSpacing = 0;              // before any resampling
};

// Scans a folder recursively (reading DICOMDIR when present) or a single file. Never throws for
// bad files: they are listed in `skipped`. Throws std::runtime_error when `path` does not exist.
DicomScanResult scanDicom(const std::string& path);

// Loads one image series as a volume, slices ordered along the slice normal.
// Throws std::runtime_error with a message naming the file for problems that make the series
// unusable; problems that can be worked around are reported in the result's report.
LoadedDicomSeries loadDicomSeries(const DicomSeriesInfo& series, const DicomLoadOptions& options = {});

// True when `path` looks like a DICOM file (preamble + DICM, or a plausible raw data set).
bool isDicomFile(const std::string& path);

}  // namespace lnseg
