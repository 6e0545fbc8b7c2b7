#pragma once
// The manifest of a project (`project.json`): its name, the data version, the split settings and
// the cases with their source, files, node counts and review state. Reading validates every field
// and names the field and the case that is wrong; older schema versions are upgraded step by step
// (migrateManifestJson) and newer ones refused.

#include "project/ReviewState.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace lnseg::project {

// Version history: 1 kept a case's review state as a bare string ("state": "Reviewed");
// 2 keeps the state with its history ("reviewState": {"state", "history": [...]}).
constexpr int kProjectSchemaVersion = 2;

// Patient-level split fractions (summing to 1) and the seed of the hash that assigns patients.
struct SplitSettings {
    double train = 0.7;
    double validation = 0.15;
    double test = 0.15;
    std::uint64_t seed = 1;
};

// Node counts of a case's review session, by node status.
struct NodeCounts {
    int total = 0;
    int proposed = 0;
    int accepted = 0;
    int edited = 0;
    int rejected = 0;
    bool operator==(const NodeCounts& other) const
    {
        return total == other.total && proposed == other.proposed && accepted == other.accepted &&
               edited == other.edited && rejected == other.rejected;
    }
    bool operator!=(const NodeCounts& other) const { return !(*this == other); }
};

// Where a case's image came from.
struct CaseSource {
    std::string kind;  // "dicom" or "file"
    std::string path;  // as given when the case was added (absolute)
    std::string studyInstanceUid;
    std::string seriesInstanceUid;
    // The importer's name for the series (DicomSeriesInfo::seriesKey): its UID; "UID#2" for the
    // second part of a series split by geometry; "nouid-<hex>" when the files have no Series
    // Instance UID (anonymised research exports). Empty for image files and for manifests written
    // before the key was kept.
    std::string seriesKey;
    std::string modality;
    std::string description;

    // The series' identity for finding the same source twice: the key, else (older manifests) the UID.
    const std::string& seriesIdentity() const { return seriesKey.empty() ? seriesInstanceUid : seriesKey; }
};

struct ProjectCase {
    std::string id;       // "case-0001"; never reused
    std::string patient;  // project-local pseudonym "P0001"
    CaseSource source;
    // Relative to the project folder; dicomSourceFile is empty for image-file sources.
    std::string imageFile;
    std::string reviewFile;
    std::string dicomSourceFile;
    NodeCounts nodes;
    std::string reviewLabelMap;  // the session's label map file when the counts were taken
    ReviewState state = ReviewState::New;
    std::vector<StateChange> history;  // oldest first; the last entry is the current state
    std::string assignedTo;
    std::string lastEditedBy;
    std::string lastEditedAt;
    std::string addedBy;
    std::string addedAt;
};

struct ProjectManifest {
    std::string name;
    std::string created;
    std::string createdBy;
    long long dataVersion = 0;   // bumped whenever cases, labels or states change
    long long nextCaseNumber = 1;
    std::vector<std::string> studyLeads;
    SplitSettings split;
    std::vector<ProjectCase> cases;

    const ProjectCase* findCase(const std::string& id) const;
    ProjectCase* findCase(const std::string& id);
    bool isStudyLead(const std::string& user) const;
};

// The current schema's JSON.
nlohmann::json toJson(const ProjectManifest& manifest);
// Upgrades a manifest of an older schema to the current one, one version at a time. Throws
// std::runtime_error (prefixed by `context`, e.g. the file) when it is not a project manifest or
// comes from a newer lnseg.
nlohmann::json migrateManifestJson(nlohmann::json json, const std::string& context);
// Reads a current-schema manifest; throws std::runtime_error naming the field and the case when a
// field is missing or of the wrong type, a case id is duplicated or malformed, a series is listed
// twice, or a file path leaves the project folder.
ProjectManifest manifestFromJson(const nlohmann::json& json, const std::string& context);

}  // namespace lnseg::project
