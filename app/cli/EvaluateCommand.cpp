// lnseg evaluate: predicted label maps against reference label maps (two files or two folders).
#include "cli/Command.h"

#include "evaluation/SegmentationEvaluation.h"
#include "io/ImageFileIO.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>

namespace lnseg::cli {
namespace {

namespace fs = std::filesystem;

// Reference levels from a phantom-style nodes JSON ([{id, level, ...}]); empty when absent.
std::map<std::uint16_t, std::string> readLevels(const fs::path& path)
{
    std::map<std::uint16_t, std::string> levels;
    if (path.empty() || !fs::exists(path))
        return levels;
    std::ifstream file(path);
    const nlohmann::json nodes = nlohmann::json::parse(file, nullptr, false);
    if (nodes.is_discarded() || !nodes.is_array())
        throw std::runtime_error(path.string() + ": not a node list (JSON array)");
    for (const auto& node : nodes)
        if (node.contains("id") && node.contains("level"))
            levels[node["id"].get<std::uint16_t>()] = node["level"].get<std::string>();
    return levels;
}

bool endsWith(const std::string& text, const std::string& suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// With `falsePositivesOut`, also writes the prediction's false positive components there
// (falsePositiveComponents: hard negatives for the next training run).
CaseEvaluation evaluatePair(const fs::path& prediction, const fs::path& reference, const fs::path& referenceNodes,
                            const std::string& caseName, const fs::path& falsePositivesOut = {})
{
    const LabelMap referenceLabels = readLabelMap(reference.string());
    const LabelMap predictedLabels = readLabelMapFor(prediction.string(), referenceLabels.geometry());
    CaseEvaluation evaluation = evaluateCase(predictedLabels, referenceLabels, readLevels(referenceNodes));
    evaluation.caseName = caseName;
    if (!falsePositivesOut.empty())
        writeImage(falsePositiveComponents(predictedLabels, referenceLabels), falsePositivesOut.string());
    return evaluation;
}

}  // namespace

int runEvaluate(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Compare predicted node label maps with reference label maps: Dice, IoU, the paper's per-slice "
        "detection, per-node sensitivity and false positives per volume, by node size and level. PRED and REF "
        "are two label map files, or two folders matched by case name (PRED/CASE_labels.nii.gz or "
        "PRED/CASE.nii.gz against REF/CASE_labels.nii.gz; levels from REF/CASE_nodes.json when present).");
    const QCommandLineOption predictionOption("pred", "Predicted label map or folder.", "PRED");
    const QCommandLineOption referenceOption("ref", "Reference label map or folder.", "REF");
    const QCommandLineOption nodesOption("nodes-ref", "Reference nodes JSON (levels), for two files.", "NODES.json");
    const QCommandLineOption jsonOption("json", "Print JSON instead of the table.");
    const QCommandLineOption falsePositivesOption(
        "false-positives",
        "Also write the predicted components that touch no reference node: with folders, as "
        "OUT/CASE_hard_negatives.nii.gz (beside the training pairs, `lnseg train` centres crops on them); with "
        "two files, as the label map OUT.",
        "OUT");
    for (const auto* option : {&predictionOption, &referenceOption, &nodesOption, &jsonOption, &falsePositivesOption})
        parser.addOption(*option);
    if (!parseCommandLine(parser, arguments, 0, 0))
        return 0;
    if (!parser.isSet(predictionOption) || !parser.isSet(referenceOption))
        throw UsageError("--pred and --ref are required");
    const fs::path prediction = parser.value(predictionOption).toStdString();
    const fs::path reference = parser.value(referenceOption).toStdString();
    const fs::path falsePositives = parser.value(falsePositivesOption).toStdString();
    std::vector<CaseEvaluation> cases;
    if (fs::is_directory(reference)) {
        if (!falsePositives.empty())
            fs::create_directories(falsePositives);
        if (!fs::is_directory(prediction))
            throw UsageError("--ref is a folder: --pred must be one too");
        const std::string suffix = "_labels.nii.gz";
        std::vector<std::string> names;
        for (const auto& entry : fs::directory_iterator(reference)) {
            const std::string name = entry.path().filename().string();
            if (endsWith(name, suffix))
                names.push_back(name.substr(0, name.size() - suffix.size()));
        }
        std::sort(names.begin(), names.end());
        std::vector<std::string> missing;
        for (const auto& name : names) {
            fs::path predicted = prediction / (name + suffix);
            if (!fs::exists(predicted))
                predicted = prediction / (name + ".nii.gz");
            if (!fs::exists(predicted)) {
                missing.push_back(name);
                continue;
            }
            cases.push_back(evaluatePair(predicted, reference / (name + suffix), reference / (name + "_nodes.json"), name,
                                         falsePositives.empty() ? fs::path() : falsePositives / (name + "_hard_negatives.nii.gz")));
        }
        if (!missing.empty())
            std::fprintf(stderr, "lnseg evaluate: %zu reference cases have no prediction (first: %s)\n", missing.size(),
                         missing.front().c_str());
        if (cases.empty())
            throw std::runtime_error("no case of '" + reference.string() + "' has a prediction in '" +
                                     prediction.string() + "'");
    } else {
        cases.push_back(evaluatePair(prediction, reference, parser.value(nodesOption).toStdString(),
                                     reference.filename().string(), falsePositives));
    }
    const EvaluationSummary summary = summarize(std::move(cases));
    if (parser.isSet(jsonOption))
        std::printf("%s\n", toJson(summary).dump(2).c_str());
    else
        std::printf("%s", toTable(summary).c_str());
    return 0;
}

}  // namespace lnseg::cli
