#pragma once
// What every export format shares (internal to core/export): checking the cases, loading one
// case, the staging folder that becomes the export only when complete, the pseudonym mapping and
// the summary.

#include "export/Deidentification.h"
#include "export/ExportCase.h"
#include "image/VoxelGrid.h"
#include "nodes/NodeRecord.h"

#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

namespace lnseg {

struct LoadedExportCase {
    Volume image;
    LabelMap labels;               // placed exactly on the image's grid
    std::vector<NodeRecord> nodes;
};

// Reads the image and the review session; throws "case <id>: ..." (e.g. when the label map does
// not lie on the image's grid). `withVoxels` false reads only the image header (reports).
LoadedExportCase loadExportCase(const ExportCase& exportCase, bool withVoxels = true);

// Nodes as JSON; de-identified exports keep only the model file's name, not its folder.
nlohmann::json nodesJson(const std::vector<NodeRecord>& nodes, bool deidentify);

// One export in progress. The constructor checks the cases and the options and creates the
// staging folder; finish() writes the pseudonym mapping and moves the staging folder into place.
// Destroyed without finish() (an exception), it removes the staging folder: nothing partial stays.
class ExportRun {
public:
    ExportRun(const std::vector<ExportCase>& cases, const ExportOptions& options, const char* formatName);
    ~ExportRun();
    ExportRun(const ExportRun&) = delete;
    ExportRun& operator=(const ExportRun&) = delete;

    const ExportOptions& options() const { return m_options; }
    bool deidentify() const { return m_options.deidentify; }
    UidRemapper& uids() { return *m_uids; }
    // Absolute path in the staging folder for `relative` (its folder is created); records the file.
    std::string stagedPath(const std::string& relative);
    // Absolute path of the folder `relative` in the staging folder (created); records the folder.
    std::string stagedFolder(const std::string& relative);
    void writeJson(const std::string& relative, const nlohmann::json& json);
    void writeText(const std::string& relative, const std::string& text);
    // The manifest's common part for a case (no source paths or patient data when de-identified).
    nlohmann::json caseEntry(const ExportCase& exportCase, const std::vector<NodeRecord>& nodes) const;
    // Starts manifest.json's object: format, time, de-identification.
    nlohmann::json manifestHeader() const;
    void countNodes(std::size_t nodes) { m_summary.nodes += nodes; }
    ExportSummary finish();

private:
    ExportOptions m_options;
    std::string m_formatName;
    std::vector<ExportCase> m_cases;
    std::string m_stagingFolder;
    std::string m_mappingPath;
    std::unique_ptr<UidRemapper> m_uids;
    ExportSummary m_summary;
    bool m_finished = false;
};

}  // namespace lnseg
