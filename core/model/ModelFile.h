#pragma once
// Model files: the parameters and buffers of a SegmentationModel together with its spec, a format
// version and free JSON metadata, in one LibTorch archive (a zip file, torch::serialize).
//
// Loading rebuilds the model from the stored spec and refuses, with a std::runtime_error that
// names the file, anything else: a missing, empty, truncated or corrupt file, an archive that is
// not an lnseg model, a newer format, stored parameters that do not match the architecture the
// file claims, or a model of another architecture/mode than the caller expects.

#include "ModelSpec.h"

#include <memory>
#include <string>

namespace lnseg::model {

class SegmentationModel;

inline constexpr std::int64_t kModelFileFormatVersion = 1;

// What the caller needs; empty strings / 0 accept anything.
struct ModelFileExpectation {
    std::string architecture;
    std::string mode;
    std::int64_t inputChannels = 0;
};

struct LoadedModel {
    std::unique_ptr<SegmentationModel> model;  // on the CPU, in eval mode
    std::string metadataJson;
    std::int64_t formatVersion = 0;
};

// Writes to path + ".partial" and renames it over path when complete, so a crash never leaves a
// half-written model under the final name. Throws std::runtime_error on failure.
void saveModelFile(const SegmentationModel& model, const std::string& path,
                   const std::string& metadataJson = "{}");

LoadedModel loadModelFile(const std::string& path, const ModelFileExpectation& expected = {});

// Reads only the spec and metadata (still validates the archive); throws like loadModelFile.
ModelSpec readModelFileSpec(const std::string& path, std::string* metadataJson = nullptr);

}  // namespace lnseg::model
