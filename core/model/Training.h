#pragma once
// Training a segmentation model on cases of (int16 HU volume, node mask). Torch-free header.
//
// Data come through a TrainingCaseSource (NIfTI pairs on the workstation, phantoms generated in
// memory on a GPU machine). Cases are split at the patient level by a hash of their id (stable
// whatever order or number of other cases). Training streams: at most `cachedCases` prepared
// training cases are held at once (plus one validation case while validating), so memory is
// bounded by (cachedCases + 1) x the largest prepared case (5 bytes per prepared voxel: float
// intensities + a byte of mask), however many cases there are. The cache swaps its oldest case
// for the next one every `stepsPerCaseSwap` steps.
//
// Each step draws a balanced batch (half slices with nodes, half without, when there are such),
// augments it as the paper does (rotation +-10 degrees, vertical flip, brightness/contrast,
// gamma), and takes one Adam step on segmentationLoss. 3d models train on cubic patches of
// `patchSize` prepared voxels instead (half centred on a node voxel, half anywhere; random affine,
// flip and intensity shift: Training3d.h) and validate through the sliding window. Every epoch
// ends with validation Dice and a checkpoint (model + optimizer + epoch + step); training resumes
// from a checkpoint. The final model file carries the preprocessing (3d: its patch_size) and the
// training's metadata.

#include "Distributed.h"
#include "ModelSpec.h"
#include "Preprocessing.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace lnseg::model {

struct TrainingCase {
    std::string caseId;
    std::vector<std::int16_t> image;  // HU, x fastest
    std::vector<std::uint8_t> mask;   // non-zero = node
    // Hard negatives: empty, or non-zero where an earlier model proposed a node that is not one (its
    // false positive components, `lnseg evaluate --false-positives`). Some of the crops that are
    // not centred on a node are centred here (TrainingOptions::hardNegativeFraction).
    std::vector<std::uint8_t> hardNegatives;
    std::int64_t size[3] = {0, 0, 0};
    double spacing[3] = {1, 1, 1};
    VolumeView view() const;
};

class TrainingCaseSource {
public:
    virtual ~TrainingCaseSource() = default;
    virtual std::vector<std::string> caseIds() const = 0;
    // Throws std::runtime_error when the case cannot be read.
    virtual TrainingCase load(const std::string& caseId) = 0;
    // Identifies the data (e.g. ids, sizes and dates of the files); stored in the model file.
    virtual std::string fingerprint() const;
};

struct DataSplit {
    std::vector<std::string> training;
    std::vector<std::string> validation;
};

// Patient-level and deterministic: a case goes to validation when the (mixed) FNV-1a hash of its id falls
// in the lowest `validationFraction` of the hash range. With 2 or more cases each side gets at
// least one (the lowest/highest hashes are moved).
DataSplit splitCases(const std::vector<std::string>& caseIds, double validationFraction);

struct TrainingOptions {
    ModelSpec spec;
    PreprocessingParameters preprocessing;
    std::string outputFolder;           // checkpoints and model.lnsegmodel
    std::string resumeCheckpoint;       // empty: start fresh
    // Fine-tuning: start from this model file's weights (fresh optimizer, step 0). Its spec and
    // preprocessing replace `spec` and `preprocessing`, so the new model reads images exactly as
    // the one it came from. Ignored when resuming (the checkpoint holds the weights).
    std::string initialModel;
    // With initialModel a 2d model: train a 2.5d model that starts as exactly that 2d model
    // (inflateTo25d), stacking in mm by preprocessing.stackSpacingMm.
    bool inflateTo25d = false;
    int epochs = 10;
    int stepsPerEpoch = 200;
    // 0: by device (ComputeSystem.h): on CUDA the paper's (16 for 2d, 8 for 2.5d and 3d); on the
    // CPU 4 crops (2d, 2.5d) or 1 patch (3d), which run several times faster per sample there.
    int batchSize = 0;
    // 2d / 2.5d: edge of the square training crop in prepared pixels. Even-numbered samples of a
    // batch are centred on a random node pixel of their slice (jittered by up to a quarter crop),
    // the others lie anywhere in their slice; outside the slice is air. -1: by device (CPU 128,
    // i.e. 160 mm at 1.25 mm, about a neck's width, so the axial attention still sees both sides;
    // CUDA: whole slices); 0: whole slices.
    int cropSize = -1;
    // Of the samples not centred on a node (odd-numbered), the fraction centred on a random hard
    // negative pixel (TrainingCase::hardNegatives) of a cached case that has some; whole-slice
    // batches take a slice through one. The rest lie anywhere. Without hard negatives: none.
    double hardNegativeFraction = 0.5;
    double learningRate = 0;            // 0: the paper's (5e-5 for 2d/2.5d, 1e-4 for 3d)
    double validationFraction = 0.2;
    // A split given by the caller (a project's patient-level split), used instead of splitCases
    // when it names training cases; every case must be one of the source's.
    DataSplit fixedSplit;
    int validationSlicesPerCase = 0;    // 0: every slice; else that many, evenly spaced (2d, 2.5d)
    // 3d: edge of the cubic training patch in prepared voxels (the paper: 96); written to the model
    // file's preprocessing "patch_size", so inference slides windows of the same size. 3d
    // validation runs the sliding window (50 % overlap) over every voxel of each validation case.
    int patchSize = 96;
    int cachedCases = 4;
    int stepsPerCaseSwap = 5;
    bool augment = true;
    // 2d / 2.5d, with augment: "paper" (the paper's geometry and intensity augmentations) or
    // "appearance" (those, plus pixel size x[0.8, 1.25], reconstruction kernel and correlated
    // noise: Training3d.h, augmentAppearance), so that a model learns nodes, not one scanner.
    std::string augmentation = "appearance";
    // Keep BatchNorm's running statistics as they are (the BatchNorm layers in eval mode while
    // training). For fine-tuning on the CPU's small batches of crops, whose statistics differ from
    // the whole slices that inference sees (the statistics a GPU-trained model learnt stay valid).
    bool freezeBatchNorm = false;
    // Validate once before the first step (reported as epoch 0): what fine-tuning or a resumed
    // run starts from.
    bool validateFirst = false;
    std::string device = "auto";        // "auto", "cpu", "cuda"
    int threads = 0;                    // CPU threads; 0: one per hardware thread
    std::uint64_t seed = 1;
    double maximumSeconds = 0;          // stop (and save) after this long; 0: no limit
    std::string extraMetadataJson = "{}";  // merged into the model file's metadata
    // Data-parallel training when a launcher (torchrun, mpirun, srun) started this process as one of
    // several (Distributed.h; ARCHITECTURE.md, "Training on several processes"). `batchSize` is then
    // per process; steps are global steps.
    DistributedOptions distributed;
};

struct TrainingProgress {
    int epoch = 0;              // 1-based
    int epochs = 0;
    int step = 0;               // within the epoch, 1-based
    int stepsPerEpoch = 0;
    std::int64_t globalStep = 0;
    double loss = 0;
    double validationDice = -1; // -1 until the first validation
    double secondsElapsed = 0;
    double secondsLeft = 0;
    bool epochEnd = false;
};

struct TrainingResult {
    std::string modelFile;
    std::string lastCheckpoint;
    int epochsCompleted = 0;
    std::int64_t globalStep = 0;
    double lastLoss = 0;
    double validationDice = -1;
    DataSplit split;
    bool cancelled = false;
    bool stoppedByTimeLimit = false;
    std::size_t peakCachedCases = 0;
    std::size_t peakCachedBytes = 0;
    std::size_t casesLoaded = 0;
    double seconds = 0;
    double slicesPerSecond = 0;   // training samples per second: slices (2d, 2.5d) or patches (3d)
    std::int64_t hardNegativeSamples = 0;  // samples centred on (or sliced through) a hard negative
    std::string device;
    std::string metadataJson;
    // Data-parallel: this process's rank (only rank 0 writes checkpoints and the model file: the
    // others' modelFile and lastCheckpoint stay empty), the number of processes and the backend.
    int rank = 0;
    int worldSize = 1;
    std::string backend = "none";
};

using TrainingProgressCallback = std::function<void(const TrainingProgress&)>;

// Throws std::runtime_error on bad data or options. Cancellation (cancel set) stops after the
// current step without saving a model; the last checkpoint stays usable for resuming.
TrainingResult trainModel(const TrainingOptions& options, TrainingCaseSource& source,
                          const TrainingProgressCallback& progress = {}, const std::atomic<bool>* cancel = nullptr);

}  // namespace lnseg::model
