// Muscle paths: moment arms equal −∂l/∂θ, conditional via points, and a muscle holding a weight.
#include <gtest/gtest.h>

#include <memory>

#include "dynamics/kinematics.hpp"
#include "model/model_loader.hpp"
#include "muscle/path.hpp"
#include "sim/simulation.hpp"
#include "test_models.hpp"

namespace strider {
namespace {

struct Paths {
  VecX length, velocity;
  Eigen::MatrixXd arms;
};

Paths paths_at(const Model& m, const VecX& q, const VecX& v) {
  std::vector<BodyFrame> frames(m.bodies.size());
  Eigen::Matrix3Xd axes(3, m.coordinates.size());
  forward_kinematics(m, q, v, frames, &axes);
  Paths p{VecX(m.muscles.size()), VecX(m.muscles.size()), Eigen::MatrixXd(m.muscles.size(), m.coordinates.size())};
  p.arms.setZero();
  compute_muscle_paths(m, frames, axes, q, v, p.length, p.velocity, p.arms);
  return p;
}

TEST(MusclePath, MomentArmIsMinusLengthDerivative) {
  const Model m = load_model_text(test::kMuscleArm, "arm");
  ASSERT_EQ(m.muscles.size(), 2u);
  EXPECT_EQ(m.muscles[1].crossed_coordinates, (std::vector<int>{0, 1}));  // biarticular
  for (double shoulder : {-0.6, 0.0, 0.5}) {
    for (double elbow : {-2.2, -1.0, -0.2}) {  // via point active at -2.2 and -1.0
      VecX q(2);
      q << shoulder, elbow;
      const Paths p = paths_at(m, q, VecX::Zero(2));
      for (int c = 0; c < 2; ++c) {
        const double h = 1e-6;
        VecX qp = q, qm = q;
        qp[c] += h;
        qm[c] -= h;
        const VecX dl = (paths_at(m, qp, VecX::Zero(2)).length - paths_at(m, qm, VecX::Zero(2)).length) / (2 * h);
        for (int k = 0; k < 2; ++k) EXPECT_NEAR(p.arms(k, c), -dl[k], 1e-7) << "muscle " << k << " coord " << c;
      }
      // Lengthening velocity = −Σ r·q̇.
      VecX v(2);
      v << 0.7, -1.3;
      const Paths pv = paths_at(m, q, v);
      EXPECT_NEAR(pv.velocity[1], -(pv.arms(1, 0) * 0.7 + pv.arms(1, 1) * -1.3), 1e-12);
    }
  }
  // The lifter raises the arm (negative torque about +y lifts +x upward) with about 7 cm.
  const Paths zero = paths_at(m, VecX::Zero(2), VecX::Zero(2));
  EXPECT_NEAR(zero.arms(0, 0), -0.1 / std::sqrt(2.0), 1e-12);
}

TEST(MusclePath, ConditionalViaPointKeepsTheMomentArmSign) {
  const Model m = load_model_text(test::kMuscleArm, "arm");
  std::string straight_text = test::kMuscleArm;
  const std::string via = "      - {body: arm, point_m: [0.51, 0, -0.03], active_when: {coordinate: elbow, range_deg: [-150, -30]}}\n";
  straight_text.erase(straight_text.find(via), via.size());
  const Model straight = load_model_text(straight_text, "arm without via");
  // The extensor lies on the convex side of the flexing elbow. A straight line from origin to
  // insertion passes to the other side of the joint beyond about 55° of flexion and would
  // flex the elbow; the via point behind the elbow keeps it an extensor (positive about +y).
  double worst_straight = 1.0;
  for (double elbow = -2.4; elbow <= 0.0; elbow += 0.1) {
    VecX q(2);
    q << 0.0, elbow;
    EXPECT_GT(paths_at(m, q, VecX::Zero(2)).arms(1, 1), 0.0) << elbow;
    worst_straight = std::min(worst_straight, paths_at(straight, q, VecX::Zero(2)).arms(1, 1));
  }
  EXPECT_LT(worst_straight, -0.01);
}

TEST(MusclePath, SingleMuscleHoldsAWeightWithTheLeverArmForce) {
  auto model = std::make_shared<const Model>(load_model_text(test::kMuscleArm, "arm"));
  Simulation sim(model, simulation_options(0.001));
  State s = State::zero(*model);
  s.q << 0.0, 0.0;
  sim.set_state(s);
  sim.equilibrate_muscles();
  VecX u(2);
  u << 0.3, 0.0;
  sim.set_excitations(u);
  for (int i = 0; i < 4000; ++i) sim.step();
  sim.evaluate();
  const auto& ws = sim.workspace();
  EXPECT_LT(std::abs(sim.state().v[0]), 1e-3);  // at rest
  // Static balance about the shoulder: the lifter's tendon force times its moment arm carries
  // the arm and forearm's weight (the passive biceps and the limits carry nothing here).
  const double shoulder = sim.state().q[0];
  ASSERT_GT(shoulder, -80 * kPi / 180);
  ASSERT_LT(shoulder, 80 * kPi / 180);
  const double g = 9.81;
  const Vec3 com_arm = ws.frames[1].p_WCom - ws.frames[1].p_WB;
  const Vec3 com_fore = ws.frames[2].p_WCom - ws.frames[1].p_WB;
  const double gravity_torque = -(com_arm.cross(Vec3(0, 0, -2.0 * g)) + com_fore.cross(Vec3(0, 0, -0.5 * g))).y();
  const double muscle_torque = ws.moment_arm_m(0, 0) * ws.muscle[0].tendon_force_n +
                               ws.moment_arm_m(1, 0) * ws.muscle[1].tendon_force_n;
  EXPECT_NEAR(muscle_torque + ws.passive_torque_nm[0], gravity_torque, 0.01 * std::abs(gravity_torque));
  const double predicted_force = (gravity_torque - ws.moment_arm_m(1, 0) * ws.muscle[1].tendon_force_n) /
                                 ws.moment_arm_m(0, 0);
  EXPECT_NEAR(ws.muscle[0].tendon_force_n, predicted_force, 0.01 * predicted_force);
  EXPECT_GT(ws.muscle[0].tendon_force_n, 50.0);
}

TEST(MusclePath, RelaxedMusclesCostOnlyTheBasalRate) {
  auto model = std::make_shared<const Model>(load_model_text(test::kMuscleArm, "arm"));
  Simulation sim(model, simulation_options(0.001));
  sim.equilibrate_muscles();
  for (int i = 0; i < 300; ++i) sim.step();  // the arm swings down passively
  sim.evaluate();
  EXPECT_DOUBLE_EQ(sim.workspace().metabolic_power_w, 1.2 * model->total_mass_kg());
}

TEST(MusclePath, JointTorqueIsMomentArmTimesTendonForce) {
  auto model = std::make_shared<const Model>(load_model_text(test::kMuscleArm, "arm"));
  Simulation sim(model, simulation_options(0.001));
  sim.equilibrate_muscles();
  VecX u(2);
  u << 0.5, 0.8;
  sim.set_excitations(u);
  for (int i = 0; i < 200; ++i) sim.step();
  sim.evaluate();
  const auto& ws = sim.workspace();
  for (int c = 0; c < 2; ++c) {
    double expected = 0.0;
    for (int k = 0; k < 2; ++k) expected += ws.moment_arm_m(k, c) * ws.muscle[k].tendon_force_n;
    EXPECT_DOUBLE_EQ(ws.muscle_torque_nm[c], expected);
  }
}

}  // namespace
}  // namespace strider

namespace strider {
namespace {

TEST(MuscleStage, FatigueCapacityCapsActivation) {
  auto model = std::make_shared<const Model>(load_model_text(test::kMuscleArm, "arm"));
  Simulation sim(model, simulation_options(0.001));
  State s = State::zero(*model);
  s.fatigue_fatigued[0] = 0.6;  // 60 % of the lifter's motor units are fatigued
  s.fatigue_resting[0] = 0.4;
  sim.set_state(s);
  sim.equilibrate_muscles();
  VecX u(2);
  u << 1.0, 1.0;
  sim.set_excitations(u);
  for (int i = 0; i < 300; ++i) sim.step();
  EXPECT_LE(sim.state().activation[0], 0.4 + 1e-9);   // capped by 1 − M_F
  EXPECT_GT(sim.state().activation[0], 0.35);
  EXPECT_GT(sim.state().activation[1], 0.95);         // the fresh muscle is not
}

TEST(MuscleStage, StrengthScalesTheForce) {
  auto model = std::make_shared<const Model>(load_model_text(test::kMuscleArm, "arm"));
  auto force_with = [&](double strength) {
    SimulationOptions o = simulation_options(0.001);
    o.muscles.strength = {strength, 1.0};
    Simulation sim(model, o);
    State s = State::zero(*model);
    s.activation[0] = 1.0;
    s.excitation[0] = 1.0;
    sim.set_state(s);
    sim.equilibrate_muscles();
    sim.evaluate();
    return sim.workspace().muscle[0].tendon_force_n;
  };
  const double full = force_with(1.0), weak = force_with(0.7);
  EXPECT_GT(full, 300.0);
  // Equilibrium shifts the fibre a little with the weaker force, so not exactly 70 %.
  EXPECT_NEAR(weak / full, 0.7, 0.03);
}

// A conditional point that switches on off the straight path makes the length jump: the test
// arm's triceps via point, at the elbow's −30° switch, lies 9.8 mm of path off the line from
// origin to insertion (computed here from the model file's numbers). The runner models' switches
// all lie on their paths (docs/muscles.md, "A path's length must be continuous").
TEST(MusclePath, ConditionalSwitchJumpsAreFound) {
  const Model arm = load_model_text(test::kMuscleArm, "arm");
  const auto jumps = conditional_switch_jumps(arm, 1e-3);
  ASSERT_EQ(jumps.size(), 1u);
  EXPECT_EQ(arm.muscles[static_cast<std::size_t>(jumps[0].muscle)].name, "triceps");
  EXPECT_EQ(jumps[0].point, 1);
  EXPECT_NEAR(jumps[0].angle_rad, -30.0 * kPi / 180.0, 1e-12);
  // In the arm's frame: origin, via point, and the forearm point turned by −30° about y.
  const double a = -30.0 * kPi / 180.0;
  const Vec3 origin(0.02, 0.0, -0.05), via(0.51, 0.0, -0.03);
  const Vec3 insertion(0.5 + 0.02 * std::cos(a) - 0.02 * std::sin(a), 0.0,
                       -0.02 * std::sin(a) - 0.02 * std::cos(a));
  const double expected = (via - origin).norm() + (insertion - via).norm() - (insertion - origin).norm();
  EXPECT_NEAR(jumps[0].jump_m, expected, 1e-9);
  EXPECT_GT(expected, 0.009);
  for (const char* name : {"runner3d", "runner2d"}) {
    const Model runner = load_model_file(resolve_model_path(name, ""), {70.0, 1.75});
    for (const auto& j : conditional_switch_jumps(runner, 0.0)) {
      EXPECT_LT(j.jump_m, 1e-4) << name << " " << runner.muscles[static_cast<std::size_t>(j.muscle)].name;
    }
  }
}

}  // namespace
}  // namespace strider
