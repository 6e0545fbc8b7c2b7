#include "project/Project.h"

#include "io/DicomSegmentationReader.h"
#include "io/DicomSeries.h"

#include "io/DicomSourceAttributes.h"
#include "io/ImageFileIO.h"
#include "io/ImageSource.h"
#include "project/CaseInputs.h"
#include "project/PatientPseudonyms.h"
#include "project/ProjectJson.h"
#include "review/GroundTruthNodes.h"
#include "review/ReviewSessionFile.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace lnseg::project {
namespace fs = std::filesystem;
namespace {

const char* kManifestName = "project.json";
const char* kPatientsFile = "private/patients.json";

std::string normalisedPath(const std::string& path)
{
    std::error_code error;
    const fs::path canonical = fs::weakly_canonical(fs::absolute(path), error);
    return error ? fs::absolute(path).lexically_normal().string() : canonical.string();
}

NodeCounts countNodes(const std::vector<NodeRecord>& nodes)
{
    NodeCounts counts;
    for (const NodeRecord& node : nodes) {
        ++counts.total;
        switch (node.status) {
        case NodeStatus::Proposed: ++counts.proposed; break;
        case NodeStatus::Accepted: ++counts.accepted; break;
        case NodeStatus::Edited: ++counts.edited; break;
        case NodeStatus::Rejected: ++counts.rejected; break;
        }
    }
    return counts;
}

// The case already holding this source, or null.
const ProjectCase* findSameSource(const ProjectManifest& manifest, const CaseSource& source)
{
    for (const ProjectCase& item : manifest.cases) {
        if (source.kind == "dicom" && !source.seriesIdentity().empty() && item.source.seriesIdentity() == source.seriesIdentity())
            return &item;
        if (source.kind == "file" && item.source.kind == "file" && item.source.path == source.path)
            return &item;
    }
    return nullptr;
}

std::string describeSource(const CaseSource& source)
{
    return source.kind == "dicom" ? "the series " + source.seriesIdentity() : "the image " + source.path;
}

}  // namespace

std::string currentUserName()
{
    for (const char* variable : {"LNSEG_USER", "USER"})
        if (const char* value = std::getenv(variable); value && *value)
            return value;
    return "unknown";
}

Project::Project(std::string folder) : m_folder(std::move(folder)) {}

std::string Project::manifestPath() const { return (fs::path(m_folder) / kManifestName).string(); }

std::string Project::absolutePath(const std::string& relativePath) const
{
    return (fs::path(m_folder) / relativePath).string();
}

std::string Project::caseFolder(const std::string& caseId) const
{
    return (fs::path(m_folder) / "cases" / caseId).string();
}

Project Project::create(const std::string& folder, const std::string& name, const std::string& user,
                        const SplitSettings& split)
{
    for (double fraction : {split.train, split.validation, split.test})
        if (!(fraction >= 0 && fraction <= 1))
            throw std::runtime_error("the split fractions must lie between 0 and 1");
    if (std::abs(split.train + split.validation + split.test - 1) > 1e-6)
        throw std::runtime_error("the split fractions (train + validation + test) must add up to 1");
    if (fs::exists(fs::path(folder) / kManifestName))
        throw std::runtime_error(folder + ": already holds a project (project.json)");
    if (fs::exists(folder) && !fs::is_directory(folder))
        throw std::runtime_error(folder + ": is a file, not a folder");
    fs::create_directories(fs::path(folder) / "cases");
    fs::create_directories(fs::path(folder) / "private");
    fs::create_directories(fs::path(folder) / "models");
    Project project(fs::absolute(folder).lexically_normal().string());
    project.m_manifest.name = name.empty() ? fs::absolute(folder).lexically_normal().filename().string() : name;
    project.m_manifest.created = currentIsoTime();
    project.m_manifest.createdBy = user;
    project.m_manifest.studyLeads = {user};
    project.m_manifest.split = split;
    project.save(project.m_manifest);
    return project;
}

Project Project::open(const std::string& folder)
{
    if (!fs::is_directory(folder))
        throw std::runtime_error(folder + ": no such project folder");
    Project project(fs::absolute(folder).lexically_normal().string());
    if (!fs::exists(project.manifestPath()))
        throw std::runtime_error(folder + ": not an lnseg project (no project.json; create one with `lnseg project init`)");
    project.reload();
    return project;
}

void Project::reload()
{
    const std::string path = manifestPath();
    nlohmann::json json = readJsonFile(path);
    const long long version = json.is_object() && json.contains("schemaVersion") && json["schemaVersion"].is_number_integer()
                                  ? json["schemaVersion"].get<long long>()
                                  : kProjectSchemaVersion;
    m_manifest = manifestFromJson(migrateManifestJson(std::move(json), path), path);
    m_migratedFromVersion = version < kProjectSchemaVersion ? version : 0;
}

void Project::save(const ProjectManifest& manifest)
{
    if (m_migratedFromVersion > 0) {
        // Keep the manifest as the older lnseg wrote it, once.
        const fs::path original = fs::path(m_folder) / ("project.schema-" + std::to_string(m_migratedFromVersion) + ".json");
        if (!fs::exists(original))
            fs::copy_file(manifestPath(), original);
        m_migratedFromVersion = 0;
    }
    writeJsonFileAtomically(manifestPath(), toJson(manifest));
    m_manifest = manifest;
}

void Project::update(const std::function<void(ProjectManifest&)>& change)
{
    ExclusiveFileLock lock(manifestPath() + ".lock");
    reload();
    ProjectManifest manifest = m_manifest;
    change(manifest);
    if (toJson(manifest) != toJson(m_manifest) || m_migratedFromVersion > 0)
        save(manifest);
}

const ProjectCase& Project::findCase(const std::string& caseId) const
{
    const ProjectCase* item = m_manifest.findCase(caseId);
    if (!item)
        throw std::runtime_error(m_folder + ": the project has no case " + caseId);
    return *item;
}

std::string Project::addCase(const std::string& input, const AddCaseOptions& options)
{
    const std::string user = options.user.empty() ? currentUserName() : options.user;
    if (!options.nodesPath.empty() && options.labelsPath.empty())
        throw std::runtime_error("a node list (" + options.nodesPath + ") needs its label map (--labels)");
    LoadedImage image = loadImageSource(input, options.seriesInstanceUid);
    const bool dicom = image.description.source == "dicom";

    CaseSource source;
    source.kind = dicom ? "dicom" : "file";
    source.path = normalisedPath(input);
    source.studyInstanceUid = image.description.studyInstanceUid;
    source.seriesInstanceUid = image.description.seriesInstanceUid;
    if (dicom)
        source.seriesKey = image.description.seriesKey;
    source.modality = image.description.modality;
    source.description = image.description.description;
    if (const ProjectCase* existing = findSameSource(m_manifest, source))
        throw std::runtime_error(input + ": " + describeSource(source) + " is already in the project as " + existing->id);

    DicomSourceAttributes attributes;
    if (dicom)
        attributes = readDicomSourceAttributes(image.sliceFiles);
    std::string patientId = options.patientId;
    if (patientId.empty()) {
        // Without a Patient ID, the study stands for the patient; an anonymised series without a
        // study UID either stands for itself (its frame of reference, else its key), so that
        // unrelated series never fall into one patient of the split.
        if (!dicom)
            patientId = "file:" + source.path;
        else if (!attributes.patientId.empty())
            patientId = attributes.patientId;
        else if (!source.studyInstanceUid.empty())
            patientId = "dicom-study:" + source.studyInstanceUid;
        else if (!attributes.frameOfReferenceUid.empty())
            patientId = "dicom-frame:" + attributes.frameOfReferenceUid;
        else
            patientId = "dicom-series:" + source.seriesKey;
    }

    // The annotation, checked against the image before anything is written.
    auto sharedImage = std::make_shared<const Volume>(std::move(image.volume));
    LabelMap labels(sharedImage->geometry(), 0);
    std::vector<NodeRecord> nodes;
    if (!options.labelsPath.empty() && !isSupportedImageFile(options.labelsPath) && isDicomFile(options.labelsPath)) {
        // A DICOM SEG: its segments become the nodes (level and side from the segment labels).
        if (!options.nodesPath.empty())
            throw std::runtime_error("a DICOM SEG (" + options.labelsPath + ") carries its own nodes: give no node list");
        try {
            DicomSegmentationContents segmentation =
                readDicomSegmentation(options.labelsPath, sharedImage->geometry(), attributes.frameOfReferenceUid);
            labels = std::move(segmentation.labels);
            nodes = std::move(segmentation.nodes);
            for (NodeRecord& node : nodes)
                if (node.createdBy.empty())
                    node.createdBy = user;
        } catch (const std::exception& error) {
            throw std::runtime_error("the DICOM SEG does not fit the image " + input + ": " + error.what());
        }
    } else if (!options.labelsPath.empty()) {
        try {
            labels = readLabelMapFor(options.labelsPath, sharedImage->geometry());
        } catch (const std::exception& error) {
            throw std::runtime_error("the label map does not fit the image " + input + ": " + error.what());
        }
    }
    if (!options.nodesPath.empty())
        nodes = readGroundTruthNodes(options.nodesPath, user);
    ReviewDocument document(sharedImage);
    document.resetLabels(std::move(labels), std::move(nodes));  // labels without a record get measured records
    document.setReviewer(user);
    document.setSource({"image.nii.gz", source.seriesInstanceUid, source.studyInstanceUid});

    // The id is reserved first (never reused, even when writing fails); the files are written
    // without holding the manifest's write lock; then the case is listed.
    std::string caseId;
    std::string pseudonym;
    update([&](ProjectManifest& manifest) {
        if (const ProjectCase* existing = findSameSource(manifest, source))
            throw std::runtime_error(input + ": " + describeSource(source) + " is already in the project as " + existing->id);
        char id[32];
        std::snprintf(id, sizeof id, "case-%04lld", manifest.nextCaseNumber++);
        caseId = id;
        PatientPseudonyms patients = PatientPseudonyms::load(absolutePath(kPatientsFile));
        pseudonym = patients.pseudonymFor(patientId);
        patients.save(absolutePath(kPatientsFile));
    });
    const fs::path folder = caseFolder(caseId);
    if (fs::exists(folder))
        throw std::runtime_error(folder.string() + ": already exists although the manifest does not list " + caseId +
                                 " (move it away)");
    ProjectCase item;
    item.id = caseId;
    item.patient = pseudonym;
    item.source = source;
    item.imageFile = "cases/" + caseId + "/image.nii.gz";
    item.reviewFile = "cases/" + caseId + "/review.json";
    item.dicomSourceFile = dicom ? "cases/" + caseId + "/dicom-source.json" : "";
    item.nodes = countNodes(document.nodes());
    item.state = ReviewState::New;
    item.history.push_back({ReviewState::New, user, currentIsoTime(), "added from " + source.path});
    item.addedBy = user;
    item.addedAt = item.history.back().time;
    item.lastEditedBy = user;
    item.lastEditedAt = item.addedAt;
    try {
        fs::create_directories(folder);
        writeImage(document.image(), absolutePath(item.imageFile));
        if (dicom)
            writeJsonFileAtomically(absolutePath(item.dicomSourceFile), toJson(attributes));
        saveReviewSession(document, absolutePath(item.reviewFile));
        item.reviewLabelMap = readJsonFile(absolutePath(item.reviewFile)).value("label_map", "");
        update([&](ProjectManifest& manifest) {
            if (const ProjectCase* existing = findSameSource(manifest, source))
                throw std::runtime_error(input + ": " + describeSource(source) + " is already in the project as " +
                                         existing->id);
            manifest.cases.push_back(item);
            ++manifest.dataVersion;
        });
    } catch (...) {
        std::error_code ignored;
        fs::remove_all(folder, ignored);
        throw;
    }
    return caseId;
}

AddTreeResult Project::addTree(const std::string& root, const AddCaseOptions& options)
{
    if (!options.labelsPath.empty() || !options.nodesPath.empty() || !options.seriesInstanceUid.empty())
        throw std::runtime_error("adding a folder tree finds the label maps and series itself: --labels, --nodes and "
                                 "--series apply to one image or series only");
    AddTreeResult result;
    for (const CaseInput& input : findCaseInputs(root)) {
        AddCaseOptions caseOptions = options;
        caseOptions.labelsPath = input.labelsPath;
        caseOptions.nodesPath = input.labelsPath.empty() ? std::string() : input.nodesPath;
        caseOptions.seriesInstanceUid = input.seriesInstanceUid;
        const std::string name = input.seriesInstanceUid.empty() ? input.path : "series " + input.seriesInstanceUid;
        try {
            result.added.push_back(addCase(input.path, caseOptions));
        } catch (const std::exception& error) {
            const std::string message = error.what();
            result.skipped.push_back(message.rfind(input.path, 0) == 0 ? message : name + ": " + message);
        }
    }
    if (result.added.empty() && result.skipped.empty())
        throw std::runtime_error(root + ": no image file or DICOM image series found");
    return result;
}

void Project::setState(const std::string& caseId, ReviewState state, const std::string& user, const std::string& comment)
{
    update([&](ProjectManifest& manifest) {
        ProjectCase* item = manifest.findCase(caseId);
        if (!item)
            throw std::runtime_error(m_folder + ": the project has no case " + caseId);
        checkStateChange(item->state, state, manifest.isStudyLead(user), comment);
        item->state = state;
        item->history.push_back({state, user, currentIsoTime(), comment});
        ++manifest.dataVersion;
    });
}

void Project::assign(const std::string& caseId, const std::string& assignee)
{
    update([&](ProjectManifest& manifest) {
        ProjectCase* item = manifest.findCase(caseId);
        if (!item)
            throw std::runtime_error(m_folder + ": the project has no case " + caseId);
        item->assignedTo = assignee;
    });
}

void Project::setStudyLeads(const std::vector<std::string>& leads, const std::string& user)
{
    if (leads.empty())
        throw std::runtime_error("a project needs at least one study lead");
    update([&](ProjectManifest& manifest) {
        if (!manifest.isStudyLead(user))
            throw std::runtime_error("only a study lead changes the study leads (" + user + " is none)");
        manifest.studyLeads = leads;
    });
}

bool Project::refreshCase(const std::string& caseId)
{
    bool changed = false;
    update([&](ProjectManifest& manifest) {
        ProjectCase* item = manifest.findCase(caseId);
        if (!item)
            throw std::runtime_error(m_folder + ": the project has no case " + caseId);
        const std::string path = absolutePath(item->reviewFile);
        const nlohmann::json session = readJsonFile(path);
        if (!session.is_object() || session.value("format", nlohmann::json()) != "lnseg-review-session")
            throw std::runtime_error(path + ": not an lnseg review session");
        std::vector<NodeRecord> nodes;
        if (!session.contains("nodes") || !session["nodes"].is_array())
            throw std::runtime_error(path + ": the review session has no node list");
        for (const auto& node : session["nodes"])
            nodes.push_back(nodeRecordFromJson(node));
        const NodeCounts counts = countNodes(nodes);
        const std::string labelMap = session.value("label_map", "");
        changed = counts != item->nodes || labelMap != item->reviewLabelMap;
        if (changed) {
            item->nodes = counts;
            item->reviewLabelMap = labelMap;
            item->lastEditedBy = session.value("saved_by", "");
            item->lastEditedAt = session.value("saved_at", "");
            ++manifest.dataVersion;
        }
    });
    return changed;
}

SplitSide Project::splitOf(const std::string& caseId) const
{
    return assignSplit(findCase(caseId).patient, m_manifest.split);
}

std::vector<std::string> Project::casesInStates(const std::set<ReviewState>& states) const
{
    std::vector<std::string> ids;
    for (const ProjectCase& item : m_manifest.cases)
        if (states.count(item.state))
            ids.push_back(item.id);
    return ids;
}

}  // namespace lnseg::project
