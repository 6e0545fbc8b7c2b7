#include "io/Jpeg2000Decoder.h"

// ITK ships its own (symbol-mangled) openjpeg.h earlier on the include path; use the system
// OpenJPEG 2.5 that lnseg_core links.
#include <openjpeg-2.5/openjpeg.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

namespace lnseg {

namespace {

struct MemoryStream {
    const std::uint8_t* data;
    std::size_t size;
    std::size_t offset;
};

OPJ_SIZE_T readStream(void* buffer, OPJ_SIZE_T bytes, void* user)
{
    auto* stream = static_cast<MemoryStream*>(user);
    if (stream->offset >= stream->size)
        return static_cast<OPJ_SIZE_T>(-1);
    const std::size_t count = std::min<std::size_t>(bytes, stream->size - stream->offset);
    std::memcpy(buffer, stream->data + stream->offset, count);
    stream->offset += count;
    return count;
}

OPJ_OFF_T skipStream(OPJ_OFF_T bytes, void* user)
{
    auto* stream = static_cast<MemoryStream*>(user);
    const OPJ_OFF_T target = std::clamp<OPJ_OFF_T>(static_cast<OPJ_OFF_T>(stream->offset) + bytes, 0,
                                                   static_cast<OPJ_OFF_T>(stream->size));
    const OPJ_OFF_T skipped = target - static_cast<OPJ_OFF_T>(stream->offset);
    stream->offset = static_cast<std::size_t>(target);
    return skipped;
}

OPJ_BOOL seekStream(OPJ_OFF_T position, void* user)
{
    auto* stream = static_cast<MemoryStream*>(user);
    if (position < 0 || static_cast<std::size_t>(position) > stream->size)
        return OPJ_FALSE;
    stream->offset = static_cast<std::size_t>(position);
    return OPJ_TRUE;
}

struct ErrorCollector {
    std::string message;
};

void collectError(const char* message, void* user)
{
    auto* collector = static_cast<ErrorCollector*>(user);
    if (collector->message.empty()) {
        collector->message = message;
        while (!collector->message.empty() && collector->message.back() == '\n')
            collector->message.pop_back();
    }
}

void ignoreMessage(const char*, void*) {}

}  // namespace

Jpeg2000Image decodeJpeg2000(const std::uint8_t* data, std::size_t size)
{
    static const std::uint8_t jp2Signature[4] = {0x6A, 0x50, 0x20, 0x20};
    static const std::uint8_t j2kStart[2] = {0xFF, 0x4F};
    OPJ_CODEC_FORMAT format;
    if (size >= 12 && std::memcmp(data + 4, jp2Signature, 4) == 0)
        format = OPJ_CODEC_JP2;
    else if (size >= 2 && std::memcmp(data, j2kStart, 2) == 0)
        format = OPJ_CODEC_J2K;
    else
        throw std::runtime_error("JPEG 2000 data starts neither with a codestream (FF4F) nor a JP2 signature");

    std::unique_ptr<opj_codec_t, void (*)(opj_codec_t*)> codec(opj_create_decompress(format), opj_destroy_codec);
    ErrorCollector errors;
    opj_set_error_handler(codec.get(), collectError, &errors);
    opj_set_warning_handler(codec.get(), ignoreMessage, nullptr);
    opj_set_info_handler(codec.get(), ignoreMessage, nullptr);
    opj_dparameters_t parameters;
    opj_set_default_decoder_parameters(&parameters);
    if (!opj_setup_decoder(codec.get(), &parameters))
        throw std::runtime_error("OpenJPEG decoder setup failed");

    MemoryStream memory{data, size, 0};
    std::unique_ptr<opj_stream_t, void (*)(opj_stream_t*)> stream(opj_stream_create(64 * 1024, OPJ_TRUE), opj_stream_destroy);
    opj_stream_set_user_data(stream.get(), &memory, nullptr);
    opj_stream_set_user_data_length(stream.get(), size);
    opj_stream_set_read_function(stream.get(), readStream);
    opj_stream_set_skip_function(stream.get(), skipStream);
    opj_stream_set_seek_function(stream.get(), seekStream);

    opj_image_t* rawImage = nullptr;
    if (!opj_read_header(stream.get(), codec.get(), &rawImage))
        throw std::runtime_error("cannot read JPEG 2000 header: " + errors.message);
    std::shared_ptr<void> image(rawImage, [](void* pointer) { opj_image_destroy(static_cast<opj_image_t*>(pointer)); });
    if (!opj_decode(codec.get(), stream.get(), rawImage) || !opj_end_decompress(codec.get(), stream.get()))
        throw std::runtime_error("cannot decode JPEG 2000 data: " + errors.message);
    if (rawImage->numcomps < 1 || !rawImage->comps[0].data)
        throw std::runtime_error("JPEG 2000 image holds no samples");

    const opj_image_comp_t& component = rawImage->comps[0];
    Jpeg2000Image result;
    result.width = static_cast<int>(component.w);
    result.height = static_cast<int>(component.h);
    result.components = static_cast<int>(rawImage->numcomps);
    result.precision = static_cast<int>(component.prec);
    result.isSigned = component.sgnd != 0;
    result.samples = component.data;
    result.owner = std::move(image);
    return result;
}

}  // namespace lnseg
