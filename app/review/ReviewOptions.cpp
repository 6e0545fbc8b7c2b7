#include "review/ReviewOptions.h"

#include <map>

namespace lnseg {

QString reviewUsage()
{
    return QStringLiteral(
        "Usage: lnseg-review [PATH] [--labels FILE] [--nodes FILE] [--demo] [--series UID]\n"
        "                    [--layout 1x3|2x2|axial|coronal|sagittal|3d] [--reviewer NAME]\n"
        "                    [--autosave-seconds N] [--recovery ask|restore|discard]\n"
        "                    [--select NODE] [--tool navigate|brush|eraser|contour] [--model FILE] [--propose]\n"
        "                    [--suggest-levels] [--landmarks]\n"
        "                    [--project DIR [--case ID] [--project-tab cases|training|models] [--train]]\n"
        "                    [--language en|de|fr] [--screenshot FILE.png]\n"
        "  PATH             CT volume (NIfTI, NRRD, MetaImage), DICOM file or folder, or a saved\n"
        "                   review session (*.review.json)\n"
        "  --labels FILE    instance label map on the same grid\n"
        "  --nodes FILE     node list (phantom JSON: id, level, side); the nodes are shown as Accepted\n"
        "  --demo           open the demo study (generate it with `lnseg demo`; LNSEG_DEMO_DIR)\n"
        "  --series UID     the DICOM series to open when the folder holds several\n"
        "  --reviewer NAME  the name recorded with every change (else asked once, then remembered)\n"
        "  --autosave-seconds N   autosave interval (0: off; default 180, kept in the settings)\n"
        "  --recovery A     when an autosave of an unsaved review is found: ask, restore or discard\n"
        "                   (also LNSEG_RECOVERY_ANSWER)\n"
        "  --select NODE    select a node (centres the views on it)\n"
        "  --model FILE     model for Propose nodes (default: the application's default model)\n"
        "  --propose        propose nodes with the model right after opening (waits for the result\n"
        "                   before a --screenshot)\n"
        "  --suggest-levels suggest the level and side of every node no reader set, from the scan's\n"
        "                   landmarks (found in the background; a --screenshot waits for them)\n"
        "  --landmarks      show the landmarks the level suggestions use (View > Show level landmarks)\n"
        "  --tool T         start with an editing tool\n"
        "  --language L     user interface language for this run (default: View > Language, else the\n"
        "                   system's)\n"
        "  --project DIR    open a project (curated dataset): its cases, training and models\n"
        "  --case ID        open this case of the project (e.g. case-0002)\n"
        "  --project-tab T  show the project's cases, training or models tab\n"
        "  --train          start training on the project's approved cases (the panel's saved settings;\n"
        "                   with --screenshot the picture is taken during training)\n"
        "  --screenshot F   save a picture of the main window once it is rendered, then exit\n");
}

ReviewOptions parseReviewOptions(const QStringList& arguments)
{
    static const std::map<QString, ViewArrangement> layouts{
        {QStringLiteral("1x3"), ViewArrangement::OneByThree}, {QStringLiteral("2x2"), ViewArrangement::TwoByTwo},
        {QStringLiteral("axial"), ViewArrangement::SingleAxial}, {QStringLiteral("coronal"), ViewArrangement::SingleCoronal},
        {QStringLiteral("sagittal"), ViewArrangement::SingleSagittal}, {QStringLiteral("3d"), ViewArrangement::SingleSurface}};
    ReviewOptions options;
    if (qEnvironmentVariableIsSet("LNSEG_RECOVERY_ANSWER"))
        options.recoveryAnswer = qEnvironmentVariable("LNSEG_RECOVERY_ANSWER");
    for (int i = 1; i < arguments.size(); ++i) {
        const QString& argument = arguments[i];
        auto value = [&](QString* target) {
            if (i + 1 >= arguments.size()) {
                options.error = QStringLiteral("%1 needs a value").arg(argument);
                return;
            }
            *target = arguments[++i];
        };
        auto number = [&](int* target) {
            QString text;
            value(&text);
            bool ok = false;
            const int parsed = text.toInt(&ok);
            if (options.error.isEmpty() && (!ok || parsed < 0))
                options.error = QStringLiteral("%1 needs a non-negative number").arg(argument);
            else if (ok)
                *target = parsed;
        };
        if (argument == QLatin1String("--labels")) {
            value(&options.labelPath);
        } else if (argument == QLatin1String("--nodes")) {
            value(&options.nodesPath);
        } else if (argument == QLatin1String("--series")) {
            value(&options.seriesInstanceUid);
        } else if (argument == QLatin1String("--screenshot")) {
            value(&options.screenshotPath);
        } else if (argument == QLatin1String("--reviewer")) {
            value(&options.reviewer);
        } else if (argument == QLatin1String("--autosave-seconds")) {
            number(&options.autosaveSeconds);
        } else if (argument == QLatin1String("--select")) {
            number(&options.selectNode);
        } else if (argument == QLatin1String("--tool")) {
            value(&options.tool);
            static const QStringList tools{QStringLiteral("navigate"), QStringLiteral("brush"), QStringLiteral("eraser"),
                                           QStringLiteral("contour")};
            if (options.error.isEmpty() && !tools.contains(options.tool))
                options.error = QStringLiteral("unknown tool '%1'").arg(options.tool);
        } else if (argument == QLatin1String("--model")) {
            value(&options.modelPath);
        } else if (argument == QLatin1String("--language")) {
            value(&options.language);
        } else if (argument == QLatin1String("--propose")) {
            options.propose = true;
        } else if (argument == QLatin1String("--suggest-levels")) {
            options.suggestLevels = true;
        } else if (argument == QLatin1String("--landmarks")) {
            options.showLandmarks = true;
        } else if (argument == QLatin1String("--recovery")) {
            value(&options.recoveryAnswer);
        } else if (argument == QLatin1String("--project")) {
            value(&options.projectPath);
        } else if (argument == QLatin1String("--train")) {
            options.train = true;
        } else if (argument == QLatin1String("--case")) {
            value(&options.caseId);
        } else if (argument == QLatin1String("--project-tab")) {
            value(&options.projectTab);
            static const QStringList tabs{QStringLiteral("cases"), QStringLiteral("training"), QStringLiteral("models")};
            if (options.error.isEmpty() && !tabs.contains(options.projectTab))
                options.error = QStringLiteral("unknown project tab '%1'").arg(options.projectTab);
        } else if (argument == QLatin1String("--demo")) {
            options.demo = true;
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
    static const QStringList answers{QStringLiteral("ask"), QStringLiteral("restore"), QStringLiteral("discard")};
    if (options.error.isEmpty() && !answers.contains(options.recoveryAnswer))
        options.error = QStringLiteral("--recovery must be ask, restore or discard");
    if (options.error.isEmpty() && (!options.labelPath.isEmpty() || !options.nodesPath.isEmpty()) && options.imagePath.isEmpty())
        options.error = QStringLiteral("--labels and --nodes need an image");
    if (options.error.isEmpty() && options.demo && !options.imagePath.isEmpty())
        options.error = QStringLiteral("--demo opens the demo study: give no image");
    if (options.error.isEmpty() && (!options.caseId.isEmpty() || !options.projectTab.isEmpty() || options.train) &&
        options.projectPath.isEmpty())
        options.error = QStringLiteral("--case, --project-tab and --train need --project");
    return options;
}

}  // namespace lnseg
