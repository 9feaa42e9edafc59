#pragma once
// Seeded random numbers with our own generator (SplitMix64, Steele, Lea & Flood 2014) and our
// own conversions, so the numbers are the same with every compiler and standard library
// (std:: distributions are implementation-defined).
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace strider {

class SplitMix64 {
 public:
  explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  // In [0, 1), 53 random bits.
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // In [0, n), n > 0; rejection keeps every value equally likely.
  std::size_t below(std::size_t n) {
    const std::uint64_t bound = static_cast<std::uint64_t>(n);
    const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % bound);
    std::uint64_t r = next();
    while (r >= limit) r = next();
    return static_cast<std::size_t>(r % bound);
  }
  // Standard normal by the Box–Muller transform (one of the pair; the generator stays simple).
  double normal() {
    const double u1 = 1.0 - uniform();  // in (0, 1]
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
  }

 private:
  std::uint64_t state_;
};

// A seed for stream `a`, `b` of a parent seed (e.g. generation and index of a candidate), so
// that every draw depends only on where it is used, never on the order of evaluation.
inline std::uint64_t derive_seed(std::uint64_t seed, std::uint64_t a, std::uint64_t b = 0) {
  SplitMix64 mix(seed ^ 0x5851f42d4c957f2dull);
  std::uint64_t s = mix.next() ^ (a * 0x9e3779b97f4a7c15ull);
  SplitMix64 mix2(s);
  s = mix2.next() ^ (b * 0xc2b2ae3d27d4eb4full);
  SplitMix64 mix3(s);
  return mix3.next();
}

}  // namespace strider
