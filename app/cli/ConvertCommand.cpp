#include "cli/Command.h"

#include "io/ImageFileIO.h"
#include "io/ImageSource.h"

#include <iostream>

namespace lnseg::cli {

int runConvert(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Convert a DICOM series (folder or file) or an image file to NIfTI (.nii.gz, .nii), NRRD (.nrrd) or "
        "MetaImage (.mha). Geometry is kept exactly; warnings about the input are printed on stderr.");
    parser.addPositionalArgument("IN", "DICOM folder or file, or image file.");
    parser.addPositionalArgument("OUT", "Output file: .nii.gz, .nii, .nrrd or .mha.");
    const QCommandLineOption series("series",
                                    "The series to convert when IN holds several: its Series Instance UID, or the key "
                                    "`lnseg info` lists (nouid-... for files without a Series Instance UID).",
                                    "KEY");
    parser.addOption(series);
    if (!parseCommandLine(parser, arguments, 2, 2))
        return 0;
    const std::string input = parser.positionalArguments().at(0).toStdString();
    const std::string output = parser.positionalArguments().at(1).toStdString();
    if (!isSupportedImageFile(output))
        throw UsageError(output + ": unsupported output format (use .nii.gz, .nii, .nrrd or .mha)");
    const LoadedImage image = loadImageSource(input, parser.value(series).toStdString());
    for (const auto& message : image.description.report.messages)
        std::cerr << "warning: [" << message.code << "] " << message.text << "\n";
    for (const auto& skipped : image.description.skipped)
        std::cerr << "warning: [skipped_file] " << skipped.path << ": " << skipped.reason << "\n";
    writeImage(image.volume, output);
    const auto size = image.volume.size();
    std::cout << "wrote " << output << " (" << size[0] << " x " << size[1] << " x " << size[2] << ")\n";
    return 0;
}

}  // namespace lnseg::cli
