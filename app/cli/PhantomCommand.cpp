#include "cli/Command.h"

#include "io/DicomSeriesWriter.h"
#include "io/ImageFileIO.h"
#include "phantom/NeckPhantom.h"
#include "phantom/RandomizationOptions.h"

#include <QDir>
#include <QStandardPaths>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

namespace lnseg::cli {
namespace {

void writeJson(const nlohmann::json& json, const std::string& path)
{
    writeThroughTemporaryFile(path, [&](const std::string& temporary) {
        std::ofstream file(temporary);
        file << json.dump(2) << "\n";
        if (!file.flush())
            throw std::runtime_error(path + ": cannot write");
    });
}

}  // namespace

// Writes one phantom case (image, labels, nodes, optional DICOM) into `folder`; randomized cases
// also CASE_phantom.json (what was drawn).
static void writeCase(const PhantomCase& phantom, const std::filesystem::path& folder, bool dicom, bool jpegLs,
                      const PhantomOptions* options = nullptr)
{
    const std::string stem = (folder / phantom.caseId).string();
    writeImage(phantom.image, stem + "_image.nii.gz");
    writeImage(phantom.labels, stem + "_labels.nii.gz");
    writeJson(toJson(phantom.nodes), stem + "_nodes.json");
    if (phantom.randomized && options)
        writeJson(caseMetadata(phantom, *options), stem + "_phantom.json");
    if (dicom) {
        DicomSeriesWriteOptions options;
        options.transferSyntax = jpegLs ? DicomTransferSyntax::JpegLsLossless : DicomTransferSyntax::ExplicitLittleEndian;
        options.threads = 0;
        options.overwrite = true;
        options.patientName = "PHANTOM^" + phantom.caseId;
        options.patientId = phantom.caseId;
        const std::filesystem::path dicomFolder = folder / (phantom.caseId + "_dicom");
        std::filesystem::create_directories(dicomFolder);
        writeDicomSeries(phantom.image, dicomFolder.string(), options);
    }
}

int runPhantom(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Generate synthetic contrast-enhanced neck CT studies with lymph node instance masks. For each case "
        "CASE writes CASE_image.nii.gz (HU), CASE_labels.nii.gz (0 background, k = node k), CASE_nodes.json "
        "(level, side, centre, long and short axis, volume of each node) and, with --dicom, CASE_dicom/ (a CT "
        "series). Deterministic by seed. With --randomize every case draws its own scanner, protocol and patient "
        "(resolution, field of view, slice thickness and overlap, kernel, correlated noise, streaks, contrast phase, "
        "habitus, position and tilt, node variety and extra mimics) within the ranges below, which replaces the size, "
        "spacing and noise options, and CASE_phantom.json records the draw.");
    const QCommandLineOption out("out", "Output folder (created if needed).", "DIR");
    const QCommandLineOption cases("cases", "Number of cases (default 1).", "N", "1");
    const QCommandLineOption seed("seed", "Random seed (default 1).", "S", "1");
    const QCommandLineOption columns("columns", "Pixels per row (default 512).", "N", "512");
    const QCommandLineOption rows("rows", "Rows per slice (default 512).", "N", "512");
    const QCommandLineOption slices("slices", "Number of slices (default 160).", "N", "160");
    const QCommandLineOption pixelSpacing("pixel-spacing", "In-plane spacing in mm (default 0.65).", "MM", "0.65");
    const QCommandLineOption sliceSpacing("slice-spacing", "Slice spacing and thickness in mm (default 1.5).", "MM", "1.5");
    const QCommandLineOption noise("noise", "Noise standard deviation in HU (default 15).", "HU", "15");
    const QCommandLineOption dicom("dicom", "Also write each image as a DICOM CT series (uncompressed).");
    const QCommandLineOption dicomJpegLs("dicom-jpegls", "Write the DICOM series JPEG-LS lossless compressed.");
    const QCommandLineOption randomize("randomize", "Domain randomization: vary appearance per case (see the ranges).");
    const QCommandLineOption streaks("streak-probability", "With --randomize: share of cases with streak artifacts (default 0.15).", "P", "0.15");
    const QCommandLineOption maximumMatrix("max-matrix", "With --randomize: largest matrix (default 512).", "N", "512");
    const QCommandLineOption maximumSlices("max-slices", "With --randomize: most slices (default 400).", "N", "400");
    for (const auto* option : {&out, &cases, &seed, &columns, &rows, &slices, &pixelSpacing, &sliceSpacing, &noise,
                               &dicom, &dicomJpegLs, &randomize, &streaks, &maximumMatrix, &maximumSlices})
        parser.addOption(*option);
    DomainRandomization randomization;
    std::vector<std::pair<QCommandLineOption, Range*>> rangeOptions;
    for (const RandomizationRangeOption& range : randomizationRangeOptions(randomization)) {
        rangeOptions.emplace_back(QCommandLineOption(QString::fromStdString(range.name),
                                                     "With --randomize: " + QString::fromStdString(range.description) + ".",
                                                     "LOW:HIGH"),
                                  range.range);
        parser.addOption(rangeOptions.back().first);
    }
    if (!parseCommandLine(parser, arguments, 0, 0))
        return 0;
    if (!parser.isSet(out))
        throw UsageError("--out DIR is required");
    const std::filesystem::path folder = parser.value(out).toStdString();
    const int caseCount = integerOption(parser, cases, 1, 10000);
    bool seedOk = false;
    const qulonglong firstSeed = parser.value(seed).toULongLong(&seedOk);
    if (!seedOk)
        throw UsageError("--seed must be a non-negative integer");

    PhantomOptions options;
    options.columns = integerOption(parser, columns, 64, 1024);
    options.rows = integerOption(parser, rows, 64, 1024);
    options.slices = integerOption(parser, slices, 16, 1000);
    options.pixelSpacingMm = numberOption(parser, pixelSpacing, 0.2, 3.0);
    options.sliceSpacingMm = numberOption(parser, sliceSpacing, 0.3, 10.0);
    options.noiseStandardDeviation = numberOption(parser, noise, 0.0, 200.0);
    options.threads = 0;
    if (parser.isSet(randomize)) {
        for (const auto& [option, range] : rangeOptions)
            if (parser.isSet(option)) {
                try {
                    *range = parseRange(parser.value(option).toStdString());
                } catch (const std::invalid_argument& error) {
                    throw UsageError("--" + option.names().front().toStdString() + ": " + error.what());
                }
            }
        randomization.enabled = true;
        randomization.streakProbability = numberOption(parser, streaks, 0.0, 1.0);
        randomization.maximumMatrix = integerOption(parser, maximumMatrix, 64, 1024);
        randomization.maximumSlices = integerOption(parser, maximumSlices, 16, 1000);
        try {
            validate(randomization);
        } catch (const std::invalid_argument& error) {
            throw UsageError(error.what());
        }
        options.randomization = randomization;
    }
    std::filesystem::create_directories(folder);
    for (int index = 0; index < caseCount; ++index) {
        const auto start = std::chrono::steady_clock::now();
        options.seed = firstSeed + static_cast<qulonglong>(index);
        char caseId[32];
        std::snprintf(caseId, sizeof caseId, "phantom_%03d", index + 1);
        const PhantomCase phantom = generateNeckPhantom(options, caseId);
        writeCase(phantom, folder, parser.isSet(dicom) || parser.isSet(dicomJpegLs), parser.isSet(dicomJpegLs), &options);
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        std::printf("%s: %zu nodes, %.1f s\n", caseId, phantom.nodes.size(), seconds);
        std::fflush(stdout);
    }
    return 0;
}

std::string demoStudyFolder()
{
    QString base = qEnvironmentVariable("LNSEG_DEMO_DIR");
    if (base.isEmpty())
        base = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) + "/lnseg/demo";
    return QDir(base).absolutePath().toStdString();
}

std::string ensureDemoStudy()
{
    const std::filesystem::path folder = demoStudyFolder();
    const std::filesystem::path image = folder / "demo_image.nii.gz";
    if (std::filesystem::exists(image) && std::filesystem::exists(folder / "demo_labels.nii.gz"))
        return image.string();
    std::filesystem::create_directories(folder);
    PhantomOptions options;
    options.seed = 20261127;
    std::fprintf(stderr, "Generating the demo study in %s ...\n", folder.string().c_str());
    writeCase(generateNeckPhantom(options, "demo"), folder, false, false);
    return image.string();
}

int runDemo(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription("Generate the built-in demo study (a synthetic neck CT with lymph nodes) "
                                     "on first use and describe it.");
    if (!parseCommandLine(parser, arguments, 0, 0))
        return 0;
    const std::string image = ensureDemoStudy();
    std::printf("Demo study: %s\n", demoStudyFolder().c_str());
    return runInfo({"info", QString::fromStdString(image)});
}

}  // namespace lnseg::cli
