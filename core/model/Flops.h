#pragma once
// Counting the arithmetic of a forward pass (torch-free header).
//
// How: a LibTorch RecordFunction callback (the hook PyTorch's own profiler uses) observes every
// operator the dispatcher runs on this thread while an OperationCounter is alive, and counts the
// multiply-accumulates (MACs) of the operators that do the arithmetic, from their input shapes:
//   aten::convolution (every conv1d/2d/3d and transposed conv goes through it):
//     normal:     N * prod(output spatial) * weight.numel()     (weight: Cout, Cin/groups, k...)
//     transposed: N * prod(input spatial) * weight.numel()      (weight: Cin, Cout/groups, k...)
//   aten::mm, aten::addmm (nn::Linear, matmul): n * m * p;  aten::bmm, aten::baddbmm: b * n * m * p
//     (the reverse axial attention's Q K^T and V A^T are bmm calls).
// Operators nested inside a counted one (e.g. a backend's own gemm call inside a convolution) are
// not counted again. Biases, BatchNorm, activations, softmax, pooling and interpolation are
// element-wise, memory-bound and not counted. FLOPs = 2 x MACs (the usual convention, e.g.
// 2 * Cin * Cout * k^2 * H * W for one k x k convolution). The count needs a real forward pass,
// because the wiring lives in the forward() code, not in the module tree; it observes exactly
// what runs, including attention pooling and the padding SegmentationModel applies, and needs no
// change to the models. Only the calling thread's operators are counted.

#include <cstdint>
#include <memory>
#include <vector>

namespace lnseg::model {

class SegmentationModel;

struct OperationCount {
    std::int64_t convolutionMacs = 0;            // normal convolutions
    std::int64_t transposedConvolutionMacs = 0;  // transposed convolutions
    std::int64_t matmulMacs = 0;                 // mm, addmm, bmm, baddbmm
    std::int64_t convolutions = 0;               // operator calls
    std::int64_t matmuls = 0;

    std::int64_t macs() const { return convolutionMacs + transposedConvolutionMacs + matmulMacs; }
    double flops() const { return 2.0 * double(macs()); }
};

// Counts while alive (one per thread at a time; a second one on the same thread throws
// std::logic_error).
class OperationCounter {
public:
    OperationCounter();
    ~OperationCounter();
    OperationCounter(const OperationCounter&) = delete;
    OperationCounter& operator=(const OperationCounter&) = delete;
    const OperationCount& count() const { return m_count; }

private:
    OperationCount m_count;
    std::uint64_t m_handle = 0;
};

// One inference forward pass (eval mode, zeros of the given shape, on the model's device) counted.
OperationCount countForwardOperations(SegmentationModel& model, const std::vector<std::int64_t>& inputShape);

}  // namespace lnseg::model
