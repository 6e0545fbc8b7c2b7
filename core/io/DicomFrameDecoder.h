#pragma once
// Decodes the frames of one loaded DICOM file straight into int16 destination slices, applying
// the modality LUT (Rescale Slope/Intercept) with rounding and clamping. Native pixel data is
// converted from DCMTK's buffer; JPEG, JPEG-LS and RLE go through DCMTK's codecs; JPEG 2000
// through OpenJPEG. One decoder per thread: it owns scratch buffers.

#include <dcmtk/dcmdata/dctk.h>

#include <cstdint>
#include <string>
#include <vector>

namespace lnseg {

struct PixelFormat {
    long rows = 0;
    long columns = 0;
    long frames = 1;
    int samplesPerPixel = 1;
    int bitsAllocated = 16;
    int bitsStored = 16;
    int highBit = 15;
    bool isSigned = false;
    std::string photometric;
    std::size_t bytesPerFrame() const;  // of the uncompressed frame
};

// Reads and validates the Image Pixel module. Throws std::runtime_error for values that no
// image can have (zero or absurd sizes, unsupported bit depths, colour images).
PixelFormat readPixelFormat(DcmItem& data);

// How many output voxels needed clamping to int16 or were rounded (non-integer slope/intercept).
struct ConversionStatistics {
    std::size_t clamped = 0;
    std::size_t rounded = 0;
    void add(const ConversionStatistics& other)
    {
        clamped += other.clamped;
        rounded += other.rounded;
    }
};

class DicomFrameDecoder {
public:
    // `data` must stay alive while the decoder is used. Throws std::runtime_error when the
    // pixel data is missing or shorter than the format requires.
    DicomFrameDecoder(DcmDataset& data, std::string path);
    // For a data set read without its Pixel Data (the caller reads the samples itself).
    struct WithoutPixelData {};
    DicomFrameDecoder(DcmDataset& data, std::string path, WithoutPixelData);

    const PixelFormat& format() const { return m_format; }
    // Decodes frame `frameIndex` (decode a file's frames in increasing order: compressed
    // multi-frame data is read sequentially) into rows*columns int16 values.
    void decodeFrame(long frameIndex, double slope, double intercept, std::int16_t* destination,
                     ConversionStatistics& statistics);

    // Converts one frame of native 16-bit little endian samples read by the caller.
    void decodeNativeSamples(const std::uint16_t* samples, double slope, double intercept, std::int16_t* destination,
                             ConversionStatistics& statistics);

private:
    void decodeNative(long frameIndex, double slope, double intercept, std::int16_t* destination, ConversionStatistics&);
    void decodeWithDcmtk(long frameIndex, double slope, double intercept, std::int16_t* destination, ConversionStatistics&);
    // Lossless JPEG with predictor 6 on 16-bit data: see the comment in the implementation.
    bool decodePredictor6(long frameIndex);
    // The concatenated fragments of one compressed frame.
    std::vector<std::uint8_t> compressedFrame(long frameIndex);
    void decodeJpeg2000(long frameIndex, double slope, double intercept, std::int16_t* destination, ConversionStatistics&);
    void decodeJpegLs(long frameIndex, double slope, double intercept, std::int16_t* destination, ConversionStatistics&);
    // Converts `count` stored samples (bit pattern in the low `bits` bits) to int16.
    template <typename Sample>
    void convert(const Sample* samples, std::size_t count, int bitsStored, int highBit, bool isSigned,
                 double slope, double intercept, std::int16_t* destination, ConversionStatistics& statistics);
    // Lookup table stored value -> int16 for <= 16-bit samples, with flags (1 clamped, 2 rounded).
    // Kept per thread, not per decoder: a series' files share one table, and building a 64K-entry
    // table for every file cost more than converting its pixels.
    struct ConversionTable {
        std::vector<std::int16_t> values;
        std::vector<std::uint8_t> flags;
        int tableBits = -1, bitsStored = 0, highBit = 0;
        bool isSigned = false;
        double slope = 0, intercept = 0;
    };
    static const ConversionTable& lookupTable(int tableBits, int bitsStored, int highBit, bool isSigned, double slope,
                                              double intercept);

    DcmDataset& m_data;
    std::string m_path;
    PixelFormat m_format;
    E_TransferSyntax m_transferSyntax = EXS_Unknown;
    DcmPixelData* m_pixelData = nullptr;
    Uint32 m_nextFragment = 0;
    std::vector<std::uint8_t> m_scratch;
    std::vector<std::uint8_t> m_alternative;
};

bool isJpeg2000(E_TransferSyntax transferSyntax);

}  // namespace lnseg
