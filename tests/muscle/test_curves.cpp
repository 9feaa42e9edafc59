// De Groote 2016 curves at their published points (REFERENCES.md §5).
#include <gtest/gtest.h>

#include <cmath>

#include "muscle/curves.hpp"

namespace strider::degroote2016 {

TEST(DeGroote2016, ForceLengthPeaksNearOne) {
  EXPECT_NEAR(active_force_length(1.0), 1.0, 2e-3);
  for (double l : {0.6, 0.8, 1.2, 1.4}) EXPECT_LT(active_force_length(l), active_force_length(1.0));
}

TEST(DeGroote2016, ForceVelocityPublishedPoints) {
  EXPECT_NEAR(force_velocity(0.0), 1.0, 1e-6);
  EXPECT_NEAR(force_velocity(-1.0), 0.0, 5e-3);   // shortening at v_max
  EXPECT_NEAR(force_velocity(1.0), 1.79, 5e-3);   // lengthening at v_max: no plateau
  for (double v : {-0.9, -0.3, 0.0, 0.4, 0.9}) {
    EXPECT_NEAR(force_velocity_inverse(force_velocity(v)), v, 1e-12);
    const double h = 1e-6;
    EXPECT_NEAR(force_velocity_slope(v), (force_velocity(v + h) - force_velocity(v - h)) / (2 * h), 1e-6);
    // The combined form's value has the same bits as force_velocity's (its slope is
    // force_velocity_slope's, checked on the line above).
    double slope = 0.0;
    EXPECT_EQ(force_velocity_and_slope(v, slope), force_velocity(v));
  }
}

TEST(DeGroote2016, SlopesMatchFiniteDifferences) {
  const double h = 1e-6;
  for (double l : {0.3, 0.6, 0.9, 1.0, 1.3, 1.6}) {
    EXPECT_NEAR(active_force_length_slope(l),
                (active_force_length(l + h) - active_force_length(l - h)) / (2 * h), 1e-7);
    EXPECT_NEAR(passive_force_length_slope(l),
                (passive_force_length(l + h) - passive_force_length(l - h)) / (2 * h), 1e-7);
  }
  EXPECT_DOUBLE_EQ(passive_force_length_slope(0.1), 0.0);
}

TEST(DeGroote2016, PassiveCurve) {
  EXPECT_DOUBLE_EQ(passive_force_length(0.2), 0.0);
  EXPECT_NEAR(passive_force_length(1.6), 1.0, 1e-12);
  EXPECT_LT(passive_force_length(1.0), 0.02);
  // A muscle's own passive strain e0: F_max at l̃ = 1 + e0, and softer below it.
  for (double e0 : {0.4, 1.0, 3.0}) {
    EXPECT_NEAR(passive_force_length(1.0 + e0, e0), 1.0, 1e-12);
    EXPECT_DOUBLE_EQ(passive_force_length(0.2, e0), 0.0);
    const double h = 1e-6;
    EXPECT_NEAR(passive_force_length_slope(1.3, e0),
                (passive_force_length(1.3 + h, e0) - passive_force_length(1.3 - h, e0)) / (2 * h), 1e-7);
  }
  EXPECT_LT(passive_force_length(1.3, 1.0), passive_force_length(1.3, 0.6));
}

TEST(DeGroote2016, TendonStrainAtMaxForceIsEpsilon0) {
  const double k = tendon_stiffness_for_strain(0.049);
  EXPECT_NEAR(k, 36.57, 0.01);  // REFERENCES.md §5: k_T ≈ 36.6 for ε0 = 0.049
  EXPECT_NEAR(tendon_force_length(1.049, k), 1.0, 1e-12);
  EXPECT_DOUBLE_EQ(tendon_force_length(0.99, k), 0.0);  // slack tendon carries nothing
  EXPECT_NEAR(tendon_length_for_force(0.37, k), 1.0 + std::log((0.37 + 0.2) / 0.2) / k, 1e-15);
  EXPECT_NEAR(tendon_force_length(tendon_length_for_force(0.37, k), k), 0.37, 1e-12);
}

}  // namespace strider::degroote2016
