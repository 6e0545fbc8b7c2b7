// lnseg: the headless command-line tool (import, convert, phantoms, segment, train, evaluate,
// projects, export) for batch jobs and GPU servers.
#include "cli/Command.h"

#include <QCoreApplication>

#include <unistd.h>

#include <filesystem>

#include <cstdio>
#include <cerrno>
#include <cstring>
#include <exception>
#include <map>
#include <functional>

namespace {

const char* kUsage =
    "Usage: lnseg COMMAND [options]\n"
    "\n"
    "Commands:\n"
    "  info PATH [--json]        describe a DICOM folder or an image file\n"
    "  convert IN OUT            convert DICOM or an image file to .nii.gz, .nii, .nrrd or .mha\n"
    "  phantom --out DIR         generate synthetic neck CT studies with lymph node masks\n"
    "  demo                      describe the built-in demo study (generated on first use)\n"
    "  segment INPUT --out L     find lymph nodes with a model (label map, nodes, probabilities)\n"
    "  evaluate --pred P --ref R Dice, IoU, detection of predicted against reference label maps\n"
    "  train --data DIR --out O  train SNet or the attention U-Net on image / label map pairs\n"
    "  train --project P --out O train on a project's approved cases and register the model\n"
    "  project SUBCOMMAND DIR    projects (curated datasets): init, add, status, set-state, refresh, models\n"
    "  export --project P --format F --out O\n"
    "                            export approved cases: nifti, nnunet, dicom-seg or report (de-identified)\n"
    "\n"
    "  system [--json]           what the engine runs on (LibTorch, BLAS, threads, CUDA) and its defaults\n"
    "\n"
    "Run 'lnseg COMMAND --help' for the options of a command.\n";

#ifndef LNSEG_ENGINE_COMMANDS
// segment, train and system need LibTorch, which this executable does not load (see app/CMakeLists.txt):
// they run in lnseg-engine, next to this program, with the same arguments. Returns only when
// lnseg-engine cannot be started.
int runInEngine(char** argv)
{
    std::error_code error;
    const std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", error);
    const std::filesystem::path engine = self.parent_path() / "lnseg-engine";
    ::execv(engine.c_str(), argv);
    std::fprintf(stderr, "lnseg %s: error: cannot start %s, which runs the model commands (%s)\n", argv[1],
                 engine.c_str(), std::strerror(errno));
    return 1;
}
#endif

}  // namespace

int main(int argc, char** argv)
{
#ifndef LNSEG_ENGINE_COMMANDS
    if (argc > 1 && (std::strcmp(argv[1], "segment") == 0 || std::strcmp(argv[1], "train") == 0 ||
                     std::strcmp(argv[1], "system") == 0))
        return runInEngine(argv);
#endif
    QCoreApplication application(argc, argv);
    QCoreApplication::setApplicationName("lnseg");
    QCoreApplication::setApplicationVersion(LNSEG_VERSION);
    const QStringList arguments = QCoreApplication::arguments().mid(1);
    if (arguments.isEmpty() || arguments.front() == "--help" || arguments.front() == "-h" ||
        arguments.front() == "help") {
        std::fputs(kUsage, arguments.isEmpty() ? stderr : stdout);
        return arguments.isEmpty() ? 2 : 0;
    }
    if (arguments.front() == "--version") {
        std::printf("lnseg %s\n", LNSEG_VERSION);
        return 0;
    }
    const std::map<QString, std::function<int(const QStringList&)>> commands{
        {"info", lnseg::cli::runInfo},
        {"convert", lnseg::cli::runConvert},
        {"phantom", lnseg::cli::runPhantom},
        {"demo", lnseg::cli::runDemo},
#ifdef LNSEG_ENGINE_COMMANDS
        {"segment", lnseg::cli::runSegment},
        {"train", lnseg::cli::runTrain},
        {"system", lnseg::cli::runSystem},
#endif
        {"evaluate", lnseg::cli::runEvaluate},
        {"export", lnseg::cli::runExport},
        {"project", lnseg::cli::runProject},
    };
    const QString name = arguments.front();
    const auto command = commands.find(name);
    if (command == commands.end()) {
        std::fprintf(stderr, "lnseg: unknown command '%s' (see lnseg --help)\n", name.toUtf8().constData());
        return 2;
    }
    try {
        return command->second(arguments);
    } catch (const lnseg::cli::UsageError& error) {
        std::fprintf(stderr, "lnseg %s: %s\n", name.toUtf8().constData(), error.what());
        return 2;
    } catch (const std::exception& error) {
        std::fprintf(stderr, "lnseg %s: error: %s\n", name.toUtf8().constData(), error.what());
        return 1;
    }
}
