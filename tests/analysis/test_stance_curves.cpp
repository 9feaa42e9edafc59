// Stance-normalized mean and spread on a synthetic trace of identical stances.
#include <gtest/gtest.h>

#include <cmath>

#include "analysis/stance_curves.hpp"

namespace strider {
namespace {

// 170 steps/min, 0.25 s contacts alternating right and left: vertical force a half sine of
// 2.5 BW, sideways force 0.1 BW away from the midline, knee flexion 0.8·sin over stance.
GaitData identical_stances(bool with_knees) {
  GaitData d;
  const double bw = 70.0 * 9.81, dt = 0.001, step_s = 60.0 / 170.0, contact_s = 0.25;
  const int n = static_cast<int>(12 * step_s / dt);
  d.foot_force_n.assign(2, Eigen::MatrixXd::Zero(n, 3));
  if (with_knees) {
    d.angle_rad["knee_flexion_r"] = VecX::Zero(n);
    d.angle_rad["knee_flexion_l"] = VecX::Zero(n);
  }
  for (int i = 0; i < n; ++i) {
    const double t = i * dt;
    d.time_s.push_back(t);
    const int step = static_cast<int>(std::floor(t / step_s));
    const double local = t - step * step_s;
    const int foot = step % 2;
    if (local <= 0.0 || local >= contact_s) continue;
    const double s = std::sin(kPi * local / contact_s);
    d.foot_force_n[static_cast<std::size_t>(foot)](i, 2) = 2.5 * bw * s;
    d.foot_force_n[static_cast<std::size_t>(foot)](i, 1) = (foot == 0 ? -0.1 : 0.1) * bw * s;
    if (with_knees) d.angle_rad[foot == 0 ? "knee_flexion_r" : "knee_flexion_l"][i] = 0.8 * s;
  }
  return d;
}

TEST(StanceCurves, MeanAndSpreadOverIdenticalStances) {
  const GaitData d = identical_stances(true);
  const GaitSummary s = analyze_gait(d);
  const auto curves = stance_curves(d, s, 51);
  ASSERT_EQ(curves.size(), 4u);
  const StanceCurve& vertical = curves[0];
  EXPECT_EQ(vertical.name, "vertical GRF");
  EXPECT_EQ(vertical.stances, static_cast<int>(s.steps.size()));
  EXPECT_GE(vertical.stances, 6);
  EXPECT_NEAR(vertical.mean[25], 2.5, 0.01);   // mid-stance peak
  EXPECT_LT(vertical.mean[0], 0.1);            // touchdown, at the 50 N threshold
  EXPECT_LT(vertical.spread.maxCoeff(), 0.05); // the stances are alike
  EXPECT_NEAR(curves[1].mean[25], 0.1, 0.001); // lateral, both feet away from the midline
  EXPECT_EQ(curves[2].stances, 0);             // no free moment recorded
  EXPECT_NEAR(curves[3].mean[25], 0.8 * 180.0 / kPi, 0.2);
  EXPECT_EQ(curves[3].unit, "deg");
}

TEST(StanceCurves, SpreadShowsStanceToStanceDifferences) {
  GaitData d = identical_stances(false);
  d.foot_force_n[1] *= 1.2;  // left stances 20 % stronger: mean 2.75 BW, spread 0.25 BW at the peak
  const GaitSummary s = analyze_gait(d);
  const auto curves = stance_curves(d, s, 51);
  EXPECT_NEAR(curves[0].mean[25], 2.75, 0.03);
  EXPECT_NEAR(curves[0].spread[25], 0.25, 0.03);
  EXPECT_EQ(curves[3].stances, 0);  // no knee angles recorded
}

}  // namespace
}  // namespace strider
