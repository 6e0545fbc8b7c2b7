#include "io/NiftiHeaderCheck.h"

#include <zlib.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <sstream>
#include <stdexcept>

namespace lnseg {
namespace {

constexpr int kNifti1HeaderSize = 348;
constexpr int kNifti2HeaderSize = 540;

// The header's bytes with reads in the file's byte order.
class HeaderBytes {
public:
    HeaderBytes(const unsigned char* bytes, bool swapped) : m_bytes(bytes), m_swapped(swapped) {}

    std::int16_t int16(int offset) const
    {
        std::uint16_t bits = 0;
        std::memcpy(&bits, m_bytes + offset, 2);
        return static_cast<std::int16_t>(m_swapped ? __builtin_bswap16(bits) : bits);
    }
    std::int64_t int64(int offset) const
    {
        std::uint64_t bits = 0;
        std::memcpy(&bits, m_bytes + offset, 8);
        return static_cast<std::int64_t>(m_swapped ? __builtin_bswap64(bits) : bits);
    }
    float float32(int offset) const
    {
        std::uint32_t bits = 0;
        std::memcpy(&bits, m_bytes + offset, 4);
        if (m_swapped)
            bits = __builtin_bswap32(bits);
        float value = 0;
        std::memcpy(&value, &bits, 4);
        return value;
    }
    double float64(int offset) const
    {
        std::uint64_t bits = std::uint64_t(int64(offset));
        double value = 0;
        std::memcpy(&value, &bits, 8);
        return value;
    }

private:
    const unsigned char* m_bytes;
    bool m_swapped;
};

// Bits per voxel of each NIfTI datatype code (nifti1.h).
const std::map<int, int>& bitsOfDatatype()
{
    static const std::map<int, int> bits = {{1, 1},     {2, 8},     {4, 16},    {8, 32},    {16, 32},   {32, 64},
                                            {64, 64},   {128, 24},  {256, 8},   {512, 16},  {768, 32},  {1024, 64},
                                            {1280, 64}, {1536, 128}, {1792, 128}, {2048, 256}, {2304, 32}};
    return bits;
}

// The fields both versions share, read from either layout.
struct CommonFields {
    std::int64_t dim[8] = {};
    int datatype = 0;
    int bitpix = 0;
    double pixdim[8] = {};
    double voxelOffset = 0;
    bool singleFile = false;  // magic "n+1" / "n+2": the voxels follow the header in the same file
    int headerSize = kNifti1HeaderSize;
};

[[noreturn]] void refuse(const std::string& path, const std::string& why)
{
    throw std::runtime_error(path + ": invalid NIfTI header: " + why);
}

void checkDimensions(const std::string& path, const CommonFields& fields)
{
    const std::int64_t count = fields.dim[0];
    for (std::int64_t axis = 1; axis <= count; ++axis)
        if (fields.dim[axis] < 1) {
            std::ostringstream why;
            why << "dim[" << axis << "] is " << fields.dim[axis] << "; every used dimension (dim[1] to dim[" << count
                << "]) must be at least 1";
            refuse(path, why.str());
        }
}

void checkDatatype(const std::string& path, const CommonFields& fields)
{
    const auto known = bitsOfDatatype().find(fields.datatype);
    if (known == bitsOfDatatype().end())
        refuse(path, "datatype " + std::to_string(fields.datatype) + " is not a NIfTI data type");
    if (fields.bitpix != known->second)
        refuse(path, "bitpix " + std::to_string(fields.bitpix) + " does not match datatype " +
                         std::to_string(fields.datatype) + " (" + std::to_string(known->second) + " bits per voxel)");
}

void checkVoxelOffset(const std::string& path, const CommonFields& fields)
{
    if (!std::isfinite(fields.voxelOffset) || fields.voxelOffset < 0)
        refuse(path, "vox_offset is not a position in the file");
    if (fields.singleFile && fields.voxelOffset < fields.headerSize) {
        std::ostringstream why;
        why << "vox_offset " << fields.voxelOffset << " points inside the " << fields.headerSize
            << "-byte header (the voxels of a single-file NIfTI start after it)";
        refuse(path, why.str());
    }
}

// A spacing of zero or below along a used spatial axis: ITK gives 1 mm there; say so.
void reportAssumedSpacing(const CommonFields& fields, ImportReport& report)
{
    for (int axis = 1; axis <= 3 && axis <= fields.dim[0]; ++axis) {
        const double spacing = fields.pixdim[axis];
        if (spacing > 0)
            continue;
        std::ostringstream text;
        text << "pixdim[" << axis << "] (the voxel spacing along axis " << axis - 1 << ") is " << spacing
             << ", not a spacing: 1 mm was assumed, so distances, node sizes and volumes along that axis are not "
                "real millimetres.";
        report.add("spacing_assumed", text.str());
    }
}

// NaN, infinity or overflowing orientation numbers (ITK aborts on them), rotations that are not
// rotations, unknown transform codes: NIfTI-1 only (NIfTI-2 stores doubles ITK handles).
void checkNifti1Orientation(const std::string& path, const HeaderBytes& header)
{
    const float limit = 1.0e9f;
    auto plausible = [&](int offset) {
        const float value = header.float32(offset);
        return std::isfinite(value) && std::abs(value) <= limit;
    };
    for (int index = 0; index < 8; ++index)
        if (!plausible(76 + 4 * index))
            refuse(path, "pixdim[" + std::to_string(index) + "] is not a usable spacing value");
    static const char* const names[] = {"quatern_b", "quatern_c", "quatern_d", "qoffset_x", "qoffset_y", "qoffset_z"};
    for (int index = 0; index < 6; ++index)
        if (!plausible(256 + 4 * index))
            refuse(path, std::string(names[index]) + " is not a usable orientation value");
    const int qformCode = header.int16(252);
    const int sformCode = header.int16(254);
    if (qformCode < 0 || qformCode > 5)
        refuse(path, "qform_code " + std::to_string(qformCode) + " is not a NIfTI transform code (0 to 5)");
    if (sformCode < 0 || sformCode > 5)
        refuse(path, "sform_code " + std::to_string(sformCode) + " is not a NIfTI transform code (0 to 5)");
    if (qformCode > 0) {
        const double b = header.float32(256), c = header.float32(260), d = header.float32(264);
        if (b * b + c * c + d * d > 1.0 + 1e-3) {
            std::ostringstream why;
            why << "the qform quaternion (b, c, d) = (" << b << ", " << c << ", " << d
                << ") is longer than 1, so it is not a rotation";
            refuse(path, why.str());
        }
    }
    if (sformCode > 0) {
        for (int index = 0; index < 12; ++index)
            if (!plausible(280 + 4 * index))
                refuse(path, "srow[" + std::to_string(index) + "] is not a usable orientation value");
        for (int axis = 0; axis < 3; ++axis)
            if (header.float32(280 + 4 * axis) == 0 && header.float32(296 + 4 * axis) == 0 &&
                header.float32(312 + 4 * axis) == 0)
                refuse(path, "the sform's axis " + std::to_string(axis) + " is all zero");
    }
}

}  // namespace

ImportReport checkNiftiHeader(const std::string& path)
{
    ImportReport report;
    gzFile file = gzopen(path.c_str(), "rb");  // reads .nii and .nii.gz alike
    if (!file)
        return report;  // ITK reports what is wrong with the file
    unsigned char bytes[kNifti2HeaderSize] = {};
    const int got = gzread(file, bytes, sizeof bytes);
    gzclose(file);
    if (got < kNifti1HeaderSize)
        return report;  // too short for a header: ITK says so
    std::uint32_t sizeofHeader = 0;
    std::memcpy(&sizeofHeader, bytes, 4);
    const bool nifti2 = sizeofHeader == kNifti2HeaderSize || __builtin_bswap32(sizeofHeader) == kNifti2HeaderSize;
    CommonFields fields;
    if (nifti2) {
        if (got < kNifti2HeaderSize)
            refuse(path, "the NIfTI-2 header is cut short");
        const bool swapped = sizeofHeader != kNifti2HeaderSize;
        const HeaderBytes header(bytes, swapped);
        fields.headerSize = kNifti2HeaderSize;
        fields.datatype = header.int16(12);
        fields.bitpix = header.int16(14);
        for (int index = 0; index < 8; ++index) {
            fields.dim[index] = header.int64(16 + 8 * index);
            fields.pixdim[index] = header.float64(104 + 8 * index);
        }
        fields.voxelOffset = static_cast<double>(header.int64(168));
        fields.singleFile = std::memcmp(bytes + 4, "n+2", 4) == 0;
    } else {
        // Byte order as niftilib decides it: from dim[0] (1..7), not from sizeof_hdr, which
        // niftilib does not insist on.
        std::uint16_t dimensionCount = 0;
        std::memcpy(&dimensionCount, bytes + 40, 2);
        const bool native = dimensionCount >= 1 && dimensionCount <= 7;
        const std::uint16_t reversed = __builtin_bswap16(dimensionCount);
        if (!native && !(reversed >= 1 && reversed <= 7))
            refuse(path, "dim[0] is " + std::to_string(static_cast<std::int16_t>(dimensionCount)) +
                             "; the number of dimensions must be 1 to 7");
        const HeaderBytes header(bytes, !native);
        checkNifti1Orientation(path, header);
        fields.datatype = header.int16(70);
        fields.bitpix = header.int16(72);
        for (int index = 0; index < 8; ++index) {
            fields.dim[index] = header.int16(40 + 2 * index);
            fields.pixdim[index] = header.float32(76 + 4 * index);
        }
        fields.voxelOffset = header.float32(108);
        fields.singleFile = std::memcmp(bytes + 344, "n+1", 4) == 0;
    }
    if (fields.dim[0] < 1 || fields.dim[0] > 7)
        refuse(path, "dim[0] is " + std::to_string(fields.dim[0]) + "; the number of dimensions must be 1 to 7");
    checkDimensions(path, fields);
    checkDatatype(path, fields);
    checkVoxelOffset(path, fields);
    reportAssumedSpacing(fields, report);
    return report;
}

}  // namespace lnseg
