#include "phantom/Track.h"

#include <algorithm>

namespace lnseg {

double Track::operator()(double z) const
{
    if (m_knots.empty())
        return 0.0;
    if (z <= m_knots.front().first)
        return m_knots.front().second;
    if (z >= m_knots.back().first)
        return m_knots.back().second;
    const auto upper = std::upper_bound(m_knots.begin(), m_knots.end(), z,
                                        [](double value, const auto& knot) { return value < knot.first; });
    const std::size_t i1 = static_cast<std::size_t>(upper - m_knots.begin());
    const std::size_t i0 = i1 - 1;
    const auto& [z0, v0] = m_knots[i0];
    const auto& [z1, v1] = m_knots[i1];
    const double h = z1 - z0;
    const double t = (z - z0) / h;
    // Tangents (per unit z) from the neighbouring knots; one-sided at the ends.
    auto tangent = [&](std::size_t i) {
        const std::size_t previous = i == 0 ? 0 : i - 1;
        const std::size_t next = std::min(i + 1, m_knots.size() - 1);
        const double dz = m_knots[next].first - m_knots[previous].first;
        return dz > 0 ? (m_knots[next].second - m_knots[previous].second) / dz : 0.0;
    };
    const double m0 = tangent(i0) * h, m1 = tangent(i1) * h;
    const double t2 = t * t, t3 = t2 * t;
    return (2 * t3 - 3 * t2 + 1) * v0 + (t3 - 2 * t2 + t) * m0 + (-2 * t3 + 3 * t2) * v1 + (t3 - t2) * m1;
}

Track Track::shifted(double offset) const
{
    Track result = *this;
    for (auto& knot : result.m_knots)
        knot.second += offset;
    return result;
}

Track Track::scaled(double factor) const
{
    Track result = *this;
    for (auto& knot : result.m_knots)
        knot.second *= factor;
    return result;
}

}  // namespace lnseg
