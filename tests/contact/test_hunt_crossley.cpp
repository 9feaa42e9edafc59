#include <gtest/gtest.h>

#include <cmath>

#include "contact/friction.hpp"
#include "contact/hunt_crossley.hpp"

namespace strider {

TEST(HuntCrossley, HertzLawAndDissipation) {
  // Hertz: f = (4/3)·E·sqrt(R)·δ^1.5. E = 2e6, R = 0.04, δ = 0.01 → 4/3·2e6·0.2·1e-3 = 533.33 N.
  EXPECT_NEAR(hunt_crossley_force_n(2e6, 0.04, 0.01, 0.0, 1.0), 533.3333333333, 1e-6);
  // Hunt–Crossley damping scales it by (1 + 1.5·c·δ̇).
  EXPECT_NEAR(hunt_crossley_force_n(2e6, 0.04, 0.01, 0.2, 1.0), 533.3333333333 * 1.3, 1e-6);
  // No suction when separating fast, and nothing without penetration.
  EXPECT_EQ(hunt_crossley_force_n(2e6, 0.04, 0.01, -2.0, 1.0), 0.0);
  EXPECT_EQ(hunt_crossley_force_n(2e6, 0.04, -0.001, 0.0, 1.0), 0.0);
}

TEST(Friction, SticksInsideTheConeAndSlidesAtDynamicFriction) {
  ContactParameters p;
  p.friction_static = 0.9;
  p.friction_dynamic = 0.8;
  p.tangential_stiffness_n_per_m = 5e4;
  p.tangential_damping_ns_per_m = 0.0;
  const Vec3 n(0, 0, 1);
  // 1 mm stretch: 50 N < 0.9·100 N, so it sticks with the spring force.
  FrictionResult stick = coulomb_friction(p, n, 100.0, Vec3(0.001, 0, 0), Vec3::Zero(), Vec3::Zero());
  EXPECT_FALSE(stick.slipping);
  EXPECT_NEAR(stick.force_n.x(), -50.0, 1e-9);
  // 3 mm stretch: 150 N > 90 N: slides with 0.8·100 N and the anchor follows.
  FrictionResult slip = coulomb_friction(p, n, 100.0, Vec3(0.003, 0, 0), Vec3::Zero(), Vec3::Zero());
  EXPECT_TRUE(slip.slipping);
  EXPECT_NEAR(slip.force_n.norm(), 80.0, 1e-9);
  EXPECT_NEAR(slip.force_n.x(), -80.0, 1e-9);
  EXPECT_NEAR(slip.anchor_m.x(), 0.003 - 80.0 / 5e4, 1e-12);
}

}  // namespace strider
