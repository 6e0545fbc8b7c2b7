#pragma once
// What the engine runs on, and how it should run there. Torch-free header: the command-line
// tool's `lnseg system` and the application's About box include it cheaply.
//
//   ComputeSystemReport report = describeComputeSystem();   // LibTorch, BLAS, oneDNN, threads, CUDA
//   ExecutionDefaults defaults = executionDefaults("cpu", 2);  // batch sizes, threads, denormals
//
// Why it matters: LibTorch links libblas.so.3, and on a fresh Debian 12 that is netlib's
// reference BLAS, 2-3x slower for these networks than OpenBLAS; and on a CPU small batches run
// several times faster per slice than the GPU-sized batches of the paper (core/model/ARCHITECTURE.md,
// "The engine on this CPU").

#include <string>
#include <vector>

namespace lnseg::model {

// Which BLAS implementation a shared library file is, from its resolved path (Debian installs each
// provider of libblas.so.3 in its own folder: blas/ = netlib's reference, openblas-openmp/,
// openblas-pthread/, blis-openmp/, blis-pthread/, atlas/) or file name (libopenblas*.so, libmkl_rt.so).
struct BlasIdentity {
    std::string name;        // "netlib reference", "OpenBLAS", "BLIS", "ATLAS", "MKL", "unknown"
    std::string threading;   // "openmp", "pthread", "serial" or "" when the path does not tell
    bool reference = false;  // netlib's unoptimised reference implementation
};
BlasIdentity identifyBlasLibrary(const std::string& resolvedPath);

struct ComputeSystemReport {
    std::string libtorchVersion;          // e.g. "1.13.1"
    std::string blasLibraryPath;          // the file that provides sgemm_ in this process, symlinks resolved
    BlasIdentity blas;
    std::string blasConfiguration;        // OpenBLAS's openblas_get_config() / BLIS's version, when available
    bool onednn = false;                  // oneDNN (MKL-DNN) compiled in: convolutions use it
    bool mkl = false;
    bool openmp = false;
    int torchThreads = 0;                 // LibTorch's intra-op threads in the calling thread
    int hardwareThreads = 0;
    bool flushDenormals = false;          // flush-to-zero / denormals-are-zero in the calling thread
    std::vector<std::string> cudaDevices; // names; empty without CUDA
    std::string cudaVersion;              // of the LibTorch build, "" when it has none
    // Problems with what to do about them, e.g. the reference BLAS.
    std::vector<std::string> warnings;

    std::string toJson() const;           // one JSON object, stable field names
    std::string toText() const;           // lines "key: value" for people
};

// Inspects the running process (loads nothing new; CUDA is queried through LibTorch).
ComputeSystemReport describeComputeSystem();

// The warnings describeComputeSystem adds for a given BLAS (exposed for tests).
std::vector<std::string> blasWarnings(const BlasIdentity& blas, const std::string& path);

// How to run the networks on a device, chosen by measurement (ARCHITECTURE.md, "The engine on this
// CPU"). On the CPU, batches of 1-2 slices run several times faster per slice than 8-16 (the
// activations of a batch stay in cache), every core is used, and denormal floats (which the
// networks' tiny activations produce) are flushed to zero, which cut SNet's time by ~15 %.
struct ExecutionDefaults {
    int inferenceBatch = 1;      // slices per forward pass (2d, 2.5d)
    int patchBatch = 1;          // 3d windows per forward pass
    int trainingBatch = 4;       // 2d / 2.5d slices (or crops) per step
    int trainingBatch3d = 1;     // 3d patches per step
    int trainingCrop = 128;      // 2d / 2.5d training crop edge in prepared pixels; 0: whole slices
    int threads = 1;             // CPU threads for LibTorch (ignored on CUDA)
    bool flushDenormals = true;
};
// device: "cpu" or "cuda"; hardwareThreads: std::thread::hardware_concurrency() (0 counts as 1).
ExecutionDefaults executionDefaults(const std::string& device, int hardwareThreads);

// "cpu" or "cuda" for a device option ("auto", "cpu", "cuda") on this machine.
std::string resolveDevice(const std::string& device);

// Applies CPU settings in the calling thread and its OpenMP workers: intra-op threads and
// flush-to-zero / denormals-are-zero. LibTorch's thread settings are per thread: call it in every
// thread that runs a network, before the network runs.
void applyCpuSettings(int threads, bool flushDenormals);

}  // namespace lnseg::model
