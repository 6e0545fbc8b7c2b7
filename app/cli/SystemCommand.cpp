// lnseg system: what the segmentation engine runs on here (LibTorch, the BLAS library actually
// loaded, oneDNN, threads, CUDA) and the settings it chooses for this machine.
#include "cli/Command.h"

#include "engine/DefaultModel.h"
#include "model/Distributed.h"
#include "model/EngineDescription.h"

#include <QCoreApplication>

#include <nlohmann/json.hpp>

#include <cstdio>

namespace lnseg::cli {

int runSystem(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Describe what the segmentation engine runs on: LibTorch version, the BLAS library loaded in this process, "
        "oneDNN, OpenMP threads, flush-to-zero, CUDA devices, and the batch sizes and threads chosen for this "
        "machine. Warns when the engine would run on netlib's reference BLAS and says how to fix it.");
    const QCommandLineOption json("json", "Print one JSON object.");
    parser.addOption(json);
    if (!parseCommandLine(parser, arguments, 0, 0))
        return 0;
    const model::EngineDescription engine = model::describeEngine("auto");
    const std::string& device = engine.device;
    const model::ExecutionDefaults& defaults = engine.defaults;
    const model::ComputeSystemReport& report = engine.report;
    std::string defaultModel;
    try {
        defaultModel = locateDefaultModel(QCoreApplication::applicationDirPath().toStdString());
    } catch (const std::exception& error) {
        defaultModel = std::string("not found: ") + error.what();
    }
    const nlohmann::json defaultsJson{{"device", device},
                                      {"inference_batch", defaults.inferenceBatch},
                                      {"patch_batch", defaults.patchBatch},
                                      {"training_batch", defaults.trainingBatch},
                                      {"training_batch_3d", defaults.trainingBatch3d},
                                      {"training_crop", defaults.trainingCrop},
                                      {"threads", device == "cpu" ? defaults.threads : 0},
                                      {"flush_denormals", defaults.flushDenormals},
                                      {"channels_last_inference", defaults.channelsLastInference}};
    if (parser.isSet(json)) {
        nlohmann::json object = nlohmann::json::parse(report.toJson());
        object["engine_defaults"] = defaultsJson;
        object["default_model"] = defaultModel;
        object["data_parallel_backends"] = model::distributedBackendsBuiltIn();
        std::printf("%s\n", object.dump(2).c_str());
    } else {
        std::printf("%s", report.toText().c_str());
        std::printf("Engine defaults (%s): %d slice(s) per forward pass, %d 3d window(s), training batch %d "
                    "(crops of %d px; 3d: %d), %d thread(s), flush denormals %s, channels-last inference %s\n",
                    device.c_str(), defaults.inferenceBatch, defaults.patchBatch, defaults.trainingBatch,
                    defaults.trainingCrop, defaults.trainingBatch3d, device == "cpu" ? defaults.threads : 0,
                    defaults.flushDenormals ? "on" : "off", defaults.channelsLastInference ? "on" : "off");
        std::printf("Default model: %s\n", defaultModel.c_str());
        const std::string backends = model::distributedBackendsBuiltIn();
        std::printf("Data-parallel training (torchrun, mpirun, srun): %s\n",
                    backends.empty() ? "not built in (no Gloo headers at build time)" : backends.c_str());
    }
    for (const std::string& warning : report.warnings)
        std::fprintf(stderr, "lnseg system: warning: %s\n", warning.c_str());
    return 0;
}

}  // namespace lnseg::cli
