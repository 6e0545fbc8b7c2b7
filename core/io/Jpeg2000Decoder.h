#pragma once
// JPEG 2000 decoding with OpenJPEG (DCMTK has no JPEG 2000 codec). Accepts a raw J2K codestream
// or a JP2 file (some vendors, e.g. Elscint, store the JP2 box format), decoded from memory.

#include <cstddef>
#include <cstdint>
#include <memory>

namespace lnseg {

struct Jpeg2000Image {
    int width = 0;
    int height = 0;
    int components = 0;
    int precision = 0;     // bits per sample in the codestream (SIZ)
    bool isSigned = false; // signedness in the codestream (SIZ), may disagree with DICOM
    const std::int32_t* samples = nullptr;  // first component, width * height values
    std::shared_ptr<void> owner;            // keeps the OpenJPEG image alive
};

// Throws std::runtime_error with OpenJPEG's message when the data cannot be decoded.
Jpeg2000Image decodeJpeg2000(const std::uint8_t* data, std::size_t size);

}  // namespace lnseg
