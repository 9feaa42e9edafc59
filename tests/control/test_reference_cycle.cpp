// The reference running cycle derived from Hamner 2010.
#include <gtest/gtest.h>

#include "control/reference_cycle.hpp"
#include "model/model_loader.hpp"

namespace strider {
namespace {

TEST(ReferenceCycle, LoadsTheHamnerTable) {
  const ReferenceCycle c = load_reference_cycle(default_reference_cycle_path());
  // REFERENCES.md §1-2: Hamner data cadence about 174 spm, contact 0.245 s, duty factor 0.35.
  EXPECT_NEAR(c.cadence_spm, 174.0, 2.0);
  EXPECT_NEAR(c.contact_time_s, 0.245, 0.01);
  EXPECT_NEAR(c.duty_factor, 0.35, 0.02);
  EXPECT_NEAR(c.speed_mps, 3.96, 1e-9);
  // Knee flexion peaks in swing well above its stance peak (roughly 100-130° vs 40-55°).
  const FourierCurve& knee = c.curves.at("knee_flexion");
  double swing_peak = 0.0, stance_peak = 0.0;
  for (double p = 0.0; p < 1.0; p += 0.005) {
    const double deg = knee.value(p) * 180.0 / kPi;
    if (p < c.duty_factor) stance_peak = std::max(stance_peak, deg);
    else swing_peak = std::max(swing_peak, deg);
  }
  EXPECT_GT(stance_peak, 35.0);
  EXPECT_LT(stance_peak, 60.0);
  EXPECT_GT(swing_peak, 90.0);
}

TEST(ReferenceCycle, TargetsArePeriodicSymmetricAndDifferentiable) {
  const ReferenceCycle c = load_reference_cycle(default_reference_cycle_path());
  const Model m = load_model_file(resolve_model_path("runner3d", ""));
  VecX a0, r0, a1, r1, ah, rh;
  reference_joint_targets(m, c, 0.1, c.stride_time_s, {}, a0, r0);
  reference_joint_targets(m, c, 1.1, c.stride_time_s, {}, a1, r1);
  EXPECT_LT((a0 - a1).cwiseAbs().maxCoeff(), 1e-12);
  reference_joint_targets(m, c, 0.6, c.stride_time_s, {}, ah, rh);
  const int knee_r = m.coordinate_index("knee_flexion_r"), knee_l = m.coordinate_index("knee_flexion_l");
  EXPECT_NEAR(a0[knee_l], ah[knee_r], 1e-12);  // left now = right half a cycle later
  // Rates are d(angle)/dt for the given stride time.
  const double h = 1e-6;
  VecX ap, rp;
  reference_joint_targets(m, c, 0.1 + h, c.stride_time_s, {}, ap, rp);
  EXPECT_LT(((ap - a0) / (h * c.stride_time_s) - r0).cwiseAbs().maxCoeff(), 1e-4);
  // Arm-swing scale: zero holds the arms at their mean angle.
  CycleModifiers held;
  held.arm_swing = ArmSwing::Scaled;
  held.arm_swing_scale = 0.0;
  VecX b0, s0, b1, s1;
  reference_joint_targets(m, c, 0.1, c.stride_time_s, held, b0, s0);
  reference_joint_targets(m, c, 0.4, c.stride_time_s, held, b1, s1);
  const int shoulder = m.coordinate_index("shoulder_flexion_r");
  EXPECT_NEAR(b0[shoulder], c.curves.at("shoulder_flexion").mean, 1e-12);
  EXPECT_NEAR(b0[shoulder], b1[shoulder], 1e-12);
  EXPECT_EQ(s0[shoulder], 0.0);
  // The scale applies only in the scaled mode.
  CycleModifiers normal;
  normal.arm_swing_scale = 0.0;
  VecX n0, t0;
  reference_joint_targets(m, c, 0.1, c.stride_time_s, normal, n0, t0);
  EXPECT_EQ(n0[shoulder], a0[shoulder]);
  // A held posture: constant angles at rest, whatever the phase; the legs still follow the cycle.
  CycleModifiers chest;
  chest.arm_swing = ArmSwing::HeldAcrossChest;
  VecX h0, q0, h1, q1;
  reference_joint_targets(m, c, 0.1, c.stride_time_s, chest, h0, q0);
  reference_joint_targets(m, c, 0.6, c.stride_time_s, chest, h1, q1);
  const int elbow = m.coordinate_index("elbow_flexion_l");
  EXPECT_EQ(h0[elbow], h1[elbow]);
  EXPECT_GT(h0[elbow], 1.5);
  EXPECT_EQ(q0[elbow], 0.0);
  const int knee = m.coordinate_index("knee_flexion_r");
  EXPECT_EQ(h0[knee], a0[knee]);
  // Trunk lean adds to the lumbar flexion target.
  CycleModifiers lean;
  lean.trunk_lean_rad = 0.1;
  VecX l0, r2;
  reference_joint_targets(m, c, 0.1, c.stride_time_s, lean, l0, r2);
  const int lumbar = m.coordinate_index("lumbar_flexion");
  EXPECT_NEAR(l0[lumbar] - a0[lumbar], 0.1, 1e-12);
}

TEST(ReferenceCycle, ArmSwingNames) {
  for (const char* name : {"normal", "scaled", "held_across_chest", "held_behind_back", "hands_on_head"}) {
    ArmSwing mode = ArmSwing::Normal;
    ASSERT_TRUE(parse_arm_swing(name, mode)) << name;
    EXPECT_STREQ(arm_swing_name(mode), name);
  }
  ArmSwing mode = ArmSwing::Normal;
  EXPECT_FALSE(parse_arm_swing("flapping", mode));
}

}  // namespace
}  // namespace strider
