#pragma once
// Deterministic random numbers for the phantom generator.
//
// std::uniform_real_distribution and std::normal_distribution are allowed to differ between
// standard library implementations, so the same seed could give different phantoms on different
// machines. std::mt19937_64's raw output is fixed by the standard; everything on top of it is
// implemented here.

#include <cstdint>
#include <random>

namespace lnseg {

class PhantomRandom {
public:
    explicit PhantomRandom(std::uint64_t seed) : m_engine(seed) {}

    // An independent stream derived from `seed` and `stream` (e.g. one per slice), so that the
    // numbers drawn in one part of the generator do not depend on how many were drawn elsewhere.
    static PhantomRandom derived(std::uint64_t seed, std::uint64_t stream);

    std::uint64_t next() { return m_engine(); }
    // Uniform in [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(m_engine() >> 11) * (1.0 / 9007199254740992.0); }
    double uniform(double low, double high) { return low + (high - low) * uniform(); }
    // Uniform integer in [low, high] (inclusive).
    int integer(int low, int high);
    // Normal distribution (Marsaglia's polar method).
    double normal(double mean = 0.0, double standardDeviation = 1.0);
    bool chance(double probability) { return uniform() < probability; }

private:
    std::mt19937_64 m_engine;
    bool m_hasSpare = false;
    double m_spare = 0.0;
};

// A well-mixed 64-bit hash (SplitMix64 finaliser), used for seeds and value noise.
std::uint64_t mixBits(std::uint64_t value);

// Smooth value noise in [-1, 1]: random values on an integer lattice, interpolated with a
// smoothstep. Coordinates are in lattice units.
double valueNoise(double x, double y, double z, std::uint64_t seed);

}  // namespace lnseg
