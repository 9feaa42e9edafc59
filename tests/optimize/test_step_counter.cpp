// The optimizer's step counter on synthetic foot forces with known steps, bounces and scuffs.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "analysis/gait.hpp"
#include "optimize/step_counter.hpp"

namespace strider {
namespace {

constexpr double kDtS = 0.001;

// A half-sine stance of `peak_n` on `foot` from `on_s` for `length_s`.
double stance_force(double t_s, double on_s, double length_s, double peak_n) {
  if (t_s < on_s || t_s > on_s + length_s) return 0.0;
  return peak_n * std::sin(M_PI * (t_s - on_s) / length_s);
}
// When that stance's force first exceeds the contact threshold.
double threshold_crossing_s(double on_s, double length_s, double peak_n) {
  return on_s + length_s * std::asin(kContactThresholdN / peak_n) / M_PI;
}

// Right stances at 0.10 and 0.80 s, a left one at 0.45 s, each 0.25 s; the left foot scuffs the
// ground for 20 ms at 0.95 s in mid-swing (above the contact threshold), and the right foot's
// second stance bounces off for 10 ms. Three steps, the first at 0.10 s and the last at 0.80 s:
// the scuff is not a step and the bounce is not a second one. Each step's touchdown is known
// when it is counted (the viewer's cadence uses them).
TEST(StepCounter, CountsStancesNotScuffsOrBounces) {
  StepCounter counter;
  std::vector<double> touchdowns;
  for (double t = 0.0; t < 1.5; t += kDtS) {
    double right = stance_force(t, 0.10, 0.25, 1800.0) + stance_force(t, 0.80, 0.25, 2000.0);
    if (t > 0.85 && t < 0.86) right = 0.0;  // the bounce
    const double left = stance_force(t, 0.45, 0.25, 1900.0) + stance_force(t, 0.95, 0.02, 400.0);
    for (int foot = 0; foot < 2; ++foot) {
      const int before = counter.steps();
      counter.add(foot, t, foot == 0 ? right : left);
      if (counter.steps() > before) touchdowns.push_back(counter.newest_step_touchdown_s());
    }
  }
  EXPECT_EQ(counter.steps(), 3);
  ASSERT_EQ(touchdowns.size(), 3u);
  EXPECT_NEAR(touchdowns[0], threshold_crossing_s(0.10, 0.25, 1800.0), kDtS);
  EXPECT_NEAR(touchdowns[1], threshold_crossing_s(0.45, 0.25, 1900.0), kDtS);
  EXPECT_NEAR(touchdowns[2], threshold_crossing_s(0.80, 0.25, 2000.0), kDtS);
  EXPECT_NEAR(counter.first_touchdown_s(), threshold_crossing_s(0.10, 0.25, 1800.0), kDtS);
  EXPECT_NEAR(counter.last_touchdown_s(), threshold_crossing_s(0.80, 0.25, 2000.0), kDtS);
  EXPECT_EQ(counter.finished_steps(), 3);
  EXPECT_NEAR(counter.finished_peak_sum_n(), 1800.0 + 1900.0 + 2000.0, 1.0);
}

// Each finished step's vertical stiffness is its peak force over the centre of mass's drop from
// its height at touchdown: a right stance of 1800 N peak whose centre of mass sinks 5 cm in all
// (a little less from touchdown) gives about 37 kN/m; a left one whose centre of mass stays level
// is not counted.
TEST(StepCounter, VerticalStiffnessIsThePeakForceOverTheDrop) {
  StepCounter counter;
  for (double t = 0.0; t < 1.0; t += kDtS) {
    const double right = stance_force(t, 0.10, 0.25, 1800.0), left = stance_force(t, 0.45, 0.25, 1900.0);
    const double height_m = 1.0 - (right > 0.0 ? 0.05 * right / 1800.0 : 0.0);
    counter.add(0, t, right, height_m);
    counter.add(1, t, left, height_m);
  }
  EXPECT_EQ(counter.finished_steps(), 2);
  ASSERT_EQ(counter.stiffness_steps(), 1);
  // At touchdown (the first sample above the threshold, within 23 N of it at this 1 ms sampling)
  // the centre of mass has already sunk by about 50/1800 of the 5 cm: 37.0-37.5 kN/m.
  const double drop_m = 0.05 * (1.0 - kContactThresholdN / 1800.0);
  EXPECT_NEAR(counter.stiffness_sum_n_per_m(), 1800.0 / drop_m, 500.0);
}

// A contact of exactly kMinStanceS or longer is a step; a shorter one is not.
TEST(StepCounter, AStepLastsAtLeastTheShortestStance) {
  for (const double length_s : {kMinStanceS - 0.005, kMinStanceS + 0.005}) {
    StepCounter counter;
    for (double t = 0.0; t < 0.5; t += kDtS) counter.add(0, t, stance_force(t, 0.1, length_s, 1000.0));
    EXPECT_EQ(counter.steps(), length_s >= kMinStanceS ? 1 : 0) << length_s;
  }
}

}  // namespace
}  // namespace strider
