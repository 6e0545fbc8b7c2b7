#include "engine/ProjectTrainingData.h"

#include "evaluation/SegmentationEvaluation.h"
#include "io/ImageFileIO.h"
#include "review/ReviewSessionFile.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <stdexcept>

namespace lnseg {

ProjectCaseSource::ProjectCaseSource(const project::Project& project, bool includeReviewed)
    : m_folder(project.folder()), m_manifest(project.manifest())
{
    std::set<project::ReviewState> states{project::ReviewState::Approved};
    if (includeReviewed)
        states.insert(project::ReviewState::Reviewed);
    const std::vector<std::string> eligible = project.casesInStates(states);
    m_split = project::splitCases(m_manifest, eligible);
    if (m_split.train.empty())
        throw std::runtime_error(project.folder() + ": no " + std::string(includeReviewed ? "approved or reviewed" : "approved") +
                                 " case lies on the train side of the split (" + std::to_string(eligible.size()) +
                                 " eligible cases: " + std::to_string(m_split.validation.size()) + " validation, " +
                                 std::to_string(m_split.test.size()) + " test, of " +
                                 std::to_string(m_manifest.cases.size()) + " cases)");
}

std::vector<std::string> ProjectCaseSource::caseIds() const
{
    std::vector<std::string> ids = m_split.train;
    ids.insert(ids.end(), m_split.validation.begin(), m_split.validation.end());
    return ids;
}

ProjectCaseSource::Reference ProjectCaseSource::loadReference(const std::string& caseId) const
{
    const project::ProjectCase* item = m_manifest.findCase(caseId);
    if (!item)
        throw std::runtime_error(m_folder + ": the project has no case " + caseId);
    const std::filesystem::path folder(m_folder);
    Reference reference;
    reference.image = readVolume((folder / item->imageFile).string());
    ReviewSessionContents session = loadReviewSession((folder / item->reviewFile).string(), reference.image.geometry());
    std::set<std::uint16_t> rejected;
    for (const NodeRecord& node : session.nodes) {
        if (node.status == NodeStatus::Rejected)
            rejected.insert(node.label);
        else
            reference.levels[node.label] = toString(node.level);
    }
    std::uint16_t* labels = session.labels.data();
    for (std::size_t index = 0; index < session.labels.voxelCount(); ++index)
        if (labels[index] && rejected.count(labels[index]))
            labels[index] = 0;
    reference.labels = std::move(session.labels);
    return reference;
}

model::TrainingCase ProjectCaseSource::load(const std::string& caseId)
{
    const Reference reference = loadReference(caseId);
    model::TrainingCase result;
    result.caseId = caseId;
    const ImageGeometry geometry = reference.image.geometry();
    for (int axis = 0; axis < 3; ++axis) {
        result.size[axis] = geometry.size[std::size_t(axis)];
        result.spacing[axis] = geometry.spacing[std::size_t(axis)];
    }
    result.image.assign(reference.image.data(), reference.image.data() + reference.image.voxelCount());
    result.mask.resize(reference.labels.voxelCount());
    const std::uint16_t* labels = reference.labels.data();
    for (std::size_t index = 0; index < result.mask.size(); ++index)
        result.mask[index] = labels[index] != 0 ? 1 : 0;
    return result;
}

std::string ProjectCaseSource::fingerprint() const
{
    std::string text = "project '" + m_manifest.name + "' data version " + std::to_string(m_manifest.dataVersion) + ":";
    for (const std::string& id : caseIds())
        text += " " + id;
    return text;
}

nlohmann::json evaluateModelOnCases(const std::string& modelFile, const ProjectCaseSource& source,
                                    const std::vector<std::string>& caseIds, const NodeProposalOptions& options)
{
    model::InferenceEngine engine(modelFile, options.inference);
    std::vector<CaseEvaluation> cases;
    for (const std::string& id : caseIds) {
        const ProjectCaseSource::Reference reference = source.loadReference(id);
        const NodeProposal proposal = proposeNodes(reference.image, engine, options);
        CaseEvaluation evaluation = evaluateCase(proposal.nodes.labels, reference.labels, reference.levels);
        evaluation.caseName = id;
        cases.push_back(std::move(evaluation));
    }
    const EvaluationSummary summary = summarize(std::move(cases));
    return {{"cases", caseIds},
            {"dice", summary.meanDice},
            {"iou", summary.meanIou},
            {"sliceDice", summary.meanSliceDice},
            {"sensitivity", summary.all.sensitivity()},
            {"falsePositivesPerVolume", summary.falsePositivesPerVolume}};
}

}  // namespace lnseg
