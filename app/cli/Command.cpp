#include "cli/Command.h"

#include <cstdio>

namespace lnseg::cli {

bool parseCommandLine(QCommandLineParser& parser, const QStringList& arguments, int minimumPositional,
                      int maximumPositional)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    const QCommandLineOption help({"h", "help"}, "Show this help.");
    parser.addOption(help);
    if (!parser.parse(arguments))
        throw UsageError(parser.errorText().toStdString());
    if (parser.isSet(help)) {
        std::fputs(parser.helpText().toUtf8().constData(), stdout);
        return false;
    }
    const int count = static_cast<int>(parser.positionalArguments().size());
    if (count < minimumPositional)
        throw UsageError("missing argument (see --help)");
    if (maximumPositional >= 0 && count > maximumPositional)
        throw UsageError("unexpected argument '" + parser.positionalArguments().at(maximumPositional).toStdString() +
                         "' (see --help)");
    return true;
}

int integerOption(const QCommandLineParser& parser, const QCommandLineOption& option, int minimum, int maximum)
{
    bool ok = false;
    const int value = parser.value(option).toInt(&ok);
    if (!ok || value < minimum || value > maximum)
        throw UsageError("--" + option.names().front().toStdString() + " must be an integer from " +
                         std::to_string(minimum) + " to " + std::to_string(maximum));
    return value;
}

double numberOption(const QCommandLineParser& parser, const QCommandLineOption& option, double minimum, double maximum)
{
    bool ok = false;
    const double value = parser.value(option).toDouble(&ok);
    if (!ok || value < minimum || value > maximum)
        throw UsageError("--" + option.names().front().toStdString() + " must be a number from " +
                         std::to_string(minimum) + " to " + std::to_string(maximum));
    return value;
}

}  // namespace lnseg::cli
