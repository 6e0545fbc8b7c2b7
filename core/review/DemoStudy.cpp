#include "review/DemoStudy.h"

#include <cstdlib>
#include <filesystem>

namespace lnseg {
namespace fs = std::filesystem;

std::vector<std::string> demoStudyFolders()
{
    std::vector<std::string> folders;
    if (const char* demo = std::getenv("LNSEG_DEMO_DIR"); demo && *demo)
        folders.emplace_back(demo);
    // The user's cache folder, where `lnseg demo` writes it (QStandardPaths::GenericCacheLocation):
    // $XDG_CACHE_HOME when set to an absolute path, else ~/.cache.
    if (const char* cache = std::getenv("XDG_CACHE_HOME"); cache && *cache == '/')
        folders.push_back((fs::path(cache) / "lnseg" / "demo").string());
    else if (const char* home = std::getenv("HOME"); home && *home)
        folders.push_back((fs::path(home) / ".cache" / "lnseg" / "demo").string());
    return folders;
}

std::optional<DemoStudy> findDemoStudy()
{
    for (const std::string& folder : demoStudyFolders()) {
        DemoStudy study;
        study.folder = folder;
        study.imagePath = (fs::path(folder) / "demo_image.nii.gz").string();
        study.labelsPath = (fs::path(folder) / "demo_labels.nii.gz").string();
        study.nodesPath = (fs::path(folder) / "demo_nodes.json").string();
        std::error_code error;
        if (fs::is_regular_file(study.imagePath, error) && fs::is_regular_file(study.labelsPath, error) &&
            fs::is_regular_file(study.nodesPath, error))
            return study;
    }
    return std::nullopt;
}

}  // namespace lnseg
