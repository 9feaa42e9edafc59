#include "sweep/sampling.hpp"

#include <numeric>

namespace strider {

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
