#include "io/ImageSource.h"

#include "io/ImageFileIO.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>

namespace lnseg {
namespace {

std::string formatOfFile(const std::string& path)
{
    std::string name = std::filesystem::path(path).filename().string();
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    if (name.find(".nii") != std::string::npos)
        return "nifti";
    if (name.find(".nrrd") != std::string::npos || name.find(".nhdr") != std::string::npos)
        return "nrrd";
    return "metaimage";
}

void measureValueRange(const Volume& volume, SeriesDescription& description)
{
    const auto [low, high] = std::minmax_element(volume.data(), volume.data() + volume.voxelCount());
    description.minimumValue = *low;
    description.maximumValue = *high;
    description.geometry = volume.geometry();
    description.loaded = true;
}

SeriesDescription describeDicomSeries(const std::string& path, const DicomSeriesInfo& series)
{
    SeriesDescription description;
    description.path = path;
    description.source = "dicom";
    description.format = "dicom";
    description.objectKind = toString(series.kind);
    description.seriesInstanceUid = series.seriesInstanceUid;
    description.seriesKey = series.seriesKey;
    description.studyInstanceUid = series.studyInstanceUid;
    description.sopClassUid = series.sopClassUid;
    description.transferSyntaxUid = series.transferSyntaxUid;
    description.modality = series.modality;
    description.description = series.seriesDescription;
    description.seriesNumber = series.seriesNumber;
    description.fileCount = series.files.size();
    description.report = series.report;
    return description;
}

LoadedImage loadDicom(const std::string& path, const DicomSeriesInfo& series, const DicomLoadOptions& options)
{
    LoadedImage image;
    image.description = describeDicomSeries(path, series);
    LoadedDicomSeries loaded = loadDicomSeries(series, options);
    image.volume = std::move(loaded.volume);
    image.description.report = std::move(loaded.report);
    image.sliceFiles = std::move(loaded.sliceFiles);
    measureValueRange(image.volume, image.description);
    return image;
}

std::string listSeries(const std::vector<const DicomSeriesInfo*>& series)
{
    std::string text;
    for (const auto* info : series)
        text += (text.empty() ? " " : "; ") + info->seriesKey + " (" + info->modality + ", " +
                std::to_string(info->frames.size()) + " images" +
                (info->seriesDescription.empty() ? std::string() : ", " + info->seriesDescription) + ")";
    return text;
}

}  // namespace

std::vector<SeriesDescription> describeSource(const std::string& path, const DicomLoadOptions& options)
{
    if (!std::filesystem::exists(path))
        throw std::runtime_error(path + ": no such file or folder");
    if (std::filesystem::is_regular_file(path) && isSupportedImageFile(path)) {
        LoadedImage image = loadImageSource(path, {}, options);
        return {std::move(image.description)};
    }
    const DicomScanResult scan = scanDicom(path);
    if (scan.series.empty()) {
        std::string message = path + ": no DICOM series found";
        if (!scan.skipped.empty())
            message += " (" + std::to_string(scan.skipped.size()) + " unreadable files, e.g. " +
                       scan.skipped.front().path + ": " + scan.skipped.front().reason + ")";
        throw std::runtime_error(message);
    }
    std::vector<SeriesDescription> descriptions;
    for (const DicomSeriesInfo& series : scan.series) {
        SeriesDescription description = describeDicomSeries(path, series);
        if (series.kind == DicomObjectKind::Image) {
            try {
                description = loadDicom(path, series, options).description;
            } catch (const ImportCancelled&) {
                throw;
            } catch (const std::exception& error) {
                description.loadError = error.what();
            }
        }
        descriptions.push_back(std::move(description));
    }
    // Files that were not DICOM at all belong to no series: report them on the first one.
    descriptions.front().skipped.insert(descriptions.front().skipped.end(), scan.skipped.begin(), scan.skipped.end());
    return descriptions;
}

LoadedImage loadImageSource(const std::string& path, const std::string& seriesChoice,
                            const DicomLoadOptions& options)
{
    if (!std::filesystem::exists(path))
        throw std::runtime_error(path + ": no such file or folder");
    if (std::filesystem::is_regular_file(path) && isSupportedImageFile(path)) {
        LoadedImage image;
        image.description.path = path;
        image.description.source = "file";
        image.description.format = formatOfFile(path);
        image.description.fileCount = 1;
        image.volume = readVolume(path, &image.description.report);
        measureValueRange(image.volume, image.description);
        return image;
    }
    const DicomScanResult scan = scanDicom(path);
    std::vector<const DicomSeriesInfo*> images;
    for (const auto& series : scan.series)
        if (series.kind == DicomObjectKind::Image &&
            (seriesChoice.empty() || series.seriesKey == seriesChoice || series.seriesInstanceUid == seriesChoice))
            images.push_back(&series);
    // A key names one part of a series split by geometry, while its UID names every part.
    if (images.size() > 1 && !seriesChoice.empty())
        for (const auto* series : images)
            if (series->seriesKey == seriesChoice)
                images = {series};
    if (images.empty()) {
        if (!seriesChoice.empty())
            throw std::runtime_error(path + ": no image series named " + seriesChoice + " (neither a series key nor a Series Instance UID)");
        std::string why = scan.series.empty() ? std::string() : " (only non-image objects)";
        // A single file (or a folder of files) that could not be read: say why, not only that.
        if (scan.series.empty() && !scan.skipped.empty())
            why = scan.skipped.size() == 1 ? " (" + scan.skipped.front().path + ": " + scan.skipped.front().reason + ")"
                                           : " (" + std::to_string(scan.skipped.size()) + " unreadable files, e.g. " +
                                                 scan.skipped.front().path + ": " + scan.skipped.front().reason + ")";
        throw std::runtime_error(path + ": no DICOM image series found" + why);
    }
    if (images.size() > 1)
        throw std::runtime_error(path + ": " + std::to_string(images.size()) +
                                 " image series found; choose one with --series KEY:" + listSeries(images));
    LoadedImage image = loadDicom(path, *images.front(), options);
    for (const auto& skipped : scan.skipped)
        image.description.skipped.push_back(skipped);
    return image;
}

nlohmann::json toJson(const SeriesDescription& description)
{
    nlohmann::json json;
    json["path"] = description.path;
    json["source"] = description.source;
    json["format"] = description.format;
    json["object_kind"] = description.objectKind;
    json["modality"] = description.modality;
    json["description"] = description.description;
    json["series_instance_uid"] = description.seriesInstanceUid;
    json["series_key"] = description.seriesKey;
    json["study_instance_uid"] = description.studyInstanceUid;
    json["series_number"] = description.seriesNumber;
    json["sop_class_uid"] = description.sopClassUid;
    json["transfer_syntax_uid"] = description.transferSyntaxUid;
    json["file_count"] = description.fileCount;
    json["loaded"] = description.loaded;
    if (description.loaded) {
        const ImageGeometry& g = description.geometry;
        json["dimensions"] = {g.size[0], g.size[1], g.size[2]};
        json["spacing_mm"] = {g.spacing[0], g.spacing[1], g.spacing[2]};
        json["origin_mm"] = {g.origin[0], g.origin[1], g.origin[2]};
        json["direction"] = g.direction;
        json["orientation"] = g.orientationCode();
        json["value_range"] = {description.minimumValue, description.maximumValue};
    }
    if (!description.loadError.empty())
        json["error"] = description.loadError;
    nlohmann::json warnings = nlohmann::json::array();
    for (const auto& message : description.report.messages)
        warnings.push_back({{"code", message.code}, {"message", message.text}});
    for (const auto& skipped : description.skipped)
        warnings.push_back({{"code", "skipped_file"}, {"message", skipped.path + ": " + skipped.reason}});
    json["warnings"] = warnings;
    return json;
}

}  // namespace lnseg
