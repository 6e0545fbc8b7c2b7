#include "ComputeSystem.h"

#include <ATen/Config.h>
#include <ATen/Parallel.h>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <dlfcn.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <thread>

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>
#define LNSEG_HAS_MXCSR 1
#endif

namespace lnseg::model {

namespace {

bool contains(const std::string& text, const char* part) { return text.find(part) != std::string::npos; }

std::string threadingFromFolder(const std::string& path)
{
    if (contains(path, "-openmp/") || contains(path, "openmp"))
        return "openmp";
    if (contains(path, "-pthread/") || contains(path, "pthread"))
        return "pthread";
    if (contains(path, "-serial/") || contains(path, "serial"))
        return "serial";
    return "";
}

// The resolved path of the shared object that defines `symbol` in this process, "" when none does.
std::string libraryDefining(const char* symbol)
{
    void* address = dlsym(RTLD_DEFAULT, symbol);
    if (!address)
        return "";
    Dl_info information{};
    if (!dladdr(address, &information) || !information.dli_fname)
        return "";
    std::error_code error;
    const auto resolved = std::filesystem::canonical(information.dli_fname, error);
    return error ? std::string(information.dli_fname) : resolved.string();
}

bool flushDenormalsInThisThread()
{
#ifdef LNSEG_HAS_MXCSR
    const unsigned int register_ = _mm_getcsr();
    return (register_ & 0x8000u) != 0 && (register_ & 0x0040u) != 0;  // FTZ and DAZ
#else
    return false;
#endif
}

}  // namespace

BlasIdentity identifyBlasLibrary(const std::string& resolvedPath)
{
    BlasIdentity identity;
    const std::string path = resolvedPath;
    const std::string file = std::filesystem::path(path).filename().string();
    const std::string folder = std::filesystem::path(path).parent_path().filename().string();
    if (contains(file, "openblas") || contains(folder, "openblas")) {
        identity.name = "OpenBLAS";
        identity.threading = threadingFromFolder(folder + "/" + file);
    } else if (contains(file, "blis") || contains(folder, "blis")) {
        identity.name = "BLIS";
        identity.threading = threadingFromFolder(folder + "/" + file);
    } else if (contains(file, "mkl") || contains(folder, "mkl")) {
        identity.name = "MKL";
    } else if (contains(file, "atlas") || contains(folder, "atlas")) {
        identity.name = "ATLAS";
    } else if (folder == "blas" || folder == "netlib") {
        identity.name = "netlib reference";
        identity.threading = "serial";
        identity.reference = true;
    } else {
        identity.name = "unknown";
    }
    return identity;
}

std::vector<std::string> blasWarnings(const BlasIdentity& blas, const std::string& path)
{
    std::vector<std::string> warnings;
    if (blas.reference)
        warnings.push_back("LibTorch runs on netlib's reference BLAS (" + path +
                           "), 2-3x slower for these networks than an optimised one. Install OpenBLAS: "
                           "'sudo apt-get install libopenblas0-openmp' (Debian switches libblas.so.3 to it), or "
                           "run with LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-openmp");
    else if (blas.name == "unknown" && !path.empty())
        warnings.push_back("unrecognised BLAS library " + path + ": speed unknown");
    else if (path.empty())
        warnings.push_back("no BLAS library found in this process (sgemm_ is not defined)");
    if (blas.name == "OpenBLAS" && blas.threading == "pthread")
        warnings.push_back("OpenBLAS's pthread variant keeps its own threads beside LibTorch's OpenMP ones; "
                           "libopenblas0-openmp shares them (measured in core/model/ARCHITECTURE.md)");
    return warnings;
}

std::string ComputeSystemReport::toJson() const
{
    nlohmann::json json{
        {"libtorch_version", libtorchVersion},
        {"blas", {{"library", blasLibraryPath}, {"name", blas.name}, {"threading", blas.threading},
                  {"reference", blas.reference}, {"configuration", blasConfiguration}}},
        {"onednn", onednn},
        {"mkl", mkl},
        {"openmp", openmp},
        {"torch_threads", torchThreads},
        {"hardware_threads", hardwareThreads},
        {"flush_denormals", flushDenormals},
        {"cuda_devices", cudaDevices},
        {"cuda", !cudaDevices.empty()},
        {"warnings", warnings},
    };
    return json.dump(2);
}

std::string ComputeSystemReport::toText() const
{
    std::ostringstream text;
    text << "LibTorch: " << libtorchVersion << "\n";
    text << "BLAS: " << blas.name << (blas.threading.empty() ? "" : " (" + blas.threading + ")") << ", "
         << (blasLibraryPath.empty() ? "not loaded" : blasLibraryPath) << "\n";
    if (!blasConfiguration.empty())
        text << "BLAS configuration: " << blasConfiguration << "\n";
    text << "oneDNN: " << (onednn ? "yes" : "no") << ", MKL: " << (mkl ? "yes" : "no")
         << ", OpenMP: " << (openmp ? "yes" : "no") << "\n";
    text << "CPU threads: " << torchThreads << " of " << hardwareThreads << " hardware threads"
         << ", flush denormals: " << (flushDenormals ? "on" : "off") << "\n";
    text << "CUDA devices: ";
    if (cudaDevices.empty())
        text << "none";
    for (std::size_t index = 0; index < cudaDevices.size(); ++index)
        text << (index ? ", " : "") << cudaDevices[index];
    text << "\n";
    for (const std::string& warning : warnings)
        text << "warning: " << warning << "\n";
    return text.str();
}

ComputeSystemReport describeComputeSystem()
{
    ComputeSystemReport report;
    report.libtorchVersion = std::to_string(TORCH_VERSION_MAJOR) + "." + std::to_string(TORCH_VERSION_MINOR) + "." +
                             std::to_string(TORCH_VERSION_PATCH);
    report.blasLibraryPath = libraryDefining("sgemm_");
    report.blas = identifyBlasLibrary(report.blasLibraryPath);
    // Only from the library that provides sgemm_: another BLAS can be loaded beside it (Debian's
    // liblapack.so.3 from OpenBLAS carries its own BLAS) without being the one LibTorch calls.
    using ConfigFunction = const char* (*)();
    const auto fromSameLibrary = [&](const char* symbol) -> ConfigFunction {
        if (report.blasLibraryPath.empty() || libraryDefining(symbol) != report.blasLibraryPath)
            return nullptr;
        return reinterpret_cast<ConfigFunction>(dlsym(RTLD_DEFAULT, symbol));
    };
    if (ConfigFunction config = fromSameLibrary("openblas_get_config"))
        report.blasConfiguration = config();
    else if (ConfigFunction version = fromSameLibrary("bli_info_get_version_str"))
        report.blasConfiguration = std::string("BLIS ") + version();
    report.onednn = at::hasMKLDNN();
    report.mkl = at::hasMKL();
    report.openmp = AT_PARALLEL_OPENMP == 1;
    report.torchThreads = at::get_num_threads();
    report.hardwareThreads = int(std::max(1u, std::thread::hardware_concurrency()));
    report.flushDenormals = flushDenormalsInThisThread();
    if (torch::cuda::is_available())
        for (std::size_t index = 0; index < torch::cuda::device_count(); ++index)
            report.cudaDevices.push_back("cuda:" + std::to_string(index));
    report.warnings = blasWarnings(report.blas, report.blasLibraryPath);
    return report;
}

ExecutionDefaults executionDefaults(const std::string& device, int hardwareThreads)
{
    ExecutionDefaults defaults;
    defaults.threads = std::max(1, hardwareThreads);
    if (device == "cuda") {
        // A GPU wants large batches; whole slices (the paper's setting).
        defaults.inferenceBatch = 16;
        defaults.patchBatch = 4;
        defaults.trainingBatch = 16;
        defaults.trainingBatch3d = 8;
        defaults.trainingCrop = 0;
        defaults.flushDenormals = false;  // the GPU does not care; leave the CPU's floating point alone
        defaults.channelsLastInference = false;
    } else {
        defaults.inferenceBatch = 1;
        defaults.patchBatch = 1;
        defaults.trainingBatch = 4;
        defaults.trainingBatch3d = 1;
        defaults.trainingCrop = 128;
        defaults.flushDenormals = true;
    }
    return defaults;
}

std::string resolveDevice(const std::string& device)
{
    if (device == "cuda" || device == "cpu")
        return device;
    return torch::cuda::is_available() ? "cuda" : "cpu";
}

void applyCpuSettings(int threads, bool flushDenormals)
{
    // Once per thread and setting: InferenceEngine::predict calls this for every volume, and the
    // pass over the OpenMP workers below is a parallel region. Skipped only while the thread's
    // pool still has the size asked for (other code may have resized it).
    thread_local int appliedThreads = -1, appliedFlush = -1;
    if (appliedThreads == threads && appliedFlush == int(flushDenormals) && (threads <= 0 || at::get_num_threads() == threads))
        return;
    at::init_num_threads();
    if (threads > 0 && at::get_num_threads() != threads)
        torch::set_num_threads(threads);
    // The flag lives in each thread's MXCSR: set it here and in every OpenMP worker of this
    // thread's pool (one chunk per worker), so the operators' own threads flush too.
    const auto set = [flushDenormals] { at::globalContext().setFlushDenormal(flushDenormals); };
    set();
    const int workers = at::get_num_threads();
    if (workers > 1)
        at::parallel_for(0, workers, 1, [&](std::int64_t, std::int64_t) { set(); });
    appliedThreads = threads;
    appliedFlush = int(flushDenormals);
}

}  // namespace lnseg::model
