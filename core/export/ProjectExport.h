#pragma once
// The cases of a project as export records: which cases (by review state) and where their image,
// review session and DICOM source attributes are.

#include "export/ExportCase.h"
#include "project/Project.h"

#include <set>
#include <vector>

namespace lnseg {

// Approved cases only: a curated dataset hands on what a study lead approved.
std::set<project::ReviewState> defaultExportStates();

// One record per case in one of `states`, in manifest order. The reviewer is who last moved the
// case to Reviewed (else who last edited it). Throws std::runtime_error when a case's DICOM
// source record cannot be read, or when no case is in those states.
std::vector<ExportCase> exportCasesOf(const project::Project& project, const std::set<project::ReviewState>& states);

}  // namespace lnseg
