// The tracking controller's plumbing, and the honesty of what the simulation applies.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

#include "control/tracking_controller.hpp"
#include "dynamics/inverse_dynamics.hpp"
#include "model/model_loader.hpp"
#include "optimize/measures.hpp"
#include "sim/run.hpp"
#include "sim/running_start.hpp"
#include "sim/simulation.hpp"

namespace strider {
namespace {

std::shared_ptr<const Model> runner(const char* name) {
  return std::make_shared<const Model>(load_model_file(resolve_model_path(name, ""), {70.0, 1.75}));
}

TEST(TrackingController, StartsInFlightAtSpeedAndDrivesExcitations) {
  auto model = runner("runner2d");
  SimulationOptions options = simulation_options(0.001);
  TrackingOptions tracking;
  tracking.speed_mps = 3.5;
  auto controller = std::make_shared<TrackingController>(*model, load_reference_cycle(default_reference_cycle_path()),
                                                         tracking, options.muscles);
  Simulation sim(model, options);
  const State start = running_start_state(*model, *controller, sim.ground(), kRunningStartPhase, 0.01);
  EXPECT_NEAR(start.v[0], 3.5, 1e-12);
  sim.set_state(start);
  sim.equilibrate_muscles();
  sim.set_controller(controller);
  sim.evaluate();
  for (const auto& foot : sim.workspace().feet) EXPECT_EQ(foot.normal_force_n, 0.0);  // in flight
  for (int i = 0; i < 60; ++i) sim.step();
  const State& s = sim.state();
  EXPECT_GT(s.excitation.maxCoeff(), 0.05);
  EXPECT_GE(s.excitation.minCoeff(), 0.0);
  EXPECT_LE(s.excitation.maxCoeff(), 1.0);
  EXPECT_NE(s.controller.phase, kRunningStartPhase);
}

// Whole-body control in flight, where it has only the muscles: the joints follow the cycle far
// better than with the muscles relaxed, and the excitations stay in [0, 1].
TEST(TrackingController, WholeBodyControlTracksTheCycleInFlight) {
  auto model = runner("runner2d");
  SimulationOptions options = simulation_options(0.00025);
  TrackingOptions tracking;
  tracking.gains.whole_body = 1.0;
  const ReferenceCycle cycle = load_reference_cycle(default_reference_cycle_path());
  auto controller = std::make_shared<TrackingController>(*model, cycle, tracking, options.muscles);
  const long nc = static_cast<long>(model->coordinates.size());
  auto tracking_error = [&](bool controlled) {
    Simulation sim(model, options);
    sim.set_state(running_start_state(*model, *controller, sim.ground(), kRunningStartPhase, 0.2));  // high: no landing
    sim.equilibrate_muscles();
    if (controlled) sim.set_controller(controller);
    double sum_sq = 0.0;
    VecX angle, rate;
    for (int i = 0; i < 400; ++i) {  // 0.1 s
      sim.step();
      const State& s = sim.state();
      EXPECT_GE(s.excitation.minCoeff(), 0.0);
      EXPECT_LE(s.excitation.maxCoeff(), 1.0);
      controller->targets(*model, s.controller.leg_phase[0], angle, rate);
      if (!controlled) controller->targets(*model, kRunningStartPhase + s.time_s / tracking.stride_time_s, angle, rate);
      sum_sq += (s.q.tail(nc) - angle).squaredNorm();
    }
    return std::sqrt(sum_sq / (400.0 * static_cast<double>(nc)));
  };
  const double relaxed = tracking_error(false), controlled = tracking_error(true);
  EXPECT_LT(controlled, 0.5 * relaxed) << "rms joint error " << controlled << " rad against " << relaxed;
}

// Computed muscle control's lookahead (`qp_lookahead_s` for the whole-body solve, `lookahead_s`
// for the joint-torque distribution): the muscle torques a solve counts on are the ones the
// joints get that much later, far nearer than the torques the solve without it counts on at once
// (activation and tendon lag the excitation). In flight, from the same start.
TEST(TrackingController, LookaheadPredictsTheMuscleTorques) {
  auto model = runner("runner2d");
  SimulationOptions options = simulation_options(0.00025);
  const ReferenceCycle cycle = load_reference_cycle(default_reference_cycle_path());
  const long nc = static_cast<long>(model->coordinates.size());
  auto prediction_error = [&](bool whole_body, double lookahead_s) {
    TrackingOptions tracking;
    tracking.gains.whole_body = whole_body ? 1.0 : 0.0;
    (whole_body ? tracking.gains.qp_lookahead_s : tracking.gains.lookahead_s) = lookahead_s;
    auto controller = std::make_shared<TrackingController>(*model, cycle, tracking, options.muscles);
    Simulation sim(model, options);
    sim.set_state(running_start_state(*model, *controller, sim.ground(), kRunningStartPhase, 0.2));  // no landing
    sim.equilibrate_muscles();
    sim.set_controller(controller);
    const int steps = 400, ahead = std::max(1, static_cast<int>(std::lround(lookahead_s / options.dt_s)));
    std::vector<VecX> realized, predicted(steps);
    std::vector<bool> updated(steps, false);
    for (int i = 0; i < steps; ++i) {  // 0.1 s
      updated[static_cast<std::size_t>(i)] = sim.state().time_s + 1e-12 >= sim.state().controller.next_update_s;
      sim.step();
      realized.push_back(sim.workspace().muscle_torque_nm);  // at the step's start
      const ControllerState& mem = sim.state().controller;
      predicted[static_cast<std::size_t>(i)] = mem.desired_torque_nm - mem.unmet_torque_nm;
    }
    double sum_sq = 0.0;
    int count = 0;
    for (int i = 0; i + ahead < steps; ++i) {
      if (!updated[static_cast<std::size_t>(i)]) continue;
      sum_sq += (predicted[static_cast<std::size_t>(i)] - realized[static_cast<std::size_t>(i + ahead)]).squaredNorm();
      count += static_cast<int>(nc);
    }
    return std::sqrt(sum_sq / count);
  };
  for (const bool whole_body : {true, false}) {
    const double at_once = prediction_error(whole_body, 0.0), ahead = prediction_error(whole_body, 0.01);
    std::printf("%s: muscle torque prediction error %.1f N*m RMS ahead, %.1f at once\n",
                whole_body ? "whole-body" : "joint-torque", ahead, at_once);
    // Measured: whole-body 1.5 N·m RMS with a 10 ms lookahead, 7.4 without; joint-torque 15.7
    // and 35.8 (its feedback asks for more, faster).
    EXPECT_LT(ahead, 0.5 * at_once) << (whole_body ? "whole-body" : "joint-torque");
  }
}

// A foot that touches the ground in the middle of its leg's swing is a scuff: the leg keeps
// its swing control with the knee flexed further; a touch in late swing is a touchdown.
TEST(TrackingController, AMidSwingTouchIsAScuffAndALateSwingTouchATouchdown) {
  auto model = runner("runner2d");
  SimulationOptions options = simulation_options(0.001);
  TrackingOptions tracking;
  tracking.gains.support_scale = 0.0;
  tracking.gains.torque_limit = 100.0;  // no joint saturates
  auto controller = std::make_shared<TrackingController>(*model, load_reference_cycle(default_reference_cycle_path()),
                                                         tracking, options.muscles);
  Simulation sim(model, options);
  sim.set_state(standing_start_state(*model, sim.ground(), -0.005));  // both feet pressed into the ground
  sim.equilibrate_muscles();
  sim.evaluate();
  for (const auto& foot : sim.workspace().feet) ASSERT_GT(foot.normal_force_n, 0.2 * 70.0 * 9.81);
  VecX excitation = VecX::Zero(static_cast<long>(model->muscles.size()));
  const int knee_l = model->coordinate_index("knee_flexion_l");
  ControllerState memory = sim.state().controller;
  memory.leg_phase[0] = 0.9;   // right: late swing
  memory.leg_phase[1] = 0.45;  // left: mid-swing
  controller->update(*model, sim.state(), sim.workspace(), memory, excitation);
  EXPECT_EQ(memory.stance_s[0], 0.0);  // right: touched down, its cycle restarts
  EXPECT_LT(memory.leg_phase[0], 0.01);
  EXPECT_TRUE(memory.scuff[1]);        // left: a scuff, not a stance
  EXPECT_LT(memory.stance_s[1], 0.0);
  EXPECT_GT(memory.leg_phase[1], 0.45);
  // The scuffing knee is asked for more flexion than without the scuff.
  ControllerState plain = sim.state().controller;
  plain.leg_phase[0] = 0.9;
  plain.leg_phase[1] = 0.45;
  TrackingOptions no_lift = tracking;
  no_lift.gains.scuff_knee_rad = 0.0;
  TrackingController(*model, load_reference_cycle(default_reference_cycle_path()), no_lift, options.muscles)
      .update(*model, sim.state(), sim.workspace(), plain, excitation);
  EXPECT_GT(memory.desired_torque_nm[knee_l] - plain.desired_torque_nm[knee_l],
            0.9 * 70.0 * tracking.gains.knee_kp * tracking.gains.scuff_knee_rad);
}

// One controller update on a standing body (its lowest sphere `clearance_m` above the ground,
// negative: pressed in), changed by `change` first, with the legs at the given phases. The
// simulation is kept for its workspace (frames, joint axes).
struct ControllerProbe {
  std::unique_ptr<Simulation> sim;
  ControllerState memory;
};

ControllerProbe probe_controller(
    const std::shared_ptr<const Model>& model, const TrackingOptions& tracking, double clearance_m,
    const double leg_phase[2], const std::function<void(State&)>& change,
    const std::function<void(ControllerState&, const Simulation&)>& prepare = {}) {
  SimulationOptions options = simulation_options(0.001);
  ControllerProbe probe{std::make_unique<Simulation>(model, options), {}};
  State state = standing_start_state(*model, probe.sim->ground(), clearance_m);
  change(state);
  probe.sim->set_state(state);
  probe.sim->equilibrate_muscles();
  probe.sim->evaluate();
  TrackingController controller(*model, load_reference_cycle(default_reference_cycle_path()), tracking,
                                options.muscles);
  probe.memory = probe.sim->state().controller;
  probe.memory.leg_phase[0] = leg_phase[0];
  probe.memory.leg_phase[1] = leg_phase[1];
  if (prepare) prepare(probe.memory, *probe.sim);
  VecX excitation = VecX::Zero(static_cast<long>(model->muscles.size()));
  controller.update(*model, probe.sim->state(), probe.sim->workspace(), probe.memory, excitation);
  return probe;
}

// The pelvis (and the body with it) rolled about the world's forward axis.
std::function<void(State&)> roll_by(double roll_rad) {
  return [roll_rad](State& state) {
    Eigen::Quaterniond q(state.q[3], state.q[4], state.q[5], state.q[6]);
    q = Eigen::Quaterniond(Eigen::AngleAxisd(roll_rad, Vec3::UnitX())) * q;
    state.q.segment<4>(3) << q.w(), q.x(), q.y(), q.z();
  };
}

// The out-of-plane gains of runner3d, checked on a standing body whose pelvis is rolled by +δ
// and −δ: the response to the roll is the gain times the roll, and a share of 0 removes it.
TEST(TrackingController, OutOfPlaneGainsScaleTheResponseToAPelvisRoll) {
  const auto model = runner("runner3d");
  const double delta = 0.01, mass = model->total_mass_kg();
  TrackingOptions base;
  base.gains.support_scale = 0.0;
  base.gains.torque_limit = 1e4;  // nothing saturates
  base.gains.hold_torque_limit = 1e4;
  base.gains.pelvis_kd = 0.0;

  // Stance (both feet pressed in; the right, leading, holds the pelvis): the torque the hold
  // puts on the pelvis, −Σ τ_c·a_c over the pelvis's child joints, turns against the roll by
  // pelvis_kp·δ about the pelvis's forward axis, and pelvis_roll_scale = 0 takes that away.
  std::vector<int> pelvis_children;
  for (std::size_t c = 0; c < model->coordinates.size(); ++c) {
    if (model->bodies[static_cast<std::size_t>(model->coordinates[c].body)].parent == 0) {
      pelvis_children.push_back(static_cast<int>(c));
    }
  }
  const double stance_phase[2] = {0.9, 0.65};  // both touch down in late swing
  auto pelvis_torque = [&](const TrackingOptions& tracking, double roll) {
    const ControllerProbe u = probe_controller(model, tracking, -0.02, stance_phase, roll_by(roll));
    const Workspace& ws = u.sim->workspace();
    Vec3 torque = Vec3::Zero();
    for (int c : pelvis_children) torque -= u.memory.desired_torque_nm[c] * ws.coordinate_axes_W.col(c);
    return std::make_pair(torque, Vec3(ws.frames.front().R_WB.col(0)));
  };
  for (double scale : {1.0, 0.0}) {
    TrackingOptions tracking = base;
    tracking.gains.pelvis_roll_scale = scale;
    const auto [plus, x_W] = pelvis_torque(tracking, delta);
    const auto [minus, x_W_minus] = pelvis_torque(tracking, -delta);
    const double along_x = (plus - minus).dot(x_W);
    EXPECT_NEAR(along_x, -2.0 * scale * mass * tracking.gains.pelvis_kp * delta,
                0.05 * mass * tracking.gains.pelvis_kp * delta)
        << "pelvis_roll_scale " << scale;
  }

  // Flight: trunk_world = 1 turns the lumbar bending target by the pelvis's roll error, and
  // swing_world_roll = 1 the swinging (right, further into its cycle) hip's abduction.
  const double flight_phase[2] = {0.8, 0.3};
  const int bending = model->coordinate_index("lumbar_bending");
  const int abduction_r = model->coordinate_index("hip_abduction_r");
  auto response = [&](const TrackingOptions& tracking, int c) {
    const ControllerProbe plus = probe_controller(model, tracking, 0.2, flight_phase, roll_by(delta));
    const ControllerProbe minus = probe_controller(model, tracking, 0.2, flight_phase, roll_by(-delta));
    return (plus.memory.desired_torque_nm[c] - minus.memory.desired_torque_nm[c]) *
           plus.sim->workspace().coordinate_axes_W(0, c);  // about world x
  };
  TrackingOptions world = base;
  world.gains.trunk_world = 1.0;
  world.gains.swing_world_roll = 1.0;
  world.gains.placement_lateral = 0.0;
  TrackingOptions joint = world;
  joint.gains.trunk_world = 0.0;
  joint.gains.swing_world_roll = 0.0;
  EXPECT_NEAR(response(world, bending) - response(joint, bending), -2.0 * mass * base.gains.trunk_kp * delta,
              0.05 * mass * base.gains.trunk_kp * delta);
  EXPECT_NEAR(response(world, abduction_r) - response(joint, abduction_r),
              -2.0 * mass * base.gains.hip_kp * delta, 0.05 * mass * base.gains.hip_kp * delta);

  // hip_rotation_scale and ankle_inversion_scale scale those coordinates' stiffness: at 0 a
  // change of their angle changes nothing they are asked for.
  TrackingOptions soft = base;
  soft.gains.hip_rotation_scale = 0.0;
  soft.gains.ankle_inversion_scale = 0.0;
  for (const char* name : {"hip_rotation_r", "ankle_inversion_r"}) {
    const int c = model->coordinate_index(name);
    auto desired = [&](const TrackingOptions& tracking, double offset_rad) {
      const auto offset = [&](State& state) { state.q[model->root_q_size() + c] += offset_rad; };
      return probe_controller(model, tracking, 0.2, flight_phase, offset).memory.desired_torque_nm[c];
    };
    EXPECT_NEAR(desired(soft, 0.05), desired(soft, 0.0), 1e-9) << name;
    EXPECT_GT(std::abs(desired(base, 0.05) - desired(base, 0.0)), 0.04 * mass * base.gains.ankle_kp) << name;
  }
}

// swing_hip_rotation_scale multiplies a swinging leg's hip rotation stiffness and nothing else:
// in flight, turning the right hip's rotation by δ changes its asked torque by
// hip_kp·hip_rotation_scale·swing_hip_rotation_scale·δ per kg; with both feet pressed in, the
// left hip (not the one holding the pelvis) keeps hip_kp·hip_rotation_scale whatever the scale.
TEST(TrackingController, SwingHipRotationScaleActsOnlyOnASwingingLeg) {
  const auto model = runner("runner3d");
  const double mass = model->total_mass_kg(), delta = 0.05;
  const double flight_phase[2] = {0.8, 0.3}, stance_phase[2] = {0.9, 0.65};
  auto stiffness = [&](double swing_scale, double clearance_m, const double phase[2], const char* name) {
    TrackingOptions tracking;
    tracking.gains.support_scale = 0.0;
    tracking.gains.torque_limit = 1e4;  // nothing saturates
    tracking.gains.hip_rotation_scale = 0.5;
    tracking.gains.swing_hip_rotation_scale = swing_scale;
    const int c = model->coordinate_index(name);
    auto desired = [&](double offset_rad) {
      const auto offset = [&](State& state) { state.q[model->root_q_size() + c] += offset_rad; };
      return probe_controller(model, tracking, clearance_m, phase, offset).memory.desired_torque_nm[c];
    };
    return (desired(0.0) - desired(delta)) / (delta * mass);
  };
  const TrackingGains defaults;
  for (double scale : {1.0, 3.0}) {
    EXPECT_NEAR(stiffness(scale, 0.2, flight_phase, "hip_rotation_r"), defaults.hip_kp * 0.5 * scale, 1e-6)
        << "swing, scale " << scale;
    EXPECT_NEAR(stiffness(scale, -0.02, stance_phase, "hip_rotation_l"), defaults.hip_kp * 0.5, 1e-6)
        << "stance, scale " << scale;
  }
}

// Sideways foot placement in the world: in flight, the swinging right hip's abduction target
// moves lateral_foot_share of the way to the abduction that puts the foot at the target, the
// current abduction plus (foot y − target)/(hip height above the foot) for the right foot. The
// target is half the step width to the right of the centre of mass plus lateral_capture_s
// times its sideways speed.
TEST(TrackingController, LateralFootPlacementSteersTheSwingFootBesideTheCentreOfMass) {
  const auto model = runner("runner3d");
  const double mass = model->total_mass_kg();
  const double flight_phase[2] = {0.8, 0.3};  // the right leg is the one about to land
  const int abduction_r = model->coordinate_index("hip_abduction_r");
  const TrackingGains defaults;
  const int rotation_r = model->coordinate_index("hip_rotation_r");
  const int knee_r = model->coordinate_index("knee_flexion_r");
  auto bend = [&](double rotation_rad) {  // the right knee flexed 1 rad, the hip rotated
    return [&model, rotation_r, knee_r, rotation_rad](State& state) {
      state.q[model->root_q_size() + knee_r] = 1.0;
      state.q[model->root_q_size() + rotation_r] = rotation_rad;
    };
  };
  auto desired = [&](double share, double vy, double other_law, double rotation_rad = -1.0) {
    TrackingOptions tracking;
    tracking.gains.support_scale = 0.0;
    tracking.gains.torque_limit = 1e4;
    tracking.gains.placement_lateral = 0.0;
    tracking.gains.placement_lateral_distance = other_law;
    tracking.gains.lateral_foot_share = share;
    tracking.gains.step_width_m = 0.1;
    tracking.gains.lateral_capture_s = 0.3;
    const ControllerProbe probe = probe_controller(model, tracking, 0.2, flight_phase, [&](State& state) {
      state.v[1] = vy;
      if (rotation_rad >= 0.0) bend(rotation_rad)(state);
    });
    const Workspace& ws = probe.sim->workspace();
    const Vec3& hip =
        ws.frames[static_cast<std::size_t>(model->coordinates[static_cast<std::size_t>(abduction_r)].body)]
            .p_WB;
    // The landing point is predicted at the other (stance) foot's ankle height.
    const Vec3& other_foot = ws.frames[static_cast<std::size_t>(model->body_index("foot_l"))].p_WB;
    return std::make_pair(probe.memory.desired_torque_nm[abduction_r], hip.z() - other_foot.z());
  };
  const double dv = 0.3;
  const auto [still, height_m] = desired(1.0, 0.0, 0.0);
  // Fully steered, a sideways speed moves the foot's target by lateral_capture_s·dv, and the
  // abduction target by that over the hip's height above the landing: moving left (+y) draws
  // the right foot in.
  EXPECT_NEAR(desired(1.0, dv, 0.0).first - still, -mass * defaults.hip_kp * 0.3 * dv / height_m,
              1e-6 * mass);
  // Fully steered, the target no longer depends on the other placement laws.
  EXPECT_NEAR(desired(1.0, dv, 0.5).first, desired(1.0, dv, 0.0).first, 1e-9 * mass);
  // The landing point comes from the hip-knee line, which the hip's rotation does not move,
  // though with the knee flexed it swings the foot sideways (here by more than 0.1 m): the
  // target moves only with the centre of mass, which the swung shank shifts a little.
  auto sideways = [&](double rotation_rad) {  // (foot y, centre-of-mass y)
    const ControllerProbe probe =
        probe_controller(model, TrackingOptions{}, 0.2, flight_phase, bend(rotation_rad));
    const Workspace& ws = probe.sim->workspace();
    return std::make_pair(ws.frames[static_cast<std::size_t>(model->body_index("foot_r"))].p_WB.y(),
                          ws.whole.p_WCom.y());
  };
  const auto [foot0, com0] = sideways(0.0);
  const auto [foot1, com1] = sideways(0.4);
  EXPECT_GT(std::abs(foot1 - foot0), 0.1);
  const auto [bent, bent_height_m] = desired(1.0, dv, 0.0, 0.0);
  EXPECT_NEAR(desired(1.0, dv, 0.0, 0.4).first - bent,
              -mass * defaults.hip_kp * (com1 - com0) / bent_height_m, 1e-6 * mass);
  // A share moves the target that share of the way from the other laws' target.
  for (double vy : {0.0, dv}) {
    const double off = desired(0.0, vy, 0.5).first, full = desired(1.0, vy, 0.5).first;
    EXPECT_GT(std::abs(full - off), 0.01 * mass * defaults.hip_kp) << "vy " << vy;
    EXPECT_NEAR(desired(0.4, vy, 0.5).first - off, 0.4 * (full - off), 1e-6 * mass) << "vy " << vy;
  }
}

// lateral_return_s steers back to the running line y = 0: a body beside the line is steered as
// if it moved sideways at its offset over lateral_return_s, up to the bound of 0.25 m/s, both
// by the knee-line steering and by the placement law on the sideways speed; off the line
// without it, only the placement laws' own terms move the target (none here).
TEST(TrackingController, LateralReturnSteersBackToTheLineLikeASidewaysSpeed) {
  const auto model = runner("runner3d");
  const double mass = model->total_mass_kg();
  const double flight_phase[2] = {0.8, 0.3};  // the right leg is the one about to land
  const int abduction_r = model->coordinate_index("hip_abduction_r");
  auto desired = [&](double share, double return_s, double offset_m, double vy) {
    TrackingOptions tracking;
    tracking.gains.support_scale = 0.0;
    tracking.gains.torque_limit = 1e4;
    tracking.gains.placement_lateral = share > 0.0 ? 0.0 : 0.2;
    tracking.gains.placement_lateral_distance = 0.0;
    tracking.gains.lateral_foot_share = share;
    tracking.gains.lateral_return_s = return_s;
    const ControllerProbe probe = probe_controller(model, tracking, 0.2, flight_phase, [&](State& state) {
      state.q[1] += offset_m;  // the pelvis, and with it the whole body, moved sideways
      state.v[1] = vy;
    });
    return probe.memory.desired_torque_nm[abduction_r];
  };
  for (double share : {1.0, 0.0}) {
    const double still = desired(share, 0.0, 0.0, 0.0);
    EXPECT_NEAR(desired(share, 0.0, 0.1, 0.0), still, 1e-6 * mass) << "share " << share;
    EXPECT_GT(std::abs(desired(share, 0.0, 0.0, 0.05) - still), 1e-3 * mass) << "share " << share;
    EXPECT_NEAR(desired(share, 2.0, 0.1, 0.0), desired(share, 0.0, 0.0, 0.05), 1e-6 * mass)
        << "share " << share;
    EXPECT_NEAR(desired(share, 2.0, -3.0, 0.0), desired(share, 0.0, 0.0, -0.25), 1e-6 * mass)
        << "share " << share;
  }
}

// activation_catch_up_s sets how hard the excitation leads the activation: the gap between the
// distribution's target and the activation is closed within the catch-up span, or within one
// control period when the span is shorter (the default, 0).
TEST(TrackingController, ActivationCatchUpSpanSetsHowHardExcitationLeads) {
  const auto model = runner("runner2d");
  const double phase[2] = {0.1, 0.6};  // right leg in stance
  TrackingOptions tracking;
  const double period_s = tracking.control_period_s;
  auto excitation_for = [&](double catch_up_s, VecX& target, VecX& activation) {
    tracking.gains.activation_catch_up_s = catch_up_s;
    SimulationOptions options = simulation_options(0.001);
    Simulation sim(model, options);
    sim.set_state(standing_start_state(*model, sim.ground(), -0.003));
    sim.equilibrate_muscles();
    sim.evaluate();
    TrackingController controller(*model, load_reference_cycle(default_reference_cycle_path()), tracking,
                                  options.muscles);
    ControllerState memory = sim.state().controller;
    memory.leg_phase[0] = phase[0];
    memory.leg_phase[1] = phase[1];
    VecX excitation = VecX::Zero(static_cast<long>(model->muscles.size()));
    controller.update(*model, sim.state(), sim.workspace(), memory, excitation);
    target = memory.target_activation;
    activation = sim.state().activation;
    return excitation;
  };
  VecX target, activation, t2, a2;
  const VecX within_period = excitation_for(0.0, target, activation);
  EXPECT_EQ(excitation_for(0.5 * period_s, t2, a2), within_period);  // shorter than a period: the same
  const double span_s = 0.02;
  const VecX slow = excitation_for(span_s, t2, a2);
  ASSERT_EQ(t2, target);
  int unclamped = 0;
  for (long i = 0; i < target.size(); ++i) {
    const double tau = model->muscles[static_cast<std::size_t>(i)].activation_time_s;
    const double gap = target[i] - activation[i];
    EXPECT_DOUBLE_EQ(within_period[i], std::clamp(target[i] + tau * gap / period_s, 0.0, 1.0)) << i;
    EXPECT_DOUBLE_EQ(slow[i], std::clamp(target[i] + tau * gap / span_s, 0.0, 1.0)) << i;
    if (slow[i] > 0.0 && slow[i] < 1.0 && std::abs(gap) > 1e-3) ++unclamped;
  }
  EXPECT_GT(unclamped, 0);  // the longer span leads less hard somewhere without saturating
}

// hold_sensed_share: the stance hip's pelvis hold cancels the torques the pelvis's other joints
// put on it, as asked of them (0) or as their muscles and passive structures apply them now (1).
// With both feet down the right (leading) hip holds; the left hip and the lumbar joint are the
// pelvis's other children.
TEST(TrackingController, HoldSensedShareCancelsTheTorquesThePelvisFeels) {
  const auto model = runner("runner2d");
  const double phase[2] = {0.1, 0.6};
  const int hip_r = model->coordinate_index("hip_flexion_r");
  const int others[2] = {model->coordinate_index("hip_flexion_l"), model->coordinate_index("lumbar_flexion")};
  auto probe_with = [&](double share) {
    TrackingOptions tracking;
    tracking.gains.torque_limit = 1e4;
    tracking.gains.hold_torque_limit = 1e4;
    tracking.gains.hold_sensed_share = share;
    return probe_controller(model, tracking, -0.005, phase, [](State&) {});
  };
  const ControllerProbe asked = probe_with(0.0);
  const Workspace& ws = asked.sim->workspace();
  for (const auto& foot : ws.feet) ASSERT_GT(foot.normal_force_n, 0.0);
  const Vec3 a = ws.coordinate_axes_W.col(hip_r);
  double expected = 0.0;  // the change of the right hip's torque from share 0 to share 1
  for (int c : others) {
    const double sensed = ws.muscle_torque_nm[c] + ws.passive_torque_nm[c];
    expected -=
        (sensed - asked.memory.desired_torque_nm[c]) * ws.coordinate_axes_W.col(c).dot(a) / a.squaredNorm();
  }
  ASSERT_GT(std::abs(expected), 1.0);  // N·m: the asked and sensed torques differ here
  const double at0 = asked.memory.desired_torque_nm[hip_r];
  EXPECT_NEAR(probe_with(1.0).memory.desired_torque_nm[hip_r] - at0, expected, 1e-9 * std::abs(expected));
  EXPECT_NEAR(probe_with(0.5).memory.desired_torque_nm[hip_r] - at0, 0.5 * expected,
              1e-9 * std::abs(expected));
  for (int c : others)
    EXPECT_EQ(probe_with(1.0).memory.desired_torque_nm[c], asked.memory.desired_torque_nm[c]);
}

// torque_error_weight is the distribution's λ: a lower weight leaves more of the asked torque
// unmet and spends less activation on it. The asked torques are bounded to what the muscles can
// give (0.3 N·m/kg per joint): beyond that, any weight saturates the same muscles.
TEST(TrackingController, TorqueErrorWeightTradesUnmetTorqueForActivation) {
  const auto model = runner("runner2d");
  const double phase[2] = {0.1, 0.6};
  auto probe_with = [&](double weight) {
    TrackingOptions tracking;
    tracking.gains.torque_limit = 0.3;
    tracking.gains.hold_torque_limit = 0.3;
    tracking.gains.torque_error_weight = weight;
    return probe_controller(model, tracking, -0.005, phase, [](State&) {}).memory;
  };
  const ControllerState tight = probe_with(100.0), loose = probe_with(1.0);
  EXPECT_EQ(tight.desired_torque_nm, loose.desired_torque_nm);  // the same torques are asked
  EXPECT_GT(loose.unmet_torque_nm.norm(), tight.unmet_torque_nm.norm() + 1.0);
  EXPECT_LT(loose.target_activation.squaredNorm(), 0.9 * tight.target_activation.squaredNorm());
}

// replay_activation_share: with the torque term negligible the distribution returns its
// preference, share × the replay's activation curve (clamped to 0-1) at each muscle's phase: a leg
// muscle at its own leg's phase (the right curve), a trunk or arm muscle at the body's (the right
// leg's), half a cycle later on the left. Held arms prefer no activation.
TEST(TrackingController, ReplayActivationShareSetsThePreferredActivations) {
  const auto model = runner("runner3d");
  const ReferenceCycle cycle = load_reference_cycle(default_reference_cycle_path());
  ASSERT_FALSE(cycle.activations.empty());
  const double start_phase[2] = {0.8, 0.3};  // in flight
  double phase[2] = {0.0, 0.0};              // as the update advanced them
  auto targets = [&](double share, ArmSwing arms) {
    TrackingOptions tracking;
    tracking.gains.replay_activation_share = share;
    tracking.gains.torque_error_weight = 1e-12;
    tracking.modifiers.arm_swing = arms;
    const ControllerState memory = probe_controller(model, tracking, 0.2, start_phase, [](State&) {}).memory;
    phase[0] = memory.leg_phase[0];
    phase[1] = memory.leg_phase[1];
    return memory.target_activation;
  };
  const VecX half = targets(0.5, ArmSwing::Normal), held = targets(1.0, ArmSwing::HeldAcrossChest);
  EXPECT_GT(phase[0], start_phase[0]);
  int checked = 0;
  for (std::size_t m = 0; m < model->muscles.size(); ++m) {
    const std::string& name = model->muscles[m].name;
    const bool left = name.back() == 'l';
    const std::string base = name.substr(0, name.size() - 2);
    const bool trunk_or_arm = base == "erector_spinae" || base == "int_oblique" || base == "ext_oblique" ||
                              base.rfind("shoulder", 0) == 0 || base.rfind("elbow", 0) == 0;
    const double local = trunk_or_arm ? phase[0] + (left ? 0.5 : 0.0) : phase[left ? 1 : 0];
    const double replay = std::clamp(cycle.activations.at(base).value(local), 0.0, 1.0);
    const long i = static_cast<long>(m);
    EXPECT_NEAR(half[i], 0.5 * replay, 1e-6) << name;
    const bool arm = base.rfind("shoulder", 0) == 0 || base.rfind("elbow", 0) == 0;
    EXPECT_NEAR(held[i], arm ? 0.0 : replay, 1e-6) << name;
    checked += replay > 0.05;
  }
  EXPECT_GT(checked, 20);
}

// support_thrust_late: that share of the spring's thrust acts only once the stance leg
// lengthens. A body standing still has just touched down (no lengthening): with all of the thrust
// late, the asked torques are those without any thrust; the same body moving up at 0.3 m/s
// lengthens its legs, and gets the whole thrust at once, as with none of it late.
TEST(TrackingController, SupportThrustLateWaitsForTheLegToLengthen) {
  const auto model = runner("runner3d");
  const double phase[2] = {0.1, 0.6};
  auto asked = [&](double thrust_m, double late, double rise_mps) {
    TrackingOptions tracking;
    tracking.gains.support_thrust = thrust_m;
    tracking.gains.support_thrust_late = late;
    const auto rise = [rise_mps](State& state) { state.v[2] = rise_mps; };
    const ControllerState memory = probe_controller(model, tracking, -0.005, phase, rise).memory;
    EXPECT_EQ(memory.leg_extending[0], rise_mps > 0.0);
    return memory.desired_torque_nm;
  };
  const VecX none = asked(0.0, 0.0, 0.0), all_late = asked(0.05, 1.0, 0.0), early = asked(0.05, 0.0, 0.0);
  EXPECT_EQ(all_late, none);
  EXPECT_GT((early - none).norm(), 20.0);  // the thrust matters (the knee is at its limit here)
  EXPECT_EQ(asked(0.05, 1.0, 0.3), asked(0.05, 0.0, 0.3));
  EXPECT_NE(asked(0.05, 0.5, 0.0), early);
}

// The speed integrator (placement_speed_integral): at a touchdown, the step that ends there is
// compared with the asked pace, and the swing hip's placement offset grows by the gain times the
// distance the step ran ahead (negative: behind), within ±0.2 rad; the swinging hip's target, and
// so its asked torque, moves by the offset. Here the right foot lands (both feet pressed in, the
// left one's phase a scuff's, so the left leg swings) 0.35 s after the last touchdown, 1 m further
// on: 0.225 m behind the asked 3.5 m/s.
TEST(TrackingController, SpeedIntegratorMovesTheSwingHipByTheStepsShortfall) {
  const auto model = runner("runner3d");
  const double mass = model->total_mass_kg(), phase[2] = {0.9, 0.4};
  const int hip_l = model->coordinate_index("hip_flexion_l");
  const auto later = [](State& state) { state.time_s = 1.0; };
  auto probe = [&](double gain, double offset_rad) {
    TrackingOptions tracking;
    tracking.speed_mps = 3.5;
    tracking.gains.placement_speed_integral = gain;
    tracking.gains.torque_limit = 1e4;  // nothing saturates
    const auto last_step = [offset_rad](ControllerState& memory, const Simulation& sim) {
      memory.touchdown_time_s = 0.65;
      memory.touchdown_com_x_m = sim.workspace().whole.p_WCom.x() - 1.0;
      memory.speed_offset_rad = offset_rad;
    };
    return probe_controller(model, tracking, -0.005, phase, later, last_step).memory;
  };
  const ControllerState off = probe(0.0, 0.0), on = probe(0.4, 0.0);
  EXPECT_EQ(off.speed_offset_rad, 0.0);
  EXPECT_NEAR(on.speed_offset_rad, -0.4 * 0.225, 1e-9);
  EXPECT_EQ(on.touchdown_time_s, 1.0);  // the step that starts here is timed from now
  EXPECT_NEAR(on.desired_torque_nm[hip_l] - off.desired_torque_nm[hip_l],
              mass * TrackingGains{}.hip_kp * on.speed_offset_rad, 1e-6 * mass);
  EXPECT_EQ(probe(10.0, 0.0).speed_offset_rad, -0.2);         // bounded
  EXPECT_NEAR(probe(0.4, 0.3).speed_offset_rad, 0.2, 1e-12);  // bounded from above, then lowered
  EXPECT_NEAR(probe(0.4, 0.1).speed_offset_rad, 0.1 - 0.09, 1e-9);
}

// swing_knee_early_share scales a swinging knee's k_p and k_d from lift-off to the cycle's peak
// of swing knee flexion (about 0.67 of the cycle), and only there: in flight (nothing holds the
// pelvis, nothing saturates), the right knee's feedback part at phase 0.5 scales with the share,
// and at phase 0.85 the share changes nothing.
TEST(TrackingController, SwingKneeEarlyShareScalesTheEarlySwingKneesFeedback) {
  const auto model = runner("runner3d");
  const int knee_r = model->coordinate_index("knee_flexion_r");
  const auto bend = [&](State& state) { state.q[model->root_q_size() + knee_r] += 0.3; };
  auto asked = [&](double share, double right_phase) {
    TrackingOptions tracking;
    tracking.gains.swing_knee_early_share = share;
    tracking.gains.torque_limit = 1e4;
    const double phase[2] = {right_phase, right_phase - 0.5};
    return probe_controller(model, tracking, 0.2, phase, bend).memory.desired_torque_nm[knee_r];
  };
  const double full = asked(1.0, 0.5), none = asked(0.0, 0.5);
  EXPECT_GT(std::abs(full - none), 10.0);  // the feedback matters: the knee is 0.3 rad off
  EXPECT_NEAR(asked(0.5, 0.5) - none, 0.5 * (full - none), 1e-9 * std::abs(full));
  EXPECT_EQ(asked(0.0, 0.85), asked(1.0, 0.85));
}

// weak_axis_weight weighs the hip rotation and ankle inversion torque errors of a leg in stance
// in the muscle distribution, swing_weak_axis_weight those of a swinging leg: in flight only the
// second changes the solve, with both feet pressed in only the first.
TEST(TrackingController, WeakAxisWeightsFollowEachLegsStance) {
  const auto model = runner("runner3d");
  const int rotation_r = model->coordinate_index("hip_rotation_r");
  const auto twist = [&](State& state) { state.q[model->root_q_size() + rotation_r] += 0.2; };
  auto solve = [&](double clearance_m, const double phase[2], double stance_w, double swing_w) {
    TrackingOptions tracking;
    tracking.gains.weak_axis_weight = stance_w;
    tracking.gains.swing_weak_axis_weight = swing_w;
    const ControllerProbe probe = probe_controller(model, tracking, clearance_m, phase, twist);
    return std::make_pair(probe.memory.target_activation, probe.memory.unmet_torque_nm[rotation_r]);
  };
  const double flight_phase[2] = {0.8, 0.3}, stance_phase[2] = {0.9, 0.65};
  const auto [flight, flight_unmet] = solve(0.2, flight_phase, 1.0, 1.0);
  EXPECT_EQ(solve(0.2, flight_phase, 0.01, 1.0).first, flight);
  const auto [loose, loose_unmet] = solve(0.2, flight_phase, 1.0, 0.01);
  EXPECT_NE(loose, flight);
  EXPECT_GT(std::abs(loose_unmet), std::abs(flight_unmet));
  const auto stance = solve(-0.02, stance_phase, 1.0, 1.0).first;
  EXPECT_EQ(solve(-0.02, stance_phase, 1.0, 0.01).first, stance);
  EXPECT_NE(solve(-0.02, stance_phase, 0.01, 1.0).first, stance);
}

// The shipped tuned runner2d (scenarios/runner2d-tuned.yaml), at its own converged 0.25 ms
// step: over its first 5 s it does not fall and steps within 5 % of the asked 170 spm. Its
// speed is not asserted. From this start it runs all 30 s (docs/controller.md, "Stop 23").
TEST(TrackingController, TunedRunner2dRunsFiveSecondsNearItsCadence) {
  const Scenario scenario =
      load_scenario_file(std::string(STRIDER_TEST_SOURCE_DIR) + "/scenarios/runner2d-tuned.yaml", {"duration_s=5"});
  const auto model = load_scenario_model(scenario);
  MeasureObserver observer(*model, scenario.dt_s);
  const RunTotals totals = simulate_scenario(scenario, model, {}, &observer);
  EXPECT_FALSE(totals.result.fell) << "fell at " << totals.result.fall_time_s << " s";
  const auto measures = observer.measures(scenario, totals);
  EXPECT_EQ(measures.at("fall"), 0.0);
  EXPECT_LT(std::sqrt(measures.at("cadence")), 0.05);  // relative cadence error
  EXPECT_GT(totals.distance_m, 5.0 * 2.0);             // it goes forward, above 2 m/s on average
}

// The shipped baseline (scenarios/baseline.yaml, runner3d with tuned gains) does not run as
// asked: at the baseline's 0.25 ms step it stays up its 30 s from its own start and from ten
// nearby starts, but at 2.62 m/s (the defaults fall at 0.54 s; docs/controller.md, "Stop 27").
// This guards the shipped file: at least 7 s up, moving forward above 2 m/s on average.
TEST(TrackingController, BaselineRunner3dStaysUpSevenSeconds) {
  const Scenario scenario =
      load_scenario_file(std::string(STRIDER_TEST_SOURCE_DIR) + "/scenarios/baseline.yaml", {"duration_s=8"});
  const auto model = load_scenario_model(scenario);
  const RunTotals totals = simulate_scenario(scenario, model, {}, nullptr);
  const double up_s = totals.result.fell ? totals.result.fall_time_s : scenario.duration_s;
  EXPECT_GE(up_s, 7.0);
  EXPECT_GT(totals.distance_m, 2.0 * 7.0);
}

// Honesty, checked independently of how torques are computed: inverse dynamics of the
// accelerations Bullet produced, with only gravity and the contact forces as external loads,
// must need no force on the pelvis (root) coordinates, and exactly the muscle plus passive
// torques on the joints.
TEST(Honesty, OnlyMusclesPassiveTorquesGravityAndContactActOnTheBody) {
  for (const char* name : {"runner3d", "runner2d"}) {
    auto model = runner(name);
    SimulationOptions options = simulation_options(0.001);
    TrackingOptions tracking;
    auto controller = std::make_shared<TrackingController>(*model, load_reference_cycle(default_reference_cycle_path()),
                                                           tracking, options.muscles);
    Simulation sim(model, options);
    sim.set_state(running_start_state(*model, *controller, sim.ground(), kRunningStartPhase, 0.01));
    sim.equilibrate_muscles();
    sim.set_controller(controller);
    InverseDynamicsScratch scratch;
    VecX tau(model->nv());
    int checked_in_contact = 0;
    for (int i = 0; i < 250; ++i) {
      sim.evaluate();
      const Workspace& ws = sim.workspace();
      std::vector<ExternalForce> contact;
      for (std::size_t k = 0; k < model->contacts.size(); ++k) {
        contact.push_back({model->contacts[k].body, ws.spheres[k].force_n, ws.spheres[k].point_m, Vec3::Zero()});
      }
      inverse_dynamics(*model, sim.state().q, sim.state().v, sim.accelerations(), contact, scratch, tau);
      const int r = model->root_v_size();
      EXPECT_LT(tau.head(r).cwiseAbs().maxCoeff(), 1e-6) << name << " step " << i;
      const VecX joints = ws.muscle_torque_nm + ws.passive_torque_nm;
      EXPECT_LT((tau.tail(joints.size()) - joints).cwiseAbs().maxCoeff(), 1e-6) << name << " step " << i;
      double load = 0.0;
      for (const auto& f : ws.feet) load += f.normal_force_n;
      if (load > 100.0) ++checked_in_contact;
      sim.control();
      sim.advance();
    }
    EXPECT_GT(checked_in_contact, 20) << name;
  }
}

}  // namespace
}  // namespace strider
