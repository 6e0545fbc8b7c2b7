#include "engine/TrainingData.h"

#include "io/ImageFileIO.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>

namespace lnseg {

namespace fs = std::filesystem;

namespace {
const std::string kImageSuffix = "_image.nii.gz";
const std::string kLabelSuffix = "_labels.nii.gz";
const std::string kHardNegativeSuffix = "_hard_negatives.nii.gz";  // optional (TrainingCase::hardNegatives)

// 1 where the label map has any label, else 0.
std::vector<std::uint8_t> binaryMask(const LabelMap& labels)
{
    std::vector<std::uint8_t> mask(labels.voxelCount());
    std::transform(labels.data(), labels.data() + labels.voxelCount(), mask.begin(),
                   [](std::uint16_t label) { return static_cast<std::uint8_t>(label ? 1 : 0); });
    return mask;
}
}  // namespace

ImageFolderCaseSource::ImageFolderCaseSource(const std::string& folder) : m_folder(folder)
{
    if (!fs::is_directory(folder))
        throw std::runtime_error("training data folder '" + folder + "' does not exist");
    for (const auto& entry : fs::directory_iterator(folder)) {
        const std::string name = entry.path().filename().string();
        if (name.size() > kImageSuffix.size() && name.compare(name.size() - kImageSuffix.size(), kImageSuffix.size(), kImageSuffix) == 0) {
            const std::string id = name.substr(0, name.size() - kImageSuffix.size());
            if (fs::exists(fs::path(folder) / (id + kLabelSuffix)))
                m_caseIds.push_back(id);
        }
    }
    std::sort(m_caseIds.begin(), m_caseIds.end());
    if (m_caseIds.empty())
        throw std::runtime_error("training data folder '" + folder + "' holds no CASE" + kImageSuffix + " / CASE" +
                                 kLabelSuffix + " pair");
}

std::vector<std::string> ImageFolderCaseSource::caseIds() const { return m_caseIds; }

model::TrainingCase ImageFolderCaseSource::load(const std::string& caseId)
{
    const fs::path stem = fs::path(m_folder) / caseId;
    const Volume image = readVolume(stem.string() + kImageSuffix);
    const LabelMap labels = readLabelMapFor(stem.string() + kLabelSuffix, image.geometry());
    model::TrainingCase result;
    result.caseId = caseId;
    const ImageGeometry geometry = image.geometry();
    for (int axis = 0; axis < 3; ++axis) {
        result.size[axis] = geometry.size[std::size_t(axis)];
        result.spacing[axis] = geometry.spacing[std::size_t(axis)];
    }
    result.image.assign(image.data(), image.data() + image.voxelCount());
    result.mask = binaryMask(labels);
    const std::string hardNegativePath = stem.string() + kHardNegativeSuffix;
    if (fs::exists(hardNegativePath)) {
        // readLabelMapFor refuses a map on another grid than the image, naming both.
        result.hardNegatives = binaryMask(readLabelMapFor(hardNegativePath, geometry));
        if (std::none_of(result.hardNegatives.begin(), result.hardNegatives.end(), [](std::uint8_t v) { return v != 0; }))
            result.hardNegatives.clear();
    }
    return result;
}

std::string ImageFolderCaseSource::fingerprint() const
{
    std::string text = std::to_string(m_caseIds.size()) + " cases:";
    std::uint64_t hash = 1469598103934665603ull;
    for (const auto& id : m_caseIds)
        for (const std::string& suffix : {kImageSuffix, kLabelSuffix, kHardNegativeSuffix}) {
            const fs::path path = fs::path(m_folder) / (id + suffix);
            if (suffix == kHardNegativeSuffix && !fs::exists(path))
                continue;
            const std::string item = id + suffix + ":" + std::to_string(fs::file_size(path)) + ":" +
                                     std::to_string(fs::last_write_time(path).time_since_epoch().count());
            for (unsigned char c : item) {
                hash ^= c;
                hash *= 1099511628211ull;
            }
        }
    char digits[24];
    std::snprintf(digits, sizeof digits, " fnv1a %016llx", static_cast<unsigned long long>(hash));
    return text + digits;
}

}  // namespace lnseg
