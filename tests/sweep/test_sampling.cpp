// Seeded samples for sweep axes: Latin-hypercube strata, range, reproducibility.
#include <gtest/gtest.h>

#include <set>

#include "sweep/sampling.hpp"

namespace strider {
namespace {

TEST(Sampling, LatinHypercubePutsOnePointInEveryStratumOfEveryDimension) {
  const std::size_t n = 37, dims = 4;
  const auto p = latin_hypercube(n, dims, 12345);
  ASSERT_EQ(p.size(), n * dims);
  for (std::size_t d = 0; d < dims; ++d) {
    std::set<std::size_t> strata;
    for (std::size_t i = 0; i < n; ++i) {
      const double u = p[i * dims + d];
      ASSERT_GE(u, 0.0);
      ASSERT_LT(u, 1.0);
      strata.insert(static_cast<std::size_t>(u * static_cast<double>(n)));
    }
    EXPECT_EQ(strata.size(), n) << "dimension " << d;
  }
}

TEST(Sampling, SameSeedSameNumbersOtherSeedOtherNumbers) {
  EXPECT_EQ(latin_hypercube(10, 3, 7), latin_hypercube(10, 3, 7));
  EXPECT_NE(latin_hypercube(10, 3, 7), latin_hypercube(10, 3, 8));
  EXPECT_EQ(uniform_samples(10, 3, 7), uniform_samples(10, 3, 7));
  EXPECT_NE(uniform_samples(10, 3, 7), uniform_samples(10, 3, 8));
}

TEST(Sampling, SplitMix64MatchesTheReferenceSequence) {
  // First outputs of SplitMix64 seeded with 0 (Vigna's reference implementation, splitmix64.c).
  SplitMix64 rng(0);
  EXPECT_EQ(rng.next(), 0xe220a8397b1dcdafull);
  EXPECT_EQ(rng.next(), 0x6e789e6aa1b965f4ull);
  EXPECT_EQ(rng.next(), 0x06c45d188009454full);
}

TEST(Sampling, UniformMeanIsNearOneHalf) {
  const auto u = uniform_samples(20000, 1, 99);
  double sum = 0.0;
  for (double v : u) sum += v;
  EXPECT_NEAR(sum / 20000.0, 0.5, 0.01);  // 4.5 standard errors (1/sqrt(12 * 20000) = 0.002)
}

}  // namespace
}  // namespace strider
