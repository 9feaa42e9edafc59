// The muscle stage's lookahead (predict_tendon_force): a lone unit's tendon force a short time
// ahead under a held excitation, as computed muscle control uses it.
#include <gtest/gtest.h>

#include <cmath>
#include <tuple>

#include "muscle/muscle_stage.hpp"
#include "muscle/muscle_tendon.hpp"

namespace strider {
namespace {

// Vasti of the planar 9-muscle set (REFERENCES.md §4): a short, stiff tendon.
Muscle vasti() {
  Muscle m;
  m.mtu.max_isometric_force_n = 4530;
  m.mtu.optimal_fiber_length_m = 0.0993;
  m.mtu.tendon_slack_length_m = 0.1231;
  m.mtu.pennation_at_optimal_rad = 0.0785;
  m.activation_time_s = 0.01;
  m.deactivation_time_s = 0.04;
  return m;
}

// The unit in static equilibrium at `activation`, its path 5 % longer than l_opt + l_slack.
UnitNow at_rest(const Muscle& m, double activation, double velocity_mps) {
  UnitNow now;
  now.activation = activation;
  now.mtu_length_m = 1.05 * (m.mtu.optimal_fiber_length_m + m.mtu.tendon_slack_length_m);
  now.fiber_length_norm = equilibrium_fiber_length(m.mtu, activation, now.mtu_length_m);
  now.mtu_velocity_mps = velocity_mps;
  return now;
}

double force_now(const Muscle& m, const UnitNow& now) {
  return muscle_tendon_forces(m.mtu, m.mtu.max_isometric_force_n, now.activation, now.mtu_length_m,
                              now.mtu_velocity_mps, now.fiber_length_norm)
      .tendon_force_n;
}

TEST(MuscleStage, LookaheadOfNothingIsTheForceNow) {
  const Muscle m = vasti();
  const UnitNow now = at_rest(m, 0.3, -0.2);
  const double fmax = m.mtu.max_isometric_force_n;
  EXPECT_EQ(predict_tendon_force(m, fmax, 1.0, now, 1.0, 0.0, 1e-3), force_now(m, now));
}

TEST(MuscleStage, AHeldEquilibriumStaysWhereItIs) {
  const Muscle m = vasti();
  const UnitNow now = at_rest(m, 0.4, 0.0);
  const double f = predict_tendon_force(m, m.mtu.max_isometric_force_n, 1.0, now, 0.4, 0.05, 1e-3);
  EXPECT_NEAR(f, force_now(m, now), 1e-3 * m.mtu.max_isometric_force_n);
}

TEST(MuscleStage, TheForceLagsTheExcitation) {
  const Muscle m = vasti();
  const double fmax = m.mtu.max_isometric_force_n;
  const UnitNow now = at_rest(m, 0.1, 0.0);
  const double start = force_now(m, now);
  // The force full activation holds at this length (static equilibrium).
  UnitNow full = now;
  full.activation = 1.0;
  full.fiber_length_norm = equilibrium_fiber_length(m.mtu, 1.0, now.mtu_length_m);
  const double target = force_now(m, full);
  const double at_10ms = predict_tendon_force(m, fmax, 1.0, now, 1.0, 0.01, 1e-3);
  const double at_40ms = predict_tendon_force(m, fmax, 1.0, now, 1.0, 0.04, 1e-3);
  const double at_500ms = predict_tendon_force(m, fmax, 1.0, now, 1.0, 0.5, 1e-3);
  // Activation (5-20 ms) and the fibre's stretching of the tendon delay it: after 10 ms the force
  // has not covered half of the way, after 40 ms more, and after 0.5 s it is there.
  EXPECT_GT(at_10ms, start);
  EXPECT_LT(at_10ms - start, 0.5 * (target - start));
  EXPECT_GT(at_40ms, at_10ms);
  EXPECT_NEAR(at_500ms, target, 0.01 * fmax);
  // Relaxing: the force falls, more slowly (deactivation 40 ms).
  const UnitNow busy = at_rest(m, 0.8, 0.0);
  const double relaxed_10ms = predict_tendon_force(m, fmax, 1.0, busy, 0.0, 0.01, 1e-3);
  EXPECT_LT(relaxed_10ms, force_now(m, busy));
}

TEST(MuscleStage, OneMillisecondSubStepsAgreeWithFineOnes) {
  // Switching on and off, the path lengthening and shortening, over 20 ms.
  const Muscle m = vasti();
  const double fmax = m.mtu.max_isometric_force_n;
  for (const auto& [a0, u, v] : {std::tuple{0.1, 1.0, 0.3}, std::tuple{0.8, 0.0, -0.3}, std::tuple{0.3, 0.6, -0.1}}) {
    const UnitNow now = at_rest(m, a0, v);
    const double coarse = predict_tendon_force(m, fmax, 1.0, now, u, 0.02, 1e-3);
    const double fine = predict_tendon_force(m, fmax, 1.0, now, u, 0.02, 2e-5);
    EXPECT_NEAR(coarse, fine, 0.02 * fmax) << "a0 " << a0 << " u " << u << " v " << v;
  }
}

TEST(MuscleStage, TheCapacityCapsTheExcitation) {
  const Muscle m = vasti();
  const double fmax = m.mtu.max_isometric_force_n;
  const UnitNow now = at_rest(m, 0.1, 0.0);
  EXPECT_DOUBLE_EQ(predict_tendon_force(m, fmax, 0.5, now, 1.0, 0.05, 1e-3),
                   predict_tendon_force(m, fmax, 1.0, now, 0.5, 0.05, 1e-3));
}

}  // namespace
}  // namespace strider
