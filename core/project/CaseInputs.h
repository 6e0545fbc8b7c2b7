#pragma once
// What a folder tree holds to add to a project: each image file (NIfTI, NRRD, MetaImage) with the
// label map and node list found next to it, and each DICOM image series.
//
// Next to an image X_image.nii.gz (or X.nii.gz, X.nrrd, ...) the label map is the first of
// X_labels.nii.gz, X_labels.nii, X_labels.nrrd, X.seg.nrrd that exists, and the node list
// X_nodes.json (as `lnseg phantom` writes CASE_image.nii.gz + CASE_labels.nii.gz + CASE_nodes.json).
// Label map files themselves are not images to add. A DICOM series alone in a folder X_dicom next
// to X_labels.nii.gz (`lnseg phantom --dicom`) takes that annotation, and X_image.nii.gz, the same
// scan, is not added besides it.

#include <string>
#include <vector>

namespace lnseg::project {

struct CaseInput {
    std::string path;               // image file, or the DICOM folder (the tree's root)
    std::string seriesInstanceUid;  // DICOM: the series to load (its series key: the UID, or nouid-... without one)
    std::string labelsPath;         // empty: no annotation
    std::string nodesPath;          // empty: no node list
};

// True for names of label maps (*_labels.nii.gz, *_labels.nii, *_labels.nrrd, *.seg.nrrd, ...).
bool isLabelMapFileName(const std::string& fileName);
// The annotation files next to an image file (empty strings when there are none).
CaseInput annotatedImageFile(const std::string& imagePath);
// Image files and DICOM image series under `root`, in path order (DICOM series by Series
// Instance UID). Folders holding a project.json (projects) are skipped. Throws
// std::runtime_error when `root` is not a folder.
std::vector<CaseInput> findCaseInputs(const std::string& root);

}  // namespace lnseg::project
