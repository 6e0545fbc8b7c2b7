// lnseg segment: a CT (file or DICOM folder) -> node label map (+ node list, probability map).
#include "cli/Command.h"

#include "engine/DefaultModel.h"
#include "engine/NodeProposal.h"
#include "io/ImageFileIO.h"
#include "io/ImageSource.h"
#include "anatomy/LandmarkDetection.h"
#include "anatomy/LevelRules.h"
#include "nodes/NodeExtraction.h"

#include <QCoreApplication>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>

namespace lnseg::cli {

int runSegment(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Find lymph nodes in a CT (an image file or a DICOM folder) with a segmentation model. Writes a label "
        "map with exactly the input's geometry (0 background, k = node k) and, on request, the node list and "
        "the probability map.");
    parser.addPositionalArgument("INPUT", "Image file or DICOM folder.");
    const QCommandLineOption out("out", "Label map to write (.nii.gz, .nrrd, .mha).", "LABELS");
    const QCommandLineOption modelOption("model", "Model file (default: the application's default model).", "FILE");
    const QCommandLineOption nodesOption("nodes", "Also write the nodes as JSON, each with its suggested level, side and "
                                         "level_confidence (from the scan's landmarks).", "NODES.json");
    const QCommandLineOption landmarksOption("landmarks", "With --nodes: also write the landmarks the levels were "
                                             "suggested from as JSON.", "LANDMARKS.json");
    const QCommandLineOption probabilityOption("prob", "Also write the probability map (float).", "PROB");
    const QCommandLineOption threshold("threshold", "Probability threshold (default: the model file's operating "
                                       "point, chosen on validation data, else 0.5; with --from-prob 0.5).", "T");
    const QCommandLineOption minimumLongAxis("min-long-axis", "Drop components with a shorter long axis, mm (default 5).", "MM", "5");
    const QCommandLineOption minimumZExtent(
        "min-z-extent", "Drop components spanning less than this along the slice axis, mm (default "
        + QString::number(NodeExtractionOptions{}.minimumZExtentMm) + "; 0: off).", "MM",
        QString::number(NodeExtractionOptions{}.minimumZExtentMm));
    const QCommandLineOption device("device", "cpu, cuda or auto (default auto).", "DEVICE", "auto");
    const QCommandLineOption threads("threads", "CPU threads (default: all).", "N", "0");
    const QCommandLineOption batch("batch", "Slices per forward pass (default: by device, 1 on the CPU, 16 on CUDA).",
                                   "N", "0");
    const QCommandLineOption denormals("flush-denormals", "on, off or auto (default auto: on for the CPU).", "MODE",
                                       "auto");
    const QCommandLineOption channelsLast("channels-last", "on, off or auto (default auto: on for the CPU): NHWC "
                                          "layout for the network (oneDNN's own).", "MODE", "auto");
    const QCommandLineOption wholeGrid(
        "whole-grid", "Run the network on the whole prepared grid of every slice (the default for SNet).");
    const QCommandLineOption bodyBoxes(
        "body-boxes", "Run the network only on each slice's own body box (the default for the attention U-Net; "
        "faster for SNet, but its axial attention then sees narrower rows and its output changes).");
    const QCommandLineOption series("series", "Series instance UID when the DICOM folder holds several.", "UID");
    const QCommandLineOption fromProbability(
        "from-prob", "Skip the network: find the nodes in this probability map of INPUT (written before with --prob), "
        "with --threshold and --min-long-axis. Seconds instead of minutes: for choosing an operating point.", "PROB");
    for (const auto* option : {&out, &modelOption, &nodesOption, &landmarksOption, &probabilityOption, &threshold, &minimumLongAxis,
                               &minimumZExtent, &device, &threads, &batch, &denormals, &channelsLast, &wholeGrid, &bodyBoxes, &series,
                               &fromProbability})
        parser.addOption(*option);
    if (!parseCommandLine(parser, arguments, 1, 1))
        return 0;
    if (!parser.isSet(out))
        throw UsageError("--out LABELS is required");
    NodeProposalOptions options;
    bool ok = false;
    if (parser.isSet(threshold)) {
        options.extraction.threshold = parser.value(threshold).toFloat(&ok);
        if (!ok || options.extraction.threshold <= 0 || options.extraction.threshold >= 1)
            throw UsageError("--threshold must be a number between 0 and 1");
        options.thresholdFromModel = false;
    }
    options.extraction.minimumLongAxisMm = parser.value(minimumLongAxis).toDouble(&ok);
    if (!ok || options.extraction.minimumLongAxisMm < 0)
        throw UsageError("--min-long-axis must be a non-negative number");
    options.extraction.minimumZExtentMm = parser.value(minimumZExtent).toDouble(&ok);
    if (!ok || options.extraction.minimumZExtentMm < 0)
        throw UsageError("--min-z-extent must be a non-negative number");
    options.inference.device = parser.value(device).toStdString();
    if (options.inference.device != "auto" && options.inference.device != "cpu" && options.inference.device != "cuda")
        throw UsageError("--device must be cpu, cuda or auto");
    options.inference.threads = parser.value(threads).toInt(&ok);
    if (!ok || options.inference.threads < 0 || options.inference.threads > 256)
        throw UsageError("--threads must be an integer from 0 to 256");
    options.inference.batchSize = parser.value(batch).toInt(&ok);
    if (!ok || options.inference.batchSize < 0 || options.inference.batchSize > 1024)
        throw UsageError("--batch must be an integer from 1 to 1024 (0: by device)");
    const QString denormalMode = parser.value(denormals);
    if (denormalMode != "auto" && denormalMode != "on" && denormalMode != "off")
        throw UsageError("--flush-denormals must be on, off or auto");
    options.inference.flushDenormals = denormalMode == "auto" ? -1 : (denormalMode == "on" ? 1 : 0);
    if (parser.isSet(wholeGrid) && parser.isSet(bodyBoxes))
        throw UsageError("--whole-grid and --body-boxes exclude each other");
    options.inference.bodyBoxes = parser.isSet(wholeGrid) ? 0 : (parser.isSet(bodyBoxes) ? 1 : -1);
    const QString layoutMode = parser.value(channelsLast);
    if (layoutMode != "auto" && layoutMode != "on" && layoutMode != "off")
        throw UsageError("--channels-last must be on, off or auto");
    options.inference.channelsLast = layoutMode == "auto" ? -1 : (layoutMode == "on" ? 1 : 0);
    if (parser.isSet(fromProbability))
        for (const auto* option : {&modelOption, &probabilityOption, &device, &threads, &batch, &denormals, &channelsLast, &wholeGrid, &bodyBoxes})
            if (parser.isSet(*option))
                throw UsageError("--" + option->names().front().toStdString() + " does not go with --from-prob (no network runs)");

    const auto start = std::chrono::steady_clock::now();
    const std::string input = parser.positionalArguments().front().toStdString();
    NodeProposal proposal;
    Volume ct;  // the CT, for the level suggestions
    double loadSeconds = 0;
    if (parser.isSet(fromProbability)) {
        // The map must lie on the input's grid (only the header is read for an image file).
        const ImageGeometry geometry = isSupportedImageFile(input) && std::filesystem::is_regular_file(input)
                                           ? readImageHeader(input).geometry
                                           : loadImageSource(input, parser.value(series).toStdString()).volume.geometry();
        const std::string path = parser.value(fromProbability).toStdString();
        proposal.probability = readProbabilityMap(path);
        if (!proposal.probability.geometry().sameGrid(geometry, 1e-3))
            throw std::runtime_error(path + ": the probability map does not lie on the grid of " + input);
        loadSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const auto extraction = std::chrono::steady_clock::now();
        proposal.nodes = extractNodes(proposal.probability, options.extraction);
        proposal.threshold = options.extraction.threshold;
        proposal.extractionSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - extraction).count();
        proposal.device = "none";
    } else {
        const std::string modelFile = parser.isSet(modelOption)
                                          ? parser.value(modelOption).toStdString()
                                          : locateDefaultModel(QCoreApplication::applicationDirPath().toStdString());
        const LoadedImage image = loadImageSource(input, parser.value(series).toStdString());
        ct = image.volume;
        loadSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        model::InferenceEngine engine(modelFile, options.inference);
        int lastPercent = -1;
        proposal = proposeNodes(image.volume, engine, options, [&](std::int64_t done, std::int64_t total) {
            const int percent = int(100 * done / std::max<std::int64_t>(1, total));
            if (percent / 10 != lastPercent / 10) {
                std::fprintf(stderr, "\rsegmenting: %3d%%", percent);
                lastPercent = percent;
            }
        });
        std::fprintf(stderr, "\n");
    }
    if (parser.isSet(landmarksOption) && !parser.isSet(nodesOption))
        throw UsageError("--landmarks goes with --nodes");
    for (const auto* option : {&out, &nodesOption, &landmarksOption, &probabilityOption})
        if (parser.isSet(*option)) {
            const auto folder = std::filesystem::path(parser.value(*option).toStdString()).parent_path();
            if (!folder.empty())
                std::filesystem::create_directories(folder);
        }
    writeImage(proposal.nodes.labels, parser.value(out).toStdString());
    if (parser.isSet(probabilityOption))
        writeImage(proposal.probability, parser.value(probabilityOption).toStdString());
    if (parser.isSet(nodesOption)) {
        // Level and side of every node, suggested from the scan's own landmarks (issue 15).
        const auto landmarkStart = std::chrono::steady_clock::now();
        if (ct.empty())
            ct = loadImageSource(input, parser.value(series).toStdString()).volume;
        const AnatomicalLandmarks landmarks = detectLandmarks(ct);
        nlohmann::json nodes = nlohmann::json::array();
        for (const ExtractedNode& node : proposal.nodes.nodes) {
            const NodeMeasurement& m = node.measurement;
            const LevelSuggestion level = suggestLevel(m.centre, landmarks);
            nlohmann::json alternatives = nlohmann::json::array();
            for (NodeLevel alternative : level.alternatives)
                alternatives.push_back(toString(alternative));
            nodes.push_back({{"id", m.label}, {"centre_mm", m.centre}, {"long_axis_mm", m.longAxisMm},
                             {"short_axis_mm", m.shortAxisMm}, {"volume_mm3", m.volumeMm3},
                             {"slice_span", {m.firstSlice, m.lastSlice}}, {"mean_probability", node.meanProbability},
                             {"level", toString(level.level)}, {"side", toString(level.side)},
                             {"level_confidence", level.confidence}, {"level_alternatives", alternatives},
                             {"level_suggestion", level.describe()}, {"level_source", "suggested"},
                             {"level_missing_landmarks", level.missing}});
        }
        if (parser.isSet(landmarksOption)) {
            const std::string path = parser.value(landmarksOption).toStdString();
            std::ofstream file(path);
            file << toJson(landmarks, true).dump(1) << "\n";
            if (!file.flush())
                throw std::runtime_error(path + ": cannot write");
        }
        std::fprintf(stderr, "levels: landmarks %.1f s; not found: %s\n",
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - landmarkStart).count(),
                     landmarks.missing().empty() ? "none" : [&] {
                         std::string text;
                         for (const std::string& name : landmarks.missing()) text += (text.empty() ? "" : ", ") + name;
                         return text;
                     }().c_str());
        const std::string path = parser.value(nodesOption).toStdString();
        writeThroughTemporaryFile(path, [&](const std::string& temporary) {
            std::ofstream file(temporary);
            file << nodes.dump(2) << "\n";
            if (!file.flush())
                throw std::runtime_error(path + ": cannot write");
        });
    }
    const double totalSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const std::int64_t gridPixels = proposal.networkGrid[0] * proposal.networkGrid[1] * proposal.networkGrid[2];
    std::printf("%zu nodes at threshold %.2f (%zu small components removed); load %.1f s, inference %.1f s (network %.1f s on a "
                "%lld x %lld x %lld grid, %.0f %% of it in body boxes, %s, batch %d, %d threads), nodes %.1f s, "
                "total %.1f s\n",
                proposal.nodes.nodes.size(), double(proposal.threshold), proposal.nodes.componentsRemoved, loadSeconds, proposal.inferenceSeconds,
                proposal.networkSeconds, static_cast<long long>(proposal.networkGrid[0]),
                static_cast<long long>(proposal.networkGrid[1]), static_cast<long long>(proposal.networkGrid[2]),
                gridPixels > 0 ? 100.0 * double(proposal.networkPixels) / double(gridPixels) : 0.0,
                proposal.device.c_str(), proposal.batchSize, proposal.threads, proposal.extractionSeconds,
                totalSeconds);
    return 0;
}

}  // namespace lnseg::cli
