#include "project/ProjectSplit.h"

#include <stdexcept>

namespace lnseg::project {

const char* toString(SplitSide side)
{
    switch (side) {
    case SplitSide::Train: return "train";
    case SplitSide::Validation: return "validation";
    case SplitSide::Test: return "test";
    }
    return "train";
}

double splitPosition(const std::string& patientPseudonym, std::uint64_t seed)
{
    const std::string key = std::to_string(seed) + ":" + patientPseudonym;
    std::uint64_t hash = 1469598103934665603ull;  // FNV-1a
    for (unsigned char c : key) {
        hash ^= c;
        hash *= 1099511628211ull;
    }
    // splitmix64's finaliser: FNV-1a alone puts similar names ("P0001", "P0002") close together.
    hash ^= hash >> 30;
    hash *= 0xbf58476d1ce4e5b9ull;
    hash ^= hash >> 27;
    hash *= 0x94d049bb133111ebull;
    hash ^= hash >> 31;
    return double(hash >> 11) / 9007199254740992.0;  // 53 bits -> [0, 1)
}

SplitSide assignSplit(const std::string& patientPseudonym, const SplitSettings& settings)
{
    const double position = splitPosition(patientPseudonym, settings.seed);
    if (position < settings.train)
        return SplitSide::Train;
    if (position < settings.train + settings.validation)
        return SplitSide::Validation;
    return SplitSide::Test;
}

ProjectSplit splitCases(const ProjectManifest& manifest, const std::vector<std::string>& caseIds)
{
    ProjectSplit split;
    for (const std::string& id : caseIds) {
        const ProjectCase* item = manifest.findCase(id);
        if (!item)
            throw std::runtime_error("the project has no case " + id);
        switch (assignSplit(item->patient, manifest.split)) {
        case SplitSide::Train: split.train.push_back(id); break;
        case SplitSide::Validation: split.validation.push_back(id); break;
        case SplitSide::Test: split.test.push_back(id); break;
        }
    }
    return split;
}

}  // namespace lnseg::project
