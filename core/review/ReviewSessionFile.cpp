#include "review/ReviewSessionFile.h"

#include "io/ImageFileIO.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace lnseg {
namespace fs = std::filesystem;

namespace {

nlohmann::json readJson(const std::string& path)
{
    std::ifstream file(path);
    if (!file)
        throw std::runtime_error(path + ": cannot open");
    try {
        return nlohmann::json::parse(file);
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(path + ": not valid JSON (" + error.what() + ")");
    }
}

// The string field `key` of `object`; empty when absent or null. A session edited by hand may hold
// another type there: say which field instead of letting nlohmann's type_error escape.
std::string stringField(const nlohmann::json& object, const char* key, const std::string& path)
{
    if (!object.is_object() || !object.contains(key) || object[key].is_null())
        return {};
    if (!object[key].is_string())
        throw std::runtime_error(path + ": the review session's field '" + key + "' must be a string");
    return object[key].get<std::string>();
}

nlohmann::json checkedSession(const std::string& path)
{
    nlohmann::json json = readJson(path);
    if (!json.is_object() || !json.contains("format") || !json["format"].is_string() ||
        json["format"].get<std::string>() != "lnseg-review-session")
        throw std::runtime_error(path + ": not an lnseg review session");
    if (!json.contains("format_version") || !json["format_version"].is_number_integer())
        throw std::runtime_error(path + ": the review session has no format version");
    const int version = json["format_version"].get<int>();
    if (version > kReviewSessionFormatVersion)
        throw std::runtime_error(path + ": written by a newer lnseg (format " + std::to_string(version) + ")");
    return json;
}

SourceReference sourceFromJson(const nlohmann::json& json, const std::string& path)
{
    SourceReference source;
    if (json.contains("source") && json["source"].is_object()) {
        source.path = stringField(json["source"], "path", path);
        source.seriesInstanceUid = stringField(json["source"], "series_instance_uid", path);
        source.studyInstanceUid = stringField(json["source"], "study_instance_uid", path);
    }
    return source;
}

}  // namespace

void saveReviewSession(const ReviewDocument& document, const std::string& jsonPath)
{
    const fs::path json(jsonPath);
    const fs::path folder = json.has_parent_path() ? json.parent_path() : fs::path(".");
    std::string stem = json.filename().string();
    for (const char* suffix : {".review.json", ".json"})
        if (stem.size() > std::strlen(suffix) && stem.compare(stem.size() - std::strlen(suffix), std::strlen(suffix), suffix) == 0) {
            stem.resize(stem.size() - std::strlen(suffix));
            break;
        }
    // The previous save's label map, removed once the new JSON is in place.
    std::string previousLabels;
    if (fs::exists(json)) {
        try {
            previousLabels = stringField(checkedSession(jsonPath), "label_map", jsonPath);
        } catch (const std::exception&) {
            previousLabels.clear();
        }
    }
    const auto stamp = std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
    const std::string labelsName = stem + ".labels-" + std::to_string(stamp) + ".nii.gz";
    writeImage(document.labels(), (folder / labelsName).string());

    nlohmann::json session;
    session["format"] = "lnseg-review-session";
    session["format_version"] = kReviewSessionFormatVersion;
    session["saved_by"] = document.reviewer();
    session["saved_at"] = currentIsoTime();
    session["source"] = {{"path", document.source().path},
                         {"series_instance_uid", document.source().seriesInstanceUid},
                         {"study_instance_uid", document.source().studyInstanceUid}};
    const ImageGeometry g = document.image().geometry();
    session["image_geometry"] = {{"dimensions", {g.size[0], g.size[1], g.size[2]}},
                                 {"spacing_mm", {g.spacing[0], g.spacing[1], g.spacing[2]}},
                                 {"origin_mm", {g.origin[0], g.origin[1], g.origin[2]}},
                                 {"direction", g.direction}};
    session["label_map"] = labelsName;
    session["nodes"] = nlohmann::json::array();
    for (const NodeRecord& node : document.nodes())
        session["nodes"].push_back(toJson(node));
    try {
        writeThroughTemporaryFile(jsonPath, [&](const std::string& temporary) {
            std::ofstream file(temporary);
            file << session.dump(2) << "\n";
            file.flush();
            if (!file)
                throw std::runtime_error(jsonPath + ": cannot write (disk full?)");
        });
    } catch (...) {
        std::error_code ignored;
        fs::remove(folder / labelsName, ignored);
        throw;
    }
    // The previous label map, and what an interrupted earlier save of this session left behind
    // (label maps no JSON refers to, temporary files), are no longer needed.
    std::error_code ignored;
    for (const auto& entry : fs::directory_iterator(folder, ignored)) {
        const std::string name = entry.path().filename().string();
        const bool oldLabels = name.rfind(stem + ".labels-", 0) == 0 && name != labelsName;
        const bool leftover = name.rfind(".lnseg-", 0) == 0 && name.find("-" + stem + ".") != std::string::npos &&
                              name.find(".partial") != std::string::npos;
        if (oldLabels || leftover)
            fs::remove(entry.path(), ignored);
    }
}

SourceReference readReviewSessionSource(const std::string& jsonPath)
{
    return sourceFromJson(checkedSession(jsonPath), jsonPath);
}

ReviewSessionContents loadReviewSession(const std::string& jsonPath, const ImageGeometry& image)
{
    const nlohmann::json json = checkedSession(jsonPath);
    ReviewSessionContents contents;
    contents.source = sourceFromJson(json, jsonPath);
    contents.savedBy = stringField(json, "saved_by", jsonPath);
    contents.savedAt = stringField(json, "saved_at", jsonPath);
    const std::string labelsName = stringField(json, "label_map", jsonPath);
    if (labelsName.empty())
        throw std::runtime_error(jsonPath + ": the review session names no label map file");
    // The label map lives beside the JSON: a path leading elsewhere (edited by hand, or a session
    // from someone else) is refused rather than followed.
    if (labelsName.find('/') != std::string::npos || labelsName.find('\\') != std::string::npos ||
        labelsName == "." || labelsName == "..")
        throw std::runtime_error(jsonPath + ": the label map '" + labelsName +
                                 "' is not a file in the session's folder (paths leading elsewhere are refused)");
    const fs::path folder = fs::path(jsonPath).has_parent_path() ? fs::path(jsonPath).parent_path() : fs::path(".");
    contents.labels = readLabelMapFor((folder / labelsName).string(), image);
    if (!json.contains("nodes") || !json["nodes"].is_array())
        throw std::runtime_error(jsonPath + ": the review session has no node list");
    std::size_t index = 0;
    for (const auto& item : json["nodes"]) {
        try {
            contents.nodes.push_back(nodeRecordFromJson(item));
        } catch (const std::exception& error) {
            throw std::runtime_error(jsonPath + ": node " + std::to_string(index) + ": " + error.what());
        }
        ++index;
    }
    return contents;
}

}  // namespace lnseg
