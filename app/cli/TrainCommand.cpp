// lnseg train: train a segmentation model on a folder of image / label map pairs.
#include "cli/Command.h"

#include "engine/ModelRegistration.h"
#include "engine/ProjectTrainingData.h"
#include "engine/TrainingData.h"
#include "project/ModelRegistry.h"

#include <nlohmann/json.hpp>

#include <memory>

#include <csignal>
#include <cstdio>

namespace lnseg::cli {
namespace {

std::atomic<bool> g_interrupted{false};
void onInterrupt(int) { g_interrupted = true; }

}  // namespace

int runTrain(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Train SNet or the attention U-Net on DIR's CASE_image.nii.gz / CASE_labels.nii.gz pairs (as `lnseg "
        "phantom` writes them). Writes OUT/checkpoint_epoch_NNN.pt every epoch and OUT/model.lnsegmodel at the "
        "end. Ctrl-C stops after the current step; resume with --resume. With --project instead of --data: "
        "trains on the project's approved cases on the train side of its split, validates on the validation "
        "side, and registers the model in the project's registry (printing its id). --mode 3d trains on cubic "
        "patches of --patch-size prepared voxels (the paper: 96^3, batch 8, lr 1e-4; a GPU job), half of them "
        "centred on nodes, and validates by sliding-window inference. Started by torchrun, mpirun -np N or srun, it trains "
        "data-parallel (c10d: Gloo on the CPU, NCCL on CUDA): --batch per process, rank 0 validates, prints and writes the "
        "files (core/model/ARCHITECTURE.md, \"Training on several processes\").");
    const QCommandLineOption data("data", "Folder of training pairs.", "DIR");
    const QCommandLineOption projectFolder("project", "Project folder (instead of --data).", "DIR");
    const QCommandLineOption includeReviewed("include-reviewed", "--project: train on Reviewed cases too, not only Approved.");
    const QCommandLineOption parent("parent", "--project: registry id of the model this one continues (with --resume).", "ID");
    const QCommandLineOption note("note", "--project: a note stored with the model in the registry.", "TEXT");
    const QCommandLineOption user("user", "--project: author (default $LNSEG_USER, else $USER).", "NAME");
    const QCommandLineOption noTestEvaluation("no-test-evaluation",
                                              "--project: do not run the model on the test cases for the registry's test metrics.");
    const QCommandLineOption architecture("arch", "snet or attunet (default snet).", "ARCH", "snet");
    const QCommandLineOption mode("mode", "2d, 2.5d or 3d (default 2d).", "MODE", "2d");
    const QCommandLineOption out("out", "Output folder.", "DIR");
    const QCommandLineOption epochs("epochs", "Epochs (default 10).", "N", "10");
    const QCommandLineOption steps("steps-per-epoch", "Steps per epoch (default 200).", "N", "200");
    const QCommandLineOption batch("batch", "Batch size (default by device: CPU 4 crops for 2d/2.5d, 1 patch for 3d; "
                                   "CUDA the paper's 16 for 2d, 8 for 2.5d and 3d).", "N", "0");
    const QCommandLineOption crop("crop", "2d/2.5d: square training crops of N prepared pixels, half centred near a node "
                                  "(default by device: CPU 128, CUDA 0 = whole slices).", "N", "-1");
    const QCommandLineOption learningRate("lr", "Adam learning rate (default: the paper's, 5e-5 for 2d and 2.5d, 1e-4 for 3d).", "X", "0");
    const QCommandLineOption resume("resume", "Continue from a checkpoint.", "CKPT");
    const QCommandLineOption initFrom("init-from", "Fine-tune: start from this model file's weights (a fresh optimizer); "
                                      "its architecture, mode and preprocessing replace --arch, --mode and --pixel-spacing. With --mode 2.5d and a "
                                      "2d model: a 2.5d model that starts as the 2d one.", "MODEL");
    const QCommandLineOption device("device", "cpu, cuda or auto (default auto).", "DEVICE", "auto");
    const QCommandLineOption threads("threads", "CPU threads (default: all).", "N", "0");
    const QCommandLineOption spacing("pixel-spacing", "In-plane spacing the network sees, mm (default 1.25).", "MM", "1.25");
    const QCommandLineOption stackSpacing("stack-spacing", "2.5d: z distance between the 15 stacked channels in mm, "
                                          "whatever the slice spacing (default 2; 0 stacks neighbouring slices).", "MM", "2");
    const QCommandLineOption attentionDownsample("attention-downsample", "SNet: pool the axial attention by F (default 1).", "F", "1");
    const QCommandLineOption cached("cached-cases", "Training cases held in memory at once (default 4).", "N", "4");
    const QCommandLineOption validationSlices("validation-slices", "Slices per validation case (default: all; 2d and 2.5d).", "N", "0");
    const QCommandLineOption patchSize("patch-size", "3d: edge of the cubic training patch in prepared voxels, stored in the "
                                       "model file for inference (default 96).", "N", "96");
    const QCommandLineOption seed("seed", "Random seed (default 1).", "S", "1");
    const QCommandLineOption noAugmentation("no-augmentation", "Train without augmentation.");
    const QCommandLineOption augmentation("augmentation", "2d/2.5d: paper (rotation, flip, brightness, contrast, gamma) or "
                                          "appearance (those, plus pixel size, reconstruction kernel and correlated noise; "
                                          "the default).", "KIND", "appearance");
    const QCommandLineOption freezeBatchNorm("freeze-batch-norm", "Keep BatchNorm's running statistics (for fine-tuning on "
                                             "small batches of crops).");
    const QCommandLineOption validateFirst("validate-first", "Validate before the first step (printed as epoch 0).");
    const QCommandLineOption hardNegativeFraction(
        "hard-negative-fraction", "2d/2.5d: of the samples not centred on a node, the fraction centred on an earlier "
        "model's false positives where the data has them (DIR/CASE_hard_negatives.nii.gz, written by `lnseg evaluate "
        "--false-positives`; default 0.5).", "F", "0.5");
    // Data-parallel training (core/model/Distributed.h): launched by torchrun, mpirun or srun.
    const QCommandLineOption distTimeout("dist-timeout", "Several processes: seconds after which a rank that does not answer "
                                         "(died, hung, never started) stops the others (default 300).", "S", "300");
    const QCommandLineOption distBackend("dist-backend", "Several processes: gloo, nccl or auto (default: NCCL on CUDA when "
                                         "built in, else Gloo).", "B", "auto");
    const QCommandLineOption distBucket("dist-bucket-mb", "Several processes: gradient all-reduce bucket size in MB (default 2).",
                                        "MB", "2");
    const QCommandLineOption distNoOverlap("dist-no-overlap", "Several processes: all-reduce the gradients after backward, "
                                           "not during it.");
    const QCommandLineOption simulateRanks("simulate-ranks", "Reproduce an N-process run in this one process (each step: every "
                                           "rank's batch from its shard, gradients averaged); for checks.", "N", "0");
    for (const auto* option : {&data, &architecture, &mode, &out, &epochs, &steps, &batch, &crop, &learningRate, &resume, &initFrom, &device,
                               &threads, &spacing, &attentionDownsample, &cached, &validationSlices, &patchSize, &seed, &noAugmentation,
                               &augmentation, &freezeBatchNorm, &validateFirst, &stackSpacing, &hardNegativeFraction,
                               &projectFolder, &includeReviewed, &parent, &note, &user, &noTestEvaluation, &distTimeout,
                               &distBackend, &distBucket, &distNoOverlap, &simulateRanks})
        parser.addOption(*option);
    if (!parseCommandLine(parser, arguments, 0, 0))
        return 0;
    if (parser.isSet(data) == parser.isSet(projectFolder) || !parser.isSet(out))
        throw UsageError("--data DIR or --project DIR, and --out DIR, are required");
    if (!parser.isSet(projectFolder))
        for (const auto* option : {&includeReviewed, &parent, &note, &user, &noTestEvaluation})
            if (parser.isSet(*option))
                throw UsageError("--" + option->names().front().toStdString() + " goes with --project");
    model::TrainingOptions options;
    options.spec.architecture = parser.value(architecture).toStdString();
    options.spec.mode = parser.value(mode).toStdString();
    if (options.spec.architecture != "snet" && options.spec.architecture != "attunet")
        throw UsageError("--arch must be snet or attunet");
    if (options.spec.mode != "2d" && options.spec.mode != "2.5d" && options.spec.mode != "3d")
        throw UsageError("--mode must be 2d, 2.5d or 3d");
    options.spec.attentionDownsample = integerOption(parser, attentionDownsample, 1, 16);
    options.outputFolder = parser.value(out).toStdString();
    options.resumeCheckpoint = parser.value(resume).toStdString();
    options.initialModel = parser.value(initFrom).toStdString();
    // --init-from a 2d model with --mode 2.5d: a 2.5d model that starts as the 2d one (its stem
    // inflated to the stack); everything else comes from the model file.
    options.inflateTo25d = parser.isSet(initFrom) && parser.isSet(mode) && parser.value(mode) == "2.5d";
    if (parser.isSet(initFrom))
        for (const auto* option : {&architecture, &mode, &spacing, &attentionDownsample, &patchSize, &stackSpacing})
            if (parser.isSet(*option) && !(options.inflateTo25d && (option == &mode || option == &stackSpacing)))
                throw UsageError("--" + option->names().front().toStdString() + " comes from the --init-from model; leave it out "
                                 "(except --mode 2.5d, with --stack-spacing, to inflate a 2d model)");
    options.epochs = integerOption(parser, epochs, 1, 100000);
    options.stepsPerEpoch = integerOption(parser, steps, 1, 10000000);
    options.batchSize = integerOption(parser, batch, 0, 4096);
    options.cropSize = integerOption(parser, crop, -1, 4096);
    if (options.cropSize > 0 && options.cropSize < 8)
        throw UsageError("--crop must be 0 (whole slices) or at least 8 pixels");
    options.threads = integerOption(parser, threads, 0, 256);
    options.cachedCases = integerOption(parser, cached, 1, 100000);
    options.validationSlicesPerCase = integerOption(parser, validationSlices, 0, 100000);
    if (parser.isSet(patchSize) && options.spec.mode != "3d")
        throw UsageError("--patch-size goes with --mode 3d");
    options.patchSize = integerOption(parser, patchSize, 4, 512);
    options.seed = std::uint64_t(integerOption(parser, seed, 0, 2147483647));
    options.augment = !parser.isSet(noAugmentation);
    options.augmentation = parser.value(augmentation).toStdString();
    if (options.augmentation != "paper" && options.augmentation != "appearance")
        throw UsageError("--augmentation must be paper or appearance");
    options.freezeBatchNorm = parser.isSet(freezeBatchNorm);
    options.validateFirst = parser.isSet(validateFirst);
    bool ok = false;
    options.learningRate = parser.value(learningRate).toDouble(&ok);
    if (!ok || options.learningRate < 0 || options.learningRate > 1)
        throw UsageError("--lr must be a number from 0 to 1");
    options.hardNegativeFraction = parser.value(hardNegativeFraction).toDouble(&ok);
    if (!ok || options.hardNegativeFraction < 0 || options.hardNegativeFraction > 1)
        throw UsageError("--hard-negative-fraction must be a number from 0 to 1");
    options.preprocessing.targetPixelSpacingMm = parser.value(spacing).toDouble(&ok);
    if (!ok || options.preprocessing.targetPixelSpacingMm < 0 || options.preprocessing.targetPixelSpacingMm > 5)
        throw UsageError("--pixel-spacing must be a number from 0 to 5");
    options.preprocessing.stackSpacingMm = parser.value(stackSpacing).toDouble(&ok);
    if (!ok || options.preprocessing.stackSpacingMm < 0 || options.preprocessing.stackSpacingMm > 50)
        throw UsageError("--stack-spacing must be a number from 0 to 50");
    if (parser.isSet(stackSpacing) && options.spec.mode != "2.5d")
        throw UsageError("--stack-spacing goes with --mode 2.5d");
    options.device = parser.value(device).toStdString();
    if (options.device != "auto" && options.device != "cpu" && options.device != "cuda")
        throw UsageError("--device must be cpu, cuda or auto");
    options.distributed.timeoutSeconds = integerOption(parser, distTimeout, 1, 86400);
    options.distributed.backend = parser.value(distBackend).toStdString();
    if (options.distributed.backend != "auto" && options.distributed.backend != "gloo" && options.distributed.backend != "nccl")
        throw UsageError("--dist-backend must be gloo, nccl or auto");
    options.distributed.bucketMegabytes = parser.value(distBucket).toDouble(&ok);
    if (!ok || options.distributed.bucketMegabytes < 0.01 || options.distributed.bucketMegabytes > 4096)
        throw UsageError("--dist-bucket-mb must be a number from 0.01 to 4096");
    options.distributed.overlap = !parser.isSet(distNoOverlap);
    options.distributed.simulatedRanks = integerOption(parser, simulateRanks, 0, 4096);
    // Under torchrun, mpirun or srun every rank runs this command; only rank 0 talks (and registers).
    const model::DistributedEnvironment environment = model::detectDistributedEnvironment();
    if (environment.active() && options.distributed.simulatedRanks > 0)
        throw UsageError("--simulate-ranks runs one process; this one was started as " + environment.describe());
    const bool quiet = environment.rank != 0;
    if (environment.active() && !quiet) {
        std::printf("data-parallel training: %d processes (%s), rendezvous %s:%d\n", environment.worldSize,
                    environment.launcher.c_str(), environment.masterAddress.c_str(), environment.masterPort);
        std::fflush(stdout);
    }

    std::unique_ptr<model::TrainingCaseSource> source;
    std::unique_ptr<project::Project> project;
    ProjectCaseSource* projectSource = nullptr;
    if (parser.isSet(projectFolder)) {
        project = std::make_unique<project::Project>(project::Project::open(parser.value(projectFolder).toStdString()));
        if (parser.isSet(parent) && !project::ModelRegistry::open(project->folder()).find(parser.value(parent).toStdString()))
            throw std::runtime_error("the project's registry has no model " + parser.value(parent).toStdString());
        auto created = std::make_unique<ProjectCaseSource>(*project, parser.isSet(includeReviewed));
        projectSource = created.get();
        options.fixedSplit = created->trainingSplit();
        source = std::move(created);
        if (!quiet)
            std::printf("project '%s', data version %lld: %zu training cases, %zu validation cases (%zu test cases held out)\n",
                    project->manifest().name.c_str(), projectSource->dataVersion(), projectSource->split().train.size(),
                    projectSource->split().validation.size(), projectSource->split().test.size());
    } else {
        source = std::make_unique<ImageFolderCaseSource>(parser.value(data).toStdString());
        const model::DataSplit split = model::splitCases(source->caseIds(), options.validationFraction);
        if (!quiet)
            std::printf("%zu training cases, %zu validation cases\n", split.training.size(), split.validation.size());
    }
    std::fflush(stdout);
    std::signal(SIGINT, onInterrupt);
    const model::TrainingResult result = model::trainModel(
        options, *source,
        [](const model::TrainingProgress& progress) {
            if (progress.epochEnd || progress.step % 10 == 0 || progress.step == 1) {
                std::printf("epoch %d/%d step %d/%d loss %.4f validation dice %s %.0f s elapsed, %.0f s left%s\n",
                            progress.epoch, progress.epochs, progress.step, progress.stepsPerEpoch, progress.loss,
                            progress.validationDice < 0 ? "-" : std::to_string(progress.validationDice).c_str(),
                            progress.secondsElapsed, progress.secondsLeft, !progress.epochEnd ? "" : progress.step == 0 ? " (before training)" : " (checkpoint)");
                std::fflush(stdout);
            }
        },
        &g_interrupted);
    std::signal(SIGINT, SIG_DFL);
    if (quiet)
        return result.cancelled ? 130 : 0;  // rank 0 writes the model, reports and registers it
    if (result.cancelled) {
        std::printf("interrupted at step %lld; last checkpoint: %s\n", static_cast<long long>(result.globalStep),
                    result.lastCheckpoint.empty() ? "(none)" : result.lastCheckpoint.c_str());
        return 130;
    }
    std::printf("model: %s\nepochs %d, steps %lld, validation dice %.4f, %.1f training %s/s on %s%s, %.0f s, "
                "peak cache %zu cases / %.1f MB\n",
                result.modelFile.c_str(), result.epochsCompleted, static_cast<long long>(result.globalStep),
                result.validationDice, result.slicesPerSecond, options.spec.mode == "3d" ? "patches" : "slices",
                result.device.c_str(),
                result.worldSize > 1 ? (" x " + std::to_string(result.worldSize) + " processes (" + result.backend + ")").c_str() : "",
                result.seconds,
                result.peakCachedCases, double(result.peakCachedBytes) / 1e6);
    if (result.hardNegativeSamples > 0)
        std::printf("%lld samples centred on hard negatives (earlier false positives)\n",
                    static_cast<long long>(result.hardNegativeSamples));
    if (project) {
        // The model joins the project's registry with what it was trained on and how.
        ModelRegistrationDetails details;
        details.split = projectSource->split();
        details.dataVersion = projectSource->dataVersion();
        details.author = parser.isSet(user) ? parser.value(user).toStdString() : project::currentUserName();
        details.parentModelId = parser.value(parent).toStdString();
        details.note = parser.value(note).toStdString();
        details.includedReviewedCases = parser.isSet(includeReviewed);
        if (!projectSource->split().test.empty() && !parser.isSet(noTestEvaluation)) {
            // The held-out test cases, seen by nobody during training: run the model on them.
            NodeProposalOptions evaluation;
            evaluation.inference.device = options.device;
            evaluation.inference.threads = options.threads;
            details.testMetrics = evaluateModelOnCases(result.modelFile, *projectSource, projectSource->split().test, evaluation);
            std::printf("test cases: %zu, dice %.4f, sensitivity %.3f, %.2f false positives per volume\n",
                        projectSource->split().test.size(), details.testMetrics["dice"].get<double>(),
                        details.testMetrics["sensitivity"].get<double>(),
                        details.testMetrics["falsePositivesPerVolume"].get<double>());
        }
        const std::string id = registerTrainedModel(*project, result, options, details);
        const bool active = project::ModelRegistry::open(project->folder()).activeModelId() == id;
        std::printf("registered %s in project '%s'%s\nmodel id: %s\n", id.c_str(), project->manifest().name.c_str(),
                    active ? " (active)" : "", id.c_str());
    }
    return 0;
}

}  // namespace lnseg::cli
