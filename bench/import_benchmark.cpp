// Import benchmark: a 512x512x300 CT series (written by the phantom generator as DICOM,
// uncompressed and JPEG-LS lossless) is read into memory and written as uncompressed NIfTI by
//   1. lnseg (DCMTK scan + parallel decode straight into the volume, ITK NIfTI writer),
//   2. dcm2niix -z n (Debian package dcm2niix),
//   3. ITK's GDCM series reader (itk::ImageSeriesReader + GDCMImageIO) and ITK's NIfTI writer.
//   4. `lnseg convert SERIES out.nii`, the whole command-line process as a user runs it.
// Each run is a separate process so that its peak resident memory (ru_maxrss) is its own.
// Series: the phantom as written (files named in slice order), and the same files named in reverse
// slice order with odd names (no extension, mixed case, numbers counting down: what archives and
// anonymisers produce), uncompressed and JPEG-LS. Every timing line carries the load average at
// the time (a busy machine slows every reader; compare rows of one run only).
// Usage: lnseg_import_benchmark [--work DIR] [--slices N] [--repeat N] [--only-uncompressed]
#include "io/DicomSeries.h"
#include "io/DicomSeriesWriter.h"
#include "io/ImageFileIO.h"
#include "phantom/NeckPhantom.h"

#include <itkGDCMImageIO.h>
#include <itkGDCMSeriesFileNames.h>
#include <itkImageFileWriter.h>
#include <itkImageSeriesReader.h>

#include <sys/resource.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <spawn.h>
#include <unistd.h>

#include <algorithm>
#include <memory>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

int importWithLnseg(const std::string& folder, const std::string& output)
{
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    const lnseg::DicomScanResult scan = lnseg::scanDicom(folder);
    if (scan.series.size() != 1)
        return 3;
    const auto scanned = Clock::now();
    const lnseg::LoadedDicomSeries loaded = lnseg::loadDicomSeries(scan.series.front());
    const auto decoded = Clock::now();
    lnseg::writeImage(loaded.volume, output);
    const auto written = Clock::now();
    auto seconds = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
    if (std::getenv("LNSEG_BENCHMARK_PHASES"))
        std::fprintf(stderr, "lnseg phases: scan %.3f s, decode %.3f s, write %.3f s\n", seconds(start, scanned),
                     seconds(scanned, decoded), seconds(decoded, written));
    return 0;
}

int importWithItkGdcm(const std::string& folder, const std::string& output)
{
    using Image = itk::Image<std::int16_t, 3>;
    auto names = itk::GDCMSeriesFileNames::New();
    names->SetUseSeriesDetails(true);
    names->SetDirectory(folder);
    const auto uids = names->GetSeriesUIDs();
    if (uids.empty())
        return 3;
    auto reader = itk::ImageSeriesReader<Image>::New();
    reader->SetImageIO(itk::GDCMImageIO::New());
    reader->SetFileNames(names->GetFileNames(uids.front()));
    auto writer = itk::ImageFileWriter<Image>::New();
    writer->SetInput(reader->GetOutput());
    writer->SetFileName(output);
    writer->SetUseCompression(false);
    writer->Update();
    return 0;
}

// Writes the benchmark's phantom as a DICOM series (in a child process, so that the parent stays
// small: a child's peak resident size starts from its parent's at fork).
int generateSeries(const std::string& folder, int slices, bool jpegLs)
{
    lnseg::PhantomOptions options;
    options.seed = 42;
    options.columns = 512;
    options.rows = 512;
    options.slices = slices;
    options.threads = 0;
    const lnseg::PhantomCase phantom = lnseg::generateNeckPhantom(options, "benchmark");
    lnseg::DicomSeriesWriteOptions writerOptions;
    writerOptions.transferSyntax =
        jpegLs ? lnseg::DicomTransferSyntax::JpegLsLossless : lnseg::DicomTransferSyntax::ExplicitLittleEndian;
    writerOptions.threads = 0;
    lnseg::writeDicomSeries(phantom.image, folder, writerOptions);
    return 0;
}

struct Measurement {
    double seconds = 0;
    double peakMegabytes = 0;
    int exitCode = 0;
};

// Runs `arguments` in a child process; returns wall time and the child's peak RSS. posix_spawn
// (vfork semantics) keeps the child from inheriting this process's resident pages, which fork
// would count in the child's peak.
Measurement measure(const std::vector<std::string>& arguments)
{
    std::vector<char*> argv;
    for (const auto& argument : arguments)
        argv.push_back(const_cast<char*>(argument.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (!std::getenv("LNSEG_BENCHMARK_VERBOSE"))
        posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    std::fflush(stdout);
    const auto start = std::chrono::steady_clock::now();
    pid_t child = 0;
    Measurement result;
    if (posix_spawnp(&child, argv[0], &actions, nullptr, argv.data(), environ) != 0) {
        posix_spawn_file_actions_destroy(&actions);
        result.exitCode = 127;
        return result;
    }
    posix_spawn_file_actions_destroy(&actions);
    int status = 0;
    rusage usage{};
    wait4(child, &status, 0, &usage);
    result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    result.peakMegabytes = usage.ru_maxrss / 1024.0;
    result.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return result;
}

// The 1-minute load average, printed beside each timing.
double loadAverage()
{
    double loads[3] = {0, 0, 0};
    return getloadavg(loads, 3) > 0 ? loads[0] : -1;
}

// The files of `folder` again under `target`, hard-linked (no copy) under names that run against the
// slice order and look nothing like the usual ones: "Img 0300" ... "img.0001.DCM".
void linkWithOddNames(const std::string& folder, const std::string& target)
{
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(folder))
        files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    fs::create_directories(target);
    const std::size_t count = files.size();
    for (std::size_t index = 0; index < count; ++index) {
        char name[64];
        const unsigned number = static_cast<unsigned>(count - index);
        switch (index % 3) {
        case 0: std::snprintf(name, sizeof name, "Img %04u", number); break;
        case 1: std::snprintf(name, sizeof name, "img.%04u.DCM", number); break;
        default: std::snprintf(name, sizeof name, "IMG_%u_", number); break;
        }
        fs::create_hard_link(files[index], fs::path(target) / name);
    }
}

Measurement median(std::vector<Measurement> runs)
{
    std::sort(runs.begin(), runs.end(), [](const auto& a, const auto& b) { return a.seconds < b.seconds; });
    Measurement result = runs[runs.size() / 2];
    for (const auto& run : runs)
        result.exitCode = std::max(result.exitCode, run.exitCode);
    return result;
}

}  // namespace

int main(int argc, char** argv)
{
    // Child modes: one import, timed by the parent.
    if (argc == 5 && std::strcmp(argv[1], "--child") == 0) {
        try {
            if (std::strcmp(argv[2], "lnseg") == 0)
                return importWithLnseg(argv[3], argv[4]);
            if (std::strcmp(argv[2], "itk-gdcm") == 0)
                return importWithItkGdcm(argv[3], argv[4]);
            if (std::strcmp(argv[2], "generate-raw") == 0 || std::strcmp(argv[2], "generate-jpegls") == 0)
                return generateSeries(argv[3], std::atoi(argv[4]), std::strcmp(argv[2], "generate-jpegls") == 0);
        } catch (const std::exception& error) {
            std::fprintf(stderr, "%s\n", error.what());
            return 4;
        }
        return 2;
    }
    std::string work = (fs::temp_directory_path() / "lnseg_import_benchmark").string();
    int slices = 300;
    int repeat = 3;
    bool onlyUncompressed = false;
    for (int index = 1; index < argc; ++index) {
        if (std::strcmp(argv[index], "--only-uncompressed") == 0)
            onlyUncompressed = true;
        else if (index + 1 < argc && std::strcmp(argv[index], "--work") == 0)
            work = argv[++index];
        else if (index + 1 < argc && std::strcmp(argv[index], "--slices") == 0)
            slices = std::atoi(argv[++index]);
        else if (index + 1 < argc && std::strcmp(argv[index], "--repeat") == 0)
            repeat = std::max(1, std::atoi(argv[++index]));
    }
    fs::create_directories(work);
    const std::string self = fs::canonical("/proc/self/exe").string();

    const double volumeMegabytes = 512.0 * 512.0 * slices * 2.0 / (1024.0 * 1024.0);

    struct Variant {
        const char* name;
        bool jpegLs;
        bool oddNames;
    };
    std::printf("\nvolume: 512 x 512 x %d int16 = %.0f MiB; median of %d runs; peak = max resident set size; "
                "load = 1-minute load average when the reader's median run ended\n\n",
                slices, volumeMegabytes, repeat);
    std::printf("| series | reader | seconds | peak MiB | peak / volume | time vs dcm2niix | load |\n");
    std::printf("|---|---|---|---|---|---|---|\n");
    std::vector<Variant> variants = {{"uncompressed", false, false},
                                     {"uncompressed, reverse odd names", false, true},
                                     {"JPEG-LS lossless", true, false},
                                     {"JPEG-LS lossless, reverse odd names", true, true}};
    for (const Variant& variant : variants) {
        if (onlyUncompressed && variant.jpegLs)
            continue;
        const std::string written = work + "/dicom_" + (variant.jpegLs ? "jpegls" : "raw");
        if (!fs::exists(written) || fs::is_empty(written)) {
            fs::create_directories(written);
            std::printf("Writing a 512x512x%d phantom as %s DICOM ...\n", slices, variant.jpegLs ? "JPEG-LS" : "uncompressed");
            if (measure({self, "--child", variant.jpegLs ? "generate-jpegls" : "generate-raw", written, std::to_string(slices)}).exitCode)
                return 1;
        }
        std::string folder = written;
        if (variant.oddNames) {
            folder = written + "_odd_names";
            if (!fs::exists(folder))
                linkWithOddNames(written, folder);
        }
        const std::string outputFolder = work + "/out";
        fs::remove_all(outputFolder);
        fs::create_directories(outputFolder);
        // Warm the page cache so that every reader sees the same state.
        measure({self, "--child", "lnseg", folder, outputFolder + "/warm.nii"});

        struct Reader {
            const char* name;
            std::vector<std::string> command;  // OUTPUT stands for the output file
            std::vector<Measurement> runs;
            std::vector<double> loads;
        };
        std::vector<Reader> readers = {
            {"lnseg convert (command line)", {LNSEG_CLI_PATH, "convert", folder, "OUTPUT/lnseg-cli.nii"}, {}, {}},
            {"lnseg core (in-process)", {self, "--child", "lnseg", folder, "OUTPUT/lnseg.nii"}, {}, {}},
            {"dcm2niix -z n", {"dcm2niix", "-z", "n", "-b", "n", "-f", "dcm2niix", "-o", "OUTPUT", folder}, {}, {}},
            {"ITK GDCM series reader", {self, "--child", "itk-gdcm", folder, "OUTPUT/itk.nii"}, {}, {}},
        };
        for (int run = 0; run < repeat; ++run) {
            // Every reader writes a new file (none pays for replacing an earlier one).
            fs::remove_all(outputFolder);
            fs::create_directories(outputFolder);
            for (Reader& reader : readers) {
                std::vector<std::string> command = reader.command;
                for (auto& argument : command)
                    if (argument.rfind("OUTPUT", 0) == 0)
                        argument = outputFolder + argument.substr(6);
                reader.runs.push_back(measure(command));
                reader.loads.push_back(loadAverage());
            }
        }
        const Measurement reference = median(readers[2].runs);
        for (const Reader& reader : readers) {
            const Measurement m = median(reader.runs);
            std::vector<double> loads = reader.loads;
            std::sort(loads.begin(), loads.end());
            const bool dcm2niixUnsupported = variant.jpegLs && std::string(reader.name).rfind("dcm2niix", 0) == 0;
            std::printf("| %s | %s | %.2f%s | %.0f | %.2f | %.2fx | %.2f |\n", variant.name, reader.name, m.seconds,
                        m.exitCode ? (dcm2niixUnsupported ? " (unsupported: Debian's dcm2niix has no JPEG-LS)" : " (failed)") : "",
                        m.peakMegabytes, m.peakMegabytes / volumeMegabytes, m.seconds / reference.seconds,
                        loads[loads.size() / 2]);
        }
        std::fflush(stdout);
    }
    return 0;
}
