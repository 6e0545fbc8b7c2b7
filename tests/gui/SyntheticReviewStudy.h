#pragma once
// A small synthetic neck-like study for the review tests, the screenshots and the benchmark: a CT
// with soft tissue, a bright spine and dark airway, and a probability map of round "nodes" of
// different sizes from which proposals are extracted (some enlarged by the size criterion).

#include "image/VoxelGrid.h"
#include "nodes/NodeExtraction.h"

#include <cmath>

namespace lnseg::testing {

struct SyntheticReviewStudy {
    Volume image;
    ExtractedNodes proposals;
};

inline SyntheticReviewStudy makeSyntheticReviewStudy(const Size3& size = {96, 96, 32}, const Vector3& spacing = {0.8, 0.8, 2.0})
{
    ImageGeometry geometry;
    geometry.size = size;
    geometry.spacing = spacing;
    geometry.origin = {-40, -40, 0};
    SyntheticReviewStudy study;
    study.image = Volume(geometry, std::int16_t(-1000));
    VoxelGrid<float> probability(geometry, 0.0f);
    const double ci = size[0] / 2.0, cj = size[1] / 2.0;
    // Nodes: (i, j, k) centre as fractions of the volume, radius in mm.
    const struct {
        double i, j, k, radiusMm;
    } nodes[] = {{0.30, 0.40, 0.50, 7.0}, {0.70, 0.42, 0.45, 4.5}, {0.28, 0.62, 0.60, 3.5}, {0.72, 0.64, 0.35, 6.0}};
    for (std::int64_t k = 0; k < size[2]; ++k)
        for (std::int64_t j = 0; j < size[1]; ++j)
            for (std::int64_t i = 0; i < size[0]; ++i) {
                const double x = (i - ci) / (0.45 * size[0]), y = (j - cj) / (0.38 * size[1]);
                double hu = x * x + y * y < 1 ? 35 + 10 * std::sin(i * 0.3) * std::cos(j * 0.2) : -1000;
                if (std::hypot(i - ci, j - cj * 1.35) < size[0] * 0.08)
                    hu = 700;  // vertebra
                if (std::hypot(i - ci, j - cj * 0.75) < size[0] * 0.06)
                    hu = -950;  // airway
                for (const auto& node : nodes) {
                    const double di = (i - node.i * size[0]) * spacing[0], dj = (j - node.j * size[1]) * spacing[1],
                                 dk = (k - node.k * size[2]) * spacing[2];
                    const double r = std::sqrt(di * di + dj * dj + dk * dk) / node.radiusMm;
                    if (r < 1) {
                        hu = 60;
                        probability.at(i, j, k) = float(0.95 - 0.3 * r);
                    }
                }
                study.image.at(i, j, k) = std::int16_t(hu);
            }
    study.proposals = extractNodes(probability);
    return study;
}

}  // namespace lnseg::testing
