#include "control/tracking_controller.hpp"

#include <algorithm>
#include <cmath>

#include "muscle/curves.hpp"
#include "sim/state.hpp"
#include "sim/workspace.hpp"

namespace strider {

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
  lumbar_ = model.coordinate_index("lumbar_flexion");
  for (const auto& c : model.coordinates) {
    std::string name = c.name;
    const bool left = ends_with(name, "_l");
    if (left || ends_with(name, "_r")) name.resize(name.size() - 2);
    const auto angle = cycle_.curves.find(name);
    const auto torque = cycle_.torques_nm_per_kg.find(name);
    angle_curve_.push_back(angle == cycle_.curves.end() ? nullptr : &angle->second);
    torque_curve_.push_back(torque == cycle_.torques_nm_per_kg.end() ? nullptr : &torque->second);
    phase_shift_.push_back(left ? 0.5 : 0.0);
    const bool arm = starts_with(name, "shoulder") || starts_with(name, "elbow");
    const bool leg_swing = name == "hip_flexion" || name == "knee_flexion";
    swing_scale_.push_back(arm ? options_.modifiers.arm_swing_scale : leg_swing ? options_.modifiers.leg_swing_scale : 1.0);
  }
  const auto pitch = cycle_.curves.find("pelvis_pitch");
  pelvis_pitch_ = pitch == cycle_.curves.end() ? nullptr : &pitch->second;
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
  double phase = mem.phase + dt / options_.stride_time_s;
  phase -= std::floor(phase);
  const std::size_t right = contact_r_, left = contact_l_;
  const double touch_n = 0.2 * model.total_mass_kg() * 9.81;
  if (right < ws.feet.size() && ws.feet[right].normal_force_n > touch_n && phase > 0.8) phase = 0.0;
  if (left < ws.feet.size() && ws.feet[left].normal_force_n > touch_n && phase > 0.3 && phase < 0.5) phase = 0.5;
  mem.phase = phase;
  const bool right_stance = phase < 0.5;

  // Targets and feed-forward from the cycle (curves looked up in the constructor).
  for (long c = 0; c < nc; ++c) {
    const std::size_t k = static_cast<std::size_t>(c);
    double local = phase + phase_shift_[k];
    local -= std::floor(local);
    angle_ref_[c] = rate_ref_[c] = torque_ff_[c] = 0.0;
    if (const FourierCurve* curve = angle_curve_[k]) {
      angle_ref_[c] = curve->mean + swing_scale_[k] * (curve->value(local) - curve->mean);
      rate_ref_[c] = swing_scale_[k] * curve->slope(local) / options_.stride_time_s;
    }
    if (const FourierCurve* curve = torque_curve_[k]) torque_ff_[c] = curve->value(local);
  }

  // Foot placement: move the swing hip's flexion target.
  const BodyFrame& stance_foot = ws.frames[right_stance ? foot_r_ : foot_l_];
  const double ahead_m = ws.whole.p_WCom.x() - stance_foot.p_WB.x();
  const double speed_error = ws.whole.v_WCom.x() - options_.speed_mps;
  const int swing_hip = right_stance ? hip_l_ : hip_r_;
  if (swing_hip >= 0) {
    angle_ref_[swing_hip] += options_.gains.placement_distance * ahead_m + options_.gains.placement_speed * speed_error;
  }

  // Joint PD.
  const TrackingGains& g = options_.gains;
  const double kp[5] = {g.hip_kp, g.knee_kp, g.ankle_kp, g.trunk_kp, g.arm_kp};
  const double kd[5] = {g.hip_kd, g.knee_kd, g.ankle_kd, g.trunk_kd, g.arm_kd};
  const double mass = model.total_mass_kg();
  VecX& tau = problem_.desired_torque_nm;
  for (long c = 0; c < nc; ++c) {
    const int group = kp_group_[static_cast<std::size_t>(c)];
    tau[c] = mass * (g.feedforward_scale * torque_ff_[c] + kp[group] * (angle_ref_[c] - state.q[q0 + c]) +
                     kd[group] * (rate_ref_[c] - state.v[v0 + c]));
  }

  // Pelvis pitch in the world, held through the stance hip (SIMBICON): the hips' flexion
  // torques act on the pelvis about +y (anterior tilt), the lumbar joint's in reverse.
  const Mat3& R = ws.frames.front().R_WB;
  const double pitch = std::atan2(R(0, 2), R(2, 2));  // anterior tilt of the pelvis z axis
  const double pitch_rate = ws.frames.front().w_WB.y();
  const double pitch_ref = pelvis_pitch_ ? pelvis_pitch_->value(phase) : 0.0;
  const double pelvis_torque = mass * (g.pelvis_kp * (pitch_ref - pitch) - g.pelvis_kd * pitch_rate);
  const int stance_hip = right_stance ? hip_r_ : hip_l_;
  const int lumbar = lumbar_;
  if (stance_hip >= 0 && swing_hip >= 0) {
    tau[stance_hip] = pelvis_torque - tau[swing_hip] + (lumbar >= 0 ? tau[lumbar] : 0.0);
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
