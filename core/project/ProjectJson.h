#pragma once
// JSON files of a project (manifest, patient pseudonyms, model registry, locks): reading with
// messages that name the file, checked field access that names the field, and atomic saving
// (a temporary file in the same folder renamed over the target: never overwritten in place).

#include <nlohmann/json.hpp>

#include <string>

namespace lnseg::project {

// Throws std::runtime_error naming the file when it is missing or not valid JSON.
nlohmann::json readJsonFile(const std::string& path);
// Writes `json` to a temporary file beside `path` and renames it over `path`.
void writeJsonFileAtomically(const std::string& path, const nlohmann::json& json);

// Checked access to a field of a JSON object. `context` names where the object is ("case
// case-0003") and is put in front of the message: "case case-0003: field 'state' must be a string".
const nlohmann::json& requireField(const nlohmann::json& object, const std::string& field, const std::string& context);
std::string requireString(const nlohmann::json& object, const std::string& field, const std::string& context);
long long requireInteger(const nlohmann::json& object, const std::string& field, const std::string& context);
double requireNumber(const nlohmann::json& object, const std::string& field, const std::string& context);
// Optional fields: the fallback when absent; a present field of the wrong type is still refused.
std::string optionalString(const nlohmann::json& object, const std::string& field, const std::string& context,
                           const std::string& fallback = {});

// True for a relative path of plain names ("cases/case-0001/image.nii.gz"): not absolute, no
// "..", no ".", no empty parts. Paths in the manifest must be such paths (they stay inside the project).
bool isPathInsideFolder(const std::string& relativePath);

// A short-lived lock around the read-modify-write of a shared file (the manifest, the model
// registry): `path` is created exclusively and removed by the destructor. Waits up to
// `waitSeconds` for another holder; a lock file older than a minute was left by a crashed process
// and is broken. Throws std::runtime_error naming the file when it cannot be taken.
class ExclusiveFileLock {
public:
    explicit ExclusiveFileLock(std::string path, double waitSeconds = 20);
    ~ExclusiveFileLock();
    ExclusiveFileLock(const ExclusiveFileLock&) = delete;
    ExclusiveFileLock& operator=(const ExclusiveFileLock&) = delete;

private:
    std::string m_path;
};

}  // namespace lnseg::project
