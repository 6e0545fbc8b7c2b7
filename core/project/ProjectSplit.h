#pragma once
// The project's patient-level split into train, validation and test. A patient's side depends on
// the hash of (pseudonym, seed) only: deterministic, every scan of a patient on the same side,
// and adding cases never moves another case.

#include "project/ProjectManifest.h"

#include <string>
#include <vector>

namespace lnseg::project {

enum class SplitSide { Train, Validation, Test };

const char* toString(SplitSide side);  // "train", "validation", "test"

// The patient's position in [0, 1) (a mixed FNV-1a hash of "seed:pseudonym"); sides take the
// intervals [0, train), [train, train + validation), [train + validation, 1).
double splitPosition(const std::string& patientPseudonym, std::uint64_t seed);
SplitSide assignSplit(const std::string& patientPseudonym, const SplitSettings& settings);

// Case ids per side, in manifest order.
struct ProjectSplit {
    std::vector<std::string> train;
    std::vector<std::string> validation;
    std::vector<std::string> test;
};
ProjectSplit splitCases(const ProjectManifest& manifest, const std::vector<std::string>& caseIds);

}  // namespace lnseg::project
