#include "phantom/NeckPhantom.h"

#include "nodes/NodeMeasurement.h"
#include "phantom/CorrelatedNoise.h"
#include "phantom/NodePlacement.h"
#include "phantom/PatientPose.h"
#include "phantom/ReconstructionKernel.h"
#include "phantom/StreakArtifacts.h"
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

namespace {

// The options with the grid, spacings and noise a randomized case drew.
PhantomOptions effectiveOptions(const PhantomOptions& options, const DrawnAppearance& drawn)
{
    PhantomOptions effective = options;
    effective.columns = effective.rows = drawn.matrix;
    effective.slices = drawn.slices;
    effective.pixelSpacingMm = drawn.pixelSpacingMm;
    effective.sliceSpacingMm = drawn.sliceSpacingMm;
    effective.sliceThicknessMm = drawn.sliceThicknessMm;
    effective.noiseStandardDeviation = drawn.noiseStandardDeviationHu;
    return effective;
}

// Dental fillings on the anterior tooth arc and the shoulder region, from the anatomy.
StreakArtifacts makeStreaks(const DrawnAppearance& drawn, const NeckAnatomy& anatomy, const PatientPose& pose,
                            const Vector3& volumeCentre, double thickness)
{
    constexpr double kPi = 3.14159265358979323846;
    const double scale = anatomy.scale(), length = anatomy.lengthScale();
    std::vector<MetalFilling> fillings;
    PhantomRandom random = PhantomRandom::derived(drawn.streakSeed, 7);
    if (drawn.dentalStreaks) {
        const int count = random.integer(1, 4);
        for (int n = 0; n < count; ++n) {
            // The tooth ring of NeckAnatomy::addBones: centre y -21, semi-axes 45 x 52, 8 mm thick.
            const double angle = random.uniform(1.1 * kPi, 1.9 * kPi);
            const Vector3 patient{41 * std::cos(angle) * scale, (-21 + 48 * std::sin(angle)) * scale, random.uniform(127, 139) * length};
            fillings.push_back({pose.toScanner(patient, volumeCentre), random.uniform(1.5, 3.0)});
        }
    }
    ShoulderRegion shoulders;
    shoulders.present = drawn.shoulderStreaks;
    shoulders.top = 5 * length;
    shoulders.halfWidthMm = 160 * scale;
    shoulders.centreY = 20 * scale;
    shoulders.halfHeightMm = 35 * scale;
    return StreakArtifacts(std::move(fillings), shoulders, thickness, drawn.streakSeed);
}

// Drops nodes left without voxels (rotated out of the grid) and renumbers the rest 1..n.
void renumberPresentNodes(std::vector<NodePlan>& plans, LabelMap& labels)
{
    std::vector<std::size_t> counts(plans.size() + 1, 0);
    for (std::size_t n = 0; n < labels.voxelCount(); ++n)
        if (labels.data()[n] <= plans.size())
            ++counts[labels.data()[n]];
    std::vector<std::uint16_t> newId(plans.size() + 1, 0);
    std::vector<NodePlan> kept;
    for (NodePlan& plan : plans)
        if (counts[static_cast<std::size_t>(plan.id)] > 0) {
            newId[static_cast<std::size_t>(plan.id)] = static_cast<std::uint16_t>(kept.size() + 1);
            kept.push_back(plan);
        }
    if (kept.size() == plans.size())
        return;
    for (std::size_t n = 0; n < labels.voxelCount(); ++n)
        labels.data()[n] = newId[labels.data()[n]];
    for (NodePlan& plan : kept) {
        plan.id = newId[static_cast<std::size_t>(plan.id)];
        plan.clusterOf = plan.clusterOf > 0 ? newId[static_cast<std::size_t>(plan.clusterOf)] : 0;
    }
    plans = std::move(kept);
}

}  // namespace

PhantomCase generateNeckPhantom(const PhantomOptions& requested, const std::string& caseId)
{
    validate(requested);
    const bool randomized = requested.randomization.enabled;
    DrawnAppearance drawn;
    if (randomized) {
        validate(requested.randomization);
        drawn = drawAppearance(requested.randomization, requested.seed);
    }
    const PhantomOptions options = randomized ? effectiveOptions(requested, drawn) : requested;
    const int threads = options.threads > 0 ? options.threads : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    PhantomRandom random(options.seed);
    NeckAnatomy anatomy(random);
    if (randomized)
        anatomy.setAppearance({drawn.arteryHu, drawn.veinHu, drawn.muscleHu, drawn.fatHu, drawn.subcutaneousFatMm,
                               requested.randomization.extraMimics});

    ImageGeometry geometry;
    geometry.size = {options.columns, options.rows, options.slices};
    geometry.spacing = {options.pixelSpacingMm, options.pixelSpacingMm, options.sliceSpacingMm};
    // The patient is rarely centred exactly in the field of view.
    Vector3 centre{random.uniform(-6, 6), anatomy.centreY() + random.uniform(-6, 6), 0.5 * (anatomy.bottom() + anatomy.top())};
    if (randomized)
        centre = {drawn.offsetMm[0], anatomy.centreY() + drawn.offsetMm[1], 0.5 * (anatomy.bottom() + anatomy.top()) + drawn.offsetMm[2]};
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

    // The tissue map before the nodes; with a tilt, it is rotated with the image below.
    std::vector<std::uint8_t> anatomyTissues;
    if (options.keepTissueMap)
        anatomyTissues = tissues;

    // 2. Lymph nodes where the anatomy leaves room.
    const int nodeCount = random.integer(options.minimumNodes, options.maximumNodes);
    std::vector<NodePlan> plans = planNodes(anatomy, geometry, tissues, nodeCount, random,
                                            randomized ? &requested.randomization.nodes : nullptr);
    result.caseId = caseId;
    result.landmarks = anatomy.landmarks();
    result.labels = LabelMap(geometry, 0);
    StructureList nodes;
    for (const NodePlan& plan : plans)
        nodes.push_back(std::make_unique<NodeStructure>(plan));
    std::uint16_t* labels = result.labels.data();
    if (!randomized) {
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
    } else {
        parallelFor(options.slices, threads, [&](int begin, int end) {
            for (int k = begin; k < end; ++k) {
                SliceCanvas canvas = canvasFor(geometry, thickness, values, tissues, labels, k);
                for (const auto& node : nodes)
                    node->paint(canvas);
            }
        });
        // 3. Pose, streaks, reconstruction kernel.
        const PatientPose pose(drawn.yawDegrees, drawn.rollDegrees, drawn.pitchDegrees);
        if (options.keepTissueMap) {
            std::vector<float> unused(voxelCount);
            std::vector<std::uint8_t> rotated = anatomyTissues;
            pose.apply(geometry, unused, rotated, nullptr, threads);
            anatomyTissues = std::move(rotated);
        }
        pose.apply(geometry, values, tissues, labels, threads);
        renumberPresentNodes(plans, result.labels);
        const StreakArtifacts streaks = makeStreaks(drawn, anatomy, pose, centre, thickness);
        const ReconstructionKernel kernel(drawn.kernelSharpness, options.pixelSpacingMm);
        parallelFor(options.slices, threads, [&](int begin, int end) {
            for (int k = begin; k < end; ++k) {
                SliceCanvas canvas = canvasFor(geometry, thickness, values, tissues, labels, k);
                streaks.addToSlice(canvas.values, canvas.columns, canvas.rows, canvas.originX, canvas.originY, canvas.spacingX,
                                   canvas.z, k);
                kernel.apply(canvas.values, canvas.columns, canvas.rows);
            }
        });
    }
    if (options.keepTissueMap) {
        result.tissues = LabelMap(geometry, 0);
        std::copy(anatomyTissues.begin(), anatomyTissues.end(), result.tissues.data());
    }

    // 4. Blur along z (slice profile), noise, rounding.
    result.image = Volume(geometry, 0);
    const std::vector<float> kernelZ = gaussianKernel(options.blurSigmaAlongZ * thickness / options.sliceSpacingMm);
    const std::uint64_t noiseSeed = mixBits(options.seed ^ 0x6E6F697365ull);
    const double neckWidth = anatomy.neckWidth();
    std::int16_t* image = result.image.data();
    const std::size_t sliceSize = static_cast<std::size_t>(options.columns) * static_cast<std::size_t>(options.rows);
    // Overlapping reconstructions share noise: neighbours correlate by about the overlap.
    const CorrelatedNoise noise(drawn.noiseGrainMm, options.pixelSpacingMm,
                                std::max(0.0, 1.0 - options.sliceSpacingMm / thickness), noiseSeed);
    parallelFor(options.slices, threads, [&](int begin, int end) {
        std::vector<float> field;
        for (int k = begin; k < end; ++k) {
            const double z = geometry.origin[2] + k * geometry.spacing[2];
            const double factor = std::clamp(std::sqrt(anatomy.bodyWidth(z) / neckWidth), 1.0, 1.6);
            if (!randomized) {
                finishSlice(values, options.columns, options.rows, options.slices, k, kernelZ,
                            options.noiseStandardDeviation * factor, noiseSeed, image + sliceSize * static_cast<std::size_t>(k));
                continue;
            }
            noise.fillSlice(k, options.columns, options.rows, field);
            finishSliceWithNoise(values, options.columns, options.rows, options.slices, k, kernelZ, field.data(),
                                 static_cast<float>(options.noiseStandardDeviation * factor), image + sliceSize * static_cast<std::size_t>(k));
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
        node.varied = plan.varied;
        node.necrotic = plan.necrotic;
        node.calcified = !plan.calcifications.empty();
        node.reniform = plan.reniform;
        node.touching = plan.touching;
        node.matted = plan.matted;
        node.clusterOf = plan.clusterOf;
        result.nodes.push_back(node);
    }
    result.randomized = randomized;
    result.appearance = drawn;
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
        if (node.varied) {
            auto& entry = array.back();
            entry["value_hu"] = node.meanValue;
            entry["necrotic"] = node.necrotic;
            entry["calcified"] = node.calcified;
            entry["reniform"] = node.reniform;
            entry["touching"] = node.touching;
            entry["matted"] = node.matted;
            entry["cluster_of"] = node.clusterOf;
        }
    }
    return array;
}

nlohmann::json caseMetadata(const PhantomCase& phantom, const PhantomOptions& options)
{
    const ImageGeometry geometry = phantom.image.geometry();
    nlohmann::json json{{"case_id", phantom.caseId},
                        {"seed", options.seed},
                        {"randomized", phantom.randomized},
                        {"dimensions", {geometry.size[0], geometry.size[1], geometry.size[2]}},
                        {"spacing_mm", {geometry.spacing[0], geometry.spacing[1], geometry.spacing[2]}},
                        {"node_count", phantom.nodes.size()}};
    if (phantom.randomized)
        json["appearance"] = toJson(phantom.appearance);
    else
        json["noise_sd_hu"] = options.noiseStandardDeviation;
    return json;
}

}  // namespace lnseg
