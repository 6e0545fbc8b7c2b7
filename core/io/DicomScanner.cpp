// scanDicom: finds DICOM files (through DICOMDIR when there is one), reads each file's header
// once (stopping before Pixel Data) and groups the frames into series.

#include "io/DicomAttributes.h"
#include "io/DicomCodecs.h"
#include "io/DicomSeries.h"
#include "io/DicomFileReading.h"
#include "io/GeometryPlausibility.h"
#include "io/ParallelFor.h"
#include "io/SeriesIdentity.h"

#include <dcmtk/dcmdata/dctk.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace fs = std::filesystem;

namespace lnseg {

const char* toString(DicomObjectKind kind)
{
    switch (kind) {
    case DicomObjectKind::Image: return "image";
    case DicomObjectKind::Segmentation: return "segmentation";
    case DicomObjectKind::RtStructure: return "rtstruct";
    case DicomObjectKind::RtDose: return "rtdose";
    case DicomObjectKind::RtPlan: return "rtplan";
    case DicomObjectKind::Report: return "report";
    case DicomObjectKind::Other: return "other";
    }
    return "unknown";
}

bool isDicomFile(const std::string& path)
{
    std::ifstream stream(path, std::ios::binary);
    if (!stream)
        return false;
    unsigned char header[132] = {};
    stream.read(reinterpret_cast<char*>(header), sizeof header);
    const std::streamsize got = stream.gcount();
    if (got >= 132 && std::memcmp(header + 128, "DICM", 4) == 0)
        return true;
    if (got < 8)
        return false;
    // A raw data set without preamble (old ACR-NEMA style files): it starts, perhaps after a few
    // stray bytes, with a little endian tag of group 0x0002 or 0x0008.
    return rawDataSetOffset(path) >= 0;
}

namespace {

constexpr const char* kMediaStorageDirectory = "1.2.840.10008.1.3.10";

DicomObjectKind classify(const std::string& sopClass, const std::string& modality, bool hasImageSize)
{
    auto startsWith = [&](const char* prefix) { return sopClass.rfind(prefix, 0) == 0; };
    if (sopClass == "1.2.840.10008.5.1.4.1.1.66.4" || modality == "SEG")
        return DicomObjectKind::Segmentation;
    if (sopClass == "1.2.840.10008.5.1.4.1.1.481.3" || modality == "RTSTRUCT")
        return DicomObjectKind::RtStructure;
    if (sopClass == "1.2.840.10008.5.1.4.1.1.481.2" || modality == "RTDOSE")
        return DicomObjectKind::RtDose;
    if (sopClass == "1.2.840.10008.5.1.4.1.1.481.5" || sopClass == "1.2.840.10008.5.1.4.1.1.481.8" || modality == "RTPLAN")
        return DicomObjectKind::RtPlan;
    if (startsWith("1.2.840.10008.5.1.4.1.1.88.") || startsWith("1.2.840.10008.5.1.4.1.1.104.") || modality == "SR")
        return DicomObjectKind::Report;
    // Waveforms, parametric maps (float voxels, not stored values), presentation states,
    // key object selections and anything else without an image matrix.
    if (startsWith("1.2.840.10008.5.1.4.1.1.9.") || sopClass == "1.2.840.10008.5.1.4.1.1.30" || !hasImageSize)
        return DicomObjectKind::Other;
    return DicomObjectKind::Image;
}

struct ScannedFrame {
    FrameAttributes attributes;
};

struct ScannedFile {
    std::string path;
    std::string error;          // non-empty: unusable
    bool isDirectoryFile = false;  // a DICOMDIR found while walking
    std::string seriesUid, studyUid, sopClass, modality, description, patientName, patientId, studyDate, transferSyntax;
    int seriesNumber = 0;
    int instanceNumber = 0;
    int rows = 0, columns = 0;
    DicomObjectKind kind = DicomObjectKind::Other;
    std::vector<ScannedFrame> frames;
    bool framesStacked = false;  // frame positions derived, not read
    // For files without a Series Instance UID: what identifies their series instead, and which
    // other identifiers are empty (for the missing_uids warning).
    SeriesIdentity identity;
    std::string acquisitionNumber;
    bool missingStudyUid = false, missingSopClass = false, missingSopInstance = false, missingFrameOfReference = false;
};

void readSeriesIdentity(DcmDataset& data, DcmMetaInfo& meta, ScannedFile& file)
{
    SeriesIdentity& identity = file.identity;
    identity.studyInstanceUid = file.studyUid;
    identity.studyDate = file.studyDate;
    identity.studyTime = readString(data, DCM_StudyTime);
    identity.patientId = file.patientId;
    identity.frameOfReferenceUid = readString(data, DCM_FrameOfReferenceUID);
    identity.modality = file.modality;
    identity.manufacturer = readString(data, DCM_Manufacturer);
    identity.seriesNumber = readString(data, DCM_SeriesNumber);
    identity.seriesDescription = file.description;
    identity.imageType = readString(data, DCM_ImageType);
    identity.echoNumbers = readString(data, DCM_EchoNumbers);
    file.acquisitionNumber = readString(data, DCM_AcquisitionNumber);
    file.missingStudyUid = file.studyUid.empty();
    file.missingSopInstance = readString(data, DCM_SOPInstanceUID).empty() && readString(meta, DCM_MediaStorageSOPInstanceUID).empty();
    file.missingFrameOfReference = identity.frameOfReferenceUid.empty();
}

ScannedFile scanFile(const std::string& path)
{
    ScannedFile result;
    result.path = path;
    if (!isDicomFile(path)) {
        result.error = "not a DICOM file";
        return result;
    }
    if (std::string reason = unreadableBeforeParsing(path); !reason.empty()) {
        result.error = std::move(reason);
        return result;
    }
    DcmFileFormat file;
    const OFCondition status = loadDicomFile(file, path, true);
    if (status.bad()) {
        result.error = std::string("cannot read DICOM header: ") + describeReadFailure(status);
        return result;
    }
    DcmDataset& data = *file.getDataset();
    DcmMetaInfo& meta = *file.getMetaInfo();

    result.sopClass = readString(data, DCM_SOPClassUID);
    result.missingSopClass = result.sopClass.empty();
    // Some writers leave the SOP Class UID empty; the meta header still says what the file holds.
    if (result.sopClass.empty())
        result.sopClass = readString(meta, DCM_MediaStorageSOPClassUID);
    if (result.sopClass == kMediaStorageDirectory || readString(meta, DCM_MediaStorageSOPClassUID) == kMediaStorageDirectory) {
        result.isDirectoryFile = true;
        return result;
    }
    if (std::string reason = unreadableAfterParsing(file); !reason.empty()) {
        result.error = std::move(reason);
        return result;
    }
    result.transferSyntax = readString(meta, DCM_TransferSyntaxUID);
    if (result.transferSyntax.empty())
        result.transferSyntax = DcmXfer(data.getOriginalXfer()).getXferID();
    result.seriesUid = readString(data, DCM_SeriesInstanceUID);
    result.studyUid = readString(data, DCM_StudyInstanceUID);
    result.modality = readString(data, DCM_Modality);
    result.description = readString(data, DCM_SeriesDescription);
    result.patientName = readString(data, DCM_PatientName);
    result.patientId = readString(data, DCM_PatientID);
    result.studyDate = readString(data, DCM_StudyDate);
    result.seriesNumber = static_cast<int>(readInteger(data, DCM_SeriesNumber).value_or(0));
    result.instanceNumber = static_cast<int>(readInteger(data, DCM_InstanceNumber).value_or(0));
    result.rows = static_cast<int>(readInteger(data, DCM_Rows).value_or(0));
    result.columns = static_cast<int>(readInteger(data, DCM_Columns).value_or(0));
    // Rows/Columns present but not a size (text, negative, beyond 65535): say so rather than
    // listing the file as an object without an image matrix.
    for (const auto& [tag, name] : {std::pair{DCM_Rows, "Rows"}, std::pair{DCM_Columns, "Columns"}}) {
        DcmElement* element = nullptr;
        const auto value = readInteger(data, tag);
        if (data.findAndGetElement(tag, element).good() && element && element->getLength() > 0 &&
            (!value || *value < 1 || *value > 65535)) {
            OFString text;
            element->getOFStringArray(text);
            result.error = std::string(name) + " '" + text.c_str() + "' is not a valid image size";
            return result;
        }
    }
    result.kind = classify(result.sopClass, result.modality, result.rows > 0 && result.columns > 0);
    if (result.seriesUid.empty())
        readSeriesIdentity(data, meta, result);

    long frameCount = readInteger(data, DCM_NumberOfFrames).value_or(1);
    if (frameCount < 1)
        frameCount = 1;
    // A header may claim any number of frames; the loader checks it against the pixel data.
    // Here only refuse absurd numbers so that the frame list itself stays small.
    if (frameCount > 100000) {
        result.error = "Number of Frames " + std::to_string(frameCount) + " is not plausible";
        return result;
    }
    const FrameAttributes topLevel = readTopLevelFrameAttributes(data);
    FrameAttributes shared;
    DcmItem* sharedItem = nullptr;
    if (data.findAndGetSequenceItem(DCM_SharedFunctionalGroupsSequence, sharedItem, 0).good() && sharedItem)
        shared = readFunctionalGroup(*sharedItem);
    DcmSequenceOfItems* perFrame = nullptr;
    data.findAndGetSequence(DCM_PerFrameFunctionalGroupsSequence, perFrame);

    result.frames.resize(static_cast<std::size_t>(frameCount));
    for (long frame = 0; frame < frameCount; ++frame) {
        FrameAttributes attributes;
        if (perFrame && static_cast<unsigned long>(frame) < perFrame->card())
            attributes = readFunctionalGroup(*perFrame->getItem(static_cast<unsigned long>(frame)));
        attributes.fillFrom(shared);
        // Enhanced objects keep geometry only in functional groups; the top-level position of a
        // classic multi-frame object is that of its first frame only.
        FrameAttributes fallback = topLevel;
        if (frame > 0)
            fallback.position.reset();
        attributes.fillFrom(fallback);
        result.frames[static_cast<std::size_t>(frame)].attributes = attributes;
    }
    return result;
}

std::string lowerCase(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// Resolves a DICOMDIR file ID (upper case components) against the file system, which may have
// stored the names in another case.
std::optional<fs::path> resolveCaseInsensitive(const fs::path& root, const std::vector<std::string>& components)
{
    fs::path current = root;
    for (const auto& component : components) {
        std::error_code error;
        if (fs::exists(current / component, error)) {
            current /= component;
            continue;
        }
        bool found = false;
        for (const auto& entry : fs::directory_iterator(current, error)) {
            if (lowerCase(entry.path().filename().string()) == lowerCase(component)) {
                current = entry.path();
                found = true;
                break;
            }
        }
        if (!found)
            return std::nullopt;
    }
    return current;
}

// Files referenced by a DICOMDIR; nullopt when it cannot be read, references nothing, or
// references files that do not exist (then the folder is walked instead).
std::optional<std::vector<std::string>> filesFromDicomDir(const fs::path& dicomDirPath)
{
    DcmFileFormat file;
    if (file.loadFile(dicomDirPath.string().c_str()).bad())
        return std::nullopt;
    DcmSequenceOfItems* records = nullptr;
    if (file.getDataset()->findAndGetSequence(DCM_DirectoryRecordSequence, records).bad() || !records)
        return std::nullopt;
    std::vector<std::string> files;
    for (unsigned long index = 0; index < records->card(); ++index) {
        DcmItem* record = records->getItem(index);
        OFString fileId;
        if (record->findAndGetOFStringArray(DCM_ReferencedFileID, fileId).bad() || fileId.empty())
            continue;
        std::vector<std::string> components;
        std::stringstream stream(fileId.c_str());
        std::string component;
        while (std::getline(stream, component, '\\')) {
            while (!component.empty() && component.back() == ' ')
                component.pop_back();
            if (!component.empty())
                components.push_back(component);
        }
        const auto resolved = resolveCaseInsensitive(dicomDirPath.parent_path(), components);
        if (!resolved)
            return std::nullopt;
        files.push_back(resolved->string());
    }
    if (files.empty())
        return std::nullopt;
    return files;
}

std::vector<std::string> walkFolder(const fs::path& folder)
{
    std::vector<std::string> files;
    std::error_code error;
    for (fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, error), end;
         it != end; it.increment(error)) {
        if (error)
            break;
        if (it->is_regular_file(error))
            files.push_back(it->path().string());
    }
    return files;
}

std::string geometryKey(const ScannedFile& file, const FrameAttributes& frame)
{
    std::ostringstream key;
    key.setf(std::ios::fixed);
    key.precision(3);
    key << static_cast<int>(file.kind) << '|' << file.rows << 'x' << file.columns;
    if (frame.orientation)
        for (double value : *frame.orientation)
            key << '|' << (std::abs(value) < 5e-4 ? 0.0 : value);
    if (frame.pixelSpacing)
        key << '|' << (*frame.pixelSpacing)[0] << '|' << (*frame.pixelSpacing)[1];
    return key.str();
}

void describeSplit(DicomSeriesInfo& series, std::size_t part, std::size_t parts)
{
    std::ostringstream text;
    text << "Series " << series.seriesNumber << " ("
         << (series.seriesInstanceUid.empty() ? "no Series Instance UID" : series.seriesInstanceUid) << ") mixes " << parts
         << " different image sizes, orientations, pixel spacings or repeated acquisitions; it was split into " << parts
         << " series (this is part " << part + 1 << ": " << series.rows << "x" << series.columns << ", named "
         << series.seriesKey << ").";
    series.report.add("mixed_series_split", text.str());
    series.seriesDescription += " (part " + std::to_string(part + 1) + " of " + std::to_string(parts) + ")";
}

using FrameGroup = std::vector<std::pair<const ScannedFile*, std::size_t>>;

// A group of frames without Series Instance UID split by Acquisition Number, but only when two
// acquisitions hold a slice at the same position (a repeated scan); otherwise one part, whatever
// the acquisition numbers (sequential CT numbers every rotation). Parts keyed by acquisition
// number ("" for one part).
std::vector<std::pair<std::string, FrameGroup>> splitRepeatedAcquisitions(FrameGroup& frames)
{
    std::map<std::string, FrameGroup> byAcquisition;
    for (const auto& frame : frames)
        byAcquisition[frame.first->acquisitionNumber].push_back(frame);
    bool repeated = false;
    if (byAcquisition.size() > 1) {
        std::map<std::tuple<long, long, long>, std::string> acquisitionAtPosition;  // position rounded to 0.01 mm
        for (const auto& [acquisition, group] : byAcquisition)
            for (const auto& [file, frameIndex] : group) {
                const auto& position = file->frames[frameIndex].attributes.position;
                if (!position)
                    continue;
                const auto key = std::make_tuple(std::lround((*position)[0] * 100.0), std::lround((*position)[1] * 100.0),
                                                 std::lround((*position)[2] * 100.0));
                const auto [it, inserted] = acquisitionAtPosition.emplace(key, acquisition);
                repeated = repeated || (!inserted && it->second != acquisition);
            }
    }
    std::vector<std::pair<std::string, FrameGroup>> parts;
    if (!repeated)
        parts.emplace_back(std::string(), std::move(frames));
    else
        for (auto& [acquisition, group] : byAcquisition)
            parts.emplace_back(acquisition, std::move(group));
    return parts;
}

// The missing_uids warning of a series whose files have no Series Instance UID: which identifiers
// are empty, how the files were grouped, and the key that names the series.
void reportMissingUids(const FrameGroup& frames, DicomSeriesInfo& series)
{
    std::size_t files = 0, study = 0, sopClass = 0, sopInstance = 0, frameOfReference = 0;
    const ScannedFile* previous = nullptr;
    for (const auto& [file, frameIndex] : frames) {
        if (file == previous)
            continue;
        previous = file;
        ++files;
        study += file->missingStudyUid;
        sopClass += file->missingSopClass;
        sopInstance += file->missingSopInstance;
        frameOfReference += file->missingFrameOfReference;
    }
    std::ostringstream text;
    text << "Series Instance UID";
    for (const auto& [count, name] : {std::pair{study, "Study Instance UID"}, std::pair{sopClass, "SOP Class UID"},
                                      std::pair{sopInstance, "SOP Instance UID"}, std::pair{frameOfReference, "Frame of Reference UID"}})
        if (count > 0)
            text << ", " << name << (count < files ? " (in " + std::to_string(count) + " files)" : std::string());
    text << " empty in " << files << " file" << (files == 1 ? "" : "s")
         << ": grouped into one series by study, patient, Frame of Reference UID, modality, series number and "
            "description, image type, image size, orientation and pixel spacing; it is named "
         << series.seriesKey << " (give it to --series or pick it in the application).";
    series.report.add("missing_uids", text.str());
}

// No usable Pixel Spacing: the series keeps the assumed 1 x 1 mm, and the user is told.
void reportAssumedPixelSpacing(const FrameAttributes& frame, DicomSeriesInfo& series)
{
    std::ostringstream text;
    if (frame.unusablePixelSpacing)
        text << "Pixel Spacing is '" << *frame.unusablePixelSpacing << "', not a usable spacing";
    else
        text << "Pixel Spacing is missing";
    text << ": " << kAssumedSpacingMm << " x " << kAssumedSpacingMm
         << " mm pixels were assumed, so distances, node sizes and volumes are not real millimetres.";
    series.report.add("spacing_assumed", text.str());
}

// Builds one series from the frames that share a geometry key.
DicomSeriesInfo buildSeries(const FrameGroup& frames)
{
    const ScannedFile& first = *frames.front().first;
    const FrameAttributes& firstFrame = first.frames[frames.front().second].attributes;
    DicomSeriesInfo series;
    series.seriesInstanceUid = first.seriesUid;
    series.studyInstanceUid = first.studyUid;
    series.sopClassUid = first.sopClass;
    series.modality = first.modality;
    series.seriesDescription = first.description;
    series.patientName = first.patientName;
    series.patientId = first.patientId;
    series.studyDate = first.studyDate;
    series.transferSyntaxUid = first.transferSyntax;
    series.seriesNumber = first.seriesNumber;
    series.kind = first.kind;
    series.rows = first.rows;
    series.columns = first.columns;
    if (firstFrame.orientation) {
        const auto& o = *firstFrame.orientation;
        series.rowDirection = normalized(Vector3{o[0], o[1], o[2]});
        series.columnDirection = normalized(Vector3{o[3], o[4], o[5]});
    }
    if (firstFrame.pixelSpacing) {
        series.pixelSpacingRow = (*firstFrame.pixelSpacing)[0];
        series.pixelSpacingColumn = (*firstFrame.pixelSpacing)[1];
    }
    series.sliceThickness = firstFrame.sliceThickness.value_or(0.0);
    series.spacingBetweenSlices = firstFrame.spacingBetweenSlices.value_or(0.0);
    const Vector3 normal = normalized(cross(series.rowDirection, series.columnDirection));
    const double stackSpacing = series.spacingBetweenSlices > 0 ? series.spacingBetweenSlices
                                : series.sliceThickness > 0   ? series.sliceThickness
                                                              : kAssumedSpacingMm;

    // Frames without their own position are stacked along the normal: after the first frame of
    // their file (classic multi-frame), or in Instance Number order when no file has a position.
    std::size_t framesWithoutPosition = 0, stackedWithoutAnyPosition = 0;
    std::vector<const ScannedFile*> positionlessFiles;
    for (const auto& [file, frameIndex] : frames) {
        const FrameAttributes& attributes = file->frames[frameIndex].attributes;
        DicomFrameReference reference;
        reference.path = file->path;
        reference.frameIndex = static_cast<int>(frameIndex);
        reference.instanceNumber = file->instanceNumber;
        reference.rescaleSlope = attributes.rescaleSlope.value_or(1.0);
        reference.rescaleIntercept = attributes.rescaleIntercept.value_or(0.0);
        if (attributes.position) {
            reference.position = *attributes.position;
            reference.hasPosition = true;
        } else {
            const FrameAttributes& fileFirst = file->frames.front().attributes;
            if (frameIndex > 0 && fileFirst.position) {
                const double distance = stackSpacing * static_cast<double>(frameIndex);
                for (int axis = 0; axis < 3; ++axis)
                    reference.position[axis] = (*fileFirst.position)[axis] + distance * normal[axis];
                ++framesWithoutPosition;
            } else {
                ++stackedWithoutAnyPosition;
            }
        }
        series.frames.push_back(reference);
        if (series.files.empty() || series.files.back() != file->path)
            series.files.push_back(file->path);
    }
    if (series.kind != DicomObjectKind::Image)
        return series;  // geometry of non-image objects is not interpreted here
    if (!firstFrame.pixelSpacing)
        reportAssumedPixelSpacing(firstFrame, series);
    if (stackedWithoutAnyPosition > 0) {
        // No position at all: the only order left is the Instance Number (then the frame index).
        std::vector<std::size_t> order;
        for (std::size_t index = 0; index < series.frames.size(); ++index)
            if (!series.frames[index].hasPosition)
                order.push_back(index);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            const auto& fa = series.frames[a];
            const auto& fb = series.frames[b];
            return std::tie(fa.instanceNumber, fa.path, fa.frameIndex) < std::tie(fb.instanceNumber, fb.path, fb.frameIndex);
        });
        for (std::size_t rank = 0; rank < order.size(); ++rank)
            for (int axis = 0; axis < 3; ++axis)
                series.frames[order[rank]].position[axis] = stackSpacing * static_cast<double>(rank) * normal[axis];
    }
    if (framesWithoutPosition + stackedWithoutAnyPosition > 0) {
        std::ostringstream text;
        text << framesWithoutPosition + stackedWithoutAnyPosition << " frame(s) have no Image Position (Patient)"
             << (stackedWithoutAnyPosition > 0 ? " (no position at all: ordered by Instance Number)" : "")
             << "; they were stacked along the slice normal " << stackSpacing << " mm apart ("
             << (series.spacingBetweenSlices > 0 ? "Spacing Between Slices"
                 : series.sliceThickness > 0   ? "Slice Thickness"
                                               : "no spacing stated, 1 mm assumed")
             << ").";
        series.report.add("stacked_frames", text.str());
    }
    return series;
}

}  // namespace

DicomScanResult scanDicom(const std::string& path)
{
    std::error_code error;
    const fs::path root(path);
    if (!fs::exists(root, error))
        throw std::runtime_error("DICOM import: '" + path + "' does not exist");

    registerDicomCodecs();
    DicomScanResult result;
    std::vector<std::string> files;
    if (fs::is_directory(root, error)) {
        std::optional<fs::path> dicomDir;
        for (const auto& entry : fs::directory_iterator(root, error))
            if (entry.is_regular_file() && lowerCase(entry.path().filename().string()) == "dicomdir")
                dicomDir = entry.path();
        std::optional<std::vector<std::string>> listed;
        if (dicomDir) {
            listed = filesFromDicomDir(*dicomDir);
            if (!listed)
                result.skipped.push_back({dicomDir->string(), "DICOMDIR unreadable, empty or pointing to missing files; the folder was scanned instead"});
        }
        files = listed ? *listed : walkFolder(root);
    } else {
        files.push_back(root.string());
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());

    std::vector<ScannedFile> scanned(files.size());
    parallelFor(files.size(), 0, [&](std::size_t index) {
        try {
            scanned[index] = scanFile(files[index]);
        } catch (const std::exception& exception) {
            scanned[index].path = files[index];
            scanned[index].error = exception.what();
        }
    });

    // Group by series UID (files without one by what else identifies their series), then by
    // geometry within the series (keeping file order).
    std::map<std::string, std::vector<const ScannedFile*>> bySeries;
    std::vector<std::string> seriesOrder;
    for (const auto& file : scanned) {
        if (file.isDirectoryFile)
            continue;
        if (!file.error.empty()) {
            result.skipped.push_back({file.path, file.error});
            continue;
        }
        const std::string groupKey = file.seriesUid.empty() ? "\x01" + file.identity.text() : file.seriesUid;
        auto& list = bySeries[groupKey];
        if (list.empty())
            seriesOrder.push_back(groupKey);
        list.push_back(&file);
    }
    for (const auto& groupKey : seriesOrder) {
        const bool withoutUid = bySeries[groupKey].front()->seriesUid.empty();
        std::vector<std::string> keyOrder;
        std::map<std::string, FrameGroup> byGeometry;
        for (const ScannedFile* file : bySeries[groupKey]) {
            for (std::size_t frame = 0; frame < file->frames.size(); ++frame) {
                const std::string key = geometryKey(*file, file->frames[frame].attributes);
                auto& group = byGeometry[key];
                if (group.empty())
                    keyOrder.push_back(key);
                group.emplace_back(file, frame);
            }
        }
        std::vector<std::pair<std::string, FrameGroup>> parts;  // (geometry text, frames)
        for (const auto& key : keyOrder) {
            if (!withoutUid) {
                parts.emplace_back(key, std::move(byGeometry[key]));
                continue;
            }
            for (auto& [acquisition, frames] : splitRepeatedAcquisitions(byGeometry[key]))
                parts.emplace_back(key + "|acquisition " + acquisition, std::move(frames));
        }
        for (std::size_t part = 0; part < parts.size(); ++part) {
            DicomSeriesInfo series = buildSeries(parts[part].second);
            if (withoutUid) {
                series.seriesKey = seriesKeyWithoutUid(groupKey, parts[part].first);
                reportMissingUids(parts[part].second, series);
            } else {
                series.seriesKey = series.seriesInstanceUid;
                if (parts.size() > 1)
                    series.seriesKey += "#" + std::to_string(part + 1);
            }
            if (parts.size() > 1)
                describeSplit(series, part, parts.size());
            result.series.push_back(std::move(series));
        }
    }
    return result;
}

}  // namespace lnseg
