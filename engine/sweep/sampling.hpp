#pragma once
// Seeded samples in the unit hypercube for sweep axes. Own generator (SplitMix64, Steele,
// Lea & Flood 2014) and own conversions, so the numbers are the same with every compiler and
// standard library (std:: distributions are implementation-defined).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/random.hpp"

namespace strider {

// `count` points in [0, 1)^dims, row-major (point i, dimension d at [i * dims + d]).
// Latin hypercube (McKay, Beckman & Conover 1979): in each dimension every one of the `count`
// equal strata holds exactly one point, placed uniformly inside it.
std::vector<double> latin_hypercube(std::size_t count, std::size_t dims, std::uint64_t seed);
// Independent uniform points.
std::vector<double> uniform_samples(std::size_t count, std::size_t dims, std::uint64_t seed);

}  // namespace strider
