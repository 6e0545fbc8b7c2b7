#include "phantom/PhantomRandom.h"

#include <cmath>

namespace lnseg {

std::uint64_t mixBits(std::uint64_t value)
{
    value += 0x9E3779B97F4A7C15ull;
    value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9ull;
    value = (value ^ (value >> 27)) * 0x94D049BB133111EBull;
    return value ^ (value >> 31);
}

PhantomRandom PhantomRandom::derived(std::uint64_t seed, std::uint64_t stream)
{
    return PhantomRandom(mixBits(seed ^ mixBits(stream + 0x632BE59BD9B4E019ull)));
}

int PhantomRandom::integer(int low, int high)
{
    if (high <= low)
        return low;
    const std::uint64_t range = static_cast<std::uint64_t>(high - low) + 1;
    return low + static_cast<int>(m_engine() % range);  // bias is negligible for small ranges
}

double PhantomRandom::normal(double mean, double standardDeviation)
{
    if (m_hasSpare) {
        m_hasSpare = false;
        return mean + standardDeviation * m_spare;
    }
    double u, v, s;
    do {
        u = 2.0 * uniform() - 1.0;
        v = 2.0 * uniform() - 1.0;
        s = u * u + v * v;
    } while (s >= 1.0 || s == 0.0);
    const double factor = std::sqrt(-2.0 * std::log(s) / s);
    m_spare = v * factor;
    m_hasSpare = true;
    return mean + standardDeviation * u * factor;
}

namespace {
double latticeValue(std::int64_t x, std::int64_t y, std::int64_t z, std::uint64_t seed)
{
    std::uint64_t h = mixBits(seed ^ static_cast<std::uint64_t>(x) * 0x8CB92BA72F3D8DD7ull);
    h = mixBits(h ^ static_cast<std::uint64_t>(y) * 0xD6E8FEB86659FD93ull);
    h = mixBits(h ^ static_cast<std::uint64_t>(z) * 0xA0761D6478BD642Full);
    return static_cast<double>(h >> 11) * (2.0 / 9007199254740992.0) - 1.0;
}
double smooth(double t) { return t * t * (3.0 - 2.0 * t); }
}  // namespace

double valueNoise(double x, double y, double z, std::uint64_t seed)
{
    const double fx = std::floor(x), fy = std::floor(y), fz = std::floor(z);
    const auto ix = static_cast<std::int64_t>(fx), iy = static_cast<std::int64_t>(fy),
               iz = static_cast<std::int64_t>(fz);
    const double tx = smooth(x - fx), ty = smooth(y - fy), tz = smooth(z - fz);
    double result = 0.0;
    for (int corner = 0; corner < 8; ++corner) {
        const int dx = corner & 1, dy = (corner >> 1) & 1, dz = (corner >> 2) & 1;
        const double weight = (dx ? tx : 1 - tx) * (dy ? ty : 1 - ty) * (dz ? tz : 1 - tz);
        result += weight * latticeValue(ix + dx, iy + dy, iz + dz, seed);
    }
    return result;
}

}  // namespace lnseg
