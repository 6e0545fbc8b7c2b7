#pragma once
// One subcommand of the `lnseg` tool. Each command parses its own options (with --help) and
// returns the process exit code; errors in the data are thrown as std::runtime_error and turned
// into a one-line message by main().

#include <QCommandLineParser>
#include <QStringList>

#include <stdexcept>
#include <string>

namespace lnseg::cli {

// Bad command-line usage: main() prints the message and exits with code 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Parses `arguments` (the subcommand name first). Prints help and returns false for --help.
bool parseCommandLine(QCommandLineParser& parser, const QStringList& arguments, int minimumPositional,
                      int maximumPositional);

// The value of `option` as an integer / number within [minimum, maximum]; UsageError otherwise.
int integerOption(const QCommandLineParser& parser, const QCommandLineOption& option, int minimum, int maximum);
double numberOption(const QCommandLineParser& parser, const QCommandLineOption& option, double minimum, double maximum);

int runInfo(const QStringList& arguments);
int runConvert(const QStringList& arguments);
int runPhantom(const QStringList& arguments);
int runDemo(const QStringList& arguments);
int runSegment(const QStringList& arguments);
int runEvaluate(const QStringList& arguments);
int runTrain(const QStringList& arguments);
int runExport(const QStringList& arguments);
int runProject(const QStringList& arguments);
int runSystem(const QStringList& arguments);

// Where the built-in demo study lives (generated on first use).
std::string demoStudyFolder();
// Generates the demo study when it is not there yet; returns the path of its image.
std::string ensureDemoStudy();

}  // namespace lnseg::cli
