#include "project/CaseInputs.h"

#include "io/DicomSeries.h"
#include "io/ImageFileIO.h"

#include <algorithm>
#include <filesystem>

namespace lnseg::project {
namespace fs = std::filesystem;
namespace {

bool endsWith(const std::string& text, const std::string& suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string lowerCase(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return text;
}

// "X_image.nii.gz" -> "X", "scan.nrrd" -> "scan".
std::string caseStem(const std::string& fileName)
{
    std::string stem = fileName;
    for (const char* extension : {".nii.gz", ".nii", ".nrrd", ".nhdr", ".mha", ".mhd"})
        if (endsWith(lowerCase(stem), extension)) {
            stem.resize(stem.size() - std::string(extension).size());
            break;
        }
    if (endsWith(stem, "_image"))
        stem.resize(stem.size() - 6);
    return stem;
}

bool insideProject(const fs::path& folder, const fs::path& root)
{
    for (fs::path current = folder; !current.empty(); current = current.parent_path()) {
        if (fs::exists(current / "project.json"))
            return true;
        if (current == root || current == current.parent_path())
            break;
    }
    return false;
}

}  // namespace

bool isLabelMapFileName(const std::string& fileName)
{
    const std::string name = lowerCase(fileName);
    for (const char* suffix : {".seg.nrrd", "_labels.nii.gz", "_labels.nii", "_labels.nrrd", "_labels.mha", "_labels.mhd",
                               "_prob.nii.gz"})
        if (endsWith(name, suffix))
            return true;
    return false;
}

CaseInput annotatedImageFile(const std::string& imagePath)
{
    CaseInput input;
    input.path = imagePath;
    const fs::path folder = fs::path(imagePath).parent_path();
    const std::string stem = caseStem(fs::path(imagePath).filename().string());
    for (const std::string& name : {stem + "_labels.nii.gz", stem + "_labels.nii", stem + "_labels.nrrd", stem + ".seg.nrrd"})
        if (fs::is_regular_file(folder / name)) {
            input.labelsPath = (folder / name).string();
            break;
        }
    if (fs::is_regular_file(folder / (stem + "_nodes.json")))
        input.nodesPath = (folder / (stem + "_nodes.json")).string();
    return input;
}

std::vector<CaseInput> findCaseInputs(const std::string& root)
{
    if (!fs::is_directory(root))
        throw std::runtime_error(root + ": not a folder");
    std::vector<CaseInput> inputs;
    std::vector<std::string> imageFiles;
    bool hasOtherFiles = false;
    for (auto entry = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied);
         entry != fs::recursive_directory_iterator(); ++entry) {
        if (entry->is_directory() && fs::exists(entry->path() / "project.json")) {
            entry.disable_recursion_pending();
            continue;
        }
        if (!entry->is_regular_file())
            continue;
        const std::string name = entry->path().filename().string();
        if (isSupportedImageFile(name)) {
            if (!isLabelMapFileName(name) && !insideProject(entry->path().parent_path(), root))
                imageFiles.push_back(entry->path().string());
        } else if (!endsWith(lowerCase(name), ".json")) {
            hasOtherFiles = true;
        }
    }
    std::vector<CaseInput> dicomInputs;
    if (hasOtherFiles) {  // DICOM files, maybe
        const DicomScanResult scan = scanDicom(root);
        std::vector<const DicomSeriesInfo*> series;
        for (const DicomSeriesInfo& info : scan.series)
            if (info.kind == DicomObjectKind::Image && !info.files.empty() &&
                !insideProject(fs::path(info.files.front()).parent_path(), root))
                series.push_back(&info);
        std::sort(series.begin(), series.end(),
                  [](const auto* a, const auto* b) { return a->seriesKey < b->seriesKey; });
        for (const DicomSeriesInfo* info : series) {
            CaseInput input{root, info->seriesKey, {}, {}};
            // A series alone in a folder X_dicom next to X_labels.nii.gz (as `lnseg phantom --dicom`
            // writes it) takes that annotation; X_image.nii.gz is then the same scan and is not added.
            const fs::path folder = fs::path(info->files.front()).parent_path();
            const std::string folderName = folder.filename().string();
            const bool alone = std::all_of(info->files.begin(), info->files.end(),
                                           [&](const std::string& file) { return fs::path(file).parent_path() == folder; });
            if (alone && endsWith(folderName, "_dicom")) {
                const fs::path twin = folder.parent_path() / (folderName.substr(0, folderName.size() - 6) + "_image.nii.gz");
                const CaseInput annotation = annotatedImageFile(twin.string());
                if (!annotation.labelsPath.empty()) {
                    input.labelsPath = annotation.labelsPath;
                    input.nodesPath = annotation.nodesPath;
                    imageFiles.erase(std::remove(imageFiles.begin(), imageFiles.end(), twin.string()), imageFiles.end());
                }
            }
            dicomInputs.push_back(std::move(input));
        }
    }
    std::sort(imageFiles.begin(), imageFiles.end());
    for (const std::string& file : imageFiles)
        inputs.push_back(annotatedImageFile(file));
    inputs.insert(inputs.end(), dicomInputs.begin(), dicomInputs.end());
    return inputs;
}

}  // namespace lnseg::project
