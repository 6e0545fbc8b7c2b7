#pragma once
// What the segmentation engine runs with on this machine, in one place for `lnseg system` and the
// application's About box: the device "auto" resolves to, the execution defaults chosen for it,
// and the compute system report with the threads and flush-to-zero the engine's workers use
// (LibTorch's calling thread starts with other values: 1 thread, denormals kept). Torch-free.

#include "ComputeSystem.h"

#include <string>

namespace lnseg::model {

struct EngineDescription {
    std::string device;          // "cpu" or "cuda"
    ExecutionDefaults defaults;  // for that device and this machine's hardware threads
    ComputeSystemReport report;  // torchThreads and flushDenormals: the engine's (0 / false on CUDA)
};

// device: "auto", "cpu" or "cuda" (resolveDevice). Changes no setting of the calling thread.
EngineDescription describeEngine(const std::string& device = "auto");

}  // namespace lnseg::model
