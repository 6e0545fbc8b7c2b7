#include "io/JpegLsDecoder.h"

#include <charls/charls.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace lnseg {

JpegLsImage decodeJpegLs(const std::uint8_t* data, std::size_t size)
{
    std::unique_ptr<charls_jpegls_decoder, decltype(&charls_jpegls_decoder_destroy)> decoder(
        charls_jpegls_decoder_create(), &charls_jpegls_decoder_destroy);
    if (!decoder)
        throw std::runtime_error("JPEG-LS: cannot create a decoder");
    auto check = [](charls_jpegls_errc error) {
        if (static_cast<int>(error) != 0)
            throw std::runtime_error(std::string("JPEG-LS: ") + charls_get_error_message(error));
    };
    check(charls_jpegls_decoder_set_source_buffer(decoder.get(), data, size));
    check(charls_jpegls_decoder_read_header(decoder.get()));
    charls_frame_info info{};
    check(charls_jpegls_decoder_get_frame_info(decoder.get(), &info));
    JpegLsImage image;
    image.width = static_cast<int>(info.width);
    image.height = static_cast<int>(info.height);
    image.bitsPerSample = info.bits_per_sample;
    image.components = info.component_count;
    size_t destinationSize = 0;
    check(charls_jpegls_decoder_get_destination_size(decoder.get(), 0, &destinationSize));
    image.samples.resize(destinationSize);
    check(charls_jpegls_decoder_decode_to_buffer(decoder.get(), image.samples.data(), destinationSize, 0));
    return image;
}

}  // namespace lnseg
