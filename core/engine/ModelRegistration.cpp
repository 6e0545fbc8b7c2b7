#include "engine/ModelRegistration.h"

#include "project/ModelRegistry.h"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace lnseg {

std::string registerTrainedModel(const project::Project& project, const model::TrainingResult& result,
                                 const model::TrainingOptions& options, const ModelRegistrationDetails& details)
{
    nlohmann::json metadata;
    try {
        metadata = nlohmann::json::parse(result.metadataJson);
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(std::string("the trained model's metadata is not JSON: ") + error.what());
    }
    project::RegisteredModel entry;
    entry.architecture = metadata.value("architecture", options.spec.architecture);
    entry.mode = metadata.value("mode", options.spec.mode);
    entry.author = details.author.empty() ? project::currentUserName() : details.author;
    entry.parentModelId = details.parentModelId;
    entry.dataVersion = details.dataVersion;
    entry.trainCases = details.split.train;
    entry.validationCases = details.split.validation;
    entry.testCases = details.split.test;
    entry.trainingSettings = metadata.value("training", nlohmann::json::object());
    entry.trainingSettings.erase("training_cases");  // listed in the entry's split
    entry.trainingSettings.erase("validation_cases");
    entry.trainingSettings["cases"] = details.includedReviewedCases ? "approved and reviewed" : "approved";
    entry.trainingSettings["preprocessing"] = metadata.value("preprocessing", nlohmann::json::object());
    entry.validationMetrics = {{"dice", result.validationDice}};
    entry.testMetrics = details.testMetrics;
    entry.note = details.note;
    project::ModelRegistry registry = project::ModelRegistry::open(project.folder());
    return registry.registerModel(result.modelFile, entry, entry.author);
}

}  // namespace lnseg
