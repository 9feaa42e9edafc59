// Gait measures on a synthetic ground-force trace with known events and peaks.
#include <gtest/gtest.h>

#include <cmath>

#include "analysis/gait.hpp"

namespace strider {
namespace {

// 170 steps/min, 0.25 s contacts alternating right and left, vertical force a half sine of
// 2.5 BW plus a 1.6 BW impact bump at 12 % of stance, fore-aft ∓0.3 BW sine (braking then
// propulsion), centre of mass moving at 3.5 m/s and bobbing 8 cm peak to peak.
GaitData synthetic() {
  GaitData d;
  d.body_mass_kg = 70.0;
  const double bw = 70.0 * 9.81, dt = 0.001, step_s = 60.0 / 170.0, contact_s = 0.25;
  const int n = static_cast<int>(12 * step_s / dt);
  d.foot_force_n.assign(2, Eigen::MatrixXd::Zero(n, 3));
  d.com_position_m.resize(n, 3);
  d.angle_rad["knee_flexion_r"] = VecX::Zero(n);
  d.angle_rad["knee_flexion_l"] = VecX::Zero(n);
  for (int i = 0; i < n; ++i) {
    const double t = i * dt;
    d.time_s.push_back(t);
    const int step = static_cast<int>(std::floor(t / step_s));
    const double local = t - step * step_s;
    const int foot = step % 2;
    if (local > 0.0 && local < contact_s) {
      const double p = local / contact_s;
      double fz = 2.5 * bw * std::sin(kPi * p);
      fz += 1.6 * bw * std::exp(-0.5 * std::pow((p - 0.12) / 0.03, 2)) * (1.0 - std::sin(kPi * p));
      d.foot_force_n[static_cast<std::size_t>(foot)](i, 2) = fz;
      d.foot_force_n[static_cast<std::size_t>(foot)](i, 0) = -0.3 * bw * std::sin(2 * kPi * p);
      d.angle_rad[foot == 0 ? "knee_flexion_r" : "knee_flexion_l"][i] = 0.8 * std::sin(kPi * p);
    }
    d.com_position_m.row(i) << 3.5 * t, 0.0, 0.9 + 0.04 * std::cos(2 * kPi * t / step_s);
  }
  return d;
}

TEST(GaitAnalysis, SyntheticTraceGivesKnownValues) {
  const GaitSummary s = analyze_gait(synthetic());
  const double step_s = 60.0 / 170.0;
  ASSERT_GT(s.strides_analyzed, 2);
  EXPECT_NEAR(*s.values.at("cadence_spm"), 170.0, 0.5);
  EXPECT_NEAR(*s.values.at("speed_mps"), 3.5, 1e-6);
  EXPECT_NEAR(*s.values.at("step_length_m"), 3.5 * step_s, 1e-3);
  // Contact runs while the force exceeds 50 N: a little under 0.25 s.
  EXPECT_NEAR(*s.values.at("contact_time_s"), 0.25, 0.006);
  EXPECT_NEAR(*s.values.at("flight_time_s"), step_s - 0.25, 0.006);
  EXPECT_NEAR(*s.values.at("duty_factor"), 0.25 / (2 * step_s), 0.01);
  EXPECT_NEAR(*s.values.at("vgrf_active_peak_bw"), 2.5, 0.01);
  ASSERT_TRUE(s.values.at("vgrf_impact_peak_bw").has_value());
  EXPECT_GT(*s.values.at("vgrf_impact_peak_bw"), 1.5);
  EXPECT_LT(*s.values.at("vgrf_impact_peak_bw"), 2.3);
  // ∓0.3 BW over a sine's halves: each impulse is 0.3·T/π BW·s.
  EXPECT_NEAR(*s.values.at("braking_impulse_bw_s"), 0.3 * 0.25 / kPi, 1e-3);
  EXPECT_NEAR(*s.values.at("propulsive_impulse_bw_s"), 0.3 * 0.25 / kPi, 1e-3);
  EXPECT_NEAR(*s.values.at("knee_flexion_peak_stance_deg"), 0.8 * 180 / kPi, 0.1);
  EXPECT_NEAR(*s.values.at("com_vertical_excursion_m"), 0.08, 1e-3);
  EXPECT_FALSE(s.values.at("hip_moment_peak_nm_per_kg").has_value());  // not recorded: null
  EXPECT_EQ(*s.values.at("fell"), 0.0);
}

// Vertical stiffness (Morin et al. 2005): the synthetic centre of mass is highest (0.94 m) at
// each touchdown and lowest (0.86 m) at mid-step, inside the 0.25 s contact, and the vertical
// force peaks at 2.5 BW, so each stance gives 2.5 BW / 0.08 m. A centre of mass that does not
// drop has no stiffness to measure.
TEST(GaitAnalysis, VerticalStiffnessIsThePeakForceOverTheCentreOfMassDrop) {
  const double bw = 70.0 * 9.81;
  const GaitSummary s = analyze_gait(synthetic());
  ASSERT_TRUE(s.values.at("vertical_stiffness_kn_per_m").has_value());
  EXPECT_NEAR(*s.values.at("vertical_stiffness_kn_per_m"), 1e-3 * 2.5 * bw / 0.08, 0.02);
  for (const Step& step : s.steps) EXPECT_NEAR(*step.vertical_stiffness_kn_per_m, 1e-3 * 2.5 * bw / 0.08, 0.02);

  GaitData flat = synthetic();
  for (long i = 0; i < flat.com_position_m.rows(); ++i) flat.com_position_m(i, 2) = 0.9;
  const GaitSummary f = analyze_gait(flat);
  ASSERT_GT(f.strides_analyzed, 2);
  EXPECT_FALSE(f.values.at("vertical_stiffness_kn_per_m").has_value());
}

TEST(GaitAnalysis, AFootThatBouncesOffForAMomentTakesOneStepNotTwo) {
  // Every right stance loses contact for 20 ms (one landing bounce) at 0.05 s after touchdown.
  GaitData d = synthetic();
  const double step_s = 60.0 / 170.0;
  int dropouts = 0;
  for (std::size_t i = 0; i < d.time_s.size(); ++i) {
    const double t = d.time_s[i];
    const int step = static_cast<int>(std::floor(t / step_s));
    const double local = t - step * step_s;
    if (step % 2 == 0 && local >= 0.05 && local < 0.07) {
      d.foot_force_n[0](static_cast<long>(i), 2) = 0.0;
      ++dropouts;
    }
  }
  ASSERT_GT(dropouts, 100);
  const GaitSummary s = analyze_gait(d);
  EXPECT_NEAR(*s.values.at("cadence_spm"), 170.0, 0.5);
  EXPECT_NEAR(*s.values.at("contact_time_s"), 0.25, 0.006);  // the stance spans the bounce
  // A gap as long as a step's flight is not a bounce: the next touchdown is a new step.
  EXPECT_LT(kRecontactMergeS, step_s - 0.25);
}

TEST(GaitAnalysis, ASwingingFootsScuffIsNotAStep) {
  // In every right swing the right foot brushes the ground for 20 ms, 0.15 s after the left
  // touchdown: that is no stance, and the cadence, contact time and flight stay the gait's.
  GaitData d = synthetic();
  const double step_s = 60.0 / 170.0, bw = 70.0 * 9.81;
  int scuffs = 0;
  for (std::size_t i = 0; i < d.time_s.size(); ++i) {
    const double t = d.time_s[i];
    const int step = static_cast<int>(std::floor(t / step_s));
    const double local = t - step * step_s;
    if (step % 2 == 1 && local >= 0.15 && local < 0.17) {
      d.foot_force_n[0](static_cast<long>(i), 2) = 0.3 * bw;
      ++scuffs;
    }
  }
  ASSERT_GT(scuffs, 100);
  const GaitSummary s = analyze_gait(d);
  ASSERT_GT(s.strides_analyzed, 2);
  EXPECT_NEAR(*s.values.at("cadence_spm"), 170.0, 0.5);
  EXPECT_NEAR(*s.values.at("contact_time_s"), 0.25, 0.006);
  EXPECT_NEAR(*s.values.at("flight_time_s"), step_s - 0.25, 0.006);
  EXPECT_LT(kMinStanceS, 0.2);  // no running stance is that short
}

TEST(GaitAnalysis, AFallsLastContactsAreNotStrides) {
  // The run fell at its end, and the right foot touched twice more, briefly, as the body went
  // down (from 180 and 70 ms before the fall, 40 ms each): those are not quick strides, and the
  // cadence stays that of the gait.
  GaitData d = synthetic();
  d.fell = true;
  d.fall_time_s = d.time_s.back();
  const double bw = 70.0 * 9.81;
  for (std::size_t i = 0; i < d.time_s.size(); ++i) {
    const double before = d.fall_time_s - d.time_s[i];
    if ((before > 0.14 && before < 0.18) || (before > 0.03 && before < 0.07))
      d.foot_force_n[0](static_cast<long>(i), 2) = bw;
  }
  const GaitSummary s = analyze_gait(d);
  ASSERT_GT(s.strides_analyzed, 1);
  EXPECT_NEAR(*s.values.at("cadence_spm"), 170.0, 0.5);
  EXPECT_EQ(*s.values.at("fell"), 1.0);
}

TEST(GaitAnalysis, VerticalAngularMomentumAndTheArmsShare) {
  // Whole-body H_z = 2 sin(2πt/T) kg·m²/s over the stride T; arms −1 and legs +3 times that
  // sine (the trunk makes up the rest): range 4, normalized by m·v·h; arms' share 1/3.
  GaitData d = synthetic();
  const long n = static_cast<long>(d.time_s.size());
  const double stride_s = 2 * 60.0 / 170.0;
  d.body_height_m = 1.75;
  d.angular_momentum_kgm2ps = Eigen::MatrixXd::Zero(n, 3);
  d.arm_angular_momentum_kgm2ps = Eigen::MatrixXd::Zero(n, 3);
  d.leg_angular_momentum_kgm2ps = Eigen::MatrixXd::Zero(n, 3);
  for (long i = 0; i < n; ++i) {
    const double wave = std::sin(2 * kPi * d.time_s[static_cast<std::size_t>(i)] / stride_s);
    d.angular_momentum_kgm2ps(i, 2) = 2.0 * wave;
    d.angular_momentum_kgm2ps(i, 0) = 50.0 * wave;  // pitch momentum does not count
    d.arm_angular_momentum_kgm2ps(i, 2) = -1.0 * wave;
    d.leg_angular_momentum_kgm2ps(i, 2) = 3.0 * wave;
  }
  const GaitSummary s = analyze_gait(d);
  ASSERT_TRUE(s.values.at("vertical_angular_momentum_range_norm").has_value());
  EXPECT_NEAR(*s.values.at("vertical_angular_momentum_range_norm"), 4.0 / (70.0 * 3.5 * 1.75), 1e-5);
  EXPECT_NEAR(*s.values.at("arm_angular_momentum_share"), 1.0 / 3.0, 1e-4);
  // Without the height, the normalized range is null; without the limbs, the share is.
  d.body_height_m = 0.0;
  d.arm_angular_momentum_kgm2ps.resize(0, 3);
  const GaitSummary t = analyze_gait(d);
  EXPECT_FALSE(t.values.at("vertical_angular_momentum_range_norm").has_value());
  EXPECT_FALSE(t.values.at("arm_angular_momentum_share").has_value());
}

TEST(GaitAnalysis, NoStridesMeansNullMeasures) {
  GaitData d = synthetic();
  d.time_s.resize(300);
  for (auto& f : d.foot_force_n) f.conservativeResize(300, 3);
  d.com_position_m.conservativeResize(300, 3);
  const GaitSummary s = analyze_gait(d);
  EXPECT_EQ(*s.values.at("strides_analyzed"), 0.0);
  EXPECT_FALSE(s.values.at("cadence_spm").has_value());
}

}  // namespace
}  // namespace strider
