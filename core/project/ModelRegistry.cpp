#include "project/ModelRegistry.h"

#include "project/ProjectJson.h"
#include "nodes/NodeRecord.h"

#include <cstdio>
#include <filesystem>
#include <regex>

namespace lnseg::project {
namespace fs = std::filesystem;
namespace {

std::vector<std::string> stringList(const nlohmann::json& object, const std::string& field, const std::string& context)
{
    const nlohmann::json& value = requireField(object, field, context);
    std::vector<std::string> items;
    if (!value.is_array())
        throw std::runtime_error(context + ": field '" + field + "' must be a list of case ids");
    for (const auto& item : value) {
        if (!item.is_string())
            throw std::runtime_error(context + ": field '" + field + "' must be a list of case ids");
        items.push_back(item.get<std::string>());
    }
    return items;
}

nlohmann::json objectField(const nlohmann::json& object, const std::string& field, const std::string& context)
{
    if (!object.contains(field))
        return nlohmann::json::object();
    if (!object[field].is_object())
        throw std::runtime_error(context + ": field '" + field + "' must be a JSON object");
    return object[field];
}

}  // namespace

template <typename Change>
void ModelRegistry::update(Change&& change)
{
    std::filesystem::create_directories(std::filesystem::path(registryPath()).parent_path());
    ExclusiveFileLock lock(registryPath() + ".lock");
    *this = open(m_projectFolder);
    change();
    save();
}

std::string ModelRegistry::registryPath() const { return (fs::path(m_projectFolder) / "models" / "registry.json").string(); }

ModelRegistry ModelRegistry::open(const std::string& projectFolder)
{
    ModelRegistry registry(projectFolder);
    const std::string path = registry.registryPath();
    if (!fs::exists(path))
        return registry;
    const nlohmann::json json = readJsonFile(path);
    if (!json.is_object() || json.value("format", nlohmann::json()) != "lnseg-model-registry")
        throw std::runtime_error(path + ": not an lnseg model registry");
    if (requireInteger(json, "schemaVersion", path) > 1)
        throw std::runtime_error(path + ": written by a newer lnseg (update lnseg to open it)");
    registry.m_nextModelNumber = requireInteger(json, "nextModelNumber", path);
    const nlohmann::json& models = requireField(json, "models", path);
    if (!models.is_array())
        throw std::runtime_error(path + ": field 'models' must be a list");
    static const std::regex idPattern("model-[0-9]{4,9}");
    for (std::size_t index = 0; index < models.size(); ++index) {
        const nlohmann::json& item = models[index];
        RegisteredModel model;
        model.id = requireString(item, "id", path + ": model " + std::to_string(index + 1) + " of the list");
        const std::string context = path + ": model " + model.id;
        if (!std::regex_match(model.id, idPattern))
            throw std::runtime_error(context + ": field 'id' must look like model-0001");
        if (registry.find(model.id))
            throw std::runtime_error(context + ": the model id is listed twice");
        model.file = requireString(item, "file", context);
        if (!isPathInsideFolder(model.file))
            throw std::runtime_error(context + ": field 'file' (" + model.file + ") must be a relative path inside the project folder");
        model.architecture = requireString(item, "architecture", context);
        model.mode = requireString(item, "mode", context);
        model.created = requireString(item, "created", context);
        model.author = optionalString(item, "author", context);
        model.parentModelId = optionalString(item, "parent", context);
        model.dataVersion = requireInteger(item, "dataVersion", context);
        const nlohmann::json& split = requireField(item, "split", context);
        model.trainCases = stringList(split, "train", context + " split");
        model.validationCases = stringList(split, "validation", context + " split");
        model.testCases = stringList(split, "test", context + " split");
        model.trainingSettings = objectField(item, "training", context);
        model.validationMetrics = objectField(item, "validationMetrics", context);
        model.testMetrics = objectField(item, "testMetrics", context);
        model.note = optionalString(item, "note", context);
        registry.m_models.push_back(std::move(model));
    }
    const nlohmann::json& history = requireField(json, "activeHistory", path);
    if (!history.is_array())
        throw std::runtime_error(path + ": field 'activeHistory' must be a list");
    for (std::size_t index = 0; index < history.size(); ++index) {
        const std::string context = path + ": activeHistory entry " + std::to_string(index + 1);
        ActivationRecord record{requireString(history[index], "action", context), requireString(history[index], "model", context),
                                optionalString(history[index], "user", context), optionalString(history[index], "time", context)};
        if (record.action != "activate" && record.action != "rollback")
            throw std::runtime_error(context + ": field 'action' must be \"activate\" or \"rollback\"");
        if (!record.modelId.empty() && !registry.find(record.modelId))
            throw std::runtime_error(context + ": field 'model' names an unknown model " + record.modelId);
        registry.m_history.push_back(std::move(record));
    }
    return registry;
}

const RegisteredModel* ModelRegistry::find(const std::string& id) const
{
    for (const RegisteredModel& model : m_models)
        if (model.id == id)
            return &model;
    return nullptr;
}

std::vector<std::string> ModelRegistry::activeStack() const
{
    std::vector<std::string> stack;
    for (const ActivationRecord& record : m_history) {
        if (record.action == "activate")
            stack.push_back(record.modelId);
        else if (!stack.empty())
            stack.pop_back();
    }
    return stack;
}

std::string ModelRegistry::activeModelId() const
{
    const std::vector<std::string> stack = activeStack();
    return stack.empty() ? std::string() : stack.back();
}

std::string ModelRegistry::modelPath(const RegisteredModel& model) const
{
    return (fs::path(m_projectFolder) / model.file).string();
}

void ModelRegistry::save() const
{
    nlohmann::json json{{"format", "lnseg-model-registry"}, {"schemaVersion", 1}, {"nextModelNumber", m_nextModelNumber}};
    json["active"] = activeModelId();
    json["models"] = nlohmann::json::array();
    for (const RegisteredModel& model : m_models)
        json["models"].push_back({{"id", model.id},
                                  {"file", model.file},
                                  {"architecture", model.architecture},
                                  {"mode", model.mode},
                                  {"created", model.created},
                                  {"author", model.author},
                                  {"parent", model.parentModelId},
                                  {"dataVersion", model.dataVersion},
                                  {"split", {{"train", model.trainCases}, {"validation", model.validationCases}, {"test", model.testCases}}},
                                  {"training", model.trainingSettings},
                                  {"validationMetrics", model.validationMetrics},
                                  {"testMetrics", model.testMetrics},
                                  {"note", model.note}});
    json["activeHistory"] = nlohmann::json::array();
    for (const ActivationRecord& record : m_history)
        json["activeHistory"].push_back({{"action", record.action}, {"model", record.modelId}, {"user", record.user}, {"time", record.time}});
    fs::create_directories(fs::path(registryPath()).parent_path());
    writeJsonFileAtomically(registryPath(), json);
}

std::string ModelRegistry::registerModel(const std::string& modelFile, RegisteredModel entry, const std::string& user)
{
    if (!fs::is_regular_file(modelFile))
        throw std::runtime_error(modelFile + ": no such model file");
    update([&] {
        if (!entry.parentModelId.empty() && !find(entry.parentModelId))
            throw std::runtime_error("the parent model " + entry.parentModelId + " is not in the registry");
        char id[32];
        std::snprintf(id, sizeof id, "model-%04lld", m_nextModelNumber);
        entry.id = id;
        entry.file = "models/" + entry.id + "/model.lnsegmodel";
        if (entry.created.empty())
            entry.created = currentIsoTime();
        if (entry.author.empty())
            entry.author = user;
        const fs::path target = fs::path(m_projectFolder) / entry.file;
        if (fs::exists(target.parent_path()))
            throw std::runtime_error(target.parent_path().string() + ": already exists although the registry does not list " +
                                     entry.id + " (move it away)");
        fs::create_directories(target.parent_path());
        // Copied under a temporary name, then renamed: a half-copied model never carries the name.
        const fs::path temporary = target.parent_path() / ".model.lnsegmodel.partial";
        try {
            fs::copy_file(modelFile, temporary);
            fs::rename(temporary, target);
        } catch (const fs::filesystem_error& error) {
            std::error_code ignored;
            fs::remove_all(target.parent_path(), ignored);
            throw std::runtime_error(target.string() + ": cannot copy the model in (" + error.what() + ")");
        }
        ++m_nextModelNumber;
        m_models.push_back(entry);
        if (activeModelId().empty())
            m_history.push_back({"activate", entry.id, user, currentIsoTime()});
    });
    return entry.id;
}

void ModelRegistry::activate(const std::string& id, const std::string& user)
{
    update([&] {
        if (!find(id))
            throw std::runtime_error("the registry has no model " + id);
        if (activeModelId() == id)
            throw std::runtime_error(id + " is already the active model");
        m_history.push_back({"activate", id, user, currentIsoTime()});
    });
}

std::string ModelRegistry::rollBack(const std::string& user)
{
    std::string active;
    update([&] {
        std::vector<std::string> stack = activeStack();
        if (stack.size() < 2)
            throw std::runtime_error("no earlier active model to roll back to");
        stack.pop_back();
        active = stack.back();
        m_history.push_back({"rollback", active, user, currentIsoTime()});
    });
    return active;
}

}  // namespace lnseg::project
