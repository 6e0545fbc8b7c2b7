// FLOPs counting (core/model/Flops.h) against hand counts on tiny layers, and the scaling laws of
// SNet's axial attention.
#include "model/Flops.h"
#include "model/ReverseAxialAttention.h"
#include "model/SegmentationModel.h"

#include <torch/torch.h>

#include <QtTest/QtTest>

using namespace lnseg::model;

class FlopsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { torch::set_num_threads(1); }

    void oneConvolutionMatchesHandCount()
    {
        torch::nn::Conv2d convolution(torch::nn::Conv2dOptions(3, 5, 3).padding(1));
        const torch::Tensor input = torch::randn({2, 3, 10, 12});
        OperationCount count;
        {
            OperationCounter counter;
            convolution(input);
            count = counter.count();
        }
        // 2 * Cin * Cout * k * k * H * W per image, 2 images.
        QCOMPARE(count.flops(), 2.0 * 3 * 5 * 3 * 3 * 10 * 12 * 2);
        QCOMPARE(count.convolutions, std::int64_t(1));  // the backend's inner calls are not counted again
        QCOMPARE(count.matmulMacs, std::int64_t(0));
        QCOMPARE(count.transposedConvolutionMacs, std::int64_t(0));

        // Nothing is counted outside a counter's lifetime, and counters start from zero.
        convolution(input);
        OperationCounter fresh;
        QCOMPARE(fresh.count().macs(), std::int64_t(0));
        QVERIFY_THROWS_EXCEPTION(std::logic_error, OperationCounter());
    }

    void stridedDilatedConvolution3d()
    {
        torch::nn::Conv3d convolution(torch::nn::Conv3dOptions(2, 4, 3).stride(2).padding(2).dilation(2).bias(false));
        const torch::Tensor input = torch::randn({1, 2, 9, 8, 7});
        OperationCounter counter;
        const torch::Tensor output = convolution(input);
        // Every output value is Cin * k^3 multiply-accumulates.
        QCOMPARE(counter.count().convolutionMacs, output.numel() * 2 * 27);
        QCOMPARE(output.size(2) * output.size(3) * output.size(4), std::int64_t(5 * 4 * 4));
    }

    void transposedConvolutionLinearAndMatmul()
    {
        torch::nn::ConvTranspose2d up(torch::nn::ConvTranspose2dOptions(5, 4, 2).stride(2));
        torch::nn::Linear linear(4, 6);
        OperationCounter counter;
        up(torch::randn({1, 5, 6, 7}));
        // Each of the 5 x 6 x 7 inputs meets 4 x 2 x 2 weights.
        QCOMPARE(counter.count().transposedConvolutionMacs, std::int64_t(5 * 6 * 7 * 4 * 2 * 2));
        linear(torch::randn({3, 4}));                    // addmm
        linear(torch::randn({2, 5, 4}));                 // matmul -> mm
        torch::bmm(torch::randn({2, 3, 4}), torch::randn({2, 4, 5}));
        QCOMPARE(counter.count().matmulMacs, std::int64_t(3 * 4 * 6 + 2 * 5 * 4 * 6 + 2 * 3 * 4 * 5));
        QCOMPARE(counter.count().matmuls, std::int64_t(3));
    }

    void axialAttentionPassMatchesHandCount()
    {
        // Attention along W (axis 3) of a (1, 16, 6, 10) feature: 6 sequences of length 10, d = 2.
        AxialAttentionPass pass(2, 16, 3);
        OperationCounter counter;
        pass->forward(torch::randn({1, 16, 6, 10}));
        const std::int64_t pixels = 6 * 10;
        QCOMPARE(counter.count().convolutionMacs, pixels * 16 * (2 + 2 + 16));  // Q, K, V 1x1 convs
        const std::int64_t sequences = 6, length = 10;
        QCOMPARE(counter.count().matmulMacs,
                 sequences * length * 2 * length      // Q K^T
                     + sequences * 16 * length * length);  // V A^T
    }

    void snetAttentionScalesAsExpected()
    {
        ModelSpec spec;
        spec.architecture = "snet";
        spec.widths = {8, 8, 8};
        spec.attentionChannels = 8;
        auto full = createModel(spec);
        spec.attentionDownsample = 2;
        auto pooled = createModel(spec);
        const OperationCount small = countForwardOperations(*full, {1, 1, 32, 32});
        const OperationCount large = countForwardOperations(*full, {1, 1, 64, 64});
        const OperationCount largePooled = countForwardOperations(*pooled, {1, 1, 64, 64});
        // Axial attention costs H * W * (H + W): doubling the edge multiplies it by 8 ...
        QCOMPARE(large.matmulMacs, 8 * small.matmulMacs);
        // ... and attention on a x2-pooled 64 px feature costs what it costs at 32 px.
        QCOMPARE(largePooled.matmulMacs, small.matmulMacs);
        // Convolutions scale with the pixel count except the squeeze-excitation 1x1 convolutions
        // on pooled (1 x 1) features: a little under 4x.
        QVERIFY(large.convolutionMacs < 4 * small.convolutionMacs);
        QVERIFY(large.convolutionMacs > 4 * small.convolutionMacs - 4 * 1000);
        QCOMPARE(large.transposedConvolutionMacs, 4 * small.transposedConvolutionMacs);
        QVERIFY(full->isTraining());  // createModel returns training mode; counting restores it
    }
};

QTEST_APPLESS_MAIN(FlopsTest)
#include "test_flops.moc"
