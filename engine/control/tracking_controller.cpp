#include "control/tracking_controller.hpp"

#include <algorithm>
#include <cmath>

#include "muscle/curves.hpp"
#include "sim/state.hpp"
#include "sim/workspace.hpp"

namespace strider {

const std::vector<TrackingGainField>& tracking_gain_fields() {
  static const std::vector<TrackingGainField> fields = {
      {"hip_kp", &TrackingGains::hip_kp},
      {"hip_kd", &TrackingGains::hip_kd},
      {"knee_kp", &TrackingGains::knee_kp},
      {"knee_kd", &TrackingGains::knee_kd},
      {"ankle_kp", &TrackingGains::ankle_kp},
      {"ankle_kd", &TrackingGains::ankle_kd},
      {"stance_knee_kp", &TrackingGains::stance_knee_kp},
      {"stance_knee_kd", &TrackingGains::stance_knee_kd},
      {"stance_ankle_kp", &TrackingGains::stance_ankle_kp},
      {"stance_ankle_kd", &TrackingGains::stance_ankle_kd},
      {"trunk_kp", &TrackingGains::trunk_kp},
      {"trunk_kd", &TrackingGains::trunk_kd},
      {"arm_kp", &TrackingGains::arm_kp},
      {"arm_kd", &TrackingGains::arm_kd},
      {"pelvis_kp", &TrackingGains::pelvis_kp},
      {"pelvis_kd", &TrackingGains::pelvis_kd},
      {"placement_distance", &TrackingGains::placement_distance},
      {"placement_speed", &TrackingGains::placement_speed},
      {"placement_lateral", &TrackingGains::placement_lateral},
      {"feedforward_scale", &TrackingGains::feedforward_scale},
      {"torque_limit", &TrackingGains::torque_limit},
      {"stance_threshold_bw", &TrackingGains::stance_threshold_bw},
  };
  return fields;
}

namespace {
bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }
bool ends_with(const std::string& s, const char* suffix) {
  const std::size_t n = std::char_traits<char>::length(suffix);
  return s.size() >= n && s.compare(s.size() - n, n, suffix) == 0;
}
}  // namespace

TrackingController::TrackingController(const Model& model, ReferenceCycle cycle, const TrackingOptions& options,
                                       const MuscleOptions& muscles)
    : cycle_(std::move(cycle)), options_(options), muscles_(muscles) {
  const long nc = static_cast<long>(model.coordinates.size()), nm = static_cast<long>(model.muscles.size());
  for (const auto& c : model.coordinates) {
    const std::string& n = c.name;
    kp_group_.push_back(starts_with(n, "hip") ? 0 : starts_with(n, "knee") ? 1 : starts_with(n, "ankle") ? 2
                        : starts_with(n, "lumbar") ? 3 : 4);
  }
  problem_.moment_arm_m = Eigen::MatrixXd::Zero(nm, nc);
  problem_.active_force_n = VecX::Zero(nm);
  problem_.passive_force_n = VecX::Zero(nm);
  problem_.capacity = VecX::Ones(nm);
  problem_.desired_torque_nm = VecX::Zero(nc);
  problem_.body_mass_kg = model.total_mass_kg();
  result_.activation = VecX::Zero(nm);
  angle_ref_ = VecX::Zero(nc);
  torque_ff_ = VecX::Zero(nc);
  rate_ref_ = VecX::Zero(nc);
  foot_r_ = model.body_index("foot_r");
  foot_l_ = model.body_index("foot_l");
  auto contact_index = [&](int body) {
    return static_cast<std::size_t>(std::find(model.contact_bodies.begin(), model.contact_bodies.end(), body) -
                                    model.contact_bodies.begin());
  };
  contact_r_ = contact_index(foot_r_);
  contact_l_ = contact_index(foot_l_);
  hip_r_ = model.coordinate_index("hip_flexion_r");
  hip_l_ = model.coordinate_index("hip_flexion_l");
  abduction_r_ = model.coordinate_index("hip_abduction_r");
  abduction_l_ = model.coordinate_index("hip_abduction_l");
  for (std::size_t c = 0; c < model.coordinates.size(); ++c) {
    const std::string& n = model.coordinates[c].name;
    const int side = ends_with(n, "_r") ? 0 : ends_with(n, "_l") ? 1 : -1;
    const bool leg = starts_with(n, "hip") || starts_with(n, "knee") || starts_with(n, "ankle");
    side_.push_back(leg ? side : -1);
    if (starts_with(n, "hip") && side >= 0) hip_coords_[side].push_back(static_cast<int>(c));
    if (model.bodies[static_cast<std::size_t>(model.coordinates[c].body)].parent == 0) {
      pelvis_children_.push_back(static_cast<int>(c));
    }
  }
  tracks_ = make_tracks(model, cycle_, options_.modifiers);
  const char* pelvis_names[3] = {"pelvis_pitch", "pelvis_roll", "pelvis_yaw"};
  for (int k = 0; k < 3; ++k) {
    const auto curve = cycle_.curves.find(pelvis_names[k]);
    pelvis_curve_[k] = curve == cycle_.curves.end() ? nullptr : &curve->second;
  }
}

void TrackingController::targets(const Model& model, double phase, VecX& angle, VecX& rate) const {
  reference_joint_targets(model, cycle_, phase, options_.stride_time_s, options_.modifiers, angle, rate);
}

void TrackingController::update(const Model& model, const State& state, const Workspace& ws, ControllerState& mem,
                                VecX& excitation) {
  const double dt = options_.control_period_s;
  const long nc = static_cast<long>(model.coordinates.size());
  const int q0 = model.root_q_size(), v0 = model.root_v_size();

  // Gait clock, re-synchronized at touchdown: phase 0 at right contact, 0.5 at left contact.
  const double mass = model.total_mass_kg();
  const TrackingGains& g = options_.gains;
  double phase = mem.phase + dt / options_.stride_time_s;
  phase -= std::floor(phase);
  const double stance_n = g.stance_threshold_bw * mass * 9.81;
  const bool stance[2] = {contact_r_ < ws.feet.size() && ws.feet[contact_r_].normal_force_n > stance_n,
                          contact_l_ < ws.feet.size() && ws.feet[contact_l_].normal_force_n > stance_n};
  if (stance[0] && phase > 0.8) phase = 0.0;
  if (stance[1] && phase > 0.3 && phase < 0.5) phase = 0.5;
  mem.phase = phase;
  const bool right_leads = phase < 0.5;  // the right foot's half of the stride: it lands first

  // Targets and feed-forward from the cycle (curves looked up in the constructor).
  for (long c = 0; c < nc; ++c) {
    tracks_[static_cast<std::size_t>(c)].at(phase, options_.stride_time_s, angle_ref_[c], rate_ref_[c], torque_ff_[c]);
  }

  // Foot placement: the swing hip's targets move with the centre of mass's offset ahead of the
  // stance (or last) foot, its forward speed error and its sideways speed.
  const int swing = right_leads ? 1 : 0;
  const BodyFrame& stance_foot = ws.frames[right_leads ? foot_r_ : foot_l_];
  const double ahead_m = ws.whole.p_WCom.x() - stance_foot.p_WB.x();
  const double speed_error = ws.whole.v_WCom.x() - options_.speed_mps;
  const int swing_hip = swing == 0 ? hip_r_ : hip_l_;
  if (swing_hip >= 0 && !stance[swing]) {
    angle_ref_[swing_hip] += g.placement_distance * ahead_m + g.placement_speed * speed_error;
  }
  const int swing_abduction = swing == 0 ? abduction_r_ : abduction_l_;
  if (swing_abduction >= 0 && !stance[swing]) {
    // Abduction moves the right foot to −y and the left foot to +y.
    angle_ref_[swing_abduction] += (swing == 0 ? -1.0 : 1.0) * g.placement_lateral * ws.whole.v_WCom.y();
  }

  // Joint PD plus feed-forward, stance or swing gains by each leg's contact, bounded.
  const double kp[5] = {g.hip_kp, g.knee_kp, g.ankle_kp, g.trunk_kp, g.arm_kp};
  const double kd[5] = {g.hip_kd, g.knee_kd, g.ankle_kd, g.trunk_kd, g.arm_kd};
  const double stance_kp[5] = {g.hip_kp, g.stance_knee_kp, g.stance_ankle_kp, g.trunk_kp, g.arm_kp};
  const double stance_kd[5] = {g.hip_kd, g.stance_knee_kd, g.stance_ankle_kd, g.trunk_kd, g.arm_kd};
  const double limit_nm = g.torque_limit * mass;
  VecX& tau = problem_.desired_torque_nm;
  for (long c = 0; c < nc; ++c) {
    const std::size_t k = static_cast<std::size_t>(c);
    const int group = kp_group_[k];
    const bool in_stance = side_[k] >= 0 && stance[side_[k]];
    const double p = in_stance ? stance_kp[group] : kp[group];
    const double d = in_stance ? stance_kd[group] : kd[group];
    tau[c] = mass * (g.feedforward_scale * torque_ff_[c] + p * (angle_ref_[c] - state.q[q0 + c]) +
                     d * (rate_ref_[c] - state.v[v0 + c]));
    tau[c] = std::clamp(tau[c], -limit_nm, limit_nm);
  }

  // Pelvis orientation in the world, held through the stance hip (SIMBICON). A joint torque τ
  // about world axis a acts as +τ·a on its child and −τ·a on its parent, so the pelvis feels
  // −Σ τ_c·a_c over the joints it parents. The stance hip's torques make that sum the wanted
  // pelvis torque. With both feet down, the leading foot's hip does it; in flight nothing can.
  const int holder = stance[0] && stance[1] ? (right_leads ? 0 : 1) : stance[0] ? 0 : stance[1] ? 1 : -1;
  if (holder >= 0) {
    const Mat3& R = ws.frames.front().R_WB;
    double ref[3] = {0.0, 0.0, 0.0};
    for (int k = 0; k < 3; ++k) ref[k] = pelvis_curve_[k] ? pelvis_curve_[k]->value(phase) : 0.0;
    const Mat3 R_ref = axis_angle(Vec3::UnitY(), ref[0]) * axis_angle(Vec3::UnitX(), ref[1]) *
                       axis_angle(Vec3::UnitZ(), ref[2]);
    const Eigen::AngleAxisd error(R_ref * R.transpose());
    const Vec3 wanted = mass * (g.pelvis_kp * error.angle() * error.axis() - g.pelvis_kd * ws.frames.front().w_WB);
    const std::vector<int>& hip = hip_coords_[holder];
    Vec3 b = -wanted;
    for (int c : pelvis_children_) {
      if (std::find(hip.begin(), hip.end(), c) == hip.end()) b -= tau[c] * ws.coordinate_axes_W.col(c);
    }
    if (hip.size() == 1) {
      const Vec3 a = ws.coordinate_axes_W.col(hip[0]);
      tau[hip[0]] = std::clamp(a.dot(b) / a.squaredNorm(), -limit_nm, limit_nm);
    } else if (hip.size() == 3) {
      Mat3 A;
      for (int k = 0; k < 3; ++k) A.col(k) = ws.coordinate_axes_W.col(hip[static_cast<std::size_t>(k)]);
      const Vec3 hip_tau = A.partialPivLu().solve(b);
      for (int k = 0; k < 3; ++k) tau[hip[static_cast<std::size_t>(k)]] = std::clamp(hip_tau[k], -limit_nm, limit_nm);
    }
  }

  // Muscle distribution at the current muscle states.
  for (std::size_t m = 0; m < model.muscles.size(); ++m) {
    const long i = static_cast<long>(m);
    const MuscleTendonOutput& out = ws.muscle[m];
    const MuscleTendonParameters& p = model.muscles[m].mtu;
    const double strength = m < muscles_.strength.size() ? muscles_.strength[m] : 1.0;
    const double cos_a = std::cos(out.pennation_rad);
    // The force a full activation could add. The fibre's current velocity is no guide while a
    // relaxed fibre recoils against its tendon, so the force–velocity factor uses the fibre's
    // share of the path velocity (as in the replay, analysis/replay.cpp).
    const double v_norm = fiber_velocity_norm_estimate(p, ws.muscle_velocity_mps[i]);
    problem_.active_force_n[i] = p.max_isometric_force_n * strength * out.force_length_multiplier *
                                 std::max(0.0, degroote2016::force_velocity(v_norm)) * cos_a;
    problem_.passive_force_n[i] = std::max(0.0, out.passive_fiber_force_n * cos_a);
    problem_.capacity[i] = 1.0 - state.fatigue_fatigued[i];
  }
  problem_.moment_arm_m = ws.moment_arm_m;
  distribute_torques(problem_, result_);
  mem.desired_torque_nm = tau;
  mem.unmet_torque_nm = result_.unmet_torque_nm;
  mem.target_activation = result_.activation;

  // Excitation that reaches the target activation within about one activation time constant.
  for (std::size_t m = 0; m < model.muscles.size(); ++m) {
    const long i = static_cast<long>(m);
    const double a = state.activation[i];
    const double target = result_.activation[i];
    excitation[i] = std::clamp(target + model.muscles[m].activation_time_s * (target - a) / dt, 0.0, 1.0);
  }
}

}  // namespace strider
