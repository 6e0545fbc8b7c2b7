#include "cli/Command.h"

#include "io/ImageSource.h"

#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

namespace lnseg::cli {
namespace {

void printText(const SeriesDescription& series)
{
    std::cout << "Series " << (series.seriesKey.empty() ? series.path : series.seriesKey) << "\n";
    std::cout << "  kind:        " << series.objectKind << " (" << series.format << ")\n";
    if (!series.modality.empty())
        std::cout << "  modality:    " << series.modality << "\n";
    if (!series.description.empty())
        std::cout << "  description: " << series.description << "\n";
    if (series.seriesNumber)
        std::cout << "  number:      " << series.seriesNumber << "\n";
    std::cout << "  files:       " << series.fileCount << "\n";
    if (series.loaded) {
        const ImageGeometry& g = series.geometry;
        std::printf("  dimensions:  %lld x %lld x %lld\n", static_cast<long long>(g.size[0]),
                    static_cast<long long>(g.size[1]), static_cast<long long>(g.size[2]));
        std::printf("  spacing:     %.4g x %.4g x %.4g mm\n", g.spacing[0], g.spacing[1], g.spacing[2]);
        std::printf("  origin:      %.4f, %.4f, %.4f mm (LPS)\n", g.origin[0], g.origin[1], g.origin[2]);
        std::printf("  direction:   [%.5f %.5f %.5f; %.5f %.5f %.5f; %.5f %.5f %.5f] (%s)\n", g.direction[0],
                    g.direction[1], g.direction[2], g.direction[3], g.direction[4], g.direction[5], g.direction[6],
                    g.direction[7], g.direction[8], g.orientationCode().c_str());
        std::printf("  values:      %d to %d\n", series.minimumValue, series.maximumValue);
        std::fflush(stdout);
    }
    if (!series.loadError.empty())
        std::cout << "  error:       " << series.loadError << "\n";
    for (const auto& message : series.report.messages)
        std::cout << "  warning:     [" << message.code << "] " << message.text << "\n";
    for (const auto& skipped : series.skipped)
        std::cout << "  warning:     [skipped_file] " << skipped.path << ": " << skipped.reason << "\n";
}

}  // namespace

int runInfo(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Describe what is at PATH (a DICOM folder or file, or a NIfTI/NRRD/MetaImage file): series, "
        "dimensions, spacing, origin, direction, modality, description, number of files, value range and "
        "warnings about the geometry or skipped files.");
    parser.addPositionalArgument("PATH", "DICOM folder or file, or image file.");
    const QCommandLineOption json("json", "Print one JSON object (a list for several series).");
    parser.addOption(json);
    if (!parseCommandLine(parser, arguments, 1, 1))
        return 0;
    const std::string path = parser.positionalArguments().front().toStdString();
    const std::vector<SeriesDescription> series = describeSource(path);
    if (parser.isSet(json)) {
        nlohmann::json output;
        if (series.size() == 1) {
            output = toJson(series.front());
        } else {
            output = nlohmann::json::array();
            for (const auto& description : series)
                output.push_back(toJson(description));
        }
        std::cout << output.dump(2) << std::endl;
    } else {
        if (series.size() > 1)
            std::cout << series.size() << " series at " << path << "\n";
        for (const auto& description : series)
            printText(description);
    }
    return 0;
}

}  // namespace lnseg::cli
