#pragma once
// Command-line names of the domain randomization's ranges, shared by `lnseg phantom` and
// lnseg_train_phantoms: each range is set as --NAME LOW:HIGH (e.g. --noise-range 5:40).

#include "phantom/DomainRandomization.h"

#include <string>
#include <vector>

namespace lnseg {

struct RandomizationRangeOption {
    std::string name;         // without the leading dashes
    std::string description;
    Range* range;             // into the DomainRandomization given
};

std::vector<RandomizationRangeOption> randomizationRangeOptions(DomainRandomization& randomization);

// "LOW:HIGH" -> range; throws std::invalid_argument when malformed or LOW > HIGH.
Range parseRange(const std::string& text);

// Sets option `name` (without dashes) from `value` when it is one of the ranges; false otherwise.
bool setRandomizationRange(DomainRandomization& randomization, const std::string& name, const std::string& value);

}  // namespace lnseg
