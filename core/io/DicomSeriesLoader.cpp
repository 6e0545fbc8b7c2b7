// loadDicomSeries: orders the frames of a scanned series along the slice normal, decodes every
// file once on a small thread pool straight into the volume, and resamples stacks that are not
// regular (uneven spacing, gaps, gantry tilt), reporting everything it had to work around.

#include "io/DicomAttributes.h"
#include "io/DicomCodecs.h"
#include "io/DicomFrameDecoder.h"
#include "io/DicomSeries.h"
#include "io/DicomFileReading.h"
#include "io/GeometryPlausibility.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include "io/ParallelFor.h"
#include "io/SliceStackGeometry.h"
#include "io/StackResampler.h"

#include <dcmtk/dcmdata/dctk.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <sstream>
#include <tuple>

namespace lnseg {

namespace {

struct FrameTask {
    long frameIndex;
    std::size_t slice;  // destination slice in the stack
    double slope;
    double intercept;
};

struct FileTask {
    std::string path;
    std::vector<FrameTask> frames;  // increasing frame index
    std::string error;              // set when the file could not be decoded
    bool lossy = false;
    ConversionStatistics statistics;
};

std::string describeSeries(const DicomSeriesInfo& series)
{
    std::ostringstream text;
    text << "series " << series.seriesNumber;
    if (!series.seriesDescription.empty())
        text << " '" << series.seriesDescription << "'";
    text << " (" << series.seriesInstanceUid << ")";
    return text.str();
}

// Decodes all frames of one file into the stack. Throws with the reason on failure.
bool isNativeLittleEndian(const std::string& transferSyntaxUid)
{
    return transferSyntaxUid == "1.2.840.10008.1.2" || transferSyntaxUid == "1.2.840.10008.1.2.1";
}

// The fast path for the files most CT series consist of: one frame of native little endian 16-bit
// samples in a Pixel Data element at the end of the file. DCMTK parses the header only, and the
// samples are read with one pread and converted straight into the stack, skipping DCMTK's copy of
// the pixel data. Returns false (nothing done) for any file that does not look exactly like that.
bool decodeNativeTail(FileTask& task, const DicomSeriesInfo& series, Volume& stack, std::atomic<std::size_t>& framesDone)
{
    if (task.frames.size() != 1 || task.frames.front().frameIndex != 0)
        return false;
    DcmFileFormat file;
    if (loadDicomFile(file, task.path, true).bad())
        return false;
    DcmDataset& data = *file.getDataset();
    const E_TransferSyntax transferSyntax = data.getOriginalXfer();
    if (transferSyntax != EXS_LittleEndianExplicit && transferSyntax != EXS_LittleEndianImplicit)
        return false;
    DicomFrameDecoder decoder(data, task.path, DicomFrameDecoder::WithoutPixelData{});
    const PixelFormat& format = decoder.format();
    if (format.frames != 1 || format.bitsAllocated != 16 || format.samplesPerPixel != 1 || format.rows != series.rows ||
        format.columns != series.columns)
        return false;
    const std::size_t bytes = format.bytesPerFrame();
    const int descriptor = ::open(task.path.c_str(), O_RDONLY | O_CLOEXEC);
    if (descriptor < 0)
        return false;
    struct stat status {};
    bool done = false;
    if (::fstat(descriptor, &status) == 0 && static_cast<std::size_t>(status.st_size) >= bytes + 12) {
        // The element header just before the samples: tag (7FE0,0010), then VR OW/OB + length
        // (explicit) or the length alone (implicit).
        const off_t offset = static_cast<off_t>(status.st_size) - static_cast<off_t>(bytes);
        unsigned char header[12] = {};
        const bool headerRead = ::pread(descriptor, header, sizeof header, offset - 12) == 12;
        const std::uint32_t length = static_cast<std::uint32_t>(bytes);
        auto lengthAt = [&](int position) {
            return static_cast<std::uint32_t>(header[position]) | (static_cast<std::uint32_t>(header[position + 1]) << 8) |
                   (static_cast<std::uint32_t>(header[position + 2]) << 16) |
                   (static_cast<std::uint32_t>(header[position + 3]) << 24);
        };
        const unsigned char tag[4] = {0xE0, 0x7F, 0x10, 0x00};
        const bool explicitHeader = std::memcmp(header, tag, 4) == 0 && header[4] == 'O' &&
                                    (header[5] == 'W' || header[5] == 'B') && header[6] == 0 && header[7] == 0 &&
                                    lengthAt(8) == length;
        const bool implicitHeader = std::memcmp(header + 4, tag, 4) == 0 && lengthAt(8) == length;
        const bool matches = transferSyntax == EXS_LittleEndianExplicit ? explicitHeader : implicitHeader;
        if (headerRead && matches) {
            thread_local std::vector<std::uint16_t> samples;
            samples.resize(bytes / 2);
            if (::pread(descriptor, samples.data(), bytes, offset) == static_cast<ssize_t>(bytes)) {
                const FrameTask& frame = task.frames.front();
                const std::size_t sliceVoxels = static_cast<std::size_t>(series.rows) * static_cast<std::size_t>(series.columns);
                decoder.decodeNativeSamples(samples.data(), frame.slope, frame.intercept,
                                            stack.data() + frame.slice * sliceVoxels, task.statistics);
                task.lossy = readString(data, DCM_LossyImageCompression) == "01";
                ++framesDone;
                done = true;
            }
        }
    }
    ::close(descriptor);
    return done;
}

// Header claims no file can back, refused before the stack is allocated for them: a multi-frame
// file (or the only file of a series) must hold at least a minimal amount of data per frame, one
// byte per pixel when uncompressed; when compressed, one fragment item (8 bytes) and no more than
// 4096 pixels per byte (a blank 512 x 512 frame takes hundreds of bytes in JPEG-LS or JPEG 2000,
// kilobytes in RLE or JPEG).
void checkFramesFitFiles(const DicomSeriesInfo& series)
{
    std::map<std::string, std::uint64_t> framesOfFile;
    for (const auto& frame : series.frames)
        ++framesOfFile[frame.path];
    const DcmXfer transferSyntax(series.transferSyntaxUid.c_str());
    const bool compressed = transferSyntax.getXfer() == EXS_Unknown || transferSyntax.isEncapsulated() ||
                            transferSyntax.getStreamCompression() != ESC_none;
    const std::uint64_t pixels = static_cast<std::uint64_t>(std::max(series.rows, 0)) * static_cast<std::uint64_t>(std::max(series.columns, 0));
    const std::uint64_t minimumPerFrame = compressed ? std::max<std::uint64_t>(8, pixels / 4096) : pixels;
    for (const auto& [path, frames] : framesOfFile) {
        if (frames < 2 && framesOfFile.size() > 1)
            continue;  // a damaged single-frame file among others is skipped when it is decoded
        std::error_code error;
        const std::uintmax_t size = std::filesystem::file_size(path, error);
        if (error || frames * minimumPerFrame <= size)
            continue;
        std::ostringstream message;
        message << "DICOM import: cannot load '" << path << "': it claims " << frames << " frame"
                << (frames == 1 ? "" : "s") << " of " << series.rows << " x " << series.columns
                << " pixels but holds only " << size << " bytes (truncated file, or absurd Rows/Columns/Number of Frames)";
        throw std::runtime_error(message.str());
    }
}

void decodeFile(FileTask& task, const DicomSeriesInfo& series, Volume& stack, std::atomic<std::size_t>& framesDone,
                const std::atomic<bool>* cancel)
{
    if (isNativeLittleEndian(series.transferSyntaxUid) && decodeNativeTail(task, series, stack, framesDone))
        return;
    DcmFileFormat file;
    const OFCondition status = loadDicomFile(file, task.path, false);
    if (status.bad())
        throw std::runtime_error(std::string("cannot read the file: ") + describeReadFailure(status));
    DcmDataset& data = *file.getDataset();
    DicomFrameDecoder decoder(data, task.path);
    if (decoder.format().rows != series.rows || decoder.format().columns != series.columns)
        throw std::runtime_error("image size changed since the folder was scanned");
    const E_TransferSyntax transferSyntax = data.getOriginalXfer();
    task.lossy = DcmXfer(transferSyntax).isLossy() || readString(data, DCM_LossyImageCompression) == "01";
    const std::size_t sliceVoxels = static_cast<std::size_t>(series.rows) * static_cast<std::size_t>(series.columns);
    for (const FrameTask& frame : task.frames) {
        if (cancel && cancel->load())
            return;
        decoder.decodeFrame(frame.frameIndex, frame.slope, frame.intercept, stack.data() + frame.slice * sliceVoxels,
                            task.statistics);
        ++framesDone;
    }
}

ImageGeometry stackGeometry(const DicomSeriesInfo& series, const Vector3& origin, double sliceSpacing, std::size_t slices)
{
    ImageGeometry geometry;
    geometry.size = {series.columns, series.rows, static_cast<std::int64_t>(slices)};
    // Pixel Spacing is (between rows, between columns); index i runs along a row.
    geometry.spacing = {series.pixelSpacingColumn, series.pixelSpacingRow, sliceSpacing > 0 ? sliceSpacing : 1.0};
    geometry.origin = origin;
    const Vector3 row = normalized(series.rowDirection);
    const Vector3 column = normalized(series.columnDirection);
    const Vector3 normal = normalized(cross(row, column));
    for (int axis = 0; axis < 3; ++axis) {
        geometry.direction[axis * 3 + 0] = row[axis];
        geometry.direction[axis * 3 + 1] = column[axis];
        geometry.direction[axis * 3 + 2] = normal[axis];
    }
    return geometry;
}

// Slice positions no scanner writes: every slice at one position (anonymisers that blank Image
// Position (Patient) to 0\0\0), or neighbours further apart than any CT or MR slice spacing.
// Replaces `positions` by the slices stacked along the normal from the first one, the stated
// spacing apart (Spacing Between Slices, else Slice Thickness, else 1 mm), in position order
// (Instance Number order when all share one position), and says so. False when the positions are
// plausible and were kept.
bool replaceImplausiblePositions(const DicomSeriesInfo& series, const SliceStackAnalysis& analysis,
                                 std::vector<Vector3>& positions, ImportReport& report)
{
    if (positions.size() < 2)
        return false;
    const bool allAtOnePosition = analysis.order.size() == 1;
    if (!allAtOnePosition && plausibleSliceSpacing(analysis.sliceSpacing))
        return false;
    const Vector3 normal = normalized(cross(series.rowDirection, series.columnDirection));
    std::vector<std::size_t> order(positions.size());
    for (std::size_t index = 0; index < order.size(); ++index)
        order[index] = index;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto& fa = series.frames[a];
        const auto& fb = series.frames[b];
        const double alongA = allAtOnePosition ? 0.0 : dot(positions[a], normal);
        const double alongB = allAtOnePosition ? 0.0 : dot(positions[b], normal);
        return std::tie(alongA, fa.instanceNumber, fa.path, fa.frameIndex) < std::tie(alongB, fb.instanceNumber, fb.path, fb.frameIndex);
    });
    const double spacing = series.spacingBetweenSlices > 0 ? series.spacingBetweenSlices
                           : series.sliceThickness > 0     ? series.sliceThickness
                                                           : kAssumedSpacingMm;
    const Vector3 first = positions[order.front()];
    for (std::size_t rank = 0; rank < order.size(); ++rank)
        for (int axis = 0; axis < 3; ++axis)
            positions[order[rank]][axis] = first[axis] + spacing * static_cast<double>(rank) * normal[axis];
    std::ostringstream text;
    text << "Slice positions are implausible (";
    if (allAtOnePosition)
        text << "all " << positions.size() << " slices at one position";
    else
        text << "neighbouring slices " << analysis.sliceSpacing << " mm apart";
    text << "): the slices were stacked " << spacing << " mm apart along the slice normal in "
         << (allAtOnePosition ? "Instance Number" : "position") << " order ("
         << (series.spacingBetweenSlices > 0 ? "Spacing Between Slices"
             : series.sliceThickness > 0   ? "Slice Thickness"
                                           : "no spacing stated: assumed")
         << "), so positions and distances along the slice normal may not be real.";
    report.add("positions_assumed", text.str());
    return true;
}

void appendReport(ImportReport& target, const ImportReport& source)
{
    target.messages.insert(target.messages.end(), source.messages.begin(), source.messages.end());
}

}  // namespace

LoadedDicomSeries loadDicomSeries(const DicomSeriesInfo& series, const DicomLoadOptions& options)
{
    if (series.kind != DicomObjectKind::Image)
        throw std::runtime_error("DICOM import: " + describeSeries(series) + " is a " + toString(series.kind)
                                 + " object, not an image series; it cannot be loaded as a volume");
    if (series.frames.empty())
        throw std::runtime_error("DICOM import: " + describeSeries(series) + " has no frames");
    registerDicomCodecs();  // once, before any decoding thread starts

    LoadedDicomSeries result;
    result.report = series.report;

    // 1. Order the frames along the slice normal (never by Instance Number).
    std::vector<Vector3> positions;
    positions.reserve(series.frames.size());
    for (const auto& frame : series.frames)
        positions.push_back(frame.position);
    const double fallbackSpacing = series.spacingBetweenSlices > 0 ? series.spacingBetweenSlices : series.sliceThickness;
    const double pixelSpacing = std::min(series.pixelSpacingRow, series.pixelSpacingColumn);
    SliceStackAnalysis analysis = analyzeSliceStack(positions, series.rowDirection, series.columnDirection,
                                                    fallbackSpacing, pixelSpacing);
    if (replaceImplausiblePositions(series, analysis, positions, result.report))
        analysis = analyzeSliceStack(positions, series.rowDirection, series.columnDirection, fallbackSpacing, pixelSpacing);

    // 2. Allocate the stack once (size checked first) and plan one task per file.
    ImageGeometry geometry = stackGeometry(series, positions[analysis.order.front()],
                                           analysis.sliceSpacing, analysis.order.size());
    try {
        checkAllocatable(geometry.size, sizeof(std::int16_t));
    } catch (const std::runtime_error& error) {
        throw std::runtime_error("DICOM import: cannot load '" + series.frames.front().path + "': " + error.what());
    }
    checkFramesFitFiles(series);
    // Every slice is written by a decoder (slices of files that fail are dropped below).
    Volume stack(geometry, Volume::Uninitialized{});
    std::vector<FileTask> tasks;
    std::map<std::string, std::size_t> taskOfFile;
    for (std::size_t slice = 0; slice < analysis.order.size(); ++slice) {
        const DicomFrameReference& frame = series.frames[analysis.order[slice]];
        auto [it, inserted] = taskOfFile.emplace(frame.path, tasks.size());
        if (inserted)
            tasks.push_back(FileTask{frame.path, {}, {}, false, {}});
        tasks[it->second].frames.push_back({frame.frameIndex, slice, frame.rescaleSlope, frame.rescaleIntercept});
    }
    for (auto& task : tasks)
        std::sort(task.frames.begin(), task.frames.end(),
                  [](const FrameTask& a, const FrameTask& b) { return a.frameIndex < b.frameIndex; });

    // 3. Decode in parallel; progress is reported from this (the calling) thread.
    const std::size_t totalFrames = analysis.order.size();
    std::atomic<std::size_t> framesDone{0};
    parallelFor(
        tasks.size(), options.threads,
        [&](std::size_t index) {
            if (options.cancel && options.cancel->load())
                return;
            try {
                decodeFile(tasks[index], series, stack, framesDone, options.cancel);
            } catch (const std::exception& exception) {
                tasks[index].error = exception.what();
            }
        },
        [&] {
            if (options.progress)
                options.progress(framesDone.load(), totalFrames);
        });
    if (options.cancel && options.cancel->load())
        throw ImportCancelled();

    // 4. Files that failed: drop their slices and tell the user; fail when nothing is left.
    std::vector<bool> sliceFailed(totalFrames, false);
    std::size_t failedSlices = 0;
    ConversionStatistics statistics;
    bool lossy = false;
    for (const auto& task : tasks) {
        statistics.add(task.statistics);
        lossy = lossy || task.lossy;
        if (task.error.empty())
            continue;
        for (const auto& frame : task.frames) {
            sliceFailed[frame.slice] = true;
            ++failedSlices;
        }
    }
    if (failedSlices == totalFrames) {
        const auto failed = std::find_if(tasks.begin(), tasks.end(), [](const FileTask& task) { return !task.error.empty(); });
        throw std::runtime_error("DICOM import: cannot load '" + failed->path + "': " + failed->error);
    }
    std::vector<std::size_t> survivingFrames;  // indices into series.frames, in stack order
    for (std::size_t slice = 0; slice < totalFrames; ++slice)
        if (!sliceFailed[slice])
            survivingFrames.push_back(analysis.order[slice]);
    if (failedSlices > 0) {
        for (const auto& task : tasks)
            if (!task.error.empty())
                result.report.add("skipped_file", "Skipped '" + task.path + "': " + task.error
                                                      + ". The series was loaded without it.");
        // Compact the stack and redo the geometry on the slices that remain (a dropped middle
        // slice becomes a gap, reported and resampled like any other).
        std::vector<Vector3> survivingPositions;
        for (std::size_t frame : survivingFrames)
            survivingPositions.push_back(positions[frame]);
        const ImportReport duplicatesReport = analysis.report;
        analysis = analyzeSliceStack(survivingPositions, series.rowDirection, series.columnDirection, fallbackSpacing, pixelSpacing);
        for (auto& index : analysis.order)
            index = survivingFrames[index];
        for (const auto& message : duplicatesReport.messages)
            if (message.code == "duplicate_positions")
                result.report.messages.push_back(message);
        Volume compact(stackGeometry(series, positions[analysis.order.front()], analysis.sliceSpacing,
                                     analysis.order.size()));
        const std::size_t sliceVoxels = static_cast<std::size_t>(series.rows) * static_cast<std::size_t>(series.columns);
        std::size_t target = 0;
        for (std::size_t slice = 0; slice < totalFrames; ++slice)
            if (!sliceFailed[slice])
                std::memcpy(compact.data() + (target++) * sliceVoxels, stack.data() + slice * sliceVoxels,
                            sliceVoxels * sizeof(std::int16_t));
        stack = std::move(compact);
    }
    appendReport(result.report, analysis.report);
    result.sliceSpacing = analysis.sliceSpacing;
    for (std::size_t frame : analysis.order)
        result.sliceFiles.push_back(series.frames[frame].path);

    if (statistics.clamped > 0)
        result.report.add("values_clamped", std::to_string(statistics.clamped)
                                                + " voxel value(s) outside the 16-bit range (-32768..32767) after Rescale "
                                                  "Slope/Intercept were clamped.");
    if (statistics.rounded > 0)
        result.report.add("values_rounded", std::to_string(statistics.rounded)
                                                + " voxel value(s) were rounded to whole numbers (non-integer Rescale "
                                                  "Slope/Intercept).");
    if (lossy)
        result.report.add("lossy_compression", "The images were stored with lossy compression: voxel values differ "
                                               "slightly from the original acquisition.");

    // 5. Irregular stacks: resample onto a regular orthogonal grid.
    if (!analysis.regular()) {
        if (options.resampleIrregularGrids) {
            const auto minimum = *std::min_element(stack.data(), stack.data() + stack.voxelCount());
            Volume resampled = resampleStack(stack, analysis, analysis.sliceSpacing, minimum, options.threads);
            std::ostringstream text;
            text << "Resampled from " << analysis.order.size() << " irregular slices onto a regular orthogonal grid of "
                 << resampled.size()[2] << " slices " << analysis.sliceSpacing
                 << " mm apart, by linear interpolation along the slice normal"
                 << (analysis.tilted ? " (and in-plane shift for the gantry tilt; parts shifted outside the first "
                                       "slice's field of view are lost)"
                                     : "")
                 << ".";
            result.report.add("resampled", text.str());
            // Each output slice names the nearest input slice's file.
            std::vector<std::string> files;
            for (std::int64_t slice = 0; slice < resampled.size()[2]; ++slice) {
                const double z = static_cast<double>(slice) * analysis.sliceSpacing;
                const auto nearest = std::min_element(analysis.distances.begin(), analysis.distances.end(),
                                                      [&](double a, double b) { return std::abs(a - z) < std::abs(b - z); });
                files.push_back(result.sliceFiles[static_cast<std::size_t>(nearest - analysis.distances.begin())]);
            }
            result.sliceFiles = std::move(files);
            stack = std::move(resampled);
        } else {
            result.report.add("not_resampled", "The irregular stack was kept as acquired (resampling is off): the "
                                               "volume assumes the usual spacing, so distances along the slice normal are approximate.");
        }
    }
    if (options.progress)
        options.progress(totalFrames, totalFrames);
    result.volume = std::move(stack);
    return result;
}

}  // namespace lnseg
