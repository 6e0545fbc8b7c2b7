#pragma once
// The project's trained models: `models/registry.json` + `models/<model id>/model.lnsegmodel`.
// Each entry records what the model was trained on (the project's data version and split),
// how (settings), how well (validation and test metrics), by whom and from which parent model.
// One model is active (the one the application proposes nodes with); activations form a stack,
// so rolling back re-activates the previous one. Saved atomically.

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace lnseg::project {

struct RegisteredModel {
    std::string id;              // "model-0001"; never reused
    std::string file;            // relative to the project folder: models/<id>/model.lnsegmodel
    std::string architecture;    // snet, attunet
    std::string mode;            // 2d, 2.5d, 3d
    std::string created;         // ISO 8601 UTC
    std::string author;
    std::string parentModelId;   // model it was fine-tuned from; empty when trained from scratch
    long long dataVersion = 0;   // the project's data version at training time
    std::vector<std::string> trainCases;
    std::vector<std::string> validationCases;
    std::vector<std::string> testCases;
    nlohmann::json trainingSettings = nlohmann::json::object();
    nlohmann::json validationMetrics = nlohmann::json::object();
    nlohmann::json testMetrics = nlohmann::json::object();
    std::string note;
};

// One activation (or roll back) of the active model.
struct ActivationRecord {
    std::string action;  // "activate" or "rollback"
    std::string modelId; // the model active afterwards ("" when none)
    std::string user;
    std::string time;
};

class ModelRegistry {
public:
    // `projectFolder`: the project's folder; a missing registry is an empty one. Throws
    // std::runtime_error naming the field and model when the registry file is malformed.
    static ModelRegistry open(const std::string& projectFolder);

    const std::vector<RegisteredModel>& models() const { return m_models; }
    const RegisteredModel* find(const std::string& id) const;
    std::string activeModelId() const;
    const std::vector<ActivationRecord>& activationHistory() const { return m_history; }
    // Absolute path of a model's file.
    std::string modelPath(const RegisteredModel& model) const;

    // Changes re-read the registry under a short write lock first, so that two users registering
    // or activating at once lose nothing.
    // Copies `modelFile` into models/<new id>/model.lnsegmodel and lists it with `entry`'s
    // metadata (its id and file are assigned). The first model registered becomes active.
    // Returns the new id.
    std::string registerModel(const std::string& modelFile, RegisteredModel entry, const std::string& user);
    void activate(const std::string& id, const std::string& user);
    // Re-activates the model active before the current one; throws when there is none. Returns it.
    std::string rollBack(const std::string& user);

private:
    explicit ModelRegistry(std::string projectFolder) : m_projectFolder(std::move(projectFolder)) {}
    std::string registryPath() const;
    // Under the registry's write lock: re-reads the registry (another user may have changed it),
    // applies `change`, saves.
    template <typename Change>
    void update(Change&& change);
    void save() const;
    // The stack of active models as the history builds it (activate pushes, roll back pops).
    std::vector<std::string> activeStack() const;

    std::string m_projectFolder;
    std::vector<RegisteredModel> m_models;
    std::vector<ActivationRecord> m_history;
    long long m_nextModelNumber = 1;
};

}  // namespace lnseg::project
