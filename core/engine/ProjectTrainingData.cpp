#include "engine/ProjectTrainingData.h"

#include "io/ImageFileIO.h"
#include "review/ReviewSessionFile.h"

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

model::TrainingCase ProjectCaseSource::load(const std::string& caseId)
{
    const project::ProjectCase* item = m_manifest.findCase(caseId);
    if (!item)
        throw std::runtime_error(m_folder + ": the project has no case " + caseId);
    const std::filesystem::path folder(m_folder);
    const Volume image = readVolume((folder / item->imageFile).string());
    const ReviewSessionContents session = loadReviewSession((folder / item->reviewFile).string(), image.geometry());
    std::set<std::uint16_t> rejected;
    for (const NodeRecord& node : session.nodes)
        if (node.status == NodeStatus::Rejected)
            rejected.insert(node.label);
    model::TrainingCase result;
    result.caseId = caseId;
    const ImageGeometry geometry = image.geometry();
    for (int axis = 0; axis < 3; ++axis) {
        result.size[axis] = geometry.size[std::size_t(axis)];
        result.spacing[axis] = geometry.spacing[std::size_t(axis)];
    }
    result.image.assign(image.data(), image.data() + image.voxelCount());
    result.mask.resize(session.labels.voxelCount());
    const std::uint16_t* labels = session.labels.data();
    for (std::size_t index = 0; index < result.mask.size(); ++index)
        result.mask[index] = labels[index] != 0 && !rejected.count(labels[index]) ? 1 : 0;
    return result;
}

std::string ProjectCaseSource::fingerprint() const
{
    std::string text = "project '" + m_manifest.name + "' data version " + std::to_string(m_manifest.dataVersion) + ":";
    for (const std::string& id : caseIds())
        text += " " + id;
    return text;
}

}  // namespace lnseg
