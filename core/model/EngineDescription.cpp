#include "EngineDescription.h"

#include <algorithm>
#include <thread>

namespace lnseg::model {

EngineDescription describeEngine(const std::string& device)
{
    EngineDescription description;
    description.device = resolveDevice(device);
    description.defaults = executionDefaults(description.device, int(std::max(1u, std::thread::hardware_concurrency())));
    description.report = describeComputeSystem();
    const bool cpu = description.device == "cpu";
    description.report.torchThreads = cpu ? description.defaults.threads : 0;
    description.report.flushDenormals = cpu && description.defaults.flushDenormals;
    return description;
}

}  // namespace lnseg::model
