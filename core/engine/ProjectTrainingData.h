#pragma once
// Training cases from a project: the approved cases (optionally the reviewed ones too), split by
// the project's patient-level split. The trainer gets the train side to train on and the
// validation side to validate on (TrainingOptions::fixedSplit = trainingSplit()); test cases are
// never handed to it. Each case's image and label map are read from disk only when the trainer
// asks (it streams). Voxels of rejected nodes are background.

#include "engine/NodeProposal.h"
#include "model/Training.h"
#include "project/Project.h"

#include <nlohmann/json_fwd.hpp>

#include <map>
#include <string>
#include <vector>

namespace lnseg {

class ProjectCaseSource : public model::TrainingCaseSource {
public:
    // A snapshot of the project's manifest. Throws std::runtime_error when no eligible case lies
    // on the train side (the message counts the cases per state and side).
    explicit ProjectCaseSource(const project::Project& project, bool includeReviewed = false);

    // Train and validation cases.
    std::vector<std::string> caseIds() const override;
    model::TrainingCase load(const std::string& caseId) override;
    // A case's reference for evaluation: the image and its reviewed label map without rejected
    // nodes (any eligible case, test cases included).
    struct Reference {
        Volume image;
        LabelMap labels;
        std::map<std::uint16_t, std::string> levels;
    };
    Reference loadReference(const std::string& caseId) const;
    // Project name, data version and the case ids.
    std::string fingerprint() const override;

    // The eligible cases per side (test included, for the registry).
    const project::ProjectSplit& split() const { return m_split; }
    model::DataSplit trainingSplit() const { return {m_split.train, m_split.validation}; }
    long long dataVersion() const { return m_manifest.dataVersion; }

private:
    std::string m_folder;
    project::ProjectManifest m_manifest;
    project::ProjectSplit m_split;
};

// Runs `modelFile` on `caseIds` of the source's project (the test side, typically) and compares
// the proposed nodes with the reviewed label maps: {"cases": [...], "dice", "iou", "sliceDice",
// "sensitivity", "falsePositivesPerVolume"} (SegmentationEvaluation.h). Loads one case at a time.
nlohmann::json evaluateModelOnCases(const std::string& modelFile, const ProjectCaseSource& source,
                                    const std::vector<std::string>& caseIds, const NodeProposalOptions& options);

}  // namespace lnseg
