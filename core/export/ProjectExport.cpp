#include "export/ProjectExport.h"

#include "project/ProjectSplit.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <stdexcept>

namespace lnseg {

std::set<project::ReviewState> defaultExportStates()
{
    return {project::ReviewState::Approved};
}

namespace {

std::string reviewerOf(const project::ProjectCase& projectCase)
{
    for (auto change = projectCase.history.rbegin(); change != projectCase.history.rend(); ++change)
        if (change->state == project::ReviewState::Reviewed)
            return change->user;
    return projectCase.lastEditedBy;
}

DicomSourceAttributes readDicomSource(const std::string& path, const std::string& caseId)
{
    std::ifstream stream(path);
    if (!stream)
        throw std::runtime_error(caseId + ": its DICOM source record " + path + " cannot be read");
    try {
        return dicomSourceAttributesFromJson(nlohmann::json::parse(stream));
    } catch (const nlohmann::json::exception& error) {
        throw std::runtime_error(caseId + ": " + path + " is not valid JSON: " + error.what());
    } catch (const std::runtime_error& error) {
        throw std::runtime_error(caseId + ": " + path + ": " + error.what());
    }
}

}  // namespace

std::vector<ExportCase> exportCasesOf(const project::Project& project, const std::set<project::ReviewState>& states)
{
    std::vector<ExportCase> cases;
    for (const project::ProjectCase& projectCase : project.manifest().cases) {
        if (!states.count(projectCase.state))
            continue;
        ExportCase record;
        record.caseId = projectCase.id;
        record.patientPseudonym = projectCase.patient;
        record.split = project::toString(project.splitOf(projectCase.id));
        record.reviewState = project::toString(projectCase.state);
        record.reviewer = reviewerOf(projectCase);
        record.imagePath = project.absolutePath(projectCase.imageFile);
        record.sessionPath = project.absolutePath(projectCase.reviewFile);
        if (!projectCase.dicomSourceFile.empty())
            record.dicom = readDicomSource(project.absolutePath(projectCase.dicomSourceFile), projectCase.id);
        cases.push_back(std::move(record));
    }
    if (cases.empty()) {
        std::string names;
        for (project::ReviewState state : states)
            names += (names.empty() ? "" : ", ") + std::string(project::toString(state));
        throw std::runtime_error("the project has no case in the state(s) " + names + " to export");
    }
    return cases;
}

}  // namespace lnseg
