#include "io/JpegLsDecoder.h"

#include <charls/charls.h>

#include <dlfcn.h>

#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>

namespace lnseg {
namespace {

// CharLS is loaded with dlopen(RTLD_LOCAL) rather than linked: DCMTK's JPEG-LS codec carries an
// older CharLS whose C++ entry points (JpegLsEncode, ...) have the same names as the system
// library's. Linked normally, the system library would interpose them and DCMTK's encoder would
// call into an incompatible ABI and crash.
struct CharLs {
    decltype(&charls_jpegls_decoder_create) create = nullptr;
    decltype(&charls_jpegls_decoder_destroy) destroy = nullptr;
    decltype(&charls_jpegls_decoder_set_source_buffer) setSourceBuffer = nullptr;
    decltype(&charls_jpegls_decoder_read_header) readHeader = nullptr;
    decltype(&charls_jpegls_decoder_get_frame_info) getFrameInfo = nullptr;
    decltype(&charls_jpegls_decoder_get_destination_size) getDestinationSize = nullptr;
    decltype(&charls_jpegls_decoder_decode_to_buffer) decodeToBuffer = nullptr;
    decltype(&charls_get_error_message) errorMessage = nullptr;
    bool available = false;
};

const CharLs& charLs()
{
    static CharLs library;
    static std::once_flag once;
    std::call_once(once, [] {
        void* handle = dlopen("libcharls.so.2", RTLD_NOW | RTLD_LOCAL);
        if (!handle)
            return;
        auto resolve = [handle](auto& function, const char* name) {
            function = reinterpret_cast<std::remove_reference_t<decltype(function)>>(dlsym(handle, name));
            return function != nullptr;
        };
        library.available = resolve(library.create, "charls_jpegls_decoder_create") &&
                            resolve(library.destroy, "charls_jpegls_decoder_destroy") &&
                            resolve(library.setSourceBuffer, "charls_jpegls_decoder_set_source_buffer") &&
                            resolve(library.readHeader, "charls_jpegls_decoder_read_header") &&
                            resolve(library.getFrameInfo, "charls_jpegls_decoder_get_frame_info") &&
                            resolve(library.getDestinationSize, "charls_jpegls_decoder_get_destination_size") &&
                            resolve(library.decodeToBuffer, "charls_jpegls_decoder_decode_to_buffer") &&
                            resolve(library.errorMessage, "charls_get_error_message");
    });
    return library;
}

}  // namespace

bool isJpegLsDecoderAvailable()
{
    return charLs().available;
}

JpegLsImage decodeJpegLs(const std::uint8_t* data, std::size_t size)
{
    const CharLs& library = charLs();
    if (!library.available)
        throw std::runtime_error("JPEG-LS: the CharLS library (libcharls.so.2) is not available");
    std::unique_ptr<charls_jpegls_decoder, decltype(library.destroy)> decoder(library.create(), library.destroy);
    if (!decoder)
        throw std::runtime_error("JPEG-LS: cannot create a decoder");
    auto check = [&](charls_jpegls_errc error) {
        if (static_cast<int>(error) != 0)
            throw std::runtime_error(std::string("JPEG-LS: ") + library.errorMessage(error));
    };
    check(library.setSourceBuffer(decoder.get(), data, size));
    check(library.readHeader(decoder.get()));
    charls_frame_info info{};
    check(library.getFrameInfo(decoder.get(), &info));
    JpegLsImage image;
    image.width = static_cast<int>(info.width);
    image.height = static_cast<int>(info.height);
    image.bitsPerSample = info.bits_per_sample;
    image.components = info.component_count;
    size_t destinationSize = 0;
    check(library.getDestinationSize(decoder.get(), 0, &destinationSize));
    image.samples.resize(destinationSize);
    check(library.decodeToBuffer(decoder.get(), image.samples.data(), destinationSize, 0));
    return image;
}

}  // namespace lnseg
