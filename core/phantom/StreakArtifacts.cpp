#include "phantom/StreakArtifacts.h"

#include "phantom/PhantomRandom.h"

#include <algorithm>
#include <cmath>

namespace lnseg {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr float kMetalHu = 3000.0f;
}  // namespace

StreakArtifacts::StreakArtifacts(std::vector<MetalFilling> fillings, ShoulderRegion shoulders, double sliceThicknessMm,
                                 std::uint64_t seed)
    : m_fillings(std::move(fillings)), m_shoulders(shoulders), m_thickness(sliceThicknessMm), m_seed(seed)
{
}

void StreakArtifacts::addToSlice(float* values, int columns, int rows, double originX, double originY, double spacing,
                                 double z, int slice) const
{
    addDental(values, columns, rows, originX, originY, spacing, z);
    addShoulders(values, columns, rows, originX, originY, spacing, z, slice);
}

void StreakArtifacts::addDental(float* values, int columns, int rows, double originX, double originY, double spacing,
                                double z) const
{
    for (std::size_t index = 0; index < m_fillings.size(); ++index) {
        const MetalFilling& metal = m_fillings[index];
        // Share of the slice's thickness that crosses the filling.
        const double overlap = std::clamp((metal.radiusMm + 0.5 * m_thickness - std::abs(z - metal.centre[2])) / m_thickness, 0.0, 1.0);
        if (overlap <= 0)
            continue;
        // The rays of one filling are the same on every slice it crosses.
        PhantomRandom random = PhantomRandom::derived(m_seed, 1000 + index);
        struct Ray { double cosine, sine, amplitude, width, decay; };
        std::vector<Ray> rays;
        const int count = random.integer(8, 16);
        for (int r = 0; r < count; ++r) {
            const double angle = random.uniform(0, kPi);
            const double sign = r % 2 ? -1.0 : 1.0;
            rays.push_back({std::cos(angle), std::sin(angle), sign * random.uniform(150, 600) * overlap, random.uniform(0.6, 1.6),
                            random.uniform(30, 70)});
        }
        // Dark band towards the next filling.
        const bool band = index + 1 < m_fillings.size();
        const MetalFilling& other = band ? m_fillings[index + 1] : metal;
        const double bandLength = std::hypot(other.centre[0] - metal.centre[0], other.centre[1] - metal.centre[1]);
        const double bandCos = band && bandLength > 0 ? (other.centre[0] - metal.centre[0]) / bandLength : 1;
        const double bandSin = band && bandLength > 0 ? (other.centre[1] - metal.centre[1]) / bandLength : 0;
        const double bandAmplitude = -random.uniform(200, 500) * overlap;
        const double metalRadius = metal.radiusMm * std::sqrt(std::max(0.0, 1 - std::pow((z - metal.centre[2]) / (metal.radiusMm + 0.5 * m_thickness), 2)));
        for (int row = 0; row < rows; ++row)
            for (int column = 0; column < columns; ++column) {
                const double dx = originX + column * spacing - metal.centre[0], dy = originY + row * spacing - metal.centre[1];
                const double distance = std::hypot(dx, dy);
                float& value = values[static_cast<std::size_t>(row) * columns + column];
                if (distance < metalRadius) {
                    value += static_cast<float>(overlap) * (kMetalHu - value);
                    continue;
                }
                double streak = 0;
                for (const Ray& ray : rays) {
                    const double across = dx * ray.sine - dy * ray.cosine;
                    streak += ray.amplitude * std::exp(-0.5 * across * across / (ray.width * ray.width) - distance / ray.decay);
                }
                if (band && bandLength > 0) {
                    const double along = dx * bandCos + dy * bandSin;
                    const double across = dx * bandSin - dy * bandCos;
                    if (along > 0 && along < bandLength)
                        streak += bandAmplitude * std::exp(-0.5 * across * across / 4.0);
                }
                value += static_cast<float>(streak);
            }
    }
}

void StreakArtifacts::addShoulders(float* values, int columns, int rows, double originX, double originY, double spacing,
                                   double z, int slice) const
{
    if (!m_shoulders.present || z > m_shoulders.top)
        return;
    const double strength = std::clamp((m_shoulders.top - z) / 20.0, 0.0, 1.0);
    PhantomRandom random = PhantomRandom::derived(m_seed, 2000 + static_cast<std::uint64_t>(slice));
    const int count = random.integer(2, 6);
    for (int band = 0; band < count; ++band) {
        const double centreY = m_shoulders.centreY + random.uniform(-m_shoulders.halfHeightMm, m_shoulders.halfHeightMm);
        const double slope = random.uniform(-0.08, 0.08);
        const double width = random.uniform(1.0, 4.0);
        const double amplitude = -random.uniform(40, 150) * strength;
        for (int row = 0; row < rows; ++row) {
            const double y = originY + row * spacing;
            for (int column = 0; column < columns; ++column) {
                const double x = originX + column * spacing;
                const double across = y - centreY - slope * x;
                if (std::abs(across) > 4 * width)
                    continue;
                const double lateral = std::clamp(1.0 - std::pow(x / m_shoulders.halfWidthMm, 4), 0.0, 1.0);
                values[static_cast<std::size_t>(row) * columns + column] +=
                    static_cast<float>(amplitude * lateral * std::exp(-0.5 * across * across / (width * width)));
            }
        }
    }
}

}  // namespace lnseg
