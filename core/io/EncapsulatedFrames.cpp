#include "io/EncapsulatedFrames.h"

#include <dcmtk/dcmdata/dcpixseq.h>
#include <dcmtk/dcmdata/dcpxitem.h>

#include <cstring>
#include <stdexcept>
#include <string>

namespace lnseg {

namespace {

struct Fragment {
    const std::uint8_t* data = nullptr;
    std::uint32_t length = 0;
};

bool startsCodestream(const Fragment& fragment)
{
    static const std::uint8_t j2kStart[4] = {0xFF, 0x4F, 0xFF, 0x51};
    static const std::uint8_t jp2Signature[8] = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20};
    static const std::uint8_t jpegStart[2] = {0xFF, 0xD8};
    return (fragment.length >= 4 && std::memcmp(fragment.data, j2kStart, 4) == 0)
           || (fragment.length >= 8 && std::memcmp(fragment.data, jp2Signature, 8) == 0)
           || (fragment.length >= 2 && std::memcmp(fragment.data, jpegStart, 2) == 0);
}

}  // namespace

std::vector<std::uint8_t> encapsulatedFrame(DcmPixelSequence& sequence, long numberOfFrames, long frameIndex)
{
    const unsigned long items = sequence.card();
    if (items < 2)
        throw std::runtime_error("compressed pixel data holds no fragments");
    std::vector<Fragment> fragments;
    Fragment offsetTable;
    for (unsigned long index = 0; index < items; ++index) {
        DcmPixelItem* item = nullptr;
        if (sequence.getItem(item, index).bad() || !item)
            throw std::runtime_error("cannot read compressed pixel data fragment " + std::to_string(index));
        Fragment fragment;
        Uint8* data = nullptr;
        fragment.length = item->getLength();
        if (fragment.length > 0 && (item->getUint8Array(data).bad() || !data))
            throw std::runtime_error("cannot read compressed pixel data fragment " + std::to_string(index));
        fragment.data = data;
        if (index == 0)
            offsetTable = fragment;
        else
            fragments.push_back(fragment);
    }

    std::size_t first = 0, end = fragments.size();  // fragment range [first, end) of the frame
    if (numberOfFrames <= 1) {
        // A single frame owns every fragment.
    } else if (offsetTable.length == 4 * static_cast<std::uint32_t>(numberOfFrames)) {
        // Basic Offset Table: byte offsets of each frame's first fragment item, counted from
        // the first fragment's item tag (each item adds an 8-byte header).
        std::vector<std::uint32_t> offsets(static_cast<std::size_t>(numberOfFrames));
        for (std::size_t frame = 0; frame < offsets.size(); ++frame) {
            const std::uint8_t* p = offsetTable.data + 4 * frame;
            offsets[frame] = p[0] | (p[1] << 8) | (p[2] << 16) | (std::uint32_t(p[3]) << 24);
        }
        std::uint64_t position = 0;
        first = end = fragments.size();
        const std::uint64_t frameStart = offsets[static_cast<std::size_t>(frameIndex)];
        const std::uint64_t nextStart = frameIndex + 1 < numberOfFrames ? offsets[static_cast<std::size_t>(frameIndex + 1)] : UINT64_MAX;
        for (std::size_t index = 0; index < fragments.size(); ++index) {
            if (position == frameStart)
                first = index;
            if (position == nextStart) {
                end = index;
                break;
            }
            position += 8 + fragments[index].length;
        }
        if (first >= end)
            throw std::runtime_error("the Basic Offset Table does not match the compressed fragments");
    } else if (fragments.size() == static_cast<std::size_t>(numberOfFrames)) {
        first = static_cast<std::size_t>(frameIndex);
        end = first + 1;
    } else {
        long frame = -1;
        first = end = fragments.size();
        for (std::size_t index = 0; index < fragments.size(); ++index) {
            if (startsCodestream(fragments[index]) || index == 0) {
                ++frame;
                if (frame == frameIndex)
                    first = index;
                else if (frame == frameIndex + 1) {
                    end = index;
                    break;
                }
            }
        }
        if (first >= fragments.size())
            throw std::runtime_error("compressed pixel data holds fewer frames than Number of Frames says");
    }

    std::size_t total = 0;
    for (std::size_t index = first; index < end; ++index)
        total += fragments[index].length;
    std::vector<std::uint8_t> frame;
    frame.reserve(total);
    for (std::size_t index = first; index < end; ++index)
        frame.insert(frame.end(), fragments[index].data, fragments[index].data + fragments[index].length);
    return frame;
}

}  // namespace lnseg
