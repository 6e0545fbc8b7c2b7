#pragma once
// Training cases from a folder of CASE_image.nii.gz / CASE_labels.nii.gz pairs (as `lnseg
// phantom` writes them), read one at a time when the trainer asks (it streams). A
// CASE_hard_negatives.nii.gz beside a pair (an earlier model's false positives, as `lnseg evaluate
// --false-positives` writes them) becomes the case's hard negatives; it must lie on the image's grid.

#include "model/Training.h"

#include <string>
#include <vector>

namespace lnseg {

class ImageFolderCaseSource : public model::TrainingCaseSource {
public:
    // Throws std::runtime_error when the folder holds no pair.
    explicit ImageFolderCaseSource(const std::string& folder);
    std::vector<std::string> caseIds() const override;
    model::TrainingCase load(const std::string& caseId) override;
    // Case ids, file sizes and modification times.
    std::string fingerprint() const override;

private:
    std::string m_folder;
    std::vector<std::string> m_caseIds;
};

}  // namespace lnseg
