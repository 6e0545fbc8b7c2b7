#include "SegmentationModel.h"

#include "AttentionUnet.h"
#include "Layers.h"
#include "Snet.h"

#include <stdexcept>

namespace lnseg::model {

std::int64_t SegmentationModel::parameterCount() const {
    std::int64_t count = 0;
    for (const torch::Tensor& parameter : parameters()) count += parameter.numel();
    return count;
}

namespace {

// Wraps a TORCH_MODULE holder; pads inputs whose spatial size is not a multiple of the
// network's total down-sampling (edge replication, right/bottom/back only) and crops the outputs
// back, so any slice or patch size can be fed.
template <typename Holder>
class WrappedModel final : public SegmentationModel {
public:
    WrappedModel(ModelSpec resolved, Holder holder, std::int64_t multiple)
        : SegmentationModel(std::move(resolved)), holder_(std::move(holder)), multiple_(multiple) {}

    ModelOutput forward(const torch::Tensor& input) override {
        const int dimensions = spatialDimensions(spec().mode);
        if (input.dim() != dimensions + 2 || input.size(1) != spec().inputChannels) {
            std::ostringstream message;
            message << spec().architecture << " " << spec().mode << " expects input (N, "
                    << spec().inputChannels << (dimensions == 2 ? ", H, W)" : ", D, H, W)") << ", got "
                    << input.sizes();
            throw std::invalid_argument(message.str());
        }
        const std::vector<std::int64_t> size = layers::spatialSize(input);
        std::vector<std::int64_t> padding;  // F::pad order: last dimension first
        bool needsPadding = false;
        for (auto extent = size.rbegin(); extent != size.rend(); ++extent) {
            const std::int64_t missing = (multiple_ - *extent % multiple_) % multiple_;
            needsPadding = needsPadding || missing > 0;
            padding.push_back(0);
            padding.push_back(missing);
        }
        if (!needsPadding) return holder_->forward(input);

        namespace F = torch::nn::functional;
        const torch::Tensor padded =
            F::pad(input, F::PadFuncOptions(padding).mode(torch::kReplicate));
        ModelOutput output = holder_->forward(padded);
        const auto crop = [&size](const torch::Tensor& map) {
            torch::Tensor cropped = map;
            for (std::size_t axis = 0; axis < size.size(); ++axis)
                cropped = cropped.narrow(static_cast<std::int64_t>(axis) + 2, 0, size[axis]);
            return cropped;
        };
        output.logits = crop(output.logits);
        for (torch::Tensor& side : output.sideLogits) side = crop(side);
        return output;
    }

    std::shared_ptr<torch::nn::Module> module() const override { return holder_.ptr(); }

private:
    Holder holder_;
    std::int64_t multiple_;
};

}  // namespace

void useChannelsLast(SegmentationModel& model) {
    torch::NoGradGuard noGrad;
    for (auto& parameter : model.module()->parameters())
        if (parameter.dim() == 4)
            parameter.set_data(parameter.contiguous(torch::MemoryFormat::ChannelsLast));
}

std::unique_ptr<SegmentationModel> createModel(const ModelSpec& spec) {
    ModelSpec resolved = resolvedSpec(spec);
    if (resolved.architecture == "snet") {
        Snet network(resolved);
        return std::make_unique<WrappedModel<Snet>>(std::move(resolved), network, 4);
    }
    AttentionUnet network(resolved);
    const std::int64_t multiple = std::int64_t{1} << (resolved.widths.size() - 1);
    return std::make_unique<WrappedModel<AttentionUnet>>(std::move(resolved), network, multiple);
}

std::unique_ptr<SegmentationModel> inflateTo25d(const SegmentationModel& source, std::int64_t channels)
{
    if (source.spec().mode != "2d" || source.spec().inputChannels != 1)
        throw std::invalid_argument("only a 2d model with one input channel can be inflated to 2.5d");
    if (channels < 3 || channels % 2 == 0)
        throw std::invalid_argument("a 2.5d stack has an odd number (3 or more) of channels");
    ModelSpec spec = source.spec();
    spec.mode = "2.5d";
    spec.inputChannels = channels;
    std::unique_ptr<SegmentationModel> target = createModel(spec);
    torch::NoGradGuard noGrad;
    const auto sourceParameters = source.module()->named_parameters(true);
    for (auto& item : target->module()->named_parameters(true)) {
        const torch::Tensor* from = sourceParameters.find(item.key());
        torch::Tensor to = item.value();
        if (!from)
            throw std::invalid_argument("inflating to 2.5d: the 2d model has no parameter " + item.key());
        if (from->sizes() == to.sizes()) {
            to.copy_(*from);
            continue;
        }
        // The stem: (out, 1, k, k) -> (out, channels, k, k), the 2d kernel on the centre channel.
        std::vector<std::int64_t> expected(from->sizes().begin(), from->sizes().end());
        if (expected.size() < 2 || expected[1] != 1)
            throw std::invalid_argument("inflating to 2.5d: unexpected shape of " + item.key());
        expected[1] = channels;
        if (to.sizes() != torch::IntArrayRef(expected))
            throw std::invalid_argument("inflating to 2.5d: unexpected shape of " + item.key());
        to.zero_();
        to.narrow(1, channels / 2, 1).copy_(*from);
    }
    const auto sourceBuffers = source.module()->named_buffers(true);
    for (auto& item : target->module()->named_buffers(true)) {
        const torch::Tensor* from = sourceBuffers.find(item.key());
        if (!from || from->sizes() != item.value().sizes())
            throw std::invalid_argument("inflating to 2.5d: the buffers differ at " + item.key());
        item.value().copy_(*from);
    }
    target->train(source.isTraining());
    return target;
}

}  // namespace lnseg::model
