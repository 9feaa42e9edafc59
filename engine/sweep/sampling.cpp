#include "sweep/sampling.hpp"

#include <numeric>

namespace strider {

std::uint64_t SplitMix64::next() {
  std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

double SplitMix64::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

std::size_t SplitMix64::below(std::size_t n) {
  // Rejection keeps every value equally likely.
  const std::uint64_t bound = static_cast<std::uint64_t>(n);
  const std::uint64_t limit = ~std::uint64_t{0} - (~std::uint64_t{0} % bound);
  std::uint64_t r = next();
  while (r >= limit) r = next();
  return static_cast<std::size_t>(r % bound);
}

std::vector<double> latin_hypercube(std::size_t count, std::size_t dims, std::uint64_t seed) {
  SplitMix64 rng(seed);
  std::vector<double> points(count * dims);
  std::vector<std::size_t> strata(count);
  for (std::size_t d = 0; d < dims; ++d) {
    std::iota(strata.begin(), strata.end(), std::size_t{0});
    for (std::size_t i = count; i > 1; --i) std::swap(strata[i - 1], strata[rng.below(i)]);  // Fisher-Yates
    for (std::size_t i = 0; i < count; ++i) {
      points[i * dims + d] = (static_cast<double>(strata[i]) + rng.uniform()) / static_cast<double>(count);
    }
  }
  return points;
}

std::vector<double> uniform_samples(std::size_t count, std::size_t dims, std::uint64_t seed) {
  SplitMix64 rng(seed);
  std::vector<double> points(count * dims);
  for (auto& p : points) p = rng.uniform();
  return points;
}

}  // namespace strider
