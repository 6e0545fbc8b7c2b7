#include "review/ReviewOptions.h"

#include <map>

namespace lnseg {

QString reviewUsage()
{
    return QStringLiteral(
        "Usage: lnseg-review [IMAGE] [--labels FILE] [--layout 1x3|2x2|axial|coronal|sagittal|3d]\n"
        "                    [--screenshot FILE.png]\n"
        "  IMAGE            CT volume (NIfTI, NRRD, MetaImage)\n"
        "  --labels FILE    instance label map on the same grid\n"
        "  --screenshot F   save a picture of the main window once it is rendered, then exit\n");
}

ReviewOptions parseReviewOptions(const QStringList& arguments)
{
    static const std::map<QString, ViewArrangement> layouts{
        {QStringLiteral("1x3"), ViewArrangement::OneByThree}, {QStringLiteral("2x2"), ViewArrangement::TwoByTwo},
        {QStringLiteral("axial"), ViewArrangement::SingleAxial}, {QStringLiteral("coronal"), ViewArrangement::SingleCoronal},
        {QStringLiteral("sagittal"), ViewArrangement::SingleSagittal}, {QStringLiteral("3d"), ViewArrangement::SingleSurface}};
    ReviewOptions options;
    for (int i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        auto value = [&](QString* target) {
            if (i + 1 >= arguments.size()) {
                options.error = QStringLiteral("%1 needs a value").arg(argument);
                return;
            }
            *target = arguments[++i];
        };
        if (argument == QLatin1String("--labels")) {
            value(&options.labelPath);
        } else if (argument == QLatin1String("--screenshot")) {
            value(&options.screenshotPath);
        } else if (argument == QLatin1String("--layout")) {
            QString name;
            value(&name);
            const auto found = layouts.find(name);
            if (found == layouts.end() && options.error.isEmpty())
                options.error = QStringLiteral("unknown layout '%1'").arg(name);
            else if (found != layouts.end())
                options.arrangement = found->second;
        } else if (argument == QLatin1String("--help") || argument == QLatin1String("-h")) {
            options.showHelp = true;
        } else if (argument.startsWith(QLatin1String("--"))) {
            options.error = QStringLiteral("unknown option '%1'").arg(argument);
        } else if (options.imagePath.isEmpty()) {
            options.imagePath = argument;
        } else {
            options.error = QStringLiteral("more than one image given ('%1')").arg(argument);
        }
        if (!options.error.isEmpty())
            break;
    }
    if (options.error.isEmpty() && !options.labelPath.isEmpty() && options.imagePath.isEmpty())
        options.error = QStringLiteral("--labels needs an image");
    return options;
}

}  // namespace lnseg
