#pragma once
// Splits encapsulated (compressed) Pixel Data into frames: which fragments make up frame k,
// using the Basic Offset Table when present, one fragment per frame when the counts match, and
// otherwise the codestream start markers (JPEG 2000 SOC or JP2 signature).

#include <cstdint>
#include <vector>

class DcmPixelSequence;

namespace lnseg {

// The concatenated fragments of frame `frameIndex`. Throws std::runtime_error when the pixel
// sequence does not hold that frame.
std::vector<std::uint8_t> encapsulatedFrame(DcmPixelSequence& sequence, long numberOfFrames, long frameIndex);

}  // namespace lnseg
