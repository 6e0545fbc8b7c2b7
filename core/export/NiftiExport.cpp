// NIfTI export: per case <case>_image.nii.gz, <case>_labels.nii.gz (the instance label map as
// reviewed) and <case>_nodes.json, plus manifest.json. The names are those `lnseg evaluate` reads.

#include "export/Export.h"
#include "export/ExportRun.h"
#include "io/ImageFileIO.h"

namespace lnseg {

ExportSummary exportNifti(const std::vector<ExportCase>& cases, const ExportOptions& options)
{
    ExportRun run(cases, options, "nifti");
    nlohmann::json manifest = run.manifestHeader();
    for (const ExportCase& c : cases) {
        const LoadedExportCase loaded = loadExportCase(c);
        const std::string image = c.caseId + "_image.nii.gz", labels = c.caseId + "_labels.nii.gz",
                          nodes = c.caseId + "_nodes.json";
        writeImage(loaded.image, run.stagedPath(image));
        writeImage(loaded.labels, run.stagedPath(labels));
        run.writeJson(nodes, nodesJson(loaded.nodes, run.deidentify()));
        nlohmann::json entry = run.caseEntry(c, loaded.nodes);
        entry["files"] = {{"image", image}, {"labels", labels}, {"nodes", nodes}};
        manifest["cases"].push_back(entry);
        run.countNodes(loaded.nodes.size());
    }
    run.writeJson("manifest.json", manifest);
    return run.finish();
}

}  // namespace lnseg
