#include "export/ExportRun.h"

#include "io/ImageFileIO.h"
#include "nodes/NodeMeasurement.h"
#include "review/ReviewSessionFile.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <stdexcept>

namespace lnseg {
namespace fs = std::filesystem;

namespace {

bool safeName(const std::string& name)
{
    if (name.empty() || name.size() > 100 || name[0] == '.')
        return false;
    for (char c : name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.')
            return false;
    return true;
}

void validateCases(const std::vector<ExportCase>& cases, const ExportOptions& options)
{
    if (cases.empty())
        throw std::runtime_error("nothing to export: no cases");
    std::set<std::string> ids;
    for (const ExportCase& c : cases) {
        const std::string name = "case " + c.caseId + ": ";
        if (!safeName(c.caseId))
            throw std::runtime_error("case id '" + c.caseId + "' is not usable in file names (letters, digits, '.', '-', '_')");
        if (!ids.insert(c.caseId).second)
            throw std::runtime_error(name + "listed twice");
        if (c.split != "train" && c.split != "validation" && c.split != "test")
            throw std::runtime_error(name + "split '" + c.split + "' is not train, validation or test");
        if (!fs::is_regular_file(c.imagePath))
            throw std::runtime_error(name + "image file " + c.imagePath + " does not exist");
        if (!fs::is_regular_file(c.sessionPath))
            throw std::runtime_error(name + "review session " + c.sessionPath + " does not exist");
        if (options.deidentify) {
            if (!safeName(c.patientPseudonym))
                throw std::runtime_error(name + "a de-identified export needs a patient pseudonym of letters, digits, '.', '-', '_' (got '" +
                                         c.patientPseudonym + "')");
            if (c.dicom && (c.patientPseudonym == c.dicom->patientId || c.patientPseudonym == c.dicom->patientName))
                throw std::runtime_error(name + "the pseudonym is the patient's id or name");
        }
    }
}

std::string uniqueSuffix()
{
    std::random_device device;
    return std::to_string(device()) + std::to_string(device() % 100000);
}

// Moves every entry of `from` into `to`, replacing files of the same name by rename.
void mergeInto(const fs::path& from, const fs::path& to)
{
    for (const auto& entry : fs::directory_iterator(from)) {
        const fs::path target = to / entry.path().filename();
        if (entry.is_directory() && fs::is_directory(target))
            mergeInto(entry.path(), target);
        else
            fs::rename(entry.path(), target);
    }
}

}  // namespace

LoadedExportCase loadExportCase(const ExportCase& c, bool withVoxels)
{
    try {
        LoadedExportCase loaded;
        ImageGeometry geometry;
        if (withVoxels) {
            loaded.image = readVolume(c.imagePath);
            geometry = loaded.image.geometry();
        } else {
            geometry = readImageHeader(c.imagePath).geometry;
        }
        ReviewSessionContents session = loadReviewSession(c.sessionPath, geometry);
        loaded.labels = std::move(session.labels);
        loaded.labels.setPlacement(geometry);  // exactly the image's grid (it matched within tolerance)
        loaded.nodes = std::move(session.nodes);
        return loaded;
    } catch (const std::exception& error) {
        throw std::runtime_error("case " + c.caseId + ": " + error.what());
    }
}

nlohmann::json nodesJson(const std::vector<NodeRecord>& nodes, bool deidentify)
{
    nlohmann::json list = nlohmann::json::array();
    for (NodeRecord node : nodes) {
        if (deidentify && !node.proposedByModel.empty())
            node.proposedByModel = fs::path(node.proposedByModel).filename().string();
        list.push_back(toJson(node));
    }
    return list;
}

ExportRun::ExportRun(const std::vector<ExportCase>& cases, const ExportOptions& options, const char* formatName)
    : m_options(options), m_formatName(formatName), m_cases(cases)
{
    if (options.outputFolder.empty())
        throw std::runtime_error("no export folder given");
    validateCases(cases, options);
    fs::path target = fs::absolute(options.outputFolder);
    while (!target.empty() && target.filename().empty())
        target = target.parent_path();
    if (fs::exists(target)) {
        if (!fs::is_directory(target))
            throw std::runtime_error("the export target " + target.string() + " is a file, not a folder");
        if (!fs::is_empty(target) && !options.allowNonEmptyFolder)
            throw std::runtime_error("the export folder " + target.string() + " is not empty; refusing to export into it");
    }
    m_options.outputFolder = target.string();
    if (options.deidentify) {
        m_mappingPath = pseudonymMappingPath(options.pseudonymMappingFile, m_options.outputFolder);
        m_uids = std::make_unique<UidRemapper>(options.uidSecret.empty() ? randomExportSecret() : options.uidSecret);
    } else {
        m_uids = std::make_unique<UidRemapper>("unused");
    }
    fs::create_directories(target.parent_path());
    m_stagingFolder = (target.parent_path() / ("." + target.filename().string() + ".lnseg-partial-" + uniqueSuffix())).string();
    fs::create_directory(m_stagingFolder);
    m_summary.outputFolder = m_options.outputFolder;
    m_summary.cases = cases.size();
}

ExportRun::~ExportRun()
{
    if (!m_finished) {
        std::error_code ignored;
        fs::remove_all(m_stagingFolder, ignored);
    }
}

std::string ExportRun::stagedPath(const std::string& relative)
{
    const fs::path path = fs::path(m_stagingFolder) / relative;
    fs::create_directories(path.parent_path());
    m_summary.files.push_back(relative);
    return path.string();
}

std::string ExportRun::stagedFolder(const std::string& relative)
{
    const fs::path path = fs::path(m_stagingFolder) / relative;
    fs::create_directories(path);
    m_summary.files.push_back(relative + "/");
    return path.string();
}

void ExportRun::writeText(const std::string& relative, const std::string& text)
{
    const std::string path = stagedPath(relative);
    std::ofstream file(path, std::ios::binary);
    file << text;
    file.flush();
    if (!file)
        throw std::runtime_error("cannot write " + relative + " (disk full?)");
}

void ExportRun::writeJson(const std::string& relative, const nlohmann::json& json)
{
    writeText(relative, json.dump(2) + "\n");
}

nlohmann::json ExportRun::manifestHeader() const
{
    return {{"format", "lnseg-export"},
            {"format_version", 1},
            {"export_format", m_formatName},
            {"created_at", currentIsoTime()},
            {"deidentified", m_options.deidentify},
            {"cases", nlohmann::json::array()}};
}

nlohmann::json ExportRun::caseEntry(const ExportCase& c, const std::vector<NodeRecord>& nodes) const
{
    std::map<std::string, int> byStatus{{"proposed", 0}, {"accepted", 0}, {"edited", 0}, {"rejected", 0}};
    for (const NodeRecord& node : nodes)
        ++byStatus[toString(node.status)];
    nlohmann::json entry = {{"case_id", c.caseId},
                            {"patient_pseudonym", c.patientPseudonym},
                            {"split", c.split},
                            {"review_state", c.reviewState},
                            {"reviewer", c.reviewer},
                            {"node_count", nodes.size() - static_cast<std::size_t>(byStatus["rejected"])},
                            {"nodes_by_status", byStatus}};
    // Where the nodes' levels came from (nnU-Net per-level classes and the reports rest on them):
    // "suggested" levels were not confirmed by a reader.
    std::map<std::string, int> bySource{{"suggested", 0}, {"confirmed", 0}, {"reader", 0}, {"not_recorded", 0}};
    for (const NodeRecord& node : nodes)
        if (node.status != NodeStatus::Rejected)
            ++bySource[node.levelSource == LevelSource::None ? std::string("not_recorded") : std::string(toString(node.levelSource))];
    entry["levels_by_source"] = bySource;
    if (!m_options.deidentify) {
        entry["source"] = {{"image_path", c.imagePath}, {"session_path", c.sessionPath}};
        if (c.dicom)
            entry["source"]["dicom"] = {{"patient_id", c.dicom->patientId},
                                        {"patient_name", c.dicom->patientName},
                                        {"study_instance_uid", c.dicom->studyInstanceUid},
                                        {"series_instance_uid", c.dicom->seriesInstanceUid}};
    }
    return entry;
}

ExportSummary ExportRun::finish()
{
    const fs::path target(m_options.outputFolder);
    if (m_options.deidentify) {
        std::map<std::string, PseudonymEntry> patients;
        for (const ExportCase& c : m_cases) {
            PseudonymEntry& entry = patients[c.patientPseudonym];
            entry.pseudonym = c.patientPseudonym;
            if (c.dicom) {
                entry.patientId = c.dicom->patientId;
                entry.patientName = c.dicom->patientName;
            }
            entry.caseIds.push_back(c.caseId);
        }
        std::vector<PseudonymEntry> list;
        for (auto& [pseudonym, entry] : patients)
            list.push_back(entry);
        writePseudonymMapping(m_mappingPath, m_options.outputFolder, list, *m_uids);
        m_summary.pseudonymMappingFile = m_mappingPath;
    }
    try {
        if (fs::exists(target) && !fs::is_empty(target)) {
            mergeInto(m_stagingFolder, target);  // allowNonEmptyFolder was checked at the start
            fs::remove_all(m_stagingFolder);
        } else {
            if (fs::exists(target))
                fs::remove(target);
            fs::rename(m_stagingFolder, target);
        }
    } catch (const std::exception& error) {
        std::error_code ignored;
        if (!m_mappingPath.empty())
            fs::remove(m_mappingPath, ignored);
        throw std::runtime_error("cannot move the export into " + target.string() + ": " + error.what());
    }
    m_finished = true;
    return m_summary;
}

}  // namespace lnseg
