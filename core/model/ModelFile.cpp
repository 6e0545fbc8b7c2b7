#include "ModelFile.h"

#include "SegmentationModel.h"

#include <torch/torch.h>

#include <filesystem>
#include <map>
#include <sstream>
#include <stdexcept>

namespace lnseg::model {

namespace {

const char* const kMagicKey = "lnseg_model_file";
const char* const kMagicValue = "lnseg segmentation model";
const char* const kParametersKey = "parameters";

class ModelFileError : public std::runtime_error {
public:
    ModelFileError(const std::string& path, const std::string& reason)
        : std::runtime_error("model file '" + path + "': " + reason) {}
};

std::string firstLine(const std::string& text) {
    const std::size_t end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}

void writeString(torch::serialize::OutputArchive& archive, const std::string& key,
                 const std::string& value) {
    archive.write(key, c10::IValue(value));
}

void writeInteger(torch::serialize::OutputArchive& archive, const std::string& key, std::int64_t value) {
    archive.write(key, c10::IValue(value));
}

std::string readString(torch::serialize::InputArchive& archive, const std::string& path,
                       const std::string& key) {
    c10::IValue value;
    if (!archive.try_read(key, value) || !value.isString())
        throw ModelFileError(path, "the entry '" + key + "' is missing or not text");
    return value.toStringRef();
}

std::int64_t readInteger(torch::serialize::InputArchive& archive, const std::string& path,
                         const std::string& key) {
    c10::IValue value;
    if (!archive.try_read(key, value) || !value.isInt())
        throw ModelFileError(path, "the entry '" + key + "' is missing or not an integer");
    return value.toInt();
}

struct StoredHeader {
    ModelSpec spec;
    std::string metadataJson;
    std::int64_t formatVersion = 0;
};

StoredHeader readHeader(torch::serialize::InputArchive& archive, const std::string& path) {
    c10::IValue magic;
    if (!archive.try_read(kMagicKey, magic) || !magic.isString() || magic.toStringRef() != kMagicValue)
        throw ModelFileError(path, "not an lnseg model file (no lnseg model header)");
    StoredHeader header;
    header.formatVersion = readInteger(archive, path, "format_version");
    if (header.formatVersion < 1 || header.formatVersion > kModelFileFormatVersion)
        throw ModelFileError(path, "format version " + std::to_string(header.formatVersion) +
                                       " is not supported (this build reads up to " +
                                       std::to_string(kModelFileFormatVersion) + ")");
    header.spec.architecture = readString(archive, path, "architecture");
    header.spec.mode = readString(archive, path, "mode");
    header.spec.inputChannels = readInteger(archive, path, "input_channels");
    header.spec.attentionChannels = readInteger(archive, path, "attention_channels");
    header.spec.attentionDownsample = readInteger(archive, path, "attention_downsample");
    torch::Tensor widths;
    if (!archive.try_read("widths", widths) || widths.dim() != 1 || widths.scalar_type() != torch::kLong)
        throw ModelFileError(path, "the entry 'widths' is missing or malformed");
    header.spec.widths.assign(widths.data_ptr<std::int64_t>(),
                              widths.data_ptr<std::int64_t>() + widths.numel());
    header.metadataJson = readString(archive, path, "metadata_json");
    try {
        header.spec = resolvedSpec(header.spec);
    } catch (const std::invalid_argument& error) {
        throw ModelFileError(path, std::string("invalid stored model spec: ") + error.what());
    }
    return header;
}

void checkExpectation(const ModelSpec& stored, const ModelFileExpectation& expected,
                      const std::string& path) {
    const std::string holds = "holds a " + stored.architecture + " " + stored.mode + " model with " +
                              std::to_string(stored.inputChannels) + " input channels";
    if (!expected.architecture.empty() && expected.architecture != stored.architecture)
        throw ModelFileError(path, holds + ", expected architecture " + expected.architecture);
    if (!expected.mode.empty() && expected.mode != stored.mode)
        throw ModelFileError(path, holds + ", expected mode " + expected.mode);
    if (expected.inputChannels != 0 && expected.inputChannels != stored.inputChannels)
        throw ModelFileError(path, holds + ", expected " + std::to_string(expected.inputChannels) +
                                       " input channels");
}

void openArchive(torch::serialize::InputArchive& archive, const std::string& path) {
    std::error_code error;
    if (!std::filesystem::is_regular_file(path, error))
        throw ModelFileError(path, "does not exist or is not a file");
    if (std::filesystem::file_size(path, error) == 0) throw ModelFileError(path, "is empty");
    archive.load_from(path, torch::Device(torch::kCPU));
}

// Module::load replaces tensors without checking their shapes: compare against the freshly built
// model so that a file whose parameters do not fit its claimed architecture is refused.
std::map<std::string, std::vector<std::int64_t>> tensorShapes(const torch::nn::Module& module) {
    std::map<std::string, std::vector<std::int64_t>> shapes;
    for (const auto& item : module.named_parameters())
        shapes[item.key()] = std::vector<std::int64_t>(item.value().sizes().begin(), item.value().sizes().end());
    for (const auto& item : module.named_buffers())
        shapes[item.key()] = std::vector<std::int64_t>(item.value().sizes().begin(), item.value().sizes().end());
    return shapes;
}

template <typename Action>
auto translatingErrors(const std::string& path, const char* doing, Action action) {
    try {
        return action();
    } catch (const ModelFileError&) {
        throw;
    } catch (const c10::Error& error) {
        throw ModelFileError(path, std::string(doing) + " failed, not an lnseg model file or damaged (" +
                                       firstLine(error.what_without_backtrace()) + ")");
    } catch (const std::exception& error) {
        throw ModelFileError(path, std::string(doing) + " failed: " + error.what());
    }
}

}  // namespace

void saveModelFile(const SegmentationModel& model, const std::string& path,
                   const std::string& metadataJson) {
    translatingErrors(path, "writing", [&] {
        const ModelSpec& spec = model.spec();
        torch::serialize::OutputArchive archive;
        writeString(archive, kMagicKey, kMagicValue);
        writeInteger(archive, "format_version", kModelFileFormatVersion);
        writeString(archive, "architecture", spec.architecture);
        writeString(archive, "mode", spec.mode);
        writeInteger(archive, "input_channels", spec.inputChannels);
        writeInteger(archive, "attention_channels", spec.attentionChannels);
        writeInteger(archive, "attention_downsample", spec.attentionDownsample);
        archive.write("widths", torch::tensor(spec.widths, torch::kLong));
        writeString(archive, "metadata_json", metadataJson);
        torch::serialize::OutputArchive parameters;
        model.module()->save(parameters);
        archive.write(kParametersKey, parameters);

        const std::string partial = path + ".partial";
        try {
            archive.save_to(partial);
            std::filesystem::rename(partial, path);
        } catch (...) {
            std::error_code ignored;
            std::filesystem::remove(partial, ignored);  // never leave a half-written file behind
            throw;
        }
        return 0;
    });
}

ModelSpec readModelFileSpec(const std::string& path, std::string* metadataJson) {
    return translatingErrors(path, "reading", [&] {
        torch::serialize::InputArchive archive;
        openArchive(archive, path);
        StoredHeader header = readHeader(archive, path);
        if (metadataJson) *metadataJson = header.metadataJson;
        return header.spec;
    });
}

LoadedModel loadModelFile(const std::string& path, const ModelFileExpectation& expected) {
    return translatingErrors(path, "reading", [&] {
        torch::serialize::InputArchive archive;
        openArchive(archive, path);
        StoredHeader header = readHeader(archive, path);
        checkExpectation(header.spec, expected, path);

        LoadedModel loaded;
        loaded.model = createModel(header.spec);
        loaded.metadataJson = header.metadataJson;
        loaded.formatVersion = header.formatVersion;

        const auto expectedShapes = tensorShapes(*loaded.model->module());
        torch::serialize::InputArchive parameters;
        if (!archive.try_read(kParametersKey, parameters))
            throw ModelFileError(path, "holds no parameters");
        try {
            loaded.model->module()->load(parameters);
        } catch (const c10::Error& error) {
            throw ModelFileError(path, "its parameters do not match the " + header.spec.architecture +
                                           " " + header.spec.mode + " architecture it claims (" +
                                           firstLine(error.what_without_backtrace()) + ")");
        }
        if (tensorShapes(*loaded.model->module()) != expectedShapes)
            throw ModelFileError(path, "its parameters do not match the " + header.spec.architecture +
                                           " " + header.spec.mode + " architecture it claims");
        loaded.model->eval();
        return loaded;
    });
}

}  // namespace lnseg::model
