#pragma once
// "Open whatever the user pointed at": an image file (NIfTI, NRRD, MetaImage) or a DICOM file or
// folder. Describes what is there (series, geometry, value range, problems found) and loads one
// image series as a Volume. Used by the command-line tool and the viewer alike.

#include "image/VoxelGrid.h"
#include "io/DicomSeries.h"
#include "io/ImportReport.h"

#include <nlohmann/json_fwd.hpp>

#include <optional>
#include <string>
#include <vector>

namespace lnseg {

struct SeriesDescription {
    std::string path;          // what the user named
    std::string source;        // "dicom" or "file"
    std::string format;        // "dicom", "nifti", "nrrd", "metaimage"
    std::string objectKind = "image";  // image, segmentation, rtstruct, rtdose, rtplan, report, other
    std::string seriesInstanceUid;
    std::string seriesKey;     // names the series for --series (DicomSeriesInfo::seriesKey); empty for image files
    std::string studyInstanceUid;
    std::string sopClassUid;
    std::string transferSyntaxUid;
    std::string modality;
    std::string description;
    int seriesNumber = 0;
    std::size_t fileCount = 0;
    bool loaded = false;             // geometry and value range below are valid
    ImageGeometry geometry;
    std::int16_t minimumValue = 0;
    std::int16_t maximumValue = 0;
    ImportReport report;
    std::vector<SkippedFile> skipped;
    std::string loadError;           // set when an image series could not be loaded
};

struct LoadedImage {
    Volume volume;
    SeriesDescription description;
    std::vector<std::string> sliceFiles;  // DICOM: the file of each volume slice, in slice order
};

// Describes every series at `path`. Image series are loaded to measure their value range; a
// series that fails to load is still described, with loadError set. Throws std::runtime_error
// when `path` does not exist or holds nothing readable.
std::vector<SeriesDescription> describeSource(const std::string& path, const DicomLoadOptions& options = {});

// Loads the image at `path`. For DICOM with several image series, `series` picks one: its series
// key (DicomSeriesInfo::seriesKey) or its Series Instance UID; without it the call fails with a
// message listing the series keys. Throws std::runtime_error.
LoadedImage loadImageSource(const std::string& path, const std::string& series = {},
                            const DicomLoadOptions& options = {});

// Stable JSON form (field names documented in the README).
nlohmann::json toJson(const SeriesDescription& description);

}  // namespace lnseg
