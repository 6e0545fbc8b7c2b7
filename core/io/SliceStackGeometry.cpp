#include "io/SliceStackGeometry.h"

#include "io/GeometryPlausibility.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <sstream>

namespace lnseg {

namespace {

constexpr double kDuplicateTolerance = 0.01;  // mm along the normal
constexpr double kPi = 3.14159265358979323846;

// Spacings within this of the usual one count as equal: positions are often written with
// two decimals, so 0.625 mm slices show up as 0.62 / 0.63.
double spacingTolerance(double usual) { return std::max(0.025, 0.025 * usual); }

// The most common spacing (spacings binned to 0.01 mm); on a tie, or when all differ, the
// smallest of the candidates.
double usualSpacing(const std::vector<double>& spacings)
{
    std::map<long, std::pair<int, double>> bins;  // bin -> (count, sum)
    for (double spacing : spacings) {
        auto& bin = bins[std::lround(spacing * 100.0)];
        ++bin.first;
        bin.second += spacing;
    }
    int bestCount = 0;
    double best = 0;
    for (const auto& [key, bin] : bins) {  // ascending, so ties keep the smallest
        if (bin.first > bestCount) {
            bestCount = bin.first;
            best = bin.second / bin.first;
        }
    }
    return best;
}

std::string formatSpacings(const std::vector<double>& spacings)
{
    std::map<long, int> counts;
    for (double spacing : spacings)
        ++counts[std::lround(spacing * 100.0)];
    std::ostringstream text;
    bool first = true;
    for (const auto& [key, count] : counts) {
        text << (first ? "" : ", ") << key / 100.0 << " mm";
        if (count > 1)
            text << " (x" << count << ")";
        first = false;
    }
    return text.str();
}

}  // namespace

SliceStackAnalysis analyzeSliceStack(const std::vector<Vector3>& positions, const Vector3& rowDirection,
                                     const Vector3& columnDirection, double fallbackSpacing, double pixelSpacing)
{
    SliceStackAnalysis analysis;
    if (positions.empty())
        return analysis;
    const Vector3 row = normalized(rowDirection);
    const Vector3 column = normalized(columnDirection);
    const Vector3 normal = normalized(cross(row, column));

    std::vector<std::size_t> sorted(positions.size());
    std::iota(sorted.begin(), sorted.end(), 0);
    std::vector<double> along(positions.size());
    for (std::size_t index = 0; index < positions.size(); ++index)
        along[index] = dot(positions[index], normal);
    std::stable_sort(sorted.begin(), sorted.end(), [&](std::size_t a, std::size_t b) { return along[a] < along[b]; });

    for (std::size_t index : sorted) {
        if (!analysis.order.empty() && along[index] - along[analysis.order.back()] < kDuplicateTolerance) {
            analysis.duplicates.push_back(index);
            continue;
        }
        analysis.order.push_back(index);
    }
    if (!analysis.duplicates.empty()) {
        std::ostringstream text;
        text << analysis.duplicates.size() << " slice(s) share their position along the normal with another slice; "
             << "only the first of each was kept.";
        analysis.report.add("duplicate_positions", text.str());
    }

    const Vector3& origin = positions[analysis.order.front()];
    for (std::size_t index : analysis.order) {
        Vector3 offset{};
        for (int axis = 0; axis < 3; ++axis)
            offset[axis] = positions[index][axis] - origin[axis];
        analysis.distances.push_back(dot(offset, normal));
        analysis.rowOffsets.push_back(dot(offset, row));
        analysis.columnOffsets.push_back(dot(offset, column));
    }
    const std::size_t count = analysis.order.size();
    if (count < 2) {
        analysis.sliceSpacing = fallbackSpacing > 0 ? fallbackSpacing : kAssumedSpacingMm;
        if (fallbackSpacing <= 0 && analysis.duplicates.empty()) {
            std::ostringstream text;
            text << "A single slice without Spacing Between Slices or Slice Thickness: a thickness of " << kAssumedSpacingMm
                 << " mm was assumed, so volumes are not real cubic millimetres.";
            analysis.report.add("spacing_assumed", text.str());
        }
        return analysis;
    }

    std::vector<double> spacings;
    for (std::size_t index = 1; index < count; ++index)
        spacings.push_back(analysis.distances[index] - analysis.distances[index - 1]);
    const double usual = usualSpacing(spacings);
    analysis.sliceSpacing = usual;
    const double tolerance = spacingTolerance(usual);
    std::size_t unevenCount = 0;
    for (double spacing : spacings) {
        if (std::abs(spacing - usual) <= tolerance)
            continue;
        const double multiple = spacing / usual;
        const long rounded = std::lround(multiple);
        if (rounded >= 2 && std::abs(spacing - rounded * usual) <= tolerance * rounded)
            analysis.missingSlices += static_cast<std::size_t>(rounded - 1);
        else
            ++unevenCount;
    }
    if (analysis.missingSlices > 0) {
        std::ostringstream text;
        text << "About " << analysis.missingSlices << " slice(s) are missing: some gaps are a multiple of the usual "
             << usual << " mm spacing (spacings found: " << formatSpacings(spacings) << ").";
        analysis.report.add("missing_slices", text.str());
    }
    if (unevenCount > 0) {
        analysis.unevenSpacing = true;
        std::ostringstream text;
        text << "Slice spacing is uneven: " << formatSpacings(spacings) << " (usual spacing " << usual << " mm).";
        analysis.report.add("uneven_spacing", text.str());
    }

    // Gantry tilt: slices shifted in-plane proportionally to their distance along the normal.
    // Least-squares shear (in-plane mm per mm along the normal).
    double sumDistanceSquared = 0, sumRow = 0, sumColumn = 0;
    for (std::size_t index = 0; index < count; ++index) {
        sumDistanceSquared += analysis.distances[index] * analysis.distances[index];
        sumRow += analysis.rowOffsets[index] * analysis.distances[index];
        sumColumn += analysis.columnOffsets[index] * analysis.distances[index];
    }
    const double shearRow = sumRow / sumDistanceSquared;
    const double shearColumn = sumColumn / sumDistanceSquared;
    const double shear = std::hypot(shearRow, shearColumn);
    const double extent = analysis.distances.back();
    // Worth reporting when the accumulated in-plane shift reaches a quarter pixel.
    if (shear * extent > 0.25 * std::max(pixelSpacing, 1e-3)) {
        analysis.tilted = true;
        analysis.tiltDegrees = std::atan(shear) * 180.0 / kPi;
        std::ostringstream text;
        text.precision(3);
        text << "Gantry tilt of " << analysis.tiltDegrees
             << " degrees: slice positions are sheared, not along the slice normal.";
        analysis.report.add("gantry_tilt", text.str());
    }
    return analysis;
}

}  // namespace lnseg
