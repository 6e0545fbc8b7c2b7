#include "Flops.h"

#include "SegmentationModel.h"

#include <ATen/record_function.h>
#include <torch/torch.h>

#include <cstdio>
#include <cstring>
#include <stdexcept>

namespace lnseg::model {

namespace {

thread_local OperationCount* activeCount = nullptr;
thread_local int countedDepth = 0;  // > 0 inside a counted operator

// Returned by the start callback of a counted operator so that its end callback knows to leave it.
struct CountedOperator : at::ObserverContext {};

std::int64_t product(c10::IntArrayRef values, std::size_t from = 0)
{
    std::int64_t result = 1;
    for (std::size_t index = from; index < values.size(); ++index)
        result *= values[index];
    return result;
}

std::int64_t convolutionMacs(const at::RecordFunction& function, bool* transposed)
{
    const auto inputs = function.inputs();
    // aten::convolution(input, weight, bias, stride, padding, dilation, transposed, output_padding, groups)
    const at::Tensor input = inputs[0].toTensor();
    const at::Tensor weight = inputs[1].toTensor();
    *transposed = inputs[6].toBool();
    const std::int64_t batch = input.size(0);
    if (*transposed)  // every input element meets every weight of its group once
        return batch * product(input.sizes(), 2) * weight.numel();
    const std::vector<std::int64_t> stride = inputs[3].toIntVector();
    const std::vector<std::int64_t> padding = inputs[4].toIntVector();
    const std::vector<std::int64_t> dilation = inputs[5].toIntVector();
    std::int64_t outputPositions = 1;
    for (std::int64_t axis = 2; axis < input.dim(); ++axis) {
        const auto index = std::size_t(axis - 2);
        const auto pick = [index](const std::vector<std::int64_t>& values) {
            return values.size() == 1 ? values[0] : values[index];
        };
        const std::int64_t kernel = weight.size(axis);
        outputPositions *=
            (input.size(axis) + 2 * pick(padding) - pick(dilation) * (kernel - 1) - 1) / pick(stride) + 1;
    }
    return batch * outputPositions * weight.numel();  // weight: Cout x Cin/groups x k...
}

std::unique_ptr<at::ObserverContext> onStart(const at::RecordFunction& function)
{
    OperationCount* count = activeCount;
    if (!count)
        return nullptr;
    const char* name = function.name();
    const bool isConvolution = std::strcmp(name, "aten::convolution") == 0;
    const bool isMatmul = std::strcmp(name, "aten::mm") == 0 || std::strcmp(name, "aten::addmm") == 0 ||
                          std::strcmp(name, "aten::bmm") == 0 || std::strcmp(name, "aten::baddbmm") == 0;
    if (!isConvolution && !isMatmul)
        return nullptr;
    if (countedDepth == 0) try {
        if (isConvolution) {
            bool transposed = false;
            const std::int64_t macs = convolutionMacs(function, &transposed);
            (transposed ? count->transposedConvolutionMacs : count->convolutionMacs) += macs;
            ++count->convolutions;
        } else {
            const auto inputs = function.inputs();
            // addmm/baddbmm: (self, first, second, ...); mm/bmm: (first, second)
            const bool accumulating = name[6] == 'a';  // "aten::addmm", "aten::baddbmm" vs "aten::mm", "aten::bmm"
            const bool batched = std::strstr(name, "bmm") != nullptr;
            const at::Tensor first = inputs[accumulating ? 1 : 0].toTensor();
            const at::Tensor second = inputs[accumulating ? 2 : 1].toTensor();
            count->matmulMacs += batched ? first.size(0) * first.size(1) * first.size(2) * second.size(2)
                                         : first.size(0) * first.size(1) * second.size(1);
            ++count->matmuls;
        }
    } catch (const std::exception& error) {
        // An argument layout this code does not know (another LibTorch version): say so, never
        // throw through the dispatcher.
        std::fprintf(stderr, "lnseg FLOPs counter: cannot count %s: %s\n", name, error.what());
    }
    ++countedDepth;
    return std::make_unique<CountedOperator>();
}

void onEnd(const at::RecordFunction&, at::ObserverContext* context)
{
    if (context)
        --countedDepth;
}

}  // namespace

OperationCounter::OperationCounter()
{
    if (activeCount)
        throw std::logic_error("an OperationCounter is already counting on this thread");
    activeCount = &m_count;
    countedDepth = 0;
    m_handle = at::addThreadLocalCallback(at::RecordFunctionCallback(onStart, onEnd)
                                              .needsInputs(true)
                                              .scopes({at::RecordScope::FUNCTION}));
}

OperationCounter::~OperationCounter()
{
    at::removeCallback(m_handle);
    activeCount = nullptr;
    countedDepth = 0;
}

OperationCount countForwardOperations(SegmentationModel& model, const std::vector<std::int64_t>& inputShape)
{
    const std::vector<torch::Tensor> parameters = model.parameters();
    const torch::Device device = parameters.empty() ? torch::Device(torch::kCPU) : parameters.front().device();
    const bool wasTraining = model.isTraining();
    model.eval();
    OperationCount result;
    {
        c10::InferenceMode inference;
        const torch::Tensor input = torch::zeros(inputShape, torch::TensorOptions().device(device));
        OperationCounter counter;
        model.forward(input);
        result = counter.count();
    }
    model.train(wasTraining);
    return result;
}

}  // namespace lnseg::model
