#include "project/ProjectManifest.h"

#include "project/ProjectJson.h"

#include <nlohmann/json.hpp>

#include <cmath>
#include <map>
#include <regex>

namespace lnseg::project {
namespace {

const char* kFormat = "lnseg-project";

nlohmann::json toJson(const StateChange& change)
{
    return {{"state", toString(change.state)}, {"user", change.user}, {"time", change.time}, {"comment", change.comment}};
}

ReviewState stateFromJson(const nlohmann::json& object, const std::string& field, const std::string& context)
{
    const std::string text = requireString(object, field, context);
    const auto state = reviewStateFromString(text);
    if (!state)
        throw std::runtime_error(context + ": field '" + field + "' has an unknown review state '" + text +
                                 "' (New, InProgress, Reviewed, Approved, Returned)");
    return *state;
}

int countFromJson(const nlohmann::json& object, const std::string& field, const std::string& context)
{
    const long long value = requireInteger(object, field, context);
    if (value < 0 || value > 1000000)
        throw std::runtime_error(context + ": field '" + field + "' must be a count from 0 to 1000000");
    return int(value);
}

std::string pathFromJson(const nlohmann::json& object, const std::string& field, const std::string& context,
                         bool optional)
{
    const std::string path = optional ? optionalString(object, field, context) : requireString(object, field, context);
    if (path.empty() && optional)
        return path;
    if (!isPathInsideFolder(path))
        throw std::runtime_error(context + ": field '" + field + "' (" + path +
                                 ") must be a relative path inside the project folder");
    return path;
}

// `context` names the file; the case is named by its id once that is known, by its position before.
ProjectCase caseFromJson(const nlohmann::json& json, const std::string& context, std::size_t index)
{
    ProjectCase item;
    const std::string position = context + ": case " + std::to_string(index + 1) + " of the list";
    const std::string id = requireString(json, "id", position);
    static const std::regex idPattern("case-[0-9]{4,9}");
    if (!std::regex_match(id, idPattern))
        throw std::runtime_error(position + ": field 'id' (" + id + ") must look like case-0001");
    item.id = id;
    const std::string where = context + ": case " + id;
    item.patient = requireString(json, "patient", where);
    if (item.patient.empty())
        throw std::runtime_error(where + ": field 'patient' is empty");
    const nlohmann::json& source = requireField(json, "source", where);
    const std::string sourceContext = where + " source";
    item.source.kind = requireString(source, "kind", sourceContext);
    if (item.source.kind != "dicom" && item.source.kind != "file")
        throw std::runtime_error(sourceContext + ": field 'kind' must be \"dicom\" or \"file\"");
    item.source.path = optionalString(source, "path", sourceContext);
    item.source.studyInstanceUid = optionalString(source, "studyInstanceUid", sourceContext);
    item.source.seriesInstanceUid = optionalString(source, "seriesInstanceUid", sourceContext);
    item.source.seriesKey = optionalString(source, "seriesKey", sourceContext);
    item.source.modality = optionalString(source, "modality", sourceContext);
    item.source.description = optionalString(source, "description", sourceContext);
    const nlohmann::json& files = requireField(json, "files", where);
    const std::string filesContext = where + " files";
    item.imageFile = pathFromJson(files, "image", filesContext, false);
    item.reviewFile = pathFromJson(files, "review", filesContext, false);
    item.dicomSourceFile = pathFromJson(files, "dicomSource", filesContext, true);
    const nlohmann::json& nodes = requireField(json, "nodes", where);
    const std::string nodesContext = where + " nodes";
    item.nodes.total = countFromJson(nodes, "total", nodesContext);
    item.nodes.proposed = countFromJson(nodes, "proposed", nodesContext);
    item.nodes.accepted = countFromJson(nodes, "accepted", nodesContext);
    item.nodes.edited = countFromJson(nodes, "edited", nodesContext);
    item.nodes.rejected = countFromJson(nodes, "rejected", nodesContext);
    item.reviewLabelMap = optionalString(nodes, "labelMap", nodesContext);
    const nlohmann::json& review = requireField(json, "reviewState", where);
    const std::string reviewContext = where + " reviewState";
    item.state = stateFromJson(review, "state", reviewContext);
    const nlohmann::json& history = requireField(review, "history", reviewContext);
    if (!history.is_array())
        throw std::runtime_error(reviewContext + ": field 'history' must be a list");
    for (std::size_t index = 0; index < history.size(); ++index) {
        const std::string entryContext = reviewContext + " history entry " + std::to_string(index + 1);
        StateChange change;
        change.state = stateFromJson(history[index], "state", entryContext);
        change.user = optionalString(history[index], "user", entryContext);
        change.time = optionalString(history[index], "time", entryContext);
        change.comment = optionalString(history[index], "comment", entryContext);
        item.history.push_back(std::move(change));
    }
    item.assignedTo = optionalString(json, "assignedTo", where);
    item.lastEditedBy = optionalString(json, "lastEditedBy", where);
    item.lastEditedAt = optionalString(json, "lastEditedAt", where);
    item.addedBy = optionalString(json, "addedBy", where);
    item.addedAt = optionalString(json, "added", where);
    return item;
}

// Schema 1 -> 2: the bare state string becomes {state, history}; the history starts with the
// case's addition and, when the state had moved on, an entry saying when it was migrated.
void migrateVersion1To2(nlohmann::json& json, const std::string& context)
{
    if (!json.contains("cases") || !json["cases"].is_array())
        return;  // manifestFromJson names the problem
    for (nlohmann::json& item : json["cases"]) {
        if (!item.is_object() || !item.contains("state") || item.contains("reviewState"))
            continue;
        const std::string id = item.value("id", std::string("?"));
        const std::string state = requireString(item, "state", context + ": case " + id);
        nlohmann::json history = nlohmann::json::array();
        history.push_back({{"state", "New"},
                           {"user", item.value("addedBy", std::string())},
                           {"time", item.value("added", std::string())},
                           {"comment", "added"}});
        if (reviewStateFromString(state) != ReviewState::New)
            history.push_back({{"state", state}, {"user", ""}, {"time", ""},
                               {"comment", "state recorded without history (project schema 1)"}});
        item["reviewState"] = {{"state", state}, {"history", std::move(history)}};
        item.erase("state");
    }
}

}  // namespace

const ProjectCase* ProjectManifest::findCase(const std::string& id) const
{
    for (const ProjectCase& item : cases)
        if (item.id == id)
            return &item;
    return nullptr;
}

ProjectCase* ProjectManifest::findCase(const std::string& id)
{
    return const_cast<ProjectCase*>(static_cast<const ProjectManifest&>(*this).findCase(id));
}

bool ProjectManifest::isStudyLead(const std::string& user) const
{
    for (const std::string& lead : studyLeads)
        if (lead == user)
            return true;
    return false;
}

nlohmann::json toJson(const ProjectManifest& manifest)
{
    nlohmann::json json;
    json["format"] = kFormat;
    json["schemaVersion"] = kProjectSchemaVersion;
    json["name"] = manifest.name;
    json["created"] = manifest.created;
    json["createdBy"] = manifest.createdBy;
    json["dataVersion"] = manifest.dataVersion;
    json["nextCaseNumber"] = manifest.nextCaseNumber;
    json["studyLeads"] = manifest.studyLeads;
    json["split"] = {{"train", manifest.split.train},
                     {"validation", manifest.split.validation},
                     {"test", manifest.split.test},
                     {"seed", manifest.split.seed}};
    json["cases"] = nlohmann::json::array();
    for (const ProjectCase& item : manifest.cases) {
        nlohmann::json history = nlohmann::json::array();
        for (const StateChange& change : item.history)
            history.push_back(toJson(change));
        json["cases"].push_back({
            {"id", item.id},
            {"patient", item.patient},
            {"source", {{"kind", item.source.kind},
                        {"path", item.source.path},
                        {"studyInstanceUid", item.source.studyInstanceUid},
                        {"seriesInstanceUid", item.source.seriesInstanceUid},
                        {"seriesKey", item.source.seriesKey},
                        {"modality", item.source.modality},
                        {"description", item.source.description}}},
            {"files", {{"image", item.imageFile}, {"review", item.reviewFile}, {"dicomSource", item.dicomSourceFile}}},
            {"nodes", {{"total", item.nodes.total},
                       {"proposed", item.nodes.proposed},
                       {"accepted", item.nodes.accepted},
                       {"edited", item.nodes.edited},
                       {"rejected", item.nodes.rejected},
                       {"labelMap", item.reviewLabelMap}}},
            {"reviewState", {{"state", toString(item.state)}, {"history", std::move(history)}}},
            {"assignedTo", item.assignedTo},
            {"lastEditedBy", item.lastEditedBy},
            {"lastEditedAt", item.lastEditedAt},
            {"addedBy", item.addedBy},
            {"added", item.addedAt},
        });
    }
    return json;
}

nlohmann::json migrateManifestJson(nlohmann::json json, const std::string& context)
{
    if (!json.is_object() || json.value("format", nlohmann::json()) != kFormat)
        throw std::runtime_error(context + ": not an lnseg project manifest (field 'format' must be \"" +
                                 std::string(kFormat) + "\")");
    const long long version = requireInteger(json, "schemaVersion", context);
    if (version > kProjectSchemaVersion)
        throw std::runtime_error(context + ": the project was written by a newer lnseg (schema version " +
                                 std::to_string(version) + "; this lnseg reads up to " +
                                 std::to_string(kProjectSchemaVersion) + "): update lnseg to open it");
    if (version < 1)
        throw std::runtime_error(context + ": field 'schemaVersion' must be 1 or more");
    for (long long from = version; from < kProjectSchemaVersion; ++from) {
        if (from == 1)
            migrateVersion1To2(json, context);
        json["schemaVersion"] = from + 1;
    }
    return json;
}

ProjectManifest manifestFromJson(const nlohmann::json& json, const std::string& context)
{
    if (!json.is_object() || json.value("format", nlohmann::json()) != kFormat)
        throw std::runtime_error(context + ": not an lnseg project manifest");
    if (requireInteger(json, "schemaVersion", context) != kProjectSchemaVersion)
        throw std::runtime_error(context + ": field 'schemaVersion' must be " + std::to_string(kProjectSchemaVersion) +
                                 " (migrate first)");
    ProjectManifest manifest;
    manifest.name = requireString(json, "name", context);
    manifest.created = requireString(json, "created", context);
    manifest.createdBy = optionalString(json, "createdBy", context);
    manifest.dataVersion = requireInteger(json, "dataVersion", context);
    if (manifest.dataVersion < 0)
        throw std::runtime_error(context + ": field 'dataVersion' must not be negative");
    manifest.nextCaseNumber = requireInteger(json, "nextCaseNumber", context);
    if (manifest.nextCaseNumber < 1)
        throw std::runtime_error(context + ": field 'nextCaseNumber' must be 1 or more");
    if (json.contains("studyLeads")) {
        const nlohmann::json& leads = json["studyLeads"];
        if (!leads.is_array())
            throw std::runtime_error(context + ": field 'studyLeads' must be a list of user names");
        for (const auto& lead : leads) {
            if (!lead.is_string())
                throw std::runtime_error(context + ": field 'studyLeads' must be a list of user names");
            manifest.studyLeads.push_back(lead.get<std::string>());
        }
    }
    const nlohmann::json& split = requireField(json, "split", context);
    const std::string splitContext = context + ": split";
    manifest.split.train = requireNumber(split, "train", splitContext);
    manifest.split.validation = requireNumber(split, "validation", splitContext);
    manifest.split.test = requireNumber(split, "test", splitContext);
    const long long seed = requireInteger(split, "seed", splitContext);
    if (seed < 0)
        throw std::runtime_error(splitContext + ": field 'seed' must not be negative");
    manifest.split.seed = std::uint64_t(seed);
    for (double fraction : {manifest.split.train, manifest.split.validation, manifest.split.test})
        if (!(fraction >= 0 && fraction <= 1))
            throw std::runtime_error(splitContext + ": the fractions must lie between 0 and 1");
    if (std::abs(manifest.split.train + manifest.split.validation + manifest.split.test - 1) > 1e-6)
        throw std::runtime_error(splitContext + ": train + validation + test must add up to 1");

    const nlohmann::json& cases = requireField(json, "cases", context);
    if (!cases.is_array())
        throw std::runtime_error(context + ": field 'cases' must be a list");
    std::map<std::string, std::string> seriesCase;
    for (std::size_t index = 0; index < cases.size(); ++index) {
        ProjectCase item = caseFromJson(cases[index], context, index);
        const std::string where = context + ": case " + item.id;
        if (manifest.findCase(item.id))
            throw std::runtime_error(where + ": the case id is listed twice");
        if (std::stoll(item.id.substr(5)) >= manifest.nextCaseNumber)
            throw std::runtime_error(where + ": the case id is not below field 'nextCaseNumber' (" +
                                     std::to_string(manifest.nextCaseNumber) + ")");
        if (const std::string& series = item.source.seriesIdentity(); !series.empty()) {
            const auto [existing, inserted] = seriesCase.emplace(series, item.id);
            if (!inserted)
                throw std::runtime_error(where + ": the series " + series +
                                         " is already listed as " + existing->second);
        }
        manifest.cases.push_back(std::move(item));
    }
    return manifest;
}

}  // namespace lnseg::project
