#pragma once
// The common interface of every segmentation network: forward(x) -> logits (+ side maps).
// Includes LibTorch: include it only from the few files that run models.

#include "ModelSpec.h"

#include <torch/torch.h>

#include <cstdint>
#include <memory>
#include <vector>

namespace lnseg::model {

// All maps are logits (apply sigmoid for probabilities) at the input's full spatial size,
// shaped (N, 1, spatial...).
struct ModelOutput {
    torch::Tensor logits;
    std::vector<torch::Tensor> sideLogits;  // deep-supervised side maps (SNet), may be empty
};

class SegmentationModel {
public:
    virtual ~SegmentationModel() = default;

    // input: (N, inputChannels, H, W) for 2d/2.5d, (N, inputChannels, D, H, W) for 3d.
    virtual ModelOutput forward(const torch::Tensor& input) = 0;
    // The torch module holding every parameter and buffer (for optimisers and serialisation).
    virtual std::shared_ptr<torch::nn::Module> module() const = 0;

    const ModelSpec& spec() const { return spec_; }
    std::vector<torch::Tensor> parameters() const { return module()->parameters(); }
    std::int64_t parameterCount() const;
    void to(const torch::Device& device) { module()->to(device); }
    void train(bool on = true) { module()->train(on); }
    void eval() { module()->eval(); }
    bool isTraining() const { return module()->is_training(); }

protected:
    explicit SegmentationModel(ModelSpec resolved) : spec_(std::move(resolved)) {}

private:
    ModelSpec spec_;
};

// Stores every 4-D weight (2D convolutions) channels-last (NHWC), the layout oneDNN computes in, so
// that CPU convolutions skip the reorder to and from NCHW at every layer. Feed inputs in the same
// layout (x.contiguous(torch::MemoryFormat::ChannelsLast)). 2d / 2.5d models only.
void useChannelsLast(SegmentationModel& model);

// Builds a freshly initialised model; throws std::invalid_argument for a bad spec.
std::unique_ptr<SegmentationModel> createModel(const ModelSpec& spec);

// A 2.5D model (`channels` stacked slices) that computes exactly what the 2D `source` computes:
// every weight is copied, and the first convolution's single input channel becomes the centre
// channel of the stack (the other channels' weights zero), so fine-tuning starts from the 2D
// model and learns what the neighbouring slices add. Throws std::invalid_argument unless source
// is a 2d model with one input channel and channels is odd and > 1.
std::unique_ptr<SegmentationModel> inflateTo25d(const SegmentationModel& source, std::int64_t channels = 15);

}  // namespace lnseg::model
