#pragma once
// Where the application's default model lives: $LNSEG_DEFAULT_MODEL, else
// <prefix>/share/lnseg/models/default.lnsegmodel next to an installed executable (bin/..), else the
// source tree's resources/models/default.lnsegmodel (build trees).

#include <string>

namespace lnseg {

// The first existing candidate; throws std::runtime_error listing where it looked when none exists.
std::string locateDefaultModel(const std::string& executableFolder);

}  // namespace lnseg
