#include "anatomy/LandmarkDetection.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <numeric>

namespace lnseg {

namespace {

constexpr double kPi = 3.14159265358979323846;

// The CT on an axis-aligned LPS grid.
struct Grid {
    int nx = 0, ny = 0, nz = 0;
    double x0 = 0, y0 = 0, z0 = 0, sx = 1, sy = 1, sz = 1;
    std::vector<float> raw, smooth;  // smooth: 3 x 3 in-plane mean
    double X(int i) const { return x0 + i * sx; }
    double Y(int j) const { return y0 + j * sy; }
    double Z(int k) const { return z0 + k * sz; }
    std::size_t index(int i, int j, int k) const { return static_cast<std::size_t>(i) + static_cast<std::size_t>(nx) * (j + static_cast<std::size_t>(ny) * k); }
    float rawAt(int i, int j, int k) const { return raw[index(i, j, k)]; }
    float at(int i, int j, int k) const { return smooth[index(i, j, k)]; }
    int column(double x) const { return static_cast<int>(std::lround((x - x0) / sx)); }
    int row(double y) const { return static_cast<int>(std::lround((y - y0) / sy)); }
    bool inside(int i, int j) const { return i >= 0 && j >= 0 && i < nx && j < ny; }
    double pixelArea() const { return sx * sy; }
};

void stopIfCancelled(const LandmarkDetectionOptions& options)
{
    if (options.cancel && options.cancel->load(std::memory_order_relaxed))
        throw LandmarkDetectionCancelled();
}

Grid resample(const Volume& ct, const LandmarkDetectionOptions& options)
{
    const ImageGeometry& g = ct.geometry();
    Vector3 low{1e30, 1e30, 1e30}, high{-1e30, -1e30, -1e30};
    for (int corner = 0; corner < 8; ++corner) {
        const Vector3 index{(corner & 1) ? double(g.size[0] - 1) : 0.0, (corner & 2) ? double(g.size[1] - 1) : 0.0,
                            (corner & 4) ? double(g.size[2] - 1) : 0.0};
        const Vector3 world = g.indexToWorld(index);
        for (int a = 0; a < 3; ++a) {
            low[a] = std::min(low[a], world[a]);
            high[a] = std::max(high[a], world[a]);
        }
    }
    // Spacing along each world axis: the index axis closest to it, never finer than asked.
    Vector3 spacing{};
    const double wanted[3] = {options.inPlaneMm, options.inPlaneMm, options.sliceMm};
    for (int w = 0; w < 3; ++w) {
        int best = 0;
        for (int c = 1; c < 3; ++c)
            if (std::abs(g.direction[3 * w + c]) > std::abs(g.direction[3 * w + best]))
                best = c;
        spacing[w] = std::max(wanted[w], g.spacing[best]);
    }
    Grid grid;
    grid.sx = spacing[0]; grid.sy = spacing[1]; grid.sz = spacing[2];
    grid.x0 = low[0]; grid.y0 = low[1]; grid.z0 = low[2];
    grid.nx = std::max(1, static_cast<int>(std::floor((high[0] - low[0]) / grid.sx)) + 1);
    grid.ny = std::max(1, static_cast<int>(std::floor((high[1] - low[1]) / grid.sy)) + 1);
    grid.nz = std::max(1, static_cast<int>(std::floor((high[2] - low[2]) / grid.sz)) + 1);
    grid.raw.assign(static_cast<std::size_t>(grid.nx) * grid.ny * grid.nz, -1024.0f);
    const std::int16_t* data = ct.data();
    auto value = [&](std::int64_t i, std::int64_t j, std::int64_t k) -> float {
        i = std::clamp<std::int64_t>(i, 0, g.size[0] - 1);
        j = std::clamp<std::int64_t>(j, 0, g.size[1] - 1);
        k = std::clamp<std::int64_t>(k, 0, g.size[2] - 1);
        return data[g.offset(i, j, k)];
    };
    for (int k = 0; k < grid.nz; ++k, stopIfCancelled(options))
        for (int j = 0; j < grid.ny; ++j)
            for (int i = 0; i < grid.nx; ++i) {
                const Vector3 c = g.worldToIndex({grid.X(i), grid.Y(j), grid.Z(k)});
                if (c[0] < -0.5 || c[1] < -0.5 || c[2] < -0.5 || c[0] > g.size[0] - 0.5 || c[1] > g.size[1] - 0.5 || c[2] > g.size[2] - 0.5)
                    continue;
                const std::int64_t i0 = static_cast<std::int64_t>(std::floor(c[0])), j0 = static_cast<std::int64_t>(std::floor(c[1])),
                                   k0 = static_cast<std::int64_t>(std::floor(c[2]));
                const double fx = c[0] - i0, fy = c[1] - j0, fz = c[2] - k0;
                double sum = 0;
                for (int dz = 0; dz < 2; ++dz)
                    for (int dy = 0; dy < 2; ++dy)
                        for (int dx = 0; dx < 2; ++dx)
                            sum += (dx ? fx : 1 - fx) * (dy ? fy : 1 - fy) * (dz ? fz : 1 - fz) * value(i0 + dx, j0 + dy, k0 + dz);
                grid.raw[grid.index(i, j, k)] = static_cast<float>(sum);
            }
    grid.smooth.resize(grid.raw.size());
    for (int k = 0; k < grid.nz; ++k)
        for (int j = 0; j < grid.ny; ++j)
            for (int i = 0; i < grid.nx; ++i) {
                double sum = 0;
                int count = 0;
                for (int dj = -1; dj <= 1; ++dj)
                    for (int di = -1; di <= 1; ++di)
                        if (grid.inside(i + di, j + dj)) {
                            sum += grid.rawAt(i + di, j + dj, k);
                            ++count;
                        }
                grid.smooth[grid.index(i, j, k)] = static_cast<float>(sum / count);
            }
    return grid;
}

struct Component {
    std::vector<int> pixels;  // i + nx * j
    double cx = 0, cy = 0;    // mm
    double area = 0;          // mm2
    double minX = 0, maxX = 0, minY = 0, maxY = 0;
};

// 4-connected components of mask (nx * ny) within [i0, i1] x [j0, j1].
std::vector<Component> components(const Grid& grid, const std::vector<std::uint8_t>& mask, int i0 = 0, int i1 = -1, int j0 = 0,
                                  int j1 = -1)
{
    if (i1 < 0) i1 = grid.nx - 1;
    if (j1 < 0) j1 = grid.ny - 1;
    i0 = std::max(i0, 0); j0 = std::max(j0, 0); i1 = std::min(i1, grid.nx - 1); j1 = std::min(j1, grid.ny - 1);
    std::vector<std::uint8_t> seen(mask.size(), 0);
    std::vector<Component> result;
    std::vector<int> stack;
    for (int j = j0; j <= j1; ++j)
        for (int i = i0; i <= i1; ++i) {
            const int start = i + grid.nx * j;
            if (!mask[start] || seen[start])
                continue;
            Component c;
            c.minX = c.minY = 1e30;
            c.maxX = c.maxY = -1e30;
            stack.assign(1, start);
            seen[start] = 1;
            while (!stack.empty()) {
                const int p = stack.back();
                stack.pop_back();
                c.pixels.push_back(p);
                const int pi = p % grid.nx, pj = p / grid.nx;
                const double x = grid.X(pi), y = grid.Y(pj);
                c.cx += x; c.cy += y;
                c.minX = std::min(c.minX, x); c.maxX = std::max(c.maxX, x);
                c.minY = std::min(c.minY, y); c.maxY = std::max(c.maxY, y);
                const int ni[4] = {pi - 1, pi + 1, pi, pi}, nj[4] = {pj, pj, pj - 1, pj + 1};
                for (int n = 0; n < 4; ++n) {
                    if (ni[n] < i0 || ni[n] > i1 || nj[n] < j0 || nj[n] > j1)
                        continue;
                    const int q = ni[n] + grid.nx * nj[n];
                    if (mask[q] && !seen[q]) {
                        seen[q] = 1;
                        stack.push_back(q);
                    }
                }
            }
            c.cx /= c.pixels.size();
            c.cy /= c.pixels.size();
            c.area = c.pixels.size() * grid.pixelArea();
            result.push_back(std::move(c));
        }
    return result;
}

struct Section {
    bool body = false;
    double bodyCx = 0, bodyCy = 0, bodyArea = 0;
    bool airway = false;
    double ax = 0, ay = 0, aRadius = 0, aBackY = 0;
    double midline = 0;
    double anteriorMidlineBone = 0;  // mm2 of bone anterior to the airway, |x - midline| < 25
    double anteriorBoneWidth = 0;    // x extent of bone anterior to the airway
    double posteriorBone = 0;        // mm2 of bone behind the airway
    double cricoidSignal = -1000;    // HU of the plate behind the airway lumen
    std::vector<std::uint8_t> bodyMask;
    std::vector<float> depth;        // distance to the body surface, mm
};

// Chamfer distance (mm) from the outside of the body.
std::vector<float> depthMap(const Grid& grid, const std::vector<std::uint8_t>& body)
{
    const float inf = 1e9f;
    std::vector<float> d(body.size());
    for (std::size_t p = 0; p < d.size(); ++p)
        d[p] = body[p] ? inf : 0.0f;
    const float a = static_cast<float>(grid.sx), b = static_cast<float>(std::hypot(grid.sx, grid.sy));
    const int nx = grid.nx, ny = grid.ny;
    for (int j = 0; j < ny; ++j)
        for (int i = 0; i < nx; ++i) {
            float& v = d[i + nx * j];
            if (i > 0) v = std::min(v, d[i - 1 + nx * j] + a);
            if (j > 0) v = std::min(v, d[i + nx * (j - 1)] + a);
            if (i > 0 && j > 0) v = std::min(v, d[i - 1 + nx * (j - 1)] + b);
            if (i + 1 < nx && j > 0) v = std::min(v, d[i + 1 + nx * (j - 1)] + b);
        }
    for (int j = ny - 1; j >= 0; --j)
        for (int i = nx - 1; i >= 0; --i) {
            float& v = d[i + nx * j];
            if (i + 1 < nx) v = std::min(v, d[i + 1 + nx * j] + a);
            if (j + 1 < ny) v = std::min(v, d[i + nx * (j + 1)] + a);
            if (i + 1 < nx && j + 1 < ny) v = std::min(v, d[i + 1 + nx * (j + 1)] + b);
            if (i > 0 && j + 1 < ny) v = std::min(v, d[i - 1 + nx * (j + 1)] + b);
        }
    return d;
}

Section analyseSection(const Grid& grid, int k, const LandmarkDetectionOptions& options)
{
    Section s;
    const std::size_t n = static_cast<std::size_t>(grid.nx) * grid.ny;
    std::vector<std::uint8_t> mask(n);
    for (int j = 0; j < grid.ny; ++j)
        for (int i = 0; i < grid.nx; ++i)
            mask[i + grid.nx * j] = grid.at(i, j, k) > -300;
    std::vector<Component> parts = components(grid, mask);
    auto largest = std::max_element(parts.begin(), parts.end(), [](const Component& a, const Component& b) { return a.area < b.area; });
    if (largest == parts.end() || largest->area < 2000)
        return s;
    s.body = true;
    s.bodyCx = largest->cx; s.bodyCy = largest->cy; s.bodyArea = largest->area;
    // The body with its holes (airway, lungs) filled: everything not reachable from the border
    // through non-body pixels.
    std::vector<std::uint8_t> body(n, 0);
    for (int p : largest->pixels) body[p] = 1;
    std::vector<std::uint8_t> outside(n, 0);
    std::vector<int> stack;
    for (int i = 0; i < grid.nx; ++i) for (int j : {0, grid.ny - 1}) if (!body[i + grid.nx * j]) { outside[i + grid.nx * j] = 1; stack.push_back(i + grid.nx * j); }
    for (int j = 0; j < grid.ny; ++j) for (int i : {0, grid.nx - 1}) if (!body[i + grid.nx * j] && !outside[i + grid.nx * j]) { outside[i + grid.nx * j] = 1; stack.push_back(i + grid.nx * j); }
    while (!stack.empty()) {
        const int p = stack.back();
        stack.pop_back();
        const int pi = p % grid.nx, pj = p / grid.nx;
        const int ni[4] = {pi - 1, pi + 1, pi, pi}, nj[4] = {pj, pj, pj - 1, pj + 1};
        for (int q = 0; q < 4; ++q) {
            if (!grid.inside(ni[q], nj[q])) continue;
            const int r = ni[q] + grid.nx * nj[q];
            if (!body[r] && !outside[r]) { outside[r] = 1; stack.push_back(r); }
        }
    }
    std::vector<std::uint8_t> air(n, 0);
    for (std::size_t p = 0; p < n; ++p) {
        body[p] = !outside[p];
        air[p] = body[p] && grid.smooth[p + n * k] < -400;
    }
    // Airway: the internal air nearest to the body's centre line.
    double best = 1e30;
    for (const Component& c : components(grid, air)) {
        if (c.area < 12 || c.area > 3000 || std::abs(c.cx - s.bodyCx) > 30)
            continue;
        const double score = std::abs(c.cx - s.bodyCx) + 0.3 * std::abs(c.cy - s.bodyCy);
        if (score < best) {
            best = score;
            s.airway = true;
            s.ax = c.cx; s.ay = c.cy; s.aRadius = std::sqrt(c.area / kPi); s.aBackY = c.maxY;
        }
    }
    s.midline = s.airway ? s.ax : s.bodyCx;
    const double front = s.airway ? s.ay : s.bodyCy;
    double minX = 1e30, maxX = -1e30;
    for (int j = 0; j < grid.ny; ++j)
        for (int i = 0; i < grid.nx; ++i) {
            if (!body[i + grid.nx * j] || grid.rawAt(i, j, k) < options.boneHu)
                continue;
            const double x = grid.X(i), y = grid.Y(j);
            if (y < front) {
                if (std::abs(x - s.midline) < 25)
                    s.anteriorMidlineBone += grid.pixelArea();
                minX = std::min(minX, x);
                maxX = std::max(maxX, x);
            } else if (y > front + 5) {
                s.posteriorBone += grid.pixelArea();
            }
        }
    s.anteriorBoneWidth = maxX > minX ? maxX - minX : 0;
    if (s.airway) {
        // The plate behind the lumen: the brightest 7 mm wide row within 7 mm of the back wall.
        const int i0 = grid.column(s.ax - 3), i1 = grid.column(s.ax + 3);
        for (double y = s.aBackY + grid.sy; y <= s.aBackY + 7; y += grid.sy) {
            const int j = grid.row(y);
            double sum = 0;
            int count = 0;
            for (int i = i0; i <= i1; ++i)
                if (grid.inside(i, j)) { sum += grid.at(i, j, k); ++count; }
            if (count) s.cricoidSignal = std::max(s.cricoidSignal, sum / count);
        }
    }
    s.bodyMask = std::move(body);
    return s;
}

struct Run {
    int first = 0, last = 0;  // section indices
    double maxWidth = 0;
};

std::vector<Run> runsOf(const std::vector<Section>& sections, const std::function<bool(const Section&)>& present)
{
    std::vector<Run> runs;
    for (int k = 0; k < static_cast<int>(sections.size()); ++k) {
        if (!present(sections[k]))
            continue;
        if (!runs.empty() && runs.back().last == k - 1)
            runs.back().last = k;
        else
            runs.push_back({k, k, 0});
        runs.back().maxWidth = std::max(runs.back().maxWidth, sections[k].anteriorBoneWidth);
    }
    return runs;
}

struct VesselPick {
    bool found = false;
    double x = 0, y = 0, backY = 0, medialX = 0;  // medialX: the edge nearest the midline
    double area = 0;
};

double median(std::vector<double> values)
{
    if (values.empty()) return 0;
    std::nth_element(values.begin(), values.begin() + values.size() / 2, values.end());
    return values[values.size() / 2];
}

}  // namespace

AnatomicalLandmarks detectLandmarks(const Volume& ct, const LandmarkDetectionOptions& options)
{
    AnatomicalLandmarks result;
    if (ct.empty())
        return result;
    const Grid grid = resample(ct, options);
    std::vector<Section> sections(grid.nz);
    for (int k = 0; k < grid.nz; ++k) {
        stopIfCancelled(options);
        sections[k] = analyseSection(grid, k, options);
    }
    // Midline: median of the airway (or body) centre over neighbouring sections.
    std::vector<double> midline(grid.nz, 0);
    for (int k = 0; k < grid.nz; ++k) {
        std::vector<double> values;
        for (int d = -3; d <= 3; ++d)
            if (k + d >= 0 && k + d < grid.nz && sections[k + d].body)
                values.push_back(sections[k + d].midline);
        midline[k] = median(values);
    }
    const double half = grid.sz / 2;

    // Heights from the bone in front of the airway.
    const double minimumBone = std::max(8.0, 2 * grid.pixelArea());
    const std::vector<Run> runs = runsOf(sections, [&](const Section& s) { return s.body && s.anteriorMidlineBone >= minimumBone; });
    int manubriumRun = -1;
    if (!runs.empty()) {
        // The lowest run, when it starts in the lowest fifth of the body's sections and is wide.
        int firstBody = 0;
        while (firstBody < grid.nz && !sections[firstBody].body) ++firstBody;
        const Run& r = runs.front();
        if (grid.Z(r.first) - grid.Z(firstBody) < 0.2 * grid.sz * grid.nz && r.maxWidth > 50) {
            manubriumRun = 0;
            result.manubriumTop = {true, grid.Z(r.last) + half, r.last > r.first ? 0.9 : 0.6};
        }
    }
    int mandibleRun = -1;
    for (int r = manubriumRun + 1; r < static_cast<int>(runs.size()); ++r) {
        const double height = (runs[r].last - runs[r].first + 1) * grid.sz;
        const bool above = !result.manubriumTop.found || grid.Z(runs[r].first) > result.manubriumTop.z + 50;
        if (above && height >= 15 && runs[r].maxWidth >= 55) {
            mandibleRun = r;
            result.mandibleBottom = {true, grid.Z(runs[r].first) - half, std::min(1.0, runs[r].maxWidth / 70.0)};
            break;
        }
    }
    if (mandibleRun > 0) {
        for (int r = mandibleRun - 1; r > manubriumRun; --r) {
            const double height = (runs[r].last - runs[r].first + 1) * grid.sz;
            const double gap = grid.Z(runs[mandibleRun].first) - grid.Z(runs[r].last);
            if (gap > 45)
                break;
            if (height <= 16) {
                result.hyoidBottom = {true, grid.Z(runs[r].first) - half, gap >= 2 * grid.sz ? 0.9 : 0.6};
                break;
            }
        }
    }
    // Cricoid: the run of bright plates behind the airway between clavicles and hyoid.
    if (result.hyoidBottom.found) {
        const double lowest = result.manubriumTop.found ? result.manubriumTop.z + 10 : result.hyoidBottom.z - 90;
        const std::vector<Run> plates = runsOf(sections, [](const Section& s) { return s.airway && s.cricoidSignal > 110; });
        double bestScore = 0;
        for (const Run& r : plates) {
            const double bottom = grid.Z(r.first) - half, top = grid.Z(r.last) + half;
            if (bottom < lowest || top > result.hyoidBottom.z - 15)
                continue;
            const double score = top - bottom;
            if (score > bestScore) {
                bestScore = score;
                result.cricoidBottom = {true, bottom, std::min(1.0, score / 8.0)};
            }
        }
    }
    // Skull base: bone behind the airway as wide as the occiput, above the mandible.
    if (result.mandibleBottom.found)
        for (int k = 0; k < grid.nz; ++k)
            if (sections[k].body && grid.Z(k) > result.mandibleBottom.z + 40 && sections[k].posteriorBone > 1500) {
                result.skullBase = {true, grid.Z(k) - half, 0.7};
                break;
            }

    // Vessels and sternocleidomastoid per side, tracked along z from the hyoid level.
    const double neckLow = result.manubriumTop.found ? result.manubriumTop.z : grid.Z(0);
    const double neckHigh = result.skullBase.found ? result.skullBase.z : (result.mandibleBottom.found ? result.mandibleBottom.z + 70 : grid.Z(grid.nz - 1));
    double startZ = result.hyoidBottom.found ? result.hyoidBottom.z + 6
                  : result.mandibleBottom.found ? result.mandibleBottom.z - 5 : 0.5 * (neckLow + neckHigh);
    const int startK = std::clamp(static_cast<int>(std::lround((startZ - grid.z0) / grid.sz)), 0, grid.nz - 1);
    result.sections.resize(grid.nz);
    for (int k = 0; k < grid.nz; ++k) {
        result.sections[k].z = grid.Z(k);
        result.sections[k].midlineX = midline[k];
    }
    int neckSections = 0, veinFound = 0, muscleFound = 0;
    for (int k = 0; k < grid.nz; ++k)
        if (sections[k].body && grid.Z(k) >= neckLow && grid.Z(k) <= neckHigh) ++neckSections;
    const std::size_t n = static_cast<std::size_t>(grid.nx) * grid.ny;
    for (int side = 0; side < 2; ++side) {
        const double sign = side == 1 ? 1.0 : -1.0;
        auto vesselsAt = [&](int k) {
            const Section& s = sections[k];
            if (!s.body)
                return std::vector<VesselPick>{};
            std::vector<std::uint8_t> mask(n, 0);
            const double yc = s.airway ? s.ay : s.bodyCy;
            const int i0 = grid.column(side ? midline[k] + 6 : midline[k] - 65), i1 = grid.column(side ? midline[k] + 65 : midline[k] - 6);
            const int j0 = grid.row(yc - 40), j1 = grid.row(yc + 35);
            for (int j = std::max(0, j0); j <= std::min(grid.ny - 1, j1); ++j)
                for (int i = std::max(0, i0); i <= std::min(grid.nx - 1, i1); ++i) {
                    const float v = grid.at(i, j, k);
                    mask[i + grid.nx * j] = s.bodyMask[i + grid.nx * j] && v > options.vesselHu && grid.rawAt(i, j, k) < options.boneHu;
                }
            std::vector<VesselPick> picks;
            for (const Component& c : components(grid, mask, i0, i1, j0, j1)) {
                const double w = c.maxX - c.minX + grid.sx, h = c.maxY - c.minY + grid.sy;
                if (c.area < 8 || w > 32 || h > 32 || c.area < 0.4 * w * h)
                    continue;
                VesselPick p;
                p.found = true;
                p.x = c.cx; p.y = c.cy; p.backY = c.maxY + grid.sy / 2; p.area = c.area;
                p.medialX = side ? c.minX - grid.sx / 2 : c.maxX + grid.sx / 2;
                picks.push_back(p);
            }
            return picks;
        };
        // Start: the lateral of the large components at the start height.
        VesselPick vein, artery;
        {
            std::vector<VesselPick> picks = vesselsAt(startK);
            double largest = 0;
            for (const VesselPick& p : picks) largest = std::max(largest, p.area);
            for (const VesselPick& p : picks)
                if (p.area >= std::max(25.0, 0.35 * largest) && (!vein.found || sign * p.x > sign * vein.x))
                    vein = p;
        }
        const VesselPick startVein = vein;
        for (int direction : {1, -1}) {
            VesselPick last = startVein, lastArtery;
            int misses = 0;
            for (int k = direction == 1 ? startK : startK - 1; k >= 0 && k < grid.nz; k += direction) {
                if (!sections[k].body || grid.Z(k) < neckLow - 10 || grid.Z(k) > neckHigh)
                    break;
                if (!last.found)
                    break;
                const std::vector<VesselPick> picks = vesselsAt(k);
                VesselPick now;
                double best = 7.0 + misses * 2.0;
                // Within reach of the last position, the most lateral: the carotid lies medial to
                // the vein, and a vein merged with it for a section must not hand the track over.
                for (const VesselPick& p : picks) {
                    const double d = std::hypot(p.x - last.x, p.y - last.y);
                    if (p.area >= 12 && d < best && (!now.found || sign * p.x > sign * now.x)) now = p;
                }
                SideSection& out = result.sections[k].side[side];
                if (!now.found) {
                    if (++misses > 5) break;
                    continue;
                }
                misses = 0;
                last = now;
                out.vein = true;
                out.veinX = now.x; out.veinY = now.y; out.veinRadius = now.backY - now.y;
                ++veinFound;
                // Artery: the nearest component medial to the vein.
                VesselPick art;
                double bestArtery = 25;
                for (const VesselPick& p : picks) {
                    if (sign * (p.x - now.x) > -3 || p.area < 8) continue;
                    const double d = lastArtery.found ? std::hypot(p.x - lastArtery.x, p.y - lastArtery.y) : std::hypot(p.x - now.x, p.y - now.y);
                    if (d < bestArtery) { bestArtery = d; art = p; }
                }
                if (art.found) {
                    lastArtery = art;
                    out.artery = true;
                    out.arteryX = art.x; out.arteryY = art.y;
                    out.arteryRadius = std::abs(art.x - art.medialX);
                }
                // Sternocleidomastoid: the most superficial muscle hit by rays from the vein.
                const std::vector<float> depth = depthMap(grid, sections[k].bodyMask);
                auto isMuscle = [&](int i, int j) {
                    if (!grid.inside(i, j)) return false;
                    const float v = grid.at(i, j, k);
                    return sections[k].bodyMask[i + grid.nx * j] && v > 15 && v < 110;
                };
                double seedDepth = 1e9;
                int seedI = -1, seedJ = -1;
                for (double angle = -30; angle <= 100; angle += 5) {
                    const double a = angle * kPi / 180, dx = sign * std::cos(a), dy = -std::sin(a);
                    int run = 0;
                    for (double t = (now.backY - now.y) + 1; t < 45; t += 0.5) {
                        const int i = grid.column(now.x + dx * t), j = grid.row(now.y + dy * t);
                        if (!grid.inside(i, j) || !sections[k].bodyMask[i + grid.nx * j]) break;
                        if (isMuscle(i, j)) {
                            if (++run * 0.5 >= 2.0) {
                                const float dd = depth[i + grid.nx * j];
                                if (dd < seedDepth) { seedDepth = dd; seedI = i; seedJ = j; }
                                break;
                            }
                        } else {
                            run = 0;
                        }
                    }
                }
                if (seedI >= 0) {
                    std::vector<std::uint8_t> seen(n, 0);
                    std::vector<int> stack{seedI + grid.nx * seedJ};
                    seen[stack[0]] = 1;
                    const double sx = grid.X(seedI), sy = grid.Y(seedJ);
                    double backY = -1e30, backX = 0;
                    std::size_t count = 0;
                    while (!stack.empty()) {
                        const int p = stack.back();
                        stack.pop_back();
                        ++count;
                        const int pi = p % grid.nx, pj = p / grid.nx;
                        if (grid.Y(pj) > backY) { backY = grid.Y(pj); backX = grid.X(pi); }
                        const int ni[4] = {pi - 1, pi + 1, pi, pi}, nj[4] = {pj, pj, pj - 1, pj + 1};
                        for (int q = 0; q < 4; ++q) {
                            if (!isMuscle(ni[q], nj[q])) continue;
                            const int r = ni[q] + grid.nx * nj[q];
                            if (seen[r] || depth[r] > seedDepth + 12 || std::hypot(grid.X(ni[q]) - sx, grid.Y(nj[q]) - sy) > 28) continue;
                            seen[r] = 1;
                            stack.push_back(r);
                        }
                    }
                    if (count * grid.pixelArea() >= 40) {
                        out.muscle = true;
                        out.muscleBackY = backY + grid.sy / 2;
                        out.muscleX = backX;
                        ++muscleFound;
                    }
                }
            }
        }
        // Smooth the muscle's back edge along z (median of 5), against nodes grown into it.
        std::vector<double> backs(grid.nz, 0);
        for (int k = 0; k < grid.nz; ++k) {
            std::vector<double> values;
            for (int d = -2; d <= 2; ++d)
                if (k + d >= 0 && k + d < grid.nz && result.sections[k + d].side[side].muscle)
                    values.push_back(result.sections[k + d].side[side].muscleBackY);
            backs[k] = median(values);
        }
        for (int k = 0; k < grid.nz; ++k)
            if (result.sections[k].side[side].muscle)
                result.sections[k].side[side].muscleBackY = backs[k];

        // Submandibular gland: first soft tissue anterior to the vein, hyoid to mandible.
        if (result.hyoidBottom.found && result.mandibleBottom.found) {
            std::vector<double> hits;
            int columns = 0;
            for (int k = 0; k < grid.nz; ++k) {
                const double z = grid.Z(k);
                if (z < result.hyoidBottom.z + 2 || z > result.mandibleBottom.z + 12) continue;
                const SideSection& v = result.sections[k].side[side];
                if (!v.vein) continue;
                for (double lateral = 16; lateral <= 38; lateral += 2) {
                    ++columns;
                    const int i = grid.column(midline[k] + sign * lateral);
                    int fat = 0, tissue = 0;
                    double start = 0;
                    for (double y = v.veinY - v.veinRadius - 1; y > v.veinY - 55; y -= grid.sy) {
                        const int j = grid.row(y);
                        if (!grid.inside(i, j) || !sections[k].bodyMask[i + grid.nx * j]) break;
                        const float value = grid.at(i, j, k);
                        if (value < -30) { ++fat; tissue = 0; continue; }
                        if (value > 20 && value < 130 && fat * grid.sy >= 2) {
                            if (tissue == 0) start = y;
                            if (++tissue * grid.sy >= 8) { hits.push_back(start + grid.sy / 2); break; }
                        } else {
                            tissue = 0;
                            if (value >= 130) fat = 0;
                        }
                    }
                }
            }
            if (hits.size() >= 8) {
                result.gland[side].found = true;
                result.gland[side].backY = median(hits);
                result.gland[side].confidence = std::min(1.0, double(hits.size()) / std::max(1, columns) * 2);
            }
        }
    }
    result.vesselConfidence = neckSections ? std::min(1.0, veinFound / (2.0 * neckSections)) : 0;
    result.muscleConfidence = neckSections ? std::min(1.0, muscleFound / (2.0 * neckSections)) : 0;
    return result;
}

}  // namespace lnseg
