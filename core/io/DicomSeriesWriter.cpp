#include "io/DicomSeriesWriter.h"

#include <dcmtk/dcmdata/dcdeftag.h>
#include <dcmtk/dcmdata/dcfilefo.h>
#include <dcmtk/dcmdata/dcuid.h>
#include <dcmtk/dcmjpls/djencode.h>
#include <dcmtk/dcmjpls/djrparam.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace lnseg {

namespace fs = std::filesystem;

const char* transferSyntaxUid(DicomTransferSyntax syntax)
{
    return syntax == DicomTransferSyntax::JpegLsLossless ? UID_JPEGLSLosslessTransferSyntax
                                                         : UID_LittleEndianExplicitTransferSyntax;
}

namespace {

std::string generateUid(const char* root)
{
    char buffer[100];
    dcmGenerateUniqueIdentifier(buffer, root);
    return buffer;
}

std::string decimal(double value)
{
    // DICOM DS: at most 16 characters.
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.10g", value);
    std::string text = buffer;
    if (text.size() > 16) {
        std::snprintf(buffer, sizeof buffer, "%.6f", value);
        text = buffer;
        text.resize(std::min<std::size_t>(text.size(), 16));
    }
    return text;
}

std::string join(const std::vector<double>& values)
{
    std::string text;
    for (std::size_t i = 0; i < values.size(); ++i)
        text += (i ? "\\" : "") + decimal(values[i]);
    return text;
}

void put(DcmDataset& dataset, const DcmTagKey& tag, const std::string& value)
{
    const OFCondition status = dataset.putAndInsertString(tag, value.c_str());
    if (status.bad())
        throw std::runtime_error(std::string("cannot set DICOM attribute: ") + status.text());
}

void registerEncoder()
{
    static std::once_flag once;
    // Raw (not "cooked") encoding: lossless, so the pixel values go in exactly as stored. If
    // another part of the program registered the codecs first, its settings stay.
    std::call_once(once, [] { DJLSEncoderRegistration::registerCodecs(0, 0, 0, 0, OFFalse); });
}

// Attributes common to all slices.
struct SeriesHeader {
    std::string studyUid, seriesUid, frameUid;
    std::string date, time;
    bool isUnsigned = true;
    int bitsStored = 16;
    double intercept = 0;
};

void fillCommon(DcmDataset& d, const DicomSeriesWriteOptions& o, const SeriesHeader& h, const ImageGeometry& g)
{
    put(d, DCM_SpecificCharacterSet, "ISO_IR 100");
    put(d, DCM_ImageType, "ORIGINAL\\PRIMARY\\AXIAL");
    put(d, DCM_SOPClassUID, UID_CTImageStorage);
    put(d, DCM_StudyDate, h.date);
    put(d, DCM_SeriesDate, h.date);
    put(d, DCM_AcquisitionDate, h.date);
    put(d, DCM_ContentDate, h.date);
    put(d, DCM_InstanceCreationDate, h.date);
    put(d, DCM_StudyTime, h.time);
    put(d, DCM_SeriesTime, h.time);
    put(d, DCM_AcquisitionTime, h.time);
    put(d, DCM_ContentTime, h.time);
    put(d, DCM_InstanceCreationTime, h.time);
    put(d, DCM_AccessionNumber, o.accessionNumber);
    put(d, DCM_Modality, "CT");
    put(d, DCM_Manufacturer, o.manufacturer);
    put(d, DCM_InstitutionName, o.institutionName);
    put(d, DCM_ReferringPhysicianName, "");
    put(d, DCM_StationName, o.stationName);
    put(d, DCM_StudyDescription, o.studyDescription);
    put(d, DCM_SeriesDescription, o.seriesDescription);
    put(d, DCM_ManufacturerModelName, o.manufacturerModelName);
    put(d, DCM_SoftwareVersions, "lnseg 0.1");
    put(d, DCM_PatientName, o.patientName);
    put(d, DCM_PatientID, o.patientId);
    put(d, DCM_PatientBirthDate, o.patientBirthDate);
    put(d, DCM_PatientSex, o.patientSex);
    put(d, DCM_BodyPartExamined, "NECK");
    put(d, DCM_ContrastBolusAgent, "IODINATED CONTRAST");
    put(d, DCM_ScanOptions, "HELICAL MODE");
    put(d, DCM_SliceThickness, decimal(o.sliceThicknessMm > 0 ? o.sliceThicknessMm : g.spacing[2]));
    put(d, DCM_SpacingBetweenSlices, decimal(g.spacing[2]));
    put(d, DCM_KVP, decimal(o.kvp));
    put(d, DCM_DataCollectionDiameter, "500");
    put(d, DCM_ReconstructionDiameter, decimal(std::max(g.size[0] * g.spacing[0], g.size[1] * g.spacing[1])));
    put(d, DCM_GantryDetectorTilt, "0");
    put(d, DCM_TableHeight, "150");
    put(d, DCM_RotationDirection, "CW");
    put(d, DCM_ExposureTime, "500");
    put(d, DCM_XRayTubeCurrent, std::to_string(o.tubeCurrentMilliampere));
    put(d, DCM_Exposure, std::to_string(o.tubeCurrentMilliampere / 2));
    put(d, DCM_ConvolutionKernel, "STANDARD");
    put(d, DCM_PatientPosition, "HFS");
    put(d, DCM_StudyInstanceUID, h.studyUid);
    put(d, DCM_SeriesInstanceUID, h.seriesUid);
    put(d, DCM_StudyID, o.studyId);
    put(d, DCM_SeriesNumber, std::to_string(o.seriesNumber));
    put(d, DCM_AcquisitionNumber, "1");
    put(d, DCM_FrameOfReferenceUID, h.frameUid);
    put(d, DCM_PositionReferenceIndicator, "");
    const Vector3 row = g.axisDirection(0), column = g.axisDirection(1);
    put(d, DCM_ImageOrientationPatient, join({row[0], row[1], row[2], column[0], column[1], column[2]}));
    put(d, DCM_SamplesPerPixel, "1");
    put(d, DCM_PhotometricInterpretation, "MONOCHROME2");
    d.putAndInsertUint16(DCM_Rows, static_cast<Uint16>(g.size[1]));
    d.putAndInsertUint16(DCM_Columns, static_cast<Uint16>(g.size[0]));
    // Pixel Spacing: row spacing (between rows, along the column direction), then column spacing.
    put(d, DCM_PixelSpacing, join({g.spacing[1], g.spacing[0]}));
    d.putAndInsertUint16(DCM_BitsAllocated, 16);
    d.putAndInsertUint16(DCM_BitsStored, static_cast<Uint16>(h.bitsStored));
    d.putAndInsertUint16(DCM_HighBit, static_cast<Uint16>(h.bitsStored - 1));
    d.putAndInsertUint16(DCM_PixelRepresentation, h.isUnsigned ? 0 : 1);
    put(d, DCM_WindowCenter, decimal(o.windowCenter));
    put(d, DCM_WindowWidth, decimal(o.windowWidth));
    put(d, DCM_WindowCenterWidthExplanation, "SOFT TISSUE");
    put(d, DCM_RescaleIntercept, decimal(h.intercept));
    put(d, DCM_RescaleSlope, "1");
    put(d, DCM_RescaleType, "HU");
}

}  // namespace

DicomSeriesWriteResult writeDicomSeries(const Volume& volume, const std::string& folder, const DicomSeriesWriteOptions& options)
{
    if (volume.empty())
        throw std::runtime_error("cannot write an empty volume as DICOM");
    const ImageGeometry g = volume.geometry();
    if (g.size[0] > 65535 || g.size[1] > 65535)
        throw std::runtime_error("slice too large for DICOM rows/columns");
    std::error_code error;
    fs::create_directories(folder, error);
    if (!fs::is_directory(folder))
        throw std::runtime_error("cannot create folder " + folder);

    // Value range decides the storage.
    const std::int16_t* voxels = volume.data();
    const auto [low, high] = std::minmax_element(voxels, voxels + volume.voxelCount());
    SeriesHeader header;
    header.isUnsigned = options.unsignedStorage && *low >= -1024;
    header.intercept = header.isUnsigned ? -1024 : 0;
    header.bitsStored = header.isUnsigned && *high + 1024 < 4096 ? 12 : 16;
    header.studyUid = options.studyInstanceUid.empty() ? generateUid(SITE_STUDY_UID_ROOT) : options.studyInstanceUid;
    header.seriesUid = options.seriesInstanceUid.empty() ? generateUid(SITE_SERIES_UID_ROOT) : options.seriesInstanceUid;
    header.frameUid = options.frameOfReferenceUid.empty() ? generateUid(SITE_SERIES_UID_ROOT) : options.frameOfReferenceUid;
    {
        const std::time_t now = std::time(nullptr);
        std::tm local{};
        localtime_r(&now, &local);
        char date[16], time[16];
        std::strftime(date, sizeof date, "%Y%m%d", &local);
        std::strftime(time, sizeof time, "%H%M%S", &local);
        header.date = options.studyDate.empty() ? date : options.studyDate;
        header.time = options.studyTime.empty() ? time : options.studyTime;
        if (options.omitDates)
            header.date.clear(), header.time.clear();
    }

    // Instance n (1-based) holds slice k = slices - n: the most superior slice first.
    const int slices = static_cast<int>(g.size[2]);
    DicomSeriesWriteResult result;
    result.studyInstanceUid = header.studyUid;
    result.seriesInstanceUid = header.seriesUid;
    if (!options.sliceSopInstanceUids.empty() && options.sliceSopInstanceUids.size() != static_cast<std::size_t>(slices))
        throw std::runtime_error("writeDicomSeries: " + std::to_string(options.sliceSopInstanceUids.size()) +
                                 " SOP Instance UIDs given for " + std::to_string(slices) + " slices");
    std::vector<std::string> instanceUids(static_cast<std::size_t>(slices));
    for (int n = 0; n < slices; ++n) {
        const std::size_t k = static_cast<std::size_t>(slices - 1 - n);
        instanceUids[static_cast<std::size_t>(n)] =
            options.sliceSopInstanceUids.empty() ? generateUid(SITE_INSTANCE_UID_ROOT) : options.sliceSopInstanceUids[k];
        char name[64];
        std::snprintf(name, sizeof name, "%s%06d.dcm", options.filePrefix.c_str(), n + 1);
        result.files.push_back((fs::path(folder) / name).string());
    }
    if (!options.overwrite)
        for (const std::string& file : result.files)
            if (fs::exists(file))
                throw std::runtime_error("refusing to overwrite existing file " + file);
    const bool compress = options.transferSyntax == DicomTransferSyntax::JpegLsLossless;
    if (compress)
        registerEncoder();
    const E_TransferSyntax syntax = compress ? EXS_JPEGLSLossless : EXS_LittleEndianExplicit;
    const Vector3 normal = cross(g.axisDirection(0), g.axisDirection(1));
    const std::size_t sliceSize = static_cast<std::size_t>(g.size[0] * g.size[1]);
    const std::uint64_t processTag = static_cast<std::uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());

    std::mutex failureMutex;
    std::string failure;
    std::atomic<int> next{0};
    std::atomic<std::uintmax_t> bytes{0};
    auto worker = [&] {
        std::vector<Uint16> pixels(sliceSize);
        for (int n = next++; n < slices; n = next++) {
            {
                std::lock_guard<std::mutex> lock(failureMutex);
                if (!failure.empty())
                    return;
            }
            const int k = slices - 1 - n;
            const std::string& target = result.files[static_cast<std::size_t>(n)];
            const std::string temporary = target + ".tmp-" + std::to_string(processTag % 1000000007ull) + "-" + std::to_string(n);
            try {
                DcmFileFormat file;
                DcmDataset& d = *file.getDataset();
                fillCommon(d, options, header, g);
                put(d, DCM_SOPInstanceUID, instanceUids[static_cast<std::size_t>(n)]);
                put(d, DCM_InstanceNumber, std::to_string(n + 1));
                const Vector3 position = g.indexToWorld({0, 0, double(k)});
                put(d, DCM_ImagePositionPatient, join({position[0], position[1], position[2]}));
                put(d, DCM_SliceLocation, decimal(dot(position, normal)));
                const std::int16_t* slice = voxels + sliceSize * static_cast<std::size_t>(k);
                for (std::size_t i = 0; i < sliceSize; ++i)
                    pixels[i] = header.isUnsigned ? static_cast<Uint16>(slice[i] + 1024) : static_cast<Uint16>(slice[i]);
                OFCondition status = d.putAndInsertUint16Array(DCM_PixelData, pixels.data(), static_cast<unsigned long>(sliceSize));
                if (status.good() && compress) {
                    const DJLSRepresentationParameter parameters(0, OFTrue);
                    status = d.chooseRepresentation(syntax, &parameters);
                    if (status.good() && !d.canWriteXfer(syntax))
                        status = EC_CannotChangeRepresentation;
                }
                if (status.good())
                    status = file.saveFile(temporary.c_str(), syntax);
                if (status.bad())
                    throw std::runtime_error("cannot write " + target + ": " + status.text());
                bytes += fs::file_size(temporary);
                if (options.overwrite) {
                    fs::rename(temporary, target);  // atomic replacement
                } else {
                    // A hard link fails when the target exists: no window in which a file that
                    // appeared meanwhile could be replaced. Filesystems without hard links fall
                    // back to check-then-rename.
                    std::error_code linkError;
                    fs::create_hard_link(temporary, target, linkError);
                    if (linkError == std::errc::file_exists)
                        throw std::runtime_error("refusing to overwrite existing file " + target);
                    if (linkError) {
                        if (fs::exists(target))
                            throw std::runtime_error("refusing to overwrite existing file " + target);
                        fs::rename(temporary, target);
                    } else {
                        fs::remove(temporary);
                    }
                }
            } catch (const std::exception& exception) {
                fs::remove(temporary, error);
                std::lock_guard<std::mutex> lock(failureMutex);
                if (failure.empty())
                    failure = exception.what();
                return;
            }
        }
    };
    const int threads = std::max(1, std::min(slices, options.threads > 0 ? options.threads
                                                                         : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))));
    if (threads == 1) {
        worker();
    } else {
        std::vector<std::thread> pool;
        for (int t = 0; t < threads; ++t)
            pool.emplace_back(worker);
        for (auto& thread : pool)
            thread.join();
    }
    if (!failure.empty())
        throw std::runtime_error(failure);
    result.totalBytes = bytes;
    return result;
}

}  // namespace lnseg
