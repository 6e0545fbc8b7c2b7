#include "io/ImageFileIO.h"

#include "image/ItkBridge.h"
#include "io/NiftiHeaderCheck.h"

#include <itkImageFileReader.h>
#include <itkImageFileWriter.h>
#include <itkImageIOFactory.h>

#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <sstream>

namespace lnseg {
namespace {

std::string lowercase(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

bool endsWith(const std::string& text, const std::string& suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The full extension, e.g. ".nii.gz" or ".seg.nrrd", which ITK uses to pick a format.
std::string imageExtension(const std::string& path)
{
    const std::string name = lowercase(std::filesystem::path(path).filename().string());
    for (const char* extension : {".nii.gz", ".seg.nrrd", ".nii", ".nrrd", ".nhdr", ".mha", ".mhd"})
        if (endsWith(name, extension))
            return extension;
    return {};
}

// The ImageIO of `path` with its header read. NIfTI headers are checked first (NiftiHeaderCheck);
// what was assumed for them goes to `report`.
itk::ImageIOBase::Pointer createImageIO(const std::string& path, ImportReport* report = nullptr)
{
    if (!std::filesystem::exists(path))
        throw std::runtime_error(path + ": no such file");
    if (!std::filesystem::is_regular_file(path))
        throw std::runtime_error(path + ": not a regular file");
    itk::ImageIOBase::Pointer io =
        itk::ImageIOFactory::CreateImageIO(path.c_str(), itk::ImageIOFactory::IOFileModeEnum::ReadMode);
    if (!io)
        throw std::runtime_error(path + ": not a readable NIfTI, NRRD or MetaImage file (truncated, corrupt or another format)");
    io->SetFileName(path);
    const std::string extension = imageExtension(path);
    if (extension == ".nii" || extension == ".nii.gz") {
        const ImportReport findings = checkNiftiHeader(path);
        if (report)
            report->messages.insert(report->messages.end(), findings.messages.begin(), findings.messages.end());
    }
    try {
        io->ReadImageInformation();
    } catch (const itk::ExceptionObject& error) {
        throw std::runtime_error(path + ": cannot read the image header (" + error.GetDescription() + ")");
    }
    return io;
}

// checkAllocatable with the file named in its message.
void checkAllocatableFile(const Size3& size, std::size_t bytesPerVoxel, const std::string& path)
{
    try {
        checkAllocatable(size, bytesPerVoxel);
    } catch (const std::runtime_error& error) {
        throw std::runtime_error(path + ": " + error.what());
    }
}

ImageFileHeader headerFrom(itk::ImageIOBase* io, const std::string& path)
{
    ImageFileHeader header;
    header.dimensions = static_cast<int>(io->GetNumberOfDimensions());
    header.components = static_cast<int>(io->GetNumberOfComponents());
    header.componentType = itk::ImageIOBase::GetComponentTypeAsString(io->GetComponentType());
    if (header.dimensions < 2)
        throw std::runtime_error(path + ": an image needs at least two dimensions");
    for (unsigned axis = 0; axis < 3; ++axis) {
        if (axis < io->GetNumberOfDimensions()) {
            header.geometry.size[axis] = static_cast<std::int64_t>(io->GetDimensions(axis));
            header.geometry.spacing[axis] = io->GetSpacing(axis);
            header.geometry.origin[axis] = io->GetOrigin(axis);
            const auto direction = io->GetDirection(axis);
            for (unsigned row = 0; row < 3; ++row)
                header.geometry.direction[row * 3 + axis] = row < direction.size() ? direction[row] : (row == axis ? 1.0 : 0.0);
        } else {
            header.geometry.size[axis] = 1;
        }
    }
    for (unsigned axis = 3; axis < io->GetNumberOfDimensions(); ++axis)
        if (io->GetDimensions(axis) > 1)
            throw std::runtime_error(path + ": a " + std::to_string(io->GetNumberOfDimensions()) +
                                     "D image with more than one volume is not supported");
    if (header.components != 1)
        throw std::runtime_error(path + ": images with " + std::to_string(header.components) +
                                 " components per voxel are not supported");
    return header;
}

template <typename Image>
typename Image::Pointer readWith(itk::ImageIOBase* io, const std::string& path)
{
    auto reader = itk::ImageFileReader<Image>::New();
    reader->SetFileName(path);
    reader->SetImageIO(io);
    try {
        reader->Update();
    } catch (const itk::ExceptionObject& error) {
        throw std::runtime_error(path + ": cannot read the voxels (" + error.GetDescription() +
                                 "); the file may be truncated or corrupt");
    } catch (const std::bad_alloc&) {
        throw std::runtime_error(path + ": not enough memory to read the image");
    }
    typename Image::Pointer image = reader->GetOutput();
    image->DisconnectPipeline();
    // The project works with zero-based regions: fold a non-zero start index into the origin.
    auto region = image->GetLargestPossibleRegion();
    if (region.GetIndex() != typename Image::IndexType{{0, 0, 0}}) {
        typename Image::PointType origin;
        image->TransformIndexToPhysicalPoint(region.GetIndex(), origin);
        region.SetIndex({{0, 0, 0}});
        image->SetRegions(region);
        image->SetOrigin(origin);
    }
    return image;
}

// ITK's NIfTI reader does not notice a truncated .nii.gz: it returns a volume padded with zeros.
// Compare the length the header implies with the gzip trailer (uncompressed size mod 2^32) and,
// when they disagree, decompress the stream to find out for certain.
void verifyCompressedNiftiLength(const std::string& path, const ImageFileHeader& header)
{
    gzFile file = gzopen(path.c_str(), "rb");
    if (!file)
        throw std::runtime_error(path + ": cannot open");
    unsigned char nifti1[352] = {};
    const int headerBytes = gzread(file, nifti1, sizeof nifti1);
    std::uint64_t expected = 0;
    if (headerBytes >= 348) {
        std::int32_t sizeofHeader = 0;
        std::memcpy(&sizeofHeader, nifti1, 4);
        float voxelOffset = 352;
        std::memcpy(&voxelOffset, nifti1 + 108, 4);
        // Bits per voxel as stored (ITK reports the type after scl_slope scaling, e.g. float).
        std::int16_t bitsPerVoxel = 0;
        std::memcpy(&bitsPerVoxel, nifti1 + 72, 2);
        if (sizeofHeader == 348 && bitsPerVoxel > 0)  // NIfTI-1 in native byte order; otherwise skip
            expected = static_cast<std::uint64_t>(voxelOffset) +
                       static_cast<std::uint64_t>(header.geometry.voxelCount()) * static_cast<std::uint64_t>(bitsPerVoxel) / 8;
    }
    if (expected == 0) {
        gzclose(file);
        return;
    }
    std::uint32_t trailer = 0;
    {
        std::ifstream raw(path, std::ios::binary);
        raw.seekg(-4, std::ios::end);
        unsigned char bytes[4] = {};
        raw.read(reinterpret_cast<char*>(bytes), 4);
        trailer = bytes[0] | (bytes[1] << 8) | (bytes[2] << 16) | (std::uint32_t(bytes[3]) << 24);
    }
    if (trailer == static_cast<std::uint32_t>(expected & 0xffffffffu)) {
        gzclose(file);
        return;
    }
    gzclose(file);
    // Inflate the whole stream with zlib's own API: gzread does not reliably report a stream that
    // ends without its gzip trailer (a .nii.gz missing its last 8 bytes was read as whole).
    std::ifstream raw(path, std::ios::binary);
    z_stream stream{};
    if (inflateInit2(&stream, 15 + 32) != Z_OK)  // gzip or zlib header, detected
        throw std::runtime_error(path + ": cannot decompress");
    std::vector<unsigned char> input(1 << 16);
    std::vector<unsigned char> output(1 << 20);
    std::uint64_t total = 0;
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        if (stream.avail_in == 0) {
            raw.read(reinterpret_cast<char*>(input.data()), static_cast<std::streamsize>(input.size()));
            stream.avail_in = static_cast<uInt>(raw.gcount());
            stream.next_in = input.data();
            if (stream.avail_in == 0)
                break;  // input ended before the stream did
        }
        stream.avail_out = static_cast<uInt>(output.size());
        stream.next_out = output.data();
        status = inflate(&stream, Z_NO_FLUSH);
        total += output.size() - stream.avail_out;
        if (status != Z_OK && status != Z_STREAM_END)
            break;
    }
    inflateEnd(&stream);
    if (status != Z_STREAM_END || total < expected) {
        std::ostringstream message;
        message << path << ": the file is truncated or corrupt (" << total << " of " << expected
                << " bytes could be decompressed" << (status != Z_STREAM_END ? ", the compressed stream is incomplete" : "")
                << ")";
        throw std::runtime_error(message.str());
    }
}

// ITK reads a short uncompressed .nii without complaint (found by fuzz_image_file: 931 bytes
// claiming 17 x 27950 x 360 voxels took ITK 13 s and 700 MB). Compare the file's length with what
// its NIfTI-1 header implies before reading the voxels.
void verifyUncompressedNiftiLength(const std::string& path, const ImageFileHeader& header, std::size_t bytesPerVoxel)
{
    std::ifstream file(path, std::ios::binary);
    unsigned char nifti1[348] = {};
    file.read(reinterpret_cast<char*>(nifti1), sizeof nifti1);
    if (file.gcount() < static_cast<std::streamsize>(sizeof nifti1))
        return;  // ITK has already read the header; nothing more to say here
    std::uint32_t sizeofHeader = 0;
    std::memcpy(&sizeofHeader, nifti1, 4);
    const bool swapped = sizeofHeader != 348;
    if (swapped && __builtin_bswap32(sizeofHeader) != 348u)
        return;
    std::uint32_t offsetBits = 0;
    std::memcpy(&offsetBits, nifti1 + 108, 4);
    if (swapped)
        offsetBits = __builtin_bswap32(offsetBits);
    float voxelOffset = 0;
    std::memcpy(&voxelOffset, &offsetBits, 4);
    // An Analyze-style header (no NIfTI magic) may hold anything here: count from 0 then.
    if (!std::isfinite(voxelOffset) || voxelOffset < 0 || voxelOffset > 1.0e9f)
        voxelOffset = 0;
    // Bytes per voxel as ITK will read them (the header's bitpix may disagree with its datatype).
    const std::uint64_t expected = static_cast<std::uint64_t>(voxelOffset) +
                                   static_cast<std::uint64_t>(header.geometry.voxelCount()) * bytesPerVoxel;
    std::error_code error;
    const std::uintmax_t size = std::filesystem::file_size(path, error);
    if (!error && size < expected) {
        std::ostringstream message;
        message << path << ": the file is truncated (" << size << " bytes; its header needs " << expected << ")";
        throw std::runtime_error(message.str());
    }
}

bool isSmallSignedInteger(itk::IOComponentEnum type)
{
    return type == itk::IOComponentEnum::UCHAR || type == itk::IOComponentEnum::CHAR ||
           type == itk::IOComponentEnum::SHORT;
}

bool isUnsignedLabelType(itk::IOComponentEnum type)
{
    return type == itk::IOComponentEnum::UCHAR || type == itk::IOComponentEnum::USHORT;
}

template <typename VoxelType>
void writeNow(const VoxelGrid<VoxelType>& grid, const std::string& path)
{
    using Image = ItkImage3<VoxelType>;
    auto writer = itk::ImageFileWriter<Image>::New();
    writer->SetFileName(path);
    writer->SetInput(itkView(grid));
    const std::string extension = imageExtension(path);
    // .nii is the uncompressed choice; every other format is written compressed.
    writer->SetUseCompression(extension != ".nii" && extension != ".mhd" && extension != ".nhdr");
    try {
        writer->Update();
    } catch (const itk::ExceptionObject& error) {
        throw std::runtime_error(path + ": cannot write (" + error.GetDescription() + ")");
    }
}

// The ImageIO of `path`, after the checks every voxel read needs: a size that can be allocated, and
// (NIfTI) a file long enough for the voxels its header claims, before ITK allocates and reads.
itk::ImageIOBase::Pointer openCheckedImage(const std::string& path, ImportReport* report = nullptr)
{
    auto io = createImageIO(path, report);
    const ImageFileHeader header = headerFrom(io.GetPointer(), path);
    checkAllocatableFile(header.geometry.size, 4, path);
    if (imageExtension(path) == ".nii.gz")
        verifyCompressedNiftiLength(path, header);
    else if (imageExtension(path) == ".nii")
        verifyUncompressedNiftiLength(path, header, io->GetComponentSize());
    return io;
}

}  // namespace

bool isSupportedImageFile(const std::string& path)
{
    return !imageExtension(path).empty();
}

ImageFileHeader readImageHeader(const std::string& path)
{
    auto io = createImageIO(path);
    return headerFrom(io.GetPointer(), path);
}

Volume readVolume(const std::string& path, ImportReport* report)
{
    auto io = openCheckedImage(path, report);
    if (isSmallSignedInteger(io->GetComponentType()))
        return adoptItkImage<std::int16_t>(readWith<ItkImage3<std::int16_t>>(io.GetPointer(), path));

    // Wider or floating-point types: read as float, then round and clamp to int16, saying so.
    auto source = readWith<itk::Image<float, 3>>(io.GetPointer(), path);
    Volume volume(geometryOf(source.GetPointer()));
    const float* in = source->GetBufferPointer();
    std::int16_t* out = volume.data();
    std::size_t clamped = 0;
    std::size_t rounded = 0;
    const std::size_t count = volume.voxelCount();
    for (std::size_t index = 0; index < count; ++index) {
        float value = in[index];
        if (!std::isfinite(value))
            value = 0.0f;
        const float nearest = std::nearbyint(value);
        if (std::abs(nearest - value) > 1e-3f)
            ++rounded;
        if (nearest < -32768.0f || nearest > 32767.0f) {
            ++clamped;
            out[index] = nearest < 0 ? std::int16_t(-32768) : std::int16_t(32767);
        } else {
            out[index] = static_cast<std::int16_t>(nearest);
        }
    }
    if (report) {
        if (rounded)
            report->add("values_rounded", std::to_string(rounded) + " voxels held non-integer values and were rounded");
        if (clamped)
            report->add("values_clamped", std::to_string(clamped) + " voxels were outside -32768..32767 and were clamped");
    }
    return volume;
}

LabelMap readLabelMap(const std::string& path)
{
    auto io = openCheckedImage(path);
    if (isUnsignedLabelType(io->GetComponentType()))
        return adoptItkImage<std::uint16_t>(readWith<ItkImage3<std::uint16_t>>(io.GetPointer(), path));
    auto source = readWith<itk::Image<float, 3>>(io.GetPointer(), path);
    LabelMap labels(geometryOf(source.GetPointer()));
    const float* in = source->GetBufferPointer();
    std::uint16_t* out = labels.data();
    for (std::size_t index = 0, count = labels.voxelCount(); index < count; ++index) {
        const float value = in[index];
        if (!(value >= 0.0f && value <= 65535.0f) || value != std::floor(value)) {
            std::ostringstream message;
            message << path << ": not a label map (voxel " << index << " holds " << value
                    << "; labels must be integers from 0 to 65535)";
            throw std::runtime_error(message.str());
        }
        out[index] = static_cast<std::uint16_t>(value);
    }
    return labels;
}

VoxelGrid<float> readProbabilityMap(const std::string& path)
{
    auto io = openCheckedImage(path);
    VoxelGrid<float> probability = adoptItkImage<float>(readWith<itk::Image<float, 3>>(io.GetPointer(), path));
    const float* values = probability.data();
    for (std::size_t index = 0; index < probability.voxelCount(); ++index)
        if (!(values[index] >= 0.0f && values[index] <= 1.0f)) {
            std::ostringstream message;
            message << path << ": not a probability map (voxel " << index << " holds " << values[index]
                    << "; probabilities are numbers from 0 to 1)";
            throw std::runtime_error(message.str());
        }
    return probability;
}

LabelMap readLabelMapFor(const std::string& path, const ImageGeometry& image)
{
    const ImageFileHeader header = readImageHeader(path);
    if (!header.geometry.sameGrid(image, 1e-3)) {
        std::ostringstream message;
        const auto& g = header.geometry;
        message << path << ": the label map does not match its image (label map " << g.size[0] << "x" << g.size[1]
                << "x" << g.size[2] << " at spacing " << g.spacing[0] << "/" << g.spacing[1] << "/" << g.spacing[2]
                << " mm, image " << image.size[0] << "x" << image.size[1] << "x" << image.size[2] << " at spacing "
                << image.spacing[0] << "/" << image.spacing[1] << "/" << image.spacing[2]
                << " mm, or a different origin or orientation)";
        throw std::runtime_error(message.str());
    }
    return readLabelMap(path);
}

void writeThroughTemporaryFile(const std::string& target, const std::function<void(const std::string&)>& writer)
{
    namespace fs = std::filesystem;
    const fs::path targetPath(target);
    const fs::path folder = targetPath.has_parent_path() ? targetPath.parent_path() : fs::path(".");
    if (!fs::is_directory(folder))
        throw std::runtime_error(target + ": the folder " + folder.string() + " does not exist");
    std::random_device entropy;
    const std::string extension = imageExtension(target).empty() ? targetPath.extension().string() : imageExtension(target);
    const fs::path temporary =
        folder / (".lnseg-" + std::to_string(entropy()) + "-" + targetPath.filename().string() + ".partial" + extension);
    try {
        writer(temporary.string());
        std::error_code error;
        fs::rename(temporary, targetPath, error);
        if (error)
            throw std::runtime_error(target + ": cannot replace the file (" + error.message() + ")");
    } catch (...) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw;
    }
}

template <typename VoxelType>
void writeImage(const VoxelGrid<VoxelType>& grid, const std::string& path)
{
    if (grid.empty())
        throw std::invalid_argument("writeImage: empty grid");
    if (!isSupportedImageFile(path))
        throw std::runtime_error(path + ": unsupported output format (use .nii.gz, .nii, .nrrd or .mha)");
    writeThroughTemporaryFile(path, [&](const std::string& temporary) { writeNow(grid, temporary); });
}

template void writeImage(const VoxelGrid<std::int16_t>&, const std::string&);
template void writeImage(const VoxelGrid<std::uint16_t>&, const std::string&);
template void writeImage(const VoxelGrid<float>&, const std::string&);

}  // namespace lnseg
