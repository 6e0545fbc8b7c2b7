#include "phantom/NeckPhantom.h"

#include "nodes/NodeMeasurement.h"
#include "phantom/NodePlacement.h"
#include "phantom/TissueTexture.h"
#include "phantom/VolumeFilters.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <thread>

namespace lnseg {

PhantomOptions PhantomOptions::small(std::uint64_t seed, int columns, int rows, int slices)
{
    PhantomOptions options;
    options.seed = seed;
    options.columns = columns;
    options.rows = rows;
    options.slices = slices;
    options.pixelSpacingMm = 250.0 / std::max(columns, 1);  // neck without the shoulders' full width
    options.sliceSpacingMm = 240.0 / std::max(slices, 1);
    return options;
}

namespace {

void validate(const PhantomOptions& options)
{
    if (options.columns < 16 || options.rows < 16 || options.slices < 4)
        throw std::invalid_argument("phantom grid must be at least 16 x 16 x 4");
    if (!(options.pixelSpacingMm > 0.05) || !(options.sliceSpacingMm > 0.05) || !(options.sliceThicknessMm >= 0))
        throw std::invalid_argument("phantom spacings must be positive");
    if (options.minimumNodes < 0 || options.maximumNodes < options.minimumNodes || options.maximumNodes > 65535)
        throw std::invalid_argument("phantom node count range is invalid");
    if (options.noiseStandardDeviation < 0)
        throw std::invalid_argument("phantom noise must not be negative");
}

SliceCanvas canvasFor(const ImageGeometry& geometry, double thickness, std::vector<float>& values,
                      std::vector<std::uint8_t>& tissues, std::uint16_t* labels, int slice)
{
    const std::size_t sliceSize = static_cast<std::size_t>(geometry.size[0] * geometry.size[1]);
    SliceCanvas canvas;
    canvas.values = values.data() + sliceSize * static_cast<std::size_t>(slice);
    canvas.tissues = tissues.data() + sliceSize * static_cast<std::size_t>(slice);
    canvas.labels = labels ? labels + sliceSize * static_cast<std::size_t>(slice) : nullptr;
    canvas.columns = static_cast<int>(geometry.size[0]);
    canvas.rows = static_cast<int>(geometry.size[1]);
    canvas.originX = geometry.origin[0];
    canvas.originY = geometry.origin[1];
    canvas.spacingX = geometry.spacing[0];
    canvas.spacingY = geometry.spacing[1];
    canvas.spacingZ = thickness;
    canvas.z = geometry.origin[2] + slice * geometry.spacing[2];
    return canvas;
}

}  // namespace

PhantomCase generateNeckPhantom(const PhantomOptions& options, const std::string& caseId)
{
    validate(options);
    const int threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    PhantomRandom random(options.seed);
    const NeckAnatomy anatomy(random);

    ImageGeometry geometry;
    geometry.size = {options.columns, options.rows, options.slices};
    geometry.spacing = {options.pixelSpacingMm, options.pixelSpacingMm, options.sliceSpacingMm};
    // The patient is rarely centred exactly in the field of view.
    const Vector3 centre{random.uniform(-6, 6), anatomy.centreY() + random.uniform(-6, 6), 0.5 * (anatomy.bottom() + anatomy.top())};
    for (int axis = 0; axis < 3; ++axis)
        geometry.origin[axis] = centre[axis] - 0.5 * static_cast<double>(geometry.size[axis] - 1) * geometry.spacing[axis];
    checkAllocatable(geometry.size, sizeof(float));
    const double thickness = options.sliceThicknessMm > 0 ? options.sliceThicknessMm : options.sliceSpacingMm;

    const std::size_t voxelCount = geometry.voxelCount();
    std::vector<float> values(voxelCount);
    std::vector<std::uint8_t> tissues(voxelCount);

    PhantomCase result;
    // 1. Anatomy, slice by slice.
    const StructureList structures = anatomy.buildStructures(random);
    const std::uint64_t textureSeed = random.next();
    parallelFor(options.slices, threads, [&](int begin, int end) {
        for (int k = begin; k < end; ++k) {
            SliceCanvas canvas = canvasFor(geometry, thickness, values, tissues, nullptr, k);
            const std::size_t sliceSize = static_cast<std::size_t>(canvas.columns) * canvas.rows;
            std::fill(canvas.values, canvas.values + sliceSize, -1000.0f);
            std::fill(canvas.tissues, canvas.tissues + sliceSize, static_cast<std::uint8_t>(Tissue::Air));
            for (const auto& structure : structures)
                structure->paint(canvas);
            addTissueTexture(canvas, textureSeed);
        }
    });

    if (options.keepTissueMap) {
        result.tissues = LabelMap(geometry, 0);
        std::copy(tissues.begin(), tissues.end(), result.tissues.data());
    }

    // 2. Lymph nodes where the anatomy leaves room.
    const int nodeCount = random.integer(options.minimumNodes, options.maximumNodes);
    const std::vector<NodePlan> plans = planNodes(anatomy, geometry, tissues, nodeCount, random);
    result.caseId = caseId;
    result.landmarks = anatomy.landmarks();
    result.labels = LabelMap(geometry, 0);
    StructureList nodes;
    for (const NodePlan& plan : plans)
        nodes.push_back(std::make_unique<NodeStructure>(plan));
    std::uint16_t* labels = result.labels.data();
    const std::vector<float> kernelInPlane = gaussianKernel(options.blurSigmaInPlane);
    parallelFor(options.slices, threads, [&](int begin, int end) {
        std::vector<float> scratch;
        for (int k = begin; k < end; ++k) {
            SliceCanvas canvas = canvasFor(geometry, thickness, values, tissues, labels, k);
            for (const auto& node : nodes)
                node->paint(canvas);
            // 3. In-plane blur (partial volume of the reconstruction kernel).
            blurSlice(canvas.values, canvas.columns, canvas.rows, kernelInPlane, scratch);
        }
    });

    // 4. Blur along z (slice profile), noise, rounding.
    result.image = Volume(geometry, 0);
    const std::vector<float> kernelZ = gaussianKernel(options.blurSigmaAlongZ * thickness / options.sliceSpacingMm);
    const std::uint64_t noiseSeed = mixBits(options.seed ^ 0x6E6F697365ull);
    const double neckWidth = anatomy.neckWidth();
    std::int16_t* image = result.image.data();
    const std::size_t sliceSize = static_cast<std::size_t>(options.columns) * static_cast<std::size_t>(options.rows);
    parallelFor(options.slices, threads, [&](int begin, int end) {
        for (int k = begin; k < end; ++k) {
            const double z = geometry.origin[2] + k * geometry.spacing[2];
            const double factor = std::clamp(std::sqrt(anatomy.bodyWidth(z) / neckWidth), 1.0, 1.6);
            finishSlice(values, options.columns, options.rows, options.slices, k, kernelZ,
                        options.noiseStandardDeviation * factor, noiseSeed, image + sliceSize * static_cast<std::size_t>(k));
        }
    });

    // 5. Node list, measured on the label map.
    std::vector<NodeMeasurement> measurements(plans.size() + 1);
    for (const NodeMeasurement& measurement : measureNodes(result.labels))
        if (measurement.label < measurements.size())
            measurements[measurement.label] = measurement;
    for (const NodePlan& plan : plans) {
        const NodeMeasurement& m = measurements[static_cast<std::size_t>(plan.id)];
        PhantomNode node;
        node.id = plan.id;
        node.level = plan.level;
        node.side = plan.side;
        node.centre = m.centre;
        node.longAxisMm = m.longAxisMm;
        node.shortAxisMm = m.shortAxisMm;
        node.volumeMm3 = m.volumeMm3;
        node.firstSlice = m.firstSlice;
        node.lastSlice = m.lastSlice;
        node.fattyHilum = plan.fattyHilum;
        node.meanValue = plan.value;
        result.nodes.push_back(node);
    }
    return result;
}

nlohmann::json toJson(const std::vector<PhantomNode>& nodes)
{
    nlohmann::json array = nlohmann::json::array();
    for (const PhantomNode& node : nodes) {
        array.push_back({{"id", node.id},
                         {"level", node.level},
                         {"side", node.side},
                         {"centre_mm", {node.centre[0], node.centre[1], node.centre[2]}},
                         {"long_axis_mm", node.longAxisMm},
                         {"short_axis_mm", node.shortAxisMm},
                         {"volume_mm3", node.volumeMm3},
                         {"slice_span", {node.firstSlice, node.lastSlice}},
                         {"fatty_hilum", node.fattyHilum}});
    }
    return array;
}

}  // namespace lnseg
