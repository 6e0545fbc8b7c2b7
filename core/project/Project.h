#pragma once
// A project: a folder holding a curated dataset of neck CT cases under review.
//
//   project.json                 the manifest (ProjectManifest.h), saved atomically
//   private/patients.json        real patient id -> pseudonym (PatientPseudonyms.h); left out of exports
//   cases/<case id>/image.nii.gz the image (HU), copied in when the case is added
//   cases/<case id>/review.json  the review session (+ its label map), as lnseg-review saves it
//   cases/<case id>/dicom-source.json  DICOM sources: patient/study/series attributes, slice instances
//   cases/<case id>/lock.json    who has the case open for editing (CaseLock.h)
//   models/                      the model registry (ModelRegistry.h)
//
// Every change re-reads the manifest under a short write lock (`project.json.lock`), applies the
// change, bumps the data version when cases, labels or states changed, and saves atomically, so
// that several users (or the CLI and the application) working on one project lose no change.

#include "project/ProjectManifest.h"
#include "project/ProjectSplit.h"

#include <functional>
#include <set>
#include <string>
#include <vector>

namespace lnseg::project {

// $LNSEG_USER, else $USER, else "unknown".
std::string currentUserName();

struct AddCaseOptions {
    std::string labelsPath;         // existing annotation: a label map on the image's grid
    std::string nodesPath;          // node list as the phantom writes it (needs labelsPath)
    std::string seriesInstanceUid;  // DICOM folder with several image series: which one
    std::string patientId;          // real patient id; default: DICOM Patient ID, or one patient per file
    std::string user;               // who adds it; default currentUserName()
};

struct AddTreeResult {
    std::vector<std::string> added;    // case ids
    std::vector<std::string> skipped;  // one message per input that was not added (duplicates, errors)
};

class Project {
public:
    // Creates a project in `folder` (created when missing; must hold no project yet). The creator
    // is the first study lead. `split` decides every case's side, so it is set here only.
    static Project create(const std::string& folder, const std::string& name, const std::string& user = currentUserName(),
                          const SplitSettings& split = {});
    // Opens a project, upgrading an older manifest in memory (written on the next change, the
    // original kept as project.schema-N.json). Throws std::runtime_error with a clear message.
    static Project open(const std::string& folder);

    const std::string& folder() const { return m_folder; }
    const ProjectManifest& manifest() const { return m_manifest; }
    // Re-reads the manifest from disk (another user may have changed it).
    void reload();
    // Absolute path of a manifest path (relative to the project folder).
    std::string absolutePath(const std::string& relativePath) const;
    std::string caseFolder(const std::string& caseId) const;
    // Throws std::runtime_error "the project has no case X" when unknown.
    const ProjectCase& findCase(const std::string& caseId) const;

    // Adds an image file or a DICOM folder as a new case; returns its id. Refuses a series (or
    // file) already in the project ("already in the project as case-0003"), a label map not on
    // the image's grid, and a DICOM folder with several image series when no series is chosen.
    std::string addCase(const std::string& input, const AddCaseOptions& options = {});
    // Adds every image file and DICOM image series under `root` (with the label maps and node
    // lists next to image files; CaseInputs.h). Inputs that fail are reported, not fatal.
    // options.labelsPath / nodesPath / seriesInstanceUid must be empty; options.patientId applies to all.
    AddTreeResult addTree(const std::string& root, const AddCaseOptions& options = {});

    // Changes the review state following the rules of ReviewState.h; recorded in the history.
    void setState(const std::string& caseId, ReviewState state, const std::string& user, const std::string& comment = {});
    void assign(const std::string& caseId, const std::string& assignee);
    // Only a study lead (`user`) changes the leads; the list may not become empty.
    void setStudyLeads(const std::vector<std::string>& leads, const std::string& user);
    // Re-reads the node counts from the case's review session (after lnseg-review saved it) and
    // records who saved it; bumps the data version when the label map or counts changed.
    // Returns whether anything changed.
    bool refreshCase(const std::string& caseId);

    SplitSide splitOf(const std::string& caseId) const;
    // Ids of the cases in one of `states`, in manifest order.
    std::vector<std::string> casesInStates(const std::set<ReviewState>& states) const;

private:
    explicit Project(std::string folder);
    std::string manifestPath() const;
    // Locks, re-reads, applies `change`, saves, unlocks.
    void update(const std::function<void(ProjectManifest&)>& change);
    void save(const ProjectManifest& manifest);

    std::string m_folder;
    ProjectManifest m_manifest;
    long long m_migratedFromVersion = 0;  // schema version of the file on disk when older
};

}  // namespace lnseg::project
