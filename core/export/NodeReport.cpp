// Node report: nodes.csv and nodes.json, one row per node with its case, level, side, status and
// measurements (re-measured from the label map, so they match the voxels exported elsewhere), and
// where the level came from: level_source "suggested" (from the scan's landmarks, not confirmed),
// "confirmed" (suggested and confirmed by a reader), "reader" (set by a reader) or empty (from a
// file or not set); level_was_suggested; level_confidence of the suggestion (empty without one).

#include "export/Export.h"
#include "export/ExportRun.h"
#include "io/DicomSegmentationWriter.h"
#include "nodes/NodeMeasurement.h"

#include <cstdio>
#include <map>
#include <sstream>

namespace lnseg {

namespace {

std::string csvField(const std::string& text)
{
    if (text.find_first_of(",\"\n\r") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (char c : text)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string number(double value)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
    return buffer;
}

const std::vector<std::string> kColumns = {"case_id", "patient_pseudonym", "split", "review_state", "reviewer",
                                           "node_label", "node_name", "level", "side", "level_source",
                                           "level_was_suggested", "level_confidence", "status",
                                           "long_axis_mm", "short_axis_mm", "volume_mm3", "enlarged",
                                           "first_slice", "last_slice", "modified_by", "modified_at"};

}  // namespace

ExportSummary exportNodeReport(const std::vector<ExportCase>& cases, const ExportOptions& options)
{
    ExportRun run(cases, options, "report");
    nlohmann::json manifest = run.manifestHeader();
    nlohmann::json rows = nlohmann::json::array();
    std::ostringstream csv;
    for (std::size_t n = 0; n < kColumns.size(); ++n)
        csv << (n ? "," : "") << kColumns[n];
    csv << "\n";
    for (const ExportCase& c : cases) {
        const LoadedExportCase loaded = loadExportCase(c, false);
        std::map<std::uint16_t, NodeMeasurement> measured;
        for (const NodeMeasurement& measurement : measureNodes(loaded.labels))
            measured[measurement.label] = measurement;
        for (const NodeRecord& node : loaded.nodes) {
            const NodeMeasurement m = measured.count(node.label) ? measured[node.label] : NodeMeasurement{};
            NodeRecord measuredNode = node;
            measuredNode.measurement = m;
            const nlohmann::json row = {{"case_id", c.caseId},
                                        {"patient_pseudonym", c.patientPseudonym},
                                        {"split", c.split},
                                        {"review_state", c.reviewState},
                                        {"reviewer", c.reviewer},
                                        {"node_label", node.label},
                                        {"node_name", segmentLabel(node)},
                                        {"level", toString(node.level)},
                                        {"side", toString(node.side)},
                                        {"level_source", toString(node.levelSource)},
                                        {"level_was_suggested", node.levelWasSuggested()},
                                        {"level_confidence", node.levelConfidence >= 0 ? nlohmann::json(node.levelConfidence) : nlohmann::json()},
                                        {"status", toString(node.status)},
                                        {"long_axis_mm", m.longAxisMm},
                                        {"short_axis_mm", m.shortAxisMm},
                                        {"volume_mm3", m.volumeMm3},
                                        {"enlarged", m.voxelCount > 0 && measuredNode.isEnlarged()},
                                        {"first_slice", m.firstSlice},
                                        {"last_slice", m.lastSlice},
                                        {"modified_by", node.modifiedBy},
                                        {"modified_at", node.modifiedAt}};
            rows.push_back(row);
            const std::vector<std::string> fields = {
                c.caseId, c.patientPseudonym, c.split, c.reviewState, c.reviewer, std::to_string(node.label),
                segmentLabel(node), toString(node.level), toString(node.side), toString(node.levelSource),
                node.levelWasSuggested() ? "true" : "false", node.levelConfidence >= 0 ? number(node.levelConfidence) : std::string(),
                toString(node.status),
                number(m.longAxisMm), number(m.shortAxisMm), number(m.volumeMm3), row["enlarged"].get<bool>() ? "true" : "false",
                std::to_string(m.firstSlice), std::to_string(m.lastSlice), node.modifiedBy, node.modifiedAt};
            for (std::size_t n = 0; n < fields.size(); ++n)
                csv << (n ? "," : "") << csvField(fields[n]);
            csv << "\n";
        }
        manifest["cases"].push_back(run.caseEntry(c, loaded.nodes));
        run.countNodes(loaded.nodes.size());
    }
    run.writeText("nodes.csv", csv.str());
    run.writeJson("nodes.json", rows);
    run.writeJson("manifest.json", manifest);
    return run.finish();
}

}  // namespace lnseg
