#pragma once
// A saved review: the instance label map (.nii.gz) plus a JSON file with the nodes (levels, sides,
// statuses, measurements, provenance) and the source reference. Saving never overwrites in place:
// the label map goes to a new file, then the JSON that points at it replaces the old JSON by an
// atomic rename, and only then is the previous label map removed. A crash or kill at any moment
// leaves either the previous save or the new one, complete.

#include "review/ReviewDocument.h"

#include <string>

namespace lnseg {

constexpr int kReviewSessionFormatVersion = 1;

struct ReviewSessionContents {
    SourceReference source;
    LabelMap labels;
    std::vector<NodeRecord> nodes;
    std::string savedBy;
    std::string savedAt;
};

// Saves to `jsonPath` (e.g. "case12.review.json"). Throws std::runtime_error (disk full, no
// permission) leaving the previous save intact.
void saveReviewSession(const ReviewDocument& document, const std::string& jsonPath);

// Reads the source reference only (to know which image to open).
SourceReference readReviewSessionSource(const std::string& jsonPath);

// Loads a session for an image of the given geometry; throws a clear message when the file is
// not a review session, is from a newer version, or its label map does not match the image.
ReviewSessionContents loadReviewSession(const std::string& jsonPath, const ImageGeometry& image);

}  // namespace lnseg
