#include "control/tracking_controller.hpp"

#include <algorithm>
#include <cmath>

#include "dynamics/kinematics.hpp"
#include "muscle/curves.hpp"
#include "muscle/muscle_stage.hpp"
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
      {"swing_knee_early_share", &TrackingGains::swing_knee_early_share},
      {"stance_ankle_kp", &TrackingGains::stance_ankle_kp},
      {"stance_ankle_kd", &TrackingGains::stance_ankle_kd},
      {"trunk_kp", &TrackingGains::trunk_kp},
      {"trunk_kd", &TrackingGains::trunk_kd},
      {"arm_kp", &TrackingGains::arm_kp},
      {"arm_kd", &TrackingGains::arm_kd},
      {"pelvis_kp", &TrackingGains::pelvis_kp},
      {"pelvis_kd", &TrackingGains::pelvis_kd},
      {"pelvis_roll_scale", &TrackingGains::pelvis_roll_scale},
      {"pelvis_yaw_scale", &TrackingGains::pelvis_yaw_scale},
      {"hip_rotation_scale", &TrackingGains::hip_rotation_scale},
      {"swing_hip_rotation_scale", &TrackingGains::swing_hip_rotation_scale},
      {"ankle_inversion_scale", &TrackingGains::ankle_inversion_scale},
      {"weak_axis_weight", &TrackingGains::weak_axis_weight},
      {"swing_weak_axis_weight", &TrackingGains::swing_weak_axis_weight},
      {"placement_distance", &TrackingGains::placement_distance},
      {"placement_speed", &TrackingGains::placement_speed},
      {"placement_speed_integral", &TrackingGains::placement_speed_integral},
      {"placement_lateral", &TrackingGains::placement_lateral},
      {"placement_lateral_distance", &TrackingGains::placement_lateral_distance},
      {"lateral_foot_share", &TrackingGains::lateral_foot_share},
      {"step_width_m", &TrackingGains::step_width_m},
      {"lateral_capture_s", &TrackingGains::lateral_capture_s},
      {"lateral_return_s", &TrackingGains::lateral_return_s},
      {"trunk_world", &TrackingGains::trunk_world},
      {"feedforward_scale", &TrackingGains::feedforward_scale},
      {"activation_catch_up_s", &TrackingGains::activation_catch_up_s},
      {"swing_world", &TrackingGains::swing_world},
      {"swing_world_roll", &TrackingGains::swing_world_roll},
      {"reference_lead_s", &TrackingGains::reference_lead_s},
      {"scuff_knee_rad", &TrackingGains::scuff_knee_rad},
      {"support_thrust_ramp", &TrackingGains::support_thrust_ramp},
      {"support_thrust_late", &TrackingGains::support_thrust_late},
      {"support_scale", &TrackingGains::support_scale},
      {"support_stiffness", &TrackingGains::support_stiffness},
      {"support_damping", &TrackingGains::support_damping},
      {"support_thrust", &TrackingGains::support_thrust},
      {"support_speed", &TrackingGains::support_speed},
      {"torque_limit", &TrackingGains::torque_limit},
      {"hold_torque_limit", &TrackingGains::hold_torque_limit},
      {"hold_sensed_share", &TrackingGains::hold_sensed_share},
      {"torque_error_weight", &TrackingGains::torque_error_weight},
      {"replay_activation_share", &TrackingGains::replay_activation_share},
      {"stance_threshold_bw", &TrackingGains::stance_threshold_bw},
      {"whole_body", &TrackingGains::whole_body},
      {"qp_joint_kp", &TrackingGains::qp_joint_kp},
      {"qp_joint_kd", &TrackingGains::qp_joint_kd},
      {"qp_swing_weight", &TrackingGains::qp_swing_weight},
      {"qp_stance_weight", &TrackingGains::qp_stance_weight},
      {"qp_upper_weight", &TrackingGains::qp_upper_weight},
      {"qp_pelvis_kp", &TrackingGains::qp_pelvis_kp},
      {"qp_pelvis_kd", &TrackingGains::qp_pelvis_kd},
      {"qp_pelvis_weight", &TrackingGains::qp_pelvis_weight},
      {"qp_speed_kv", &TrackingGains::qp_speed_kv},
      {"qp_lateral_kv", &TrackingGains::qp_lateral_kv},
      {"qp_com_weight", &TrackingGains::qp_com_weight},
      {"qp_height_kp", &TrackingGains::qp_height_kp},
      {"qp_height_kd", &TrackingGains::qp_height_kd},
      {"qp_height_weight", &TrackingGains::qp_height_weight},
      {"qp_contact_weight", &TrackingGains::qp_contact_weight},
      {"qp_contact_kd", &TrackingGains::qp_contact_kd},
      {"qp_activation_weight", &TrackingGains::qp_activation_weight},
      {"qp_force_weight", &TrackingGains::qp_force_weight},
      {"qp_horizon_s", &TrackingGains::qp_horizon_s},
      {"qp_friction", &TrackingGains::qp_friction},
      {"qp_flight_share", &TrackingGains::qp_flight_share},
      {"qp_contact_reach_m", &TrackingGains::qp_contact_reach_m},
      {"qp_trunk_kp", &TrackingGains::qp_trunk_kp},
      {"qp_trunk_kd", &TrackingGains::qp_trunk_kd},
      {"qp_trunk_weight", &TrackingGains::qp_trunk_weight},
      {"qp_lookahead_s", &TrackingGains::qp_lookahead_s},
      {"lookahead_s", &TrackingGains::lookahead_s},
      {"qp_momentum_kd", &TrackingGains::qp_momentum_kd},
      {"qp_momentum_weight", &TrackingGains::qp_momentum_weight},
  };
  return fields;
}

namespace {
// m/s: the fastest sideways return to the running line that `lateral_return_s` asks for, a tenth
// of a slow running speed, so that a runner far off the line is not asked to cut across it.
constexpr double kMaxReturnSpeedMps = 0.25;
// rad: the speed integrator's largest placement offset, about a fifth of the hip's swing in the
// cycle, so that a runner that cannot reach the asked speed does not wind its foot placement up
// without end.
constexpr double kMaxSpeedOffsetRad = 0.2;
// m: the height of the subject of the reference cycle (Hamner 2010 subject02), whose pelvis
// height the whole-body control scales to the model's body height.
constexpr double kReferenceSubjectHeightM = 1.83;
// Phase step of the central differences that give the cycle's accelerations.
constexpr double kPhaseStep = 1e-3;
// s: sub-step of the lookahead's muscle integration (the unit's implicit fibre step is stable and
// accurate at 1 ms, muscle/muscle_tendon.hpp).
constexpr double kLookaheadSubstepS = 1e-3;
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
    gain_scale_.push_back(starts_with(n, "hip_rotation") ? options_.gains.hip_rotation_scale
                          : starts_with(n, "ankle_inversion") ? options_.gains.ankle_inversion_scale
                                                              : 1.0);
    weak_axis_.push_back(starts_with(n, "hip_rotation") || starts_with(n, "ankle_inversion"));
    hip_rotation_.push_back(starts_with(n, "hip_rotation"));
  }
  problem_.moment_arm_m = Eigen::MatrixXd::Zero(nm, nc);
  problem_.active_force_n = VecX::Zero(nm);
  problem_.passive_force_n = VecX::Zero(nm);
  problem_.capacity = VecX::Ones(nm);
  problem_.desired_torque_nm = VecX::Zero(nc);
  problem_.body_mass_kg = model.total_mass_kg();
  problem_.torque_weight = options_.gains.torque_error_weight;
  if (options_.gains.weak_axis_weight != 1.0 || options_.gains.swing_weak_axis_weight != 1.0) {
    problem_.coordinate_weight = VecX::Ones(nc);  // the weak axes' entries are set at each update
  }
  result_.activation = VecX::Zero(nm);
  angle_ref_ = VecX::Zero(nc);
  torque_ff_ = VecX::Zero(nc);
  rate_ref_ = VecX::Zero(nc);
  support_hip_ = VecX::Zero(nc);
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
  knee_r_ = model.coordinate_index("knee_flexion_r");
  knee_l_ = model.coordinate_index("knee_flexion_l");
  lumbar_flexion_ = model.coordinate_index("lumbar_flexion");
  lumbar_bending_ = model.coordinate_index("lumbar_bending");
  torso_ = model.body_index("torso");
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
  const int feet[2] = {foot_r_, foot_l_};
  for (int side = 0; side < 2; ++side) {
    // Heel: the rearmost contact sphere's lowest point; ball: three quarters of the way to the
    // foremost one.
    Vec3 heel = Vec3::Constant(1e9), toe = Vec3::Constant(-1e9);
    for (const auto& sphere : model.contacts) {
      if (sphere.body != feet[side]) continue;
      const Vec3 bottom = sphere.center_m - sphere.radius_m * Vec3::UnitZ();
      if (bottom.x() < heel.x()) heel = bottom;
      if (bottom.x() > toe.x()) toe = bottom;
    }
    heel_m_[side] = heel;
    ball_m_[side] = heel + 0.75 * (toe - heel);
  }
  // The replay's activation curve of each muscle: a leg muscle follows its leg's phase, the
  // others the body's (the right leg's), the left ones half a cycle later.
  const bool arms_held = options_.modifiers.arm_swing == ArmSwing::HeldAcrossChest ||
                         options_.modifiers.arm_swing == ArmSwing::HeldBehindBack ||
                         options_.modifiers.arm_swing == ArmSwing::HandsOnHead;
  for (const auto& muscle : model.muscles) {
    std::string name = muscle.name;
    const int side = ends_with(name, "_r") ? 0 : ends_with(name, "_l") ? 1 : -1;
    if (side >= 0) name.resize(name.size() - 2);
    int leg = -1;
    for (int c : muscle.crossed_coordinates) leg = std::max(leg, side_[static_cast<std::size_t>(c)]);
    const bool arm = starts_with(name, "shoulder") || starts_with(name, "elbow");
    const auto curve = cycle_.activations.find(name);
    muscle_curve_.push_back(curve == cycle_.activations.end() || (arm && arms_held) ? nullptr
                                                                                    : &curve->second);
    muscle_leg_.push_back(leg);
    muscle_shift_.push_back(leg < 0 && side == 1 ? 0.5 : 0.0);
  }
  if (options_.gains.replay_activation_share != 0.0) problem_.preferred_activation = VecX::Zero(nm);
  // The swing's peak knee flexion: the end of the early swing (swing_knee_early_share).
  const auto knee_curve = cycle_.curves.find("knee_flexion");
  if (knee_curve != cycle_.curves.end()) {
    const double toe_off = cycle_.duty_factor > 0.0 ? cycle_.duty_factor : 0.35;
    double peak_rad = -1e9;
    for (int i = 0; i < 1000; ++i) {
      const double p = toe_off + (1.0 - toe_off) * i / 1000.0;
      const double knee_rad = knee_curve->second.value(p);
      if (knee_rad > peak_rad) {
        peak_rad = knee_rad;
        knee_peak_phase_ = p;
      }
    }
  }
  const char* pelvis_names[3] = {"pelvis_pitch", "pelvis_roll", "pelvis_yaw"};
  for (int k = 0; k < 3; ++k) {
    const auto curve = cycle_.curves.find(pelvis_names[k]);
    pelvis_curve_[k] = curve == cycle_.curves.end() ? nullptr : &curve->second;
  }
  const auto height = cycle_.curves.find("pelvis_height");
  pelvis_height_curve_ = height == cycle_.curves.end() ? nullptr : &height->second;
  if (options_.gains.whole_body > 0.0) {
    qp_ = std::make_unique<WholeBodyQp>(model);
    qp_in_.joint_accel_radps2 = VecX::Zero(nc);
    qp_in_.joint_weight = VecX::Zero(nc);
    qp_in_.contact_point_m.reserve(model.contacts.size());
    qp_in_.contact_body.reserve(model.contacts.size());
    for (VecX* x : {&qp_in_.active_force_n, &qp_in_.passive_force_n, &qp_in_.activation_lo, &qp_in_.activation_hi}) {
      *x = VecX::Zero(nm);
    }
    if (options_.gains.replay_activation_share != 0.0) qp_in_.preferred_activation = VecX::Zero(nm);
    qp_out_.activation = VecX::Zero(nm);
    qp_out_.accel = VecX::Zero(model.nv());
    qp_out_.asked_torque_nm = VecX::Zero(nc);
    qp_out_.muscle_torque_nm = VecX::Zero(nc);
    // The cycle's pelvis height is the subject's pelvis origin above the ground. Where this
    // model's pelvis origin sits in the reference pose at mid-stance (phase 0.2, the right foot
    // flat), with its lowest contact point on the ground, gives the offset between the two.
    constexpr double kMidStancePhase = 0.2;
    VecX q = model.zero_q(), v = VecX::Zero(model.nv()), angle, rate;
    targets(model, kMidStancePhase, angle, rate);
    q.segment(model.root_q_size(), nc) = angle;
    const auto value = [&](int k) { return pelvis_curve_[k] ? pelvis_curve_[k]->value(kMidStancePhase) : 0.0; };
    if (model.root_type() == JointType::Free) {
      const Quat quat = Quat(Eigen::AngleAxisd(value(0), Vec3::UnitY())) *
                        Quat(Eigen::AngleAxisd(value(1), Vec3::UnitX())) *
                        Quat(Eigen::AngleAxisd(value(2), Vec3::UnitZ()));
      q.segment<4>(3) << quat.w(), quat.x(), quat.y(), quat.z();
    } else if (model.root_type() == JointType::Planar) {
      q[2] = value(0);
    }
    std::vector<BodyFrame> frames(model.bodies.size());
    forward_kinematics(model, q, v, frames);
    double lowest = 1e9;
    for (const auto& c : model.contacts) {
      const BodyFrame& f = frames[static_cast<std::size_t>(c.body)];
      lowest = std::min(lowest, (f.p_WB + f.R_WB * c.center_m).z() - c.radius_m);
    }
    pelvis_height_offset_m_ = -lowest - height_scale(model) * (pelvis_height_curve_ ? pelvis_height_curve_->value(kMidStancePhase) : 0.0);
  }
}

double TrackingController::height_scale(const Model& model) const {
  return model.body_height_m / kReferenceSubjectHeightM;
}

void TrackingController::targets(const Model& model, double phase, VecX& angle, VecX& rate) const {
  reference_joint_targets(model, cycle_, phase, options_.stride_time_s, options_.modifiers, angle, rate);
}

void TrackingController::muscle_forces(const Model& model, const Workspace& ws, VecX& active_n, VecX& passive_n) const {
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
    active_n[i] = p.max_isometric_force_n * strength * out.force_length_multiplier *
                  std::max(0.0, degroote2016::force_velocity(v_norm)) * cos_a;
    passive_n[i] = std::max(0.0, out.passive_fiber_force_n * cos_a);
  }
}

void TrackingController::lookahead_forces(const Model& model, const State& state, const Workspace& ws,
                                          double horizon_s, VecX& active_n, VecX& passive_n) const {
  for (std::size_t m = 0; m < model.muscles.size(); ++m) {
    const long i = static_cast<long>(m);
    const double strength = m < muscles_.strength.size() ? muscles_.strength[m] : 1.0;
    const double max_force = model.muscles[m].mtu.max_isometric_force_n * strength;
    const double capacity = 1.0 - state.fatigue_fatigued[i];
    const UnitNow now{state.activation[i], state.fiber_length_norm[i], ws.muscle_length_m[i],
                      ws.muscle_velocity_mps[i]};
    const double relaxed =
        predict_tendon_force(model.muscles[m], max_force, capacity, now, 0.0, horizon_s, kLookaheadSubstepS);
    const double full =
        predict_tendon_force(model.muscles[m], max_force, capacity, now, 1.0, horizon_s, kLookaheadSubstepS);
    passive_n[i] = relaxed;
    active_n[i] = std::max(0.0, full - relaxed);
  }
}

void TrackingController::update(const Model& model, const State& state, const Workspace& ws, ControllerState& mem,
                                VecX& excitation) {
  const double dt = options_.control_period_s;
  const long nc = static_cast<long>(model.coordinates.size());
  const int q0 = model.root_q_size(), v0 = model.root_v_size();

  const double mass = model.total_mass_kg();
  const TrackingGains& g = options_.gains;
  const double stride_s = options_.stride_time_s;
  const double stance_n = g.stance_threshold_bw * mass * 9.81;
  // Stance by foot load, with hysteresis: on above the threshold, off below a fifth of it. A
  // touch that begins in the middle of the leg's swing (after the cycle's toe-off, before 0.6
  // of the cycle) is a scuff, not a stance: the leg keeps swinging, with its knee flexed further
  // (`scuff_knee_rad`) to lift the foot, until the foot is off the ground.
  const double duty = cycle_.duty_factor > 0.0 ? cycle_.duty_factor : 0.35;
  bool stance[2];
  const std::size_t contact_index[2] = {contact_r_, contact_l_};
  for (int side = 0; side < 2; ++side) {
    const double load = contact_index[side] < ws.feet.size() ? ws.feet[contact_index[side]].normal_force_n : 0.0;
    const bool held = mem.stance_s[side] >= 0.0 || mem.scuff[side];
    const bool contact = load > (held ? 0.2 * stance_n : stance_n);
    const double p = mem.leg_phase[side];
    if (contact && !held && p > duty && p <= 0.6) mem.scuff[side] = true;
    if (!contact) mem.scuff[side] = false;
    stance[side] = contact && !mem.scuff[side];
  }
  // Each leg's phase (0 at its touchdown) advances with the clock and follows the contact
  // events: a touchdown in late swing restarts the leg's cycle; a lift-off before the cycle's
  // toe-off moves the leg on to its swing; a leg still in the air at the end of its swing waits
  // there for the ground. In flight, the leg about to land times the rest of its swing to the
  // predicted landing (ballistic centre of mass falling back to its height at the last
  // touchdown).
  const bool flight = !stance[0] && !stance[1];
  const double drop_m = ws.whole.p_WCom.z() - mem.touchdown_com_height_m;
  const double vz = ws.whole.v_WCom.z();
  const double landing_s = drop_m > -0.5 * vz * vz / 9.81 ? (vz + std::sqrt(std::max(0.0, vz * vz + 2.0 * 9.81 * drop_m))) / 9.81 : 0.0;
  const int landing_leg = mem.leg_phase[0] > mem.leg_phase[1] ? 0 : 1;
  for (int side = 0; side < 2; ++side) {
    double& p = mem.leg_phase[side];
    const bool was_stance = mem.stance_s[side] >= 0.0;
    double rate = 1.0 / stride_s;
    if (flight && side == landing_leg && p > 0.7 && landing_s > dt) rate = std::clamp((1.0 - p) / landing_s, 0.25 * rate, 4.0 * rate);
    p += dt * rate;
    if (stance[side] && !was_stance && p > 0.6) {
      p = 0.0;
      mem.touchdown_com_height_m = ws.whole.p_WCom.z();
      // The speed integrator, over the step that ends here.
      if (mem.touchdown_time_s >= 0.0 && g.placement_speed_integral != 0.0) {
        const double ahead_of_pace_m = ws.whole.p_WCom.x() - mem.touchdown_com_x_m -
                                       options_.speed_mps * (state.time_s - mem.touchdown_time_s);
        mem.speed_offset_rad = std::clamp(mem.speed_offset_rad + g.placement_speed_integral * ahead_of_pace_m,
                                          -kMaxSpeedOffsetRad, kMaxSpeedOffsetRad);
      }
      mem.touchdown_com_x_m = ws.whole.p_WCom.x();
      mem.touchdown_time_s = state.time_s;
    }
    if (!stance[side] && was_stance && p < duty) p = duty;
    if (!stance[side] && p >= 1.0) p = 0.999;
    if (p >= 1.0) p -= 1.0;
    mem.stance_s[side] = !stance[side] ? -1.0 : was_stance ? mem.stance_s[side] + dt : 0.0;
  }
  const double phase = mem.leg_phase[0];  // trunk, arms and pelvis follow the right leg
  mem.phase = phase;

  // Targets and feed-forward from the cycle (curves looked up in the constructor). The left
  // leg's own phase is the right curve's; its track adds the half-cycle shift itself.
  for (long c = 0; c < nc; ++c) {
    const std::size_t k = static_cast<std::size_t>(c);
    const double local = side_[k] == 1 ? mem.leg_phase[1] - 0.5 : side_[k] == 0 ? mem.leg_phase[0] : phase;
    tracks_[k].at(local + g.reference_lead_s / stride_s, stride_s, angle_ref_[c], rate_ref_[c], torque_ff_[c]);
  }
  const int knees[2] = {knee_r_, knee_l_};
  for (int side = 0; side < 2; ++side) {
    if (mem.scuff[side] && knees[side] >= 0) angle_ref_[knees[side]] += g.scuff_knee_rad;
  }

  // The pelvis's pitch, roll and yaw in its cycle, and its pitch and roll errors, for the
  // targets set in the world below and for the pelvis hold.
  double pelvis_ref[3] = {0.0, 0.0, 0.0};
  for (int k = 0; k < 3; ++k) pelvis_ref[k] = pelvis_curve_[k] ? pelvis_curve_[k]->value(phase) : 0.0;
  const Mat3& R_pelvis = ws.frames.front().R_WB;
  const double pitch_error = pelvis_ref[0] - std::atan2(R_pelvis(0, 2), R_pelvis(2, 2));
  const double roll_error = pelvis_ref[1] - std::atan2(R_pelvis(2, 1), R_pelvis(2, 2));
  // Adds a share of a pelvis error (about world axis `row`: 0 roll, 1 pitch) to a coordinate
  // child of the pelvis, so that its segment keeps its place in the world.
  auto add_world = [&](int c, int row, double share, double error) {
    if (c < 0 || share == 0.0) return;
    const double axis = ws.coordinate_axes_W(row, c);
    if (std::abs(axis) > 0.5) angle_ref_[c] += share * error / axis;
  };
  add_world(lumbar_flexion_, 1, g.trunk_world, pitch_error);
  add_world(lumbar_bending_, 0, g.trunk_world, roll_error);

  // Foot placement on the swing leg about to land (the airborne leg further into its cycle):
  // its hip's targets move with the centre of mass's offset ahead of the other foot, the
  // forward speed error and the sideways speed and offset.
  const int swing = stance[0] ? 1 : stance[1] ? 0 : mem.leg_phase[0] > mem.leg_phase[1] ? 0 : 1;
  const bool right_leads = swing == 1;
  const BodyFrame& stance_foot = ws.frames[swing == 1 ? foot_r_ : foot_l_];
  const double ahead_m = ws.whole.p_WCom.x() - stance_foot.p_WB.x();
  const double speed_error = ws.whole.v_WCom.x() - options_.speed_mps;
  const int swing_hip = swing == 0 ? hip_r_ : hip_l_;
  if (swing_hip >= 0 && !stance[swing]) {
    angle_ref_[swing_hip] +=
        g.placement_distance * ahead_m + g.placement_speed * speed_error + mem.speed_offset_rad;
    // The swing thigh is placed in the world (SIMBICON): the pelvis's pitch error from its
    // cycle is added back, so a pitched pelvis does not move the landing foot.
    add_world(swing_hip, 1, g.swing_world, pitch_error);
  }
  const int swing_abduction = swing == 0 ? abduction_r_ : abduction_l_;
  if (swing_abduction >= 0 && !stance[swing]) {
    // The sideways speed to correct: its excess over the speed that returns to the line y = 0.
    const double return_mps = g.lateral_return_s > 0.0 ? std::clamp(-ws.whole.p_WCom.y() / g.lateral_return_s,
                                                                    -kMaxReturnSpeedMps, kMaxReturnSpeedMps)
                                                       : 0.0;
    const double vy_excess = ws.whole.v_WCom.y() - return_mps;
    // Abduction moves the right foot to −y and the left foot to +y.
    const double side_m = ws.whole.p_WCom.y() - stance_foot.p_WB.y();
    angle_ref_[swing_abduction] +=
        (swing == 0 ? -1.0 : 1.0) * (g.placement_lateral * vy_excess + g.placement_lateral_distance * side_m);
    // The same in the frontal plane, with the pelvis's roll error.
    add_world(swing_abduction, 0, g.swing_world_roll, roll_error);
    // The swinging foot steered to a point beside the centre of mass in the world: half the step
    // width to its side, plus the sideways speed times `lateral_capture_s` (the capture point of
    // an inverted pendulum). Where the foot will land is predicted from the thigh, not from the
    // foot itself: in mid-swing the flexed knee and the hip's rotation carry the foot sideways
    // by up to 0.2 m, and the knee's extension before landing takes it back, so a law on the
    // foot's current place steers the wrong way (stop 18). The line from the hip through the
    // knee, continued down to the stance ankle's height, is where the ankle lands if the knee
    // straightens and the hip keeps its flexion and abduction until then (a hip flexed more now
    // than at landing makes this point too far out by about the ratio of the flexion angles'
    // cosines). The abduction that moves that point onto the target is the current one plus its
    // distance from the target over the hip's height above it; the target moves a share
    // `lateral_foot_share` of the way there (1: the target is that abduction).
    if (g.lateral_foot_share > 0.0 && knees[swing] >= 0) {
      const double side_sign = swing == 0 ? -1.0 : 1.0;  // right foot to −y, left to +y
      const double target_y =
          ws.whole.p_WCom.y() + side_sign * 0.5 * g.step_width_m + g.lateral_capture_s * vy_excess;
      const Vec3& hip = ws.frames[static_cast<std::size_t>(
                                      model.coordinates[static_cast<std::size_t>(swing_abduction)].body)]
                            .p_WB;
      const Vec3& knee =
          ws.frames[static_cast<std::size_t>(model.coordinates[static_cast<std::size_t>(knees[swing])].body)]
              .p_WB;
      const double height_m = std::max(0.3, hip.z() - stance_foot.p_WB.z());
      const double thigh_drop_m = std::max(0.1, hip.z() - knee.z());
      const double landing_y = hip.y() + (knee.y() - hip.y()) * height_m / thigh_drop_m;
      const double steer = state.q[q0 + swing_abduction] + side_sign * (target_y - landing_y) / height_m;
      angle_ref_[swing_abduction] += g.lateral_foot_share * (steer - angle_ref_[swing_abduction]);
    }
  }

  if (qp_) {
    update_whole_body(model, state, ws, mem, stance, phase, excitation);
    return;
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
    const bool early_swing_knee = group == 1 && side_[k] >= 0 && !in_stance &&
                                  mem.leg_phase[side_[k]] >= duty &&
                                  mem.leg_phase[side_[k]] < knee_peak_phase_;
    const double scale = hip_rotation_[k] && !in_stance ? gain_scale_[k] * g.swing_hip_rotation_scale
                         : early_swing_knee             ? gain_scale_[k] * g.swing_knee_early_share
                                                        : gain_scale_[k];
    const double p = scale * (in_stance ? stance_kp[group] : kp[group]);
    const double d = scale * (in_stance ? stance_kd[group] : kd[group]);
    tau[c] = mass * (g.feedforward_scale * torque_ff_[c] + p * (angle_ref_[c] - state.q[q0 + c]) +
                     d * (rate_ref_[c] - state.v[v0 + c]));
    tau[c] = std::clamp(tau[c], -limit_nm, limit_nm);
  }

  // Stance support: a virtual ground reaction G on each stance foot, realized by the static
  // torques of its hip, knee and ankle joints, τ_j = −a_j·((p_cop − p_j) × G), so that the leg
  // passes G on to the pelvis along its line of action.
  support_hip_.setZero();
  if (g.support_scale > 0.0) {
    const double contact_s = cycle_.duty_factor > 0.0 ? cycle_.duty_factor * stride_s : 0.35 * stride_s;
    const double stiffness = g.support_stiffness * mass * (kPi / contact_s) * (kPi / contact_s);
    const double damping = 2.0 * g.support_damping * std::sqrt(stiffness * mass);
    const int feet[2] = {foot_r_, foot_l_};
    for (int side = 0; side < 2; ++side) {
      const double t = mem.stance_s[side];
      if (t < 0.0) continue;
      const double s_frac = std::min(1.0, t / contact_s);
      // A share `support_thrust_ramp` of the thrust lengthens the spring from touchdown to
      // mid-stance, so that the landing starts from a smaller force, as a spring leg's does.
      const double ramp = std::clamp(g.support_thrust_ramp, 0.0, 1.0);
      const double thrust_ramp = 1.0 - ramp + ramp * std::min(1.0, 2.0 * s_frac);
      const BodyFrame& foot = ws.frames[feet[side]];
      const Vec3 cop = foot.p_WB + foot.R_WB * (heel_m_[side] + s_frac * (ball_m_[side] - heel_m_[side]));
      const Vec3 leg = ws.whole.p_WCom - cop;
      const double length = leg.norm();
      const double length_rate = leg.dot(ws.whole.v_WCom) / length;
      if (t == 0.0) {
        mem.touchdown_leg_m[side] = length;
        mem.leg_extending[side] = false;
      }
      if (length_rate > 0.0) mem.leg_extending[side] = true;
      const double late = std::clamp(g.support_thrust_late, 0.0, 1.0);
      const double thrust_m =
          g.support_thrust * ((1.0 - late) * thrust_ramp + (mem.leg_extending[side] ? late : 0.0));
      const double spring_n =
          std::max(0.0, stiffness * (mem.touchdown_leg_m[side] + thrust_m - length) - damping * length_rate);
      Vec3 G = spring_n * leg / length;
      G.x() += mass * g.support_speed * (options_.speed_mps - ws.whole.v_WCom.x());
      for (long c = 0; c < nc; ++c) {
        const std::size_t k = static_cast<std::size_t>(c);
        if (side_[k] != side) continue;
        const Vec3 joint = ws.frames[static_cast<std::size_t>(model.coordinates[k].body)].p_WB;
        const double support = -ws.coordinate_axes_W.col(c).dot((cop - joint).cross(G));
        if (kp_group_[k] == 0) support_hip_[c] = g.support_scale * support;  // a holding hip adds its hold to it
        tau[c] = std::clamp(tau[c] + g.support_scale * support, -limit_nm, limit_nm);
      }
    }
  }

  // Pelvis orientation in the world, held through the stance hip (SIMBICON). A joint torque τ
  // about world axis a acts as +τ·a on its child and −τ·a on its parent, so the pelvis feels
  // −Σ τ_c·a_c over the joints it parents. The stance hip's torques make that sum the wanted
  // pelvis torque, on top of the hip's share of the stance support. With both feet down, the
  // leading foot's hip does it; in flight nothing can.
  const int holder = stance[0] && stance[1] ? (right_leads ? 0 : 1) : stance[0] ? 0 : stance[1] ? 1 : -1;
  if (holder >= 0) {
    const Mat3& R = R_pelvis;
    const Mat3 R_ref = axis_angle(Vec3::UnitY(), pelvis_ref[0]) * axis_angle(Vec3::UnitX(), pelvis_ref[1]) *
                       axis_angle(Vec3::UnitZ(), pelvis_ref[2]);
    const Eigen::AngleAxisd error(R_ref * R.transpose());
    Vec3 wanted = mass * (g.pelvis_kp * error.angle() * error.axis() - g.pelvis_kd * ws.frames.front().w_WB);
    if (g.pelvis_roll_scale != 1.0 || g.pelvis_yaw_scale != 1.0) {
      // The hold's roll (pelvis x) and yaw (pelvis z) parts, scaled in the pelvis frame.
      wanted = R * Vec3(g.pelvis_roll_scale, 1.0, g.pelvis_yaw_scale).cwiseProduct(R.transpose() * wanted);
    }
    const std::vector<int>& hip = hip_coords_[holder];
    Vec3 b = -wanted;
    for (int c : pelvis_children_) {
      if (std::find(hip.begin(), hip.end(), c) != hip.end()) continue;
      const double sensed = ws.muscle_torque_nm[c] + ws.passive_torque_nm[c];
      b -= (tau[c] + g.hold_sensed_share * (sensed - tau[c])) * ws.coordinate_axes_W.col(c);
    }
    const double hold_nm = g.hold_torque_limit * mass;
    if (hip.size() == 1) {
      const Vec3 a = ws.coordinate_axes_W.col(hip[0]);
      tau[hip[0]] = std::clamp(support_hip_[hip[0]] + a.dot(b) / a.squaredNorm(), -hold_nm, hold_nm);
    } else if (hip.size() == 3) {
      Mat3 A;
      for (int k = 0; k < 3; ++k) A.col(k) = ws.coordinate_axes_W.col(hip[static_cast<std::size_t>(k)]);
      const Vec3 hip_tau = A.partialPivLu().solve(b);
      for (int k = 0; k < 3; ++k) {
        const int c = hip[static_cast<std::size_t>(k)];
        tau[c] = std::clamp(support_hip_[c] + hip_tau[k], -hold_nm, hold_nm);
      }
    }
  }

  // Muscle distribution at the current muscle states, with the weak axes weighted by stance.
  if (problem_.coordinate_weight.size() == nc) {
    for (long c = 0; c < nc; ++c) {
      const std::size_t k = static_cast<std::size_t>(c);
      if (!weak_axis_[k]) continue;
      const bool in_stance = side_[k] >= 0 && stance[side_[k]];
      problem_.coordinate_weight[c] = in_stance ? g.weak_axis_weight : g.swing_weak_axis_weight;
    }
  }
  const bool lookahead = g.lookahead_s > 0.0;
  if (lookahead) {  // computed muscle control: the unknowns are the excitations (capacity inside)
    lookahead_forces(model, state, ws, g.lookahead_s, problem_.active_force_n, problem_.passive_force_n);
    problem_.capacity.setOnes();
  } else {
    muscle_forces(model, ws, problem_.active_force_n, problem_.passive_force_n);
    problem_.capacity = VecX::Ones(problem_.capacity.size()) - state.fatigue_fatigued;
  }
  preferred_activations(model, mem, phase, problem_.preferred_activation);
  problem_.moment_arm_m = ws.moment_arm_m;
  distribute_torques(problem_, result_);
  mem.desired_torque_nm = tau;
  mem.unmet_torque_nm = result_.unmet_torque_nm;
  mem.target_activation = result_.activation;

  if (lookahead) {
    excitation = result_.activation;
  } else {
    excite(model, state, result_.activation, excitation);
  }
}

void TrackingController::preferred_activations(const Model& model, const ControllerState& mem, double phase,
                                               VecX& preferred) const {
  if (preferred.size() != static_cast<long>(model.muscles.size())) return;  // no preference asked
  const TrackingGains& g = options_.gains;
  const double lead = g.reference_lead_s / options_.stride_time_s;
  for (std::size_t m = 0; m < model.muscles.size(); ++m) {
    const FourierCurve* curve = muscle_curve_[m];
    const double local = muscle_leg_[m] >= 0 ? mem.leg_phase[muscle_leg_[m]] : phase + muscle_shift_[m];
    preferred[static_cast<long>(m)] =
        curve ? g.replay_activation_share * std::clamp(curve->value(local + lead), 0.0, 1.0) : 0.0;
  }
}

void TrackingController::excite(const Model& model, const State& state, const VecX& target_activation,
                                VecX& excitation) const {
  // Excitation that brings the activation to its target within the catch-up span (to first order).
  const double catch_up_s = std::max(options_.gains.activation_catch_up_s, options_.control_period_s);
  for (std::size_t m = 0; m < model.muscles.size(); ++m) {
    const long i = static_cast<long>(m);
    const double a = state.activation[i];
    const double target = target_activation[i];
    excitation[i] =
        std::clamp(target + model.muscles[m].activation_time_s * (target - a) / catch_up_s, 0.0, 1.0);
  }
}

void TrackingController::update_whole_body(const Model& model, const State& state, const Workspace& ws,
                                           ControllerState& mem, const bool stance[2], double phase, VecX& excitation) {
  const TrackingGains& g = options_.gains;
  const long nc = static_cast<long>(model.coordinates.size());
  const int q0 = model.root_q_size(), v0 = model.root_v_size();
  const double stride_s = options_.stride_time_s;
  const double lead = g.reference_lead_s / stride_s;
  WholeBodyQpInput& in = qp_in_;

  // Joints: the cycle's acceleration (central difference of its rate) plus PD feedback on the
  // targets, which already hold the foot placement. A stance leg's joints follow from the
  // pelvis and the planted foot, so they weigh little.
  for (long c = 0; c < nc; ++c) {
    const std::size_t k = static_cast<std::size_t>(c);
    const double local = side_[k] == 1 ? mem.leg_phase[1] - 0.5 : side_[k] == 0 ? mem.leg_phase[0] : phase;
    double angle = 0.0, rate_hi = 0.0, rate_lo = 0.0, torque = 0.0;
    tracks_[k].at(local + lead + kPhaseStep, stride_s, angle, rate_hi, torque);
    tracks_[k].at(local + lead - kPhaseStep, stride_s, angle, rate_lo, torque);
    const double accel = (rate_hi - rate_lo) / (2.0 * kPhaseStep * stride_s);
    in.joint_accel_radps2[c] = accel + g.qp_joint_kp * (angle_ref_[c] - state.q[q0 + c]) +
                               g.qp_joint_kd * (rate_ref_[c] - state.v[v0 + c]);
    const bool leg = side_[k] >= 0;
    in.joint_weight[c] = !leg ? g.qp_upper_weight : stance[side_[k]] ? g.qp_stance_weight : g.qp_swing_weight;
  }

  // Pelvis orientation in the world, toward its cycle.
  double ref[3] = {0.0, 0.0, 0.0}, ref_rate[3] = {0.0, 0.0, 0.0};
  for (int k = 0; k < 3; ++k) {
    if (!pelvis_curve_[k]) continue;
    ref[k] = pelvis_curve_[k]->value(phase);
    ref_rate[k] = pelvis_curve_[k]->slope(phase) / stride_s;
  }
  const BodyFrame& pelvis = ws.frames.front();
  const Mat3 R_ref = axis_angle(Vec3::UnitY(), ref[0]) * axis_angle(Vec3::UnitX(), ref[1]) *
                     axis_angle(Vec3::UnitZ(), ref[2]);
  const Eigen::AngleAxisd error(R_ref * pelvis.R_WB.transpose());
  const Vec3 w_ref(ref_rate[1], ref_rate[0], ref_rate[2]);  // roll about x, pitch about y, yaw about z
  in.pelvis_angular_accel_radps2 = g.qp_pelvis_kp * error.angle() * error.axis() + g.qp_pelvis_kd * (w_ref - pelvis.w_WB);
  // In flight the body's angular momentum cannot change: the pelvis and trunk turn only by
  // swinging the limbs against them, so their tasks weigh `qp_flight_share` of their stance weight
  // and the legs swing to their landing instead.
  const double orientation_share = stance[0] || stance[1] ? 1.0 : g.qp_flight_share;
  in.pelvis_weight = orientation_share * g.qp_pelvis_weight;

  // The trunk's orientation in the world: the pelvis's cycle turned by the lumbar joint's targets
  // (which hold the trunk lean), as forward kinematics composes them.
  if (g.qp_trunk_weight > 0.0 && torso_ >= 0) {
    Mat3 R_trunk_ref = R_ref;
    Vec3 w_trunk_ref = w_ref;
    const Body& torso = model.bodies[static_cast<std::size_t>(torso_)];
    for (int k = 0; k < torso.joint.coordinate_count; ++k) {
      const int c = torso.joint.first_coordinate + k;
      w_trunk_ref += R_trunk_ref * model.coordinates[static_cast<std::size_t>(c)].axis * rate_ref_[c];
      R_trunk_ref = R_trunk_ref * axis_angle(model.coordinates[static_cast<std::size_t>(c)].axis, angle_ref_[c]);
    }
    const BodyFrame& trunk = ws.frames[static_cast<std::size_t>(torso_)];
    const Eigen::AngleAxisd trunk_error(R_trunk_ref * trunk.R_WB.transpose());
    in.trunk_body = torso_;
    in.trunk_angular_accel_radps2 =
        g.qp_trunk_kp * trunk_error.angle() * trunk_error.axis() + g.qp_trunk_kd * (w_trunk_ref - trunk.w_WB);
    in.trunk_weight = orientation_share * g.qp_trunk_weight;
  }

  // Contact points of the stance feet that touch the ground.
  in.contact_point_m.clear();
  in.contact_body.clear();
  double ground_z = 0.0;
  const int feet[2] = {foot_r_, foot_l_};
  for (std::size_t i = 0; i < model.contacts.size(); ++i) {
    const int body = model.contacts[i].body;
    const bool stance_foot = (stance[0] && body == feet[0]) || (stance[1] && body == feet[1]);
    if (!stance_foot) continue;
    // A sphere of a stance foot counts when it touches, or when it is within `qp_contact_reach_m`
    // of the ground (a foot rolling onto it), at the point of its surface nearest the ground.
    const BodyFrame& f = ws.frames[static_cast<std::size_t>(body)];
    const Vec3 bottom = f.p_WB + f.R_WB * model.contacts[i].center_m - model.contacts[i].radius_m * Vec3::UnitZ();
    const bool touching = ws.spheres[i].normal_force_n > 0.0;
    if (!touching && bottom.z() > g.qp_contact_reach_m) continue;
    in.contact_point_m.push_back(touching ? ws.spheres[i].point_m : bottom);
    in.contact_body.push_back(body);
    ground_z += in.contact_point_m.back().z();
  }
  if (!in.contact_point_m.empty()) ground_z /= static_cast<double>(in.contact_point_m.size());
  in.contact_weight = g.qp_contact_weight;
  in.contact_damping_per_s = g.qp_contact_kd;
  in.friction = g.qp_friction;

  // The whole body's angular momentum about the centre of mass, damped through the ground reaction.
  in.com_m = ws.whole.p_WCom;
  in.angular_momentum_rate_nm = -g.qp_momentum_kd * ws.whole.angular_momentum_com_kgm2ps;
  in.angular_momentum_weight = model.root_type() == JointType::Free ? Vec3::Constant(g.qp_momentum_weight)
                                                                    : Vec3(0.0, g.qp_momentum_weight, 0.0);

  // Centre of mass: forward and sideways speed, and in stance the cycle's pelvis height at the
  // stance leg's phase (its curve repeats every step).
  const double return_mps = g.lateral_return_s > 0.0 ? std::clamp(-ws.whole.p_WCom.y() / g.lateral_return_s,
                                                                  -kMaxReturnSpeedMps, kMaxReturnSpeedMps)
                                                     : 0.0;
  in.com_accel_mps2.x() = g.qp_speed_kv * (options_.speed_mps - ws.whole.v_WCom.x());
  in.com_accel_mps2.y() = g.qp_lateral_kv * (return_mps - ws.whole.v_WCom.y());
  in.com_weight = Vec3(g.qp_com_weight, model.root_type() == JointType::Free ? g.qp_com_weight : 0.0, 0.0);
  const int stance_leg = stance[0] && stance[1] ? (mem.stance_s[0] < mem.stance_s[1] ? 0 : 1) : stance[0] ? 0 : 1;
  if ((stance[0] || stance[1]) && pelvis_height_curve_) {
    const double p = mem.leg_phase[stance_leg];
    const double s = height_scale(model);
    const double z_ref = s * pelvis_height_curve_->value(p) + pelvis_height_offset_m_;
    const double vz_ref = s * pelvis_height_curve_->slope(p) / stride_s;
    const double az_ref = s * (pelvis_height_curve_->slope(p + kPhaseStep) - pelvis_height_curve_->slope(p - kPhaseStep)) /
                          (2.0 * kPhaseStep * stride_s * stride_s);
    in.com_accel_mps2.z() = az_ref + g.qp_height_kp * (z_ref - (pelvis.p_WB.z() - ground_z)) +
                            g.qp_height_kd * (vz_ref - ws.whole.v_WCom.z());
    in.com_weight.z() = g.qp_height_weight;
  }

  // Muscles: each one's force is its tendon's force now plus what the change of its activation
  // adds at the current fibre state (the distribution's estimate per unit activation). The solve
  // then starts from the force the body has, not from the estimate of the activation's whole
  // force, which misses the tendon's stretch and lag (stop 25: 30-60 N·m off at the stance hip and
  // knee). Each activation is bounded to what its dynamics reach within the horizon, and by the
  // fatigue capacity.
  const bool lookahead = g.qp_lookahead_s > 0.0;
  if (lookahead) {
    // Computed muscle control: each muscle's force `qp_lookahead_s` ahead is affine in the
    // excitation held until then, F = F(u = 0) + u·(F(u = 1) − F(u = 0)), both ends predicted by
    // integrating the unit (its activation and fibre, with the capacity) from its state now.
    lookahead_forces(model, state, ws, g.qp_lookahead_s, in.active_force_n, in.passive_force_n);
    in.activation_lo.setZero();
    in.activation_hi.setOnes();
  } else {
    muscle_forces(model, ws, in.active_force_n, in.passive_force_n);
    for (std::size_t m = 0; m < model.muscles.size(); ++m) {
      const long i = static_cast<long>(m);
      in.passive_force_n[i] = ws.muscle[m].tendon_force_n - in.active_force_n[i] * state.activation[i];
    }
    const double h = std::max(g.qp_horizon_s, options_.control_period_s);
    for (std::size_t m = 0; m < model.muscles.size(); ++m) {
      const long i = static_cast<long>(m);
      const double a = state.activation[i];
      const double capacity = 1.0 - state.fatigue_fatigued[i];
      in.activation_lo[i] = std::min(capacity, a * std::exp(-h / model.muscles[m].deactivation_time_s));
      in.activation_hi[i] =
          std::min(capacity, a + (1.0 - a) * (1.0 - std::exp(-h / model.muscles[m].activation_time_s)));
    }
  }
  preferred_activations(model, mem, phase, in.preferred_activation);
  in.activation_weight = g.qp_activation_weight;
  in.force_weight = g.qp_force_weight;
  qp_->prepare(model, state.q, state.v);
  qp_->solve(model, state.v, ws.frames, ws.coordinate_axes_W, ws.moment_arm_m, ws.passive_torque_nm, in, qp_out_);

  mem.desired_torque_nm = qp_out_.asked_torque_nm;
  mem.unmet_torque_nm = qp_out_.asked_torque_nm - qp_out_.muscle_torque_nm;
  mem.target_activation = qp_out_.activation;
  if (lookahead) {
    excitation = qp_out_.activation;  // the solve's unknowns are the excitations
  } else {
    excite(model, state, qp_out_.activation, excitation);
  }
}

}  // namespace strider
