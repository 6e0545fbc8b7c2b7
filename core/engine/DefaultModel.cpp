#include "engine/DefaultModel.h"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <vector>

namespace lnseg {

std::string locateDefaultModel(const std::string& executableFolder)
{
    namespace fs = std::filesystem;
    std::vector<fs::path> candidates;
    if (const char* variable = std::getenv("LNSEG_DEFAULT_MODEL"); variable && *variable)
        candidates.emplace_back(variable);
    const fs::path executable(executableFolder);
    candidates.push_back(executable / ".." / "share" / "lnseg" / "models" / "default.lnsegmodel");
    candidates.push_back(executable / "models" / "default.lnsegmodel");
    candidates.push_back(fs::path(LNSEG_SOURCE_MODELS_DIR) / "default.lnsegmodel");
    std::string looked;
    for (const auto& candidate : candidates) {
        if (fs::is_regular_file(candidate))
            return fs::weakly_canonical(candidate).string();
        looked += "\n  " + candidate.lexically_normal().string();
    }
    throw std::runtime_error("no default model found (pass --model FILE); looked in:" + looked);
}

}  // namespace lnseg
