#include "io/DicomFrameDecoder.h"

#include "image/VoxelGrid.h"
#include "io/DicomAttributes.h"
#include "io/EncapsulatedFrames.h"
#include "io/Jpeg2000Decoder.h"
#include "io/JpegLsDecoder.h"

#include <dcmtk/dcmjpeg/djcparam.h>
#include <dcmtk/dcmjpeg/djdeclol.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace lnseg {

namespace {

double roundedValue(double value, bool& rounded)
{
    const double nearest = std::nearbyint(value);
    rounded = std::abs(nearest - value) > 1e-6;
    return nearest;
}

std::int16_t toInt16(double value, std::uint8_t& flags)
{
    bool rounded = false;
    double nearest = roundedValue(value, rounded);
    flags = rounded ? 2 : 0;
    if (nearest < -32768.0 || nearest > 32767.0) {
        flags |= 1;
        nearest = std::clamp(nearest, -32768.0, 32767.0);
    }
    return static_cast<std::int16_t>(nearest);
}

// The stored value of a sample: bits [highBit - bitsStored + 1, highBit], two's complement when
// signed. Bits outside Bits Stored are not pixel data (PS3.5 8.1.1) and are ignored.
std::int64_t storedValue(std::uint64_t raw, int bitsStored, int highBit, bool isSigned)
{
    const int shift = highBit + 1 - bitsStored;
    const std::uint64_t mask = bitsStored >= 64 ? ~0ULL : ((1ULL << bitsStored) - 1);
    std::uint64_t bits = (raw >> shift) & mask;
    if (isSigned && bitsStored < 64 && (bits >> (bitsStored - 1)) & 1)
        return static_cast<std::int64_t>(bits) - static_cast<std::int64_t>(1ULL << bitsStored);
    return static_cast<std::int64_t>(bits);
}

// Sum of absolute differences between horizontal neighbours: small for images, large for noise.
double roughness(const std::uint16_t* samples, long rows, long columns)
{
    double sum = 0;
    for (long row = 0; row < rows; ++row)
        for (long column = 1; column < columns; ++column)
            sum += std::abs(static_cast<double>(static_cast<std::int16_t>(samples[row * columns + column]))
                            - static_cast<double>(static_cast<std::int16_t>(samples[row * columns + column - 1])));
    return sum;
}

// Predictor selection value of the first scan of a lossless JPEG stream (0 when not found).
int losslessJpegPredictor(const std::vector<std::uint8_t>& stream)
{
    for (std::size_t index = 0; index + 6 < stream.size(); ++index) {
        if (stream[index] != 0xFF || stream[index + 1] != 0xDA)
            continue;
        const std::size_t components = stream[index + 4];
        const std::size_t predictor = index + 5 + 2 * components;
        return predictor < stream.size() ? stream[predictor] : 0;
    }
    return 0;
}

}  // namespace

bool isJpeg2000(E_TransferSyntax transferSyntax)
{
    return transferSyntax == EXS_JPEG2000LosslessOnly || transferSyntax == EXS_JPEG2000
           || transferSyntax == EXS_JPEG2000MulticomponentLosslessOnly || transferSyntax == EXS_JPEG2000Multicomponent;
}

std::size_t PixelFormat::bytesPerFrame() const
{
    const std::size_t samples = static_cast<std::size_t>(rows) * static_cast<std::size_t>(columns) * static_cast<std::size_t>(samplesPerPixel);
    return bitsAllocated == 1 ? (samples + 7) / 8 : samples * static_cast<std::size_t>(bitsAllocated / 8);
}

PixelFormat readPixelFormat(DcmItem& data)
{
    PixelFormat format;
    format.rows = readInteger(data, DCM_Rows).value_or(0);
    format.columns = readInteger(data, DCM_Columns).value_or(0);
    format.frames = std::max(1L, readInteger(data, DCM_NumberOfFrames).value_or(1));
    format.samplesPerPixel = static_cast<int>(readInteger(data, DCM_SamplesPerPixel).value_or(1));
    format.bitsAllocated = static_cast<int>(readInteger(data, DCM_BitsAllocated).value_or(0));
    format.bitsStored = static_cast<int>(readInteger(data, DCM_BitsStored).value_or(format.bitsAllocated));
    format.highBit = static_cast<int>(readInteger(data, DCM_HighBit).value_or(format.bitsStored - 1));
    format.isSigned = readInteger(data, DCM_PixelRepresentation).value_or(0) == 1;
    format.photometric = readString(data, DCM_PhotometricInterpretation);
    std::ostringstream problem;
    if (format.rows <= 0 || format.columns <= 0)
        problem << "Rows/Columns " << format.rows << " x " << format.columns << " are not a valid image size";
    else if (format.bitsAllocated != 8 && format.bitsAllocated != 16 && format.bitsAllocated != 32)
        problem << "Bits Allocated " << format.bitsAllocated << " is not supported for images (8, 16 or 32)";
    else if (format.bitsStored < 1 || format.bitsStored > format.bitsAllocated || format.highBit >= format.bitsAllocated
             || format.highBit + 1 < format.bitsStored)
        problem << "Bits Stored " << format.bitsStored << " / High Bit " << format.highBit << " do not fit Bits Allocated "
                << format.bitsAllocated;
    else if (format.samplesPerPixel != 1)
        problem << "colour images (" << format.samplesPerPixel << " samples per pixel, " << format.photometric
                << ") cannot be loaded as a CT/MR volume";
    if (!problem.str().empty())
        throw std::runtime_error(problem.str());
    // Refuse sizes no file can back before anything is allocated for them.
    checkAllocatable({format.columns, format.rows, format.frames}, static_cast<std::size_t>(format.bitsAllocated / 8));
    return format;
}

DicomFrameDecoder::DicomFrameDecoder(DcmDataset& data, std::string path) : m_data(data), m_path(std::move(path))
{
    m_format = readPixelFormat(data);
    m_transferSyntax = data.getOriginalXfer();
    DcmElement* element = nullptr;
    if (data.findAndGetElement(DCM_PixelData, element).bad() || !element)
        throw std::runtime_error("no Pixel Data element");
    m_pixelData = dynamic_cast<DcmPixelData*>(element);
    if (!m_pixelData)
        throw std::runtime_error("Pixel Data element has an unexpected type");
    if (!DcmXfer(m_transferSyntax).isEncapsulated()) {
        // Compare what the header claims with what the element holds before touching the data.
        const unsigned long long needed = static_cast<unsigned long long>(m_format.bytesPerFrame()) * static_cast<unsigned long long>(m_format.frames);
        const unsigned long long held = element->getLength();
        if (held < needed) {
            std::ostringstream message;
            message << "Pixel Data holds " << held << " bytes but Rows x Columns x Frames x Bits Allocated ("
                    << m_format.rows << " x " << m_format.columns << " x " << m_format.frames << " x "
                    << m_format.bitsAllocated << " bits) need " << needed << " bytes (truncated file?)";
            throw std::runtime_error(message.str());
        }
    }
}

DicomFrameDecoder::DicomFrameDecoder(DcmDataset& data, std::string path, WithoutPixelData)
    : m_data(data), m_path(std::move(path))
{
    m_format = readPixelFormat(data);
    m_transferSyntax = data.getOriginalXfer();
}

void DicomFrameDecoder::decodeNativeSamples(const std::uint16_t* samples, double slope, double intercept,
                                            std::int16_t* destination, ConversionStatistics& statistics)
{
    const std::size_t pixels = static_cast<std::size_t>(m_format.rows * m_format.columns);
    convert(samples, pixels, m_format.bitsStored, m_format.highBit, m_format.isSigned, slope, intercept, destination,
            statistics);
}

void DicomFrameDecoder::decodeFrame(long frameIndex, double slope, double intercept, std::int16_t* destination,
                                    ConversionStatistics& statistics)
{
    if (frameIndex < 0 || frameIndex >= m_format.frames)
        throw std::runtime_error("frame " + std::to_string(frameIndex + 1) + " does not exist (Number of Frames "
                                 + std::to_string(m_format.frames) + ")");
    if (!DcmXfer(m_transferSyntax).isEncapsulated())
        decodeNative(frameIndex, slope, intercept, destination, statistics);
    else if (isJpeg2000(m_transferSyntax))
        decodeJpeg2000(frameIndex, slope, intercept, destination, statistics);
    else if ((m_transferSyntax == EXS_JPEGLSLossless || m_transferSyntax == EXS_JPEGLSLossy) &&
             m_format.samplesPerPixel == 1 && m_format.bitsAllocated == 16 && isJpegLsDecoderAvailable())
        decodeJpegLs(frameIndex, slope, intercept, destination, statistics);
    else
        decodeWithDcmtk(frameIndex, slope, intercept, destination, statistics);
}

const DicomFrameDecoder::ConversionTable& DicomFrameDecoder::lookupTable(int tableBits, int bitsStored, int highBit,
                                                                        bool isSigned, double slope, double intercept)
{
    thread_local ConversionTable table;
    if (table.tableBits == tableBits && table.bitsStored == bitsStored && table.highBit == highBit &&
        table.isSigned == isSigned && table.slope == slope && table.intercept == intercept)
        return table;
    const std::size_t size = std::size_t(1) << tableBits;
    table.values.resize(size);
    table.flags.resize(size);
    for (std::size_t raw = 0; raw < size; ++raw) {
        const double value = static_cast<double>(storedValue(raw, bitsStored, highBit, isSigned)) * slope + intercept;
        table.values[raw] = toInt16(value, table.flags[raw]);
    }
    table.tableBits = tableBits;
    table.bitsStored = bitsStored;
    table.highBit = highBit;
    table.isSigned = isSigned;
    table.slope = slope;
    table.intercept = intercept;
    return table;
}

template <typename Sample>
void DicomFrameDecoder::convert(const Sample* samples, std::size_t count, int bitsStored, int highBit, bool isSigned,
                                double slope, double intercept, std::int16_t* destination,
                                ConversionStatistics& statistics)
{
    if constexpr (sizeof(Sample) <= 2) {
        const ConversionTable& table = lookupTable(8 * static_cast<int>(sizeof(Sample)), bitsStored, highBit, isSigned, slope, intercept);
        const std::int16_t* lut = table.values.data();
        const std::uint8_t* flags = table.flags.data();
        // Convert first, remembering only whether any flagged value occurred (an OR into a register
        // vectorises; counting into memory per voxel would serialise the loop); count only then.
        std::uint8_t anyFlag = 0;
        for (std::size_t index = 0; index < count; ++index) {
            const auto raw = static_cast<std::make_unsigned_t<Sample>>(samples[index]);
            destination[index] = lut[raw];
            anyFlag |= flags[raw];
        }
        if (anyFlag) {
            std::size_t flagCounts[4] = {0, 0, 0, 0};
            for (std::size_t index = 0; index < count; ++index)
                ++flagCounts[flags[static_cast<std::make_unsigned_t<Sample>>(samples[index])]];
            statistics.clamped += flagCounts[1] + flagCounts[3];
            statistics.rounded += flagCounts[2] + flagCounts[3];
        }
    } else {
        for (std::size_t index = 0; index < count; ++index) {
            const auto raw = static_cast<std::uint32_t>(samples[index]);
            std::uint8_t flags = 0;
            destination[index] = toInt16(static_cast<double>(storedValue(raw, bitsStored, highBit, isSigned)) * slope + intercept, flags);
            statistics.clamped += flags & 1;
            statistics.rounded += (flags >> 1) & 1;
        }
    }
}

void DicomFrameDecoder::decodeNative(long frameIndex, double slope, double intercept, std::int16_t* destination,
                                     ConversionStatistics& statistics)
{
    const std::size_t pixels = static_cast<std::size_t>(m_format.rows * m_format.columns);
    const std::size_t first = pixels * static_cast<std::size_t>(frameIndex);
    // DCMTK returns the value in the machine's byte order (big endian files are swapped).
    if (m_format.bitsAllocated == 8) {
        Uint8* values = nullptr;
        if (m_pixelData->getUint8Array(values).bad() || !values)
            throw std::runtime_error("cannot read 8-bit Pixel Data");
        convert(values + first, pixels, m_format.bitsStored, m_format.highBit, m_format.isSigned, slope, intercept, destination, statistics);
    } else if (m_format.bitsAllocated == 16) {
        Uint16* values = nullptr;
        if (m_pixelData->getUint16Array(values).bad() || !values)
            throw std::runtime_error("cannot read 16-bit Pixel Data");
        convert(values + first, pixels, m_format.bitsStored, m_format.highBit, m_format.isSigned, slope, intercept, destination, statistics);
    } else {
        Uint8* bytes = nullptr;
        if (m_pixelData->getUint8Array(bytes).bad() || !bytes)
            throw std::runtime_error("cannot read 32-bit Pixel Data");
        // OB/OW value: 32-bit samples in the file's byte order.
        const bool swap = DcmXfer(m_transferSyntax).getByteOrder() != gLocalByteOrder;
        std::vector<std::uint32_t> samples(pixels);
        std::memcpy(samples.data(), bytes + 4 * first, 4 * pixels);
        if (swap)
            for (auto& value : samples)
                value = (value >> 24) | ((value >> 8) & 0xFF00u) | ((value << 8) & 0xFF0000u) | (value << 24);
        convert(samples.data(), pixels, m_format.bitsStored, m_format.highBit, m_format.isSigned, slope, intercept, destination, statistics);
    }
}

void DicomFrameDecoder::decodeWithDcmtk(long frameIndex, double slope, double intercept, std::int16_t* destination,
                                        ConversionStatistics& statistics)
{
    const std::size_t bytes = m_format.bytesPerFrame();
    m_scratch.resize(bytes + (bytes & 1));
    OFString colorModel;
    const OFCondition status = m_pixelData->getUncompressedFrame(&m_data, static_cast<Uint32>(frameIndex), m_nextFragment,
                                                                 m_scratch.data(), static_cast<Uint32>(m_scratch.size()), colorModel);
    if (status.bad())
        throw std::runtime_error(std::string("cannot decompress frame ") + std::to_string(frameIndex + 1) + " ("
                                 + DcmXfer(m_transferSyntax).getXferName() + "): " + status.text());
    if (m_transferSyntax == EXS_JPEGProcess14 && m_format.bitsAllocated == 16 && decodePredictor6(frameIndex))
        m_scratch.swap(m_alternative);
    const std::size_t pixels = static_cast<std::size_t>(m_format.rows * m_format.columns);
    if (m_format.bitsAllocated == 8)
        convert(m_scratch.data(), pixels, m_format.bitsStored, m_format.highBit, m_format.isSigned, slope, intercept, destination, statistics);
    else if (m_format.bitsAllocated == 16)
        convert(reinterpret_cast<const std::uint16_t*>(m_scratch.data()), pixels, m_format.bitsStored, m_format.highBit,
                m_format.isSigned, slope, intercept, destination, statistics);
    else
        convert(reinterpret_cast<const std::uint32_t*>(m_scratch.data()), pixels, m_format.bitsStored, m_format.highBit,
                m_format.isSigned, slope, intercept, destination, statistics);
}

// Some encoders overflowed predictor 6 (Rb + ((Ra - Rc) >> 1)) on 16-bit lossless JPEG; DCMTK
// can decode such streams with a workaround, which in turn breaks correct predictor 6 streams
// (e.g. the cornerstone CT in process 14). A stream does not say which it is, so both decodes
// are made and the smoother image wins: the wrong one is noise. Only predictor 6 frames pay.
// Returns true when the workaround decode (in m_alternative) is the better one.
bool DicomFrameDecoder::decodePredictor6(long frameIndex)
{
    DcmPixelSequence* sequence = nullptr;
    if (m_pixelData->getEncapsulatedRepresentation(m_transferSyntax, nullptr, sequence).bad() || !sequence)
        return false;
    std::vector<std::uint8_t> stream;
    try {
        stream = encapsulatedFrame(*sequence, m_format.frames, frameIndex);
    } catch (const std::exception&) {
        return false;
    }
    if (losslessJpegPredictor(stream) != 6)
        return false;
    static const DJDecoderLossless decoder;
    static const DJCodecParameter workaround(ECC_lossyYCbCr, EDC_photometricInterpretation, EUC_never, EPC_default, OFTrue);
    m_alternative.resize(m_scratch.size());
    Uint32 startFragment = 0;
    OFString colorModel;
    if (decoder.decodeFrame(nullptr, sequence, &workaround, &m_data, static_cast<Uint32>(frameIndex), startFragment,
                            m_alternative.data(), static_cast<Uint32>(m_alternative.size()), colorModel).bad())
        return false;
    return roughness(reinterpret_cast<const std::uint16_t*>(m_alternative.data()), m_format.rows, m_format.columns)
           < roughness(reinterpret_cast<const std::uint16_t*>(m_scratch.data()), m_format.rows, m_format.columns);
}

std::vector<std::uint8_t> DicomFrameDecoder::compressedFrame(long frameIndex)
{
    DcmPixelSequence* sequence = nullptr;
    if (m_pixelData->getEncapsulatedRepresentation(m_transferSyntax, nullptr, sequence).bad() || !sequence)
        throw std::runtime_error("cannot access the compressed pixel data fragments");
    return encapsulatedFrame(*sequence, m_format.frames, frameIndex);
}

void DicomFrameDecoder::decodeJpeg2000(long frameIndex, double slope, double intercept, std::int16_t* destination,
                                       ConversionStatistics& statistics)
{
    const std::vector<std::uint8_t> codestream = compressedFrame(frameIndex);
    const Jpeg2000Image image = lnseg::decodeJpeg2000(codestream.data(), codestream.size());
    if (image.width != m_format.columns || image.height != m_format.rows) {
        std::ostringstream message;
        message << "JPEG 2000 frame is " << image.width << " x " << image.height << " but the header says "
                << m_format.columns << " x " << m_format.rows;
        throw std::runtime_error(message.str());
    }
    // Vendors disagree on signedness between the codestream (SIZ) and Pixel Representation.
    // The codestream's precision says which bits hold the sample. A codestream marked unsigned
    // for signed data (Toshiba "SIZ0 PixRep1") holds the two's complement pattern: read it as
    // signed, as pydicom/pylibjpeg do. A codestream marked signed for "unsigned" data (Toshiba
    // "SIZ1 PixRep0") really holds negative values (air at -2000 with intercept 0): trust it.
    const bool isSigned = image.isSigned || m_format.isSigned;
    const int precision = std::clamp(image.precision, 1, 32);
    const std::size_t pixels = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height);
    if (precision <= 16) {
        m_scratch.resize(pixels * 2);
        auto* samples = reinterpret_cast<std::uint16_t*>(m_scratch.data());
        for (std::size_t index = 0; index < pixels; ++index)
            samples[index] = static_cast<std::uint16_t>(static_cast<std::uint32_t>(image.samples[index]) & 0xFFFFu);
        convert(samples, pixels, precision, precision - 1, isSigned, slope, intercept, destination, statistics);
    } else {
        convert(reinterpret_cast<const std::uint32_t*>(image.samples), pixels, precision, precision - 1, isSigned, slope, intercept, destination, statistics);
    }
}

void DicomFrameDecoder::decodeJpegLs(long frameIndex, double slope, double intercept, std::int16_t* destination,
                                     ConversionStatistics& statistics)
{
    const std::vector<std::uint8_t> codestream = compressedFrame(frameIndex);
    const JpegLsImage image = lnseg::decodeJpegLs(codestream.data(), codestream.size());
    if (image.width != m_format.columns || image.height != m_format.rows || image.components != 1 ||
        image.bitsPerSample > 16 || image.bitsPerSample <= 8) {
        std::ostringstream message;
        message << "JPEG-LS frame is " << image.width << " x " << image.height << " x " << image.components
                << " components of " << image.bitsPerSample << " bits, but the header says " << m_format.columns << " x "
                << m_format.rows << " of " << m_format.bitsAllocated << " bits";
        throw std::runtime_error(message.str());
    }
    const std::size_t pixels = static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height);
    convert(reinterpret_cast<const std::uint16_t*>(image.samples.data()), pixels, m_format.bitsStored, m_format.highBit,
            m_format.isSigned, slope, intercept, destination, statistics);
}

}  // namespace lnseg
