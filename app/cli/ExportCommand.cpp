// lnseg export: hand a project's curated cases to others (NIfTI, nnU-Net v2, DICOM SEG, report).
#include "cli/Command.h"

#include "export/Export.h"
#include "export/ProjectExport.h"
#include "project/Project.h"

#include <cstdio>
#include <set>

namespace lnseg::cli {

int runExport(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Export a project's approved cases: nifti (images, instance label maps, node JSON, manifest), nnunet (an "
        "nnU-Net v2 raw dataset), dicom-seg (one DICOM SEG per case, with the CT series it references) or report "
        "(nodes.csv and nodes.json, one row per node). De-identified by default: patient names, ids, birth dates, "
        "accession numbers, institutions, dates and UIDs are removed or replaced; the pseudonym mapping is written "
        "beside the export folder (never inside it).");
    const QCommandLineOption projectFolder("project", "Project folder.", "DIR");
    const QCommandLineOption format("format", "nifti, nnunet, dicom-seg or report.", "FORMAT");
    const QCommandLineOption out("out", "Export folder (created; must be empty).", "DIR");
    const QCommandLineOption noDeidentify("no-deidentify", "Keep patient attributes, dates, UIDs and source paths.");
    const QCommandLineOption mapping("mapping", "Where the pseudonym mapping goes (default OUT.pseudonyms.json; "
                                                "must lie outside OUT).", "FILE");
    const QCommandLineOption states("states", "Comma-separated review states to export (default Approved), e.g. "
                                              "Approved,Reviewed.", "LIST");
    const QCommandLineOption perLevel("per-level", "nnunet: one label class per nodal level instead of one node class.");
    const QCommandLineOption datasetId("dataset-id", "nnunet: the dataset number NNN of DatasetNNN_Name (default 501).",
                                       "N", "501");
    const QCommandLineOption datasetName("dataset-name", "nnunet: the dataset name (default CervicalLymphNodes).", "NAME");
    for (const auto* option : {&projectFolder, &format, &out, &noDeidentify, &mapping, &states, &perLevel, &datasetId,
                               &datasetName})
        parser.addOption(*option);
    if (!parseCommandLine(parser, arguments, 0, 0))
        return 0;
    if (!parser.isSet(projectFolder) || !parser.isSet(format) || !parser.isSet(out))
        throw UsageError("--project DIR, --format FORMAT and --out DIR are required");
    ExportFormat exportFormat;
    try {
        exportFormat = exportFormatFromString(parser.value(format).toStdString());
    } catch (const std::runtime_error& error) {
        throw UsageError(error.what());
    }
    std::set<project::ReviewState> exportStates = defaultExportStates();
    if (parser.isSet(states)) {
        exportStates.clear();
        for (const QString& name : parser.value(states).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const auto state = project::reviewStateFromString(name.trimmed().toStdString());
            if (!state)
                throw UsageError("unknown review state '" + name.toStdString() +
                                 "' (New, InProgress, Reviewed, Approved, Returned)");
            exportStates.insert(*state);
        }
    }
    ExportOptions options;
    options.outputFolder = parser.value(out).toStdString();
    options.deidentify = !parser.isSet(noDeidentify);
    options.pseudonymMappingFile = parser.value(mapping).toStdString();
    options.perLevel = parser.isSet(perLevel);
    options.nnunetDatasetId = integerOption(parser, datasetId, 1, 999);
    if (parser.isSet(datasetName))
        options.nnunetDatasetName = parser.value(datasetName).toStdString();

    const project::Project project = project::Project::open(parser.value(projectFolder).toStdString());
    const std::vector<ExportCase> cases = exportCasesOf(project, exportStates);
    const ExportSummary summary = exportCases(cases, exportFormat, options);
    std::printf("exported %zu case(s), %zu node(s) as %s to %s (%zu files)\n", summary.cases, summary.nodes,
                toString(exportFormat), summary.outputFolder.c_str(), summary.files.size());
    if (!summary.pseudonymMappingFile.empty())
        std::printf("de-identified; pseudonym mapping (keep it private, it is not part of the export): %s\n",
                    summary.pseudonymMappingFile.c_str());
    else
        std::printf("not de-identified: the export holds patient attributes\n");
    return 0;
}

}  // namespace lnseg::cli
