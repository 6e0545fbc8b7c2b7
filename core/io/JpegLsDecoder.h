#pragma once
// JPEG-LS decoding of one grey-scale frame with the system CharLS library (2.x). DCMTK bundles an
// older, slower CharLS; decoding through the current library is several times faster, which
// matters for the large JPEG-LS CT series PACS send.

#include <cstdint>
#include <vector>

namespace lnseg {

struct JpegLsImage {
    int width = 0;
    int height = 0;
    int bitsPerSample = 0;
    int components = 0;
    std::vector<std::uint8_t> samples;  // 1 or 2 bytes per sample (little endian)
};

// True when the system CharLS library could be loaded.
bool isJpegLsDecoderAvailable();

// Throws std::runtime_error with CharLS's message on failure.
JpegLsImage decodeJpegLs(const std::uint8_t* data, std::size_t size);

}  // namespace lnseg
