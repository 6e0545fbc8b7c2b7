// nnU-Net v2 raw dataset: DatasetNNN_Name/ with imagesTr/ labelsTr/ (train and validation cases),
// imagesTs/ (+ labelsTs/) for test cases, <case>_0000.nii.gz images, <case>.nii.gz class label
// maps exactly on their images' grids, dataset.json. Beside the dataset folder: manifest.json and
// splits_final.json (train/validation as the project chose them; nnU-Net v2 uses it when copied
// to nnUNet_preprocessed/DatasetNNN_Name/).

#include "export/Export.h"
#include "export/ExportRun.h"
#include "io/ImageFileIO.h"

#include <cstdio>
#include <map>
#include <stdexcept>

namespace lnseg {

namespace {

const std::vector<std::pair<const char*, NodeLevel>> kLevelClasses = {
    {"IA", NodeLevel::IA},   {"IB", NodeLevel::IB}, {"IIA", NodeLevel::IIA}, {"IIB", NodeLevel::IIB},
    {"III", NodeLevel::III}, {"IV", NodeLevel::IV}, {"VA", NodeLevel::VA},   {"VB", NodeLevel::VB},
    {"VI", NodeLevel::VI},   {"VII", NodeLevel::VII}, {"RP", NodeLevel::RP}};
constexpr int kOtherClass = 12;

// Instance labels -> classes. Rejected nodes become background.
LabelMap classLabels(const LabelMap& instances, const std::vector<NodeRecord>& nodes, bool perLevel)
{
    std::map<std::uint16_t, std::uint16_t> classOf;
    for (const NodeRecord& node : nodes)
        classOf[node.label] = node.status == NodeStatus::Rejected ? 0 : perLevel ? static_cast<std::uint16_t>(nnunetLevelClass(node.level)) : 1;
    LabelMap classes(instances.geometry(), 0);
    const std::uint16_t* in = instances.data();
    std::uint16_t* out = classes.data();
    for (std::size_t n = 0; n < instances.voxelCount(); ++n) {
        if (!in[n])
            continue;
        const auto known = classOf.find(in[n]);
        out[n] = known != classOf.end() ? known->second : static_cast<std::uint16_t>(perLevel ? kOtherClass : 1);
    }
    return classes;
}

}  // namespace

int nnunetLevelClass(NodeLevel level)
{
    for (std::size_t n = 0; n < kLevelClasses.size(); ++n)
        if (kLevelClasses[n].second == level)
            return static_cast<int>(n) + 1;
    return kOtherClass;
}

ExportSummary exportNnUnet(const std::vector<ExportCase>& cases, const ExportOptions& options)
{
    if (options.nnunetDatasetId < 1 || options.nnunetDatasetId > 999)
        throw std::runtime_error("nnU-Net dataset id " + std::to_string(options.nnunetDatasetId) + " is not within 1..999");
    for (char c : options.nnunetDatasetName)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-')
            throw std::runtime_error("nnU-Net dataset name '" + options.nnunetDatasetName + "' may hold letters, digits, '_' and '-' only");
    if (options.nnunetDatasetName.empty())
        throw std::runtime_error("nnU-Net dataset name is empty");
    char folderName[160];
    std::snprintf(folderName, sizeof folderName, "Dataset%03d_%s", options.nnunetDatasetId, options.nnunetDatasetName.c_str());
    const std::string dataset = folderName;

    ExportRun run(cases, options, "nnunet");
    nlohmann::json manifest = run.manifestHeader();
    manifest["dataset_folder"] = dataset;
    nlohmann::json split = {{"train", nlohmann::json::array()}, {"val", nlohmann::json::array()}};
    int training = 0;
    for (const ExportCase& c : cases) {
        const LoadedExportCase loaded = loadExportCase(c);
        const bool test = c.split == "test";
        const std::string image = dataset + (test ? "/imagesTs/" : "/imagesTr/") + c.caseId + "_0000.nii.gz";
        writeImage(loaded.image, run.stagedPath(image));
        nlohmann::json entry = run.caseEntry(c, loaded.nodes);
        entry["files"] = {{"image", image}};
        if (!test || options.nnunetTestLabels) {
            const std::string labels = dataset + (test ? "/labelsTs/" : "/labelsTr/") + c.caseId + ".nii.gz";
            writeImage(classLabels(loaded.labels, loaded.nodes, options.perLevel), run.stagedPath(labels));
            entry["files"]["labels"] = labels;
        }
        if (!test) {
            ++training;
            split[c.split == "train" ? "train" : "val"].push_back(c.caseId);
        }
        manifest["cases"].push_back(entry);
        run.countNodes(loaded.nodes.size());
    }
    nlohmann::json labels = {{"background", 0}};
    if (options.perLevel) {
        for (std::size_t n = 0; n < kLevelClasses.size(); ++n)
            labels[kLevelClasses[n].first] = n + 1;
        labels["Other"] = kOtherClass;
    } else {
        labels["node"] = 1;
    }
    run.writeJson(dataset + "/dataset.json", {{"name", options.nnunetDatasetName},
                                              {"description", "Cervical lymph nodes on neck CT, reviewed in lnseg"},
                                              {"channel_names", {{"0", "CT"}}},
                                              {"labels", labels},
                                              {"numTraining", training},
                                              {"file_ending", ".nii.gz"}});
    if (!split["val"].empty())
        run.writeJson("splits_final.json", nlohmann::json::array({split}));
    run.writeJson("manifest.json", manifest);
    return run.finish();
}

}  // namespace lnseg
