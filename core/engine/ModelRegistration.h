#pragma once
// Registering a model trained on a project's cases in the project's model registry, with what it
// was trained on (data version, split) and how (settings, preprocessing), so that the command line
// and the application's training panel record the same thing.

#include "model/Training.h"
#include "project/Project.h"
#include "project/ProjectSplit.h"

#include <nlohmann/json.hpp>

#include <string>

namespace lnseg {

struct ModelRegistrationDetails {
    project::ProjectSplit split;   // the eligible cases per side at training time (test included)
    long long dataVersion = 0;     // the project's data version at training time
    std::string author;
    std::string parentModelId;
    std::string note;
    bool includedReviewedCases = false;
    nlohmann::json testMetrics = nlohmann::json::object();  // evaluateModelOnCases on the test side
};

// Copies the trained model into the registry and returns its id. Throws std::runtime_error.
std::string registerTrainedModel(const project::Project& project, const model::TrainingResult& result,
                                 const model::TrainingOptions& options, const ModelRegistrationDetails& details);

}  // namespace lnseg
