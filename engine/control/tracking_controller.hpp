#pragma once
// The default controller: tracking with balance (DESIGN.md, Control; notes/running-control.md).
//   - a gait clock advances the phase at the target cadence and re-synchronizes at each
//     foot's touchdown;
//   - joint PD tracking of the reference running cycle (control/reference_cycle.hpp);
//   - balance in the SIMBICON style (Yin, Loken & van de Panne 2007): the pelvis orientation is
//     held in the world through the stance hip, and the swing hip's target moves with the
//     centre of mass's offset from the stance foot and its speed error (foot placement);
//   - the desired torques become activations by the bounded muscle-distribution solve, limited
//     by strength and fatigue capacity; excitation leads activation by the activation time
//     constant. The torque muscles cannot give is recorded, never applied.
#include <memory>
#include <vector>

#include "control/controller.hpp"
#include "control/reference_cycle.hpp"
#include "control/whole_body_qp.hpp"
#include "muscle/distribution.hpp"
#include "muscle/muscle_stage.hpp"

namespace strider {

struct TrackingGains {
  // Joint stiffness and damping per kg of body mass (N·m/rad/kg, N·m·s/rad/kg). A leg is in
  // stance while its foot carries more than `stance_threshold_bw` body weights; its hip then
  // holds the pelvis instead of tracking (SIMBICON).
  double hip_kp = 6.0, hip_kd = 0.6;                  // swing hip
  double knee_kp = 5.0, knee_kd = 0.5;                // swing knee
  double ankle_kp = 4.0, ankle_kd = 0.4;              // swing ankle
  double stance_knee_kp = 5.0, stance_knee_kd = 0.5;
  // Share of the swing knee's k_p and k_d in early swing, from lift-off until the cycle's peak of
  // swing knee flexion: a runner's knee flexes there mostly passively, carried by the thigh's
  // swing, and the knee flexors that track it (the hamstrings, also hip extensors) work against
  // the hip flexors. 1 (default): the same gains through the swing.
  double swing_knee_early_share = 1.0;
  double stance_ankle_kp = 4.0, stance_ankle_kd = 0.4;
  double trunk_kp = 6.0, trunk_kd = 0.6;
  double arm_kp = 1.0, arm_kd = 0.1;
  double pelvis_kp = 10.0, pelvis_kd = 1.0;  // pelvis orientation in the world, through the stance hip
  // Out-of-plane shares (runner3d; the sagittal-plane runner2d has none of these coordinates):
  // the pelvis hold's roll and yaw parts, in the pelvis frame, and the stiffness and damping of
  // the hip rotation and ankle inversion coordinates, each as a share of its group's gains.
  double pelvis_roll_scale = 1.0, pelvis_yaw_scale = 1.0;
  double hip_rotation_scale = 1.0, ankle_inversion_scale = 1.0;
  // A swinging leg's hip rotation gains are `hip_rotation_scale` times this: the stance hip's
  // rotation works against the pelvis hold and the ground, the swinging one only turns the leg,
  // whose foot it carries sideways while the knee is flexed.
  double swing_hip_rotation_scale = 1.0;
  // The muscle distribution's weight on a stance leg's hip rotation and ankle inversion torque
  // errors, against 1 for every other coordinate's: below 1, weak rotators do not take muscles from
  // the stronger axes (hip abductors and extensors) when the asked torques cannot all be met.
  double weak_axis_weight = 1.0;
  // The same weight for a swinging leg's hip rotation and ankle inversion. A swinging leg's
  // rotators need little torque, and with the knee flexed a loose hip rotation swings the foot
  // sideways, so by default they are tracked like every other coordinate.
  double swing_weak_axis_weight = 1.0;
  double placement_distance = 0.5;           // rad of swing-hip flexion per m of COM ahead of the stance foot
  double placement_speed = 0.2;              // rad per m/s of forward speed error
  // Integral speed feedback: at each touchdown the step's mean forward speed (the centre of mass's
  // advance since the last touchdown over the time between them) is compared with the asked
  // speed, and the swing hip's placement offset grows by this gain times the distance the step
  // fell behind or ran ahead (rad per m; bounded by kMaxSpeedOffsetRad). A runner slower than
  // asked then lands its foot nearer under the body, braking less, until its mean speed is the
  // asked one; the proportional law above only shifts where that balance lies. 0 switches it off.
  double placement_speed_integral = 0.0;
  double placement_lateral = 0.2;            // rad of swing-hip abduction per m/s of sideways COM speed
  double placement_lateral_distance = 0.0;   // rad per m of the COM's sideways offset from the stance foot
  // Sideways foot placement in the world: the swinging foot is steered toward half the step
  // width beside the centre of mass plus `lateral_capture_s` times its sideways speed. The swing
  // hip's abduction target moves `lateral_foot_share` of the way to the abduction that puts the
  // foot there (0 switches it off, 1 steers fully).
  double lateral_foot_share = 0.0;
  double step_width_m = 0.1;                 // m: between the two feet's landing points
  double lateral_capture_s = 0.3;            // s: ≈ √(leg height / g)
  // Steering back to the running line (the world's x axis, y = 0). The sideways speed the
  // placement laws above correct toward is not zero but −y / `lateral_return_s` (bounded by
  // kMaxReturnSpeedMps), so a sideways speed that the laws leave uncorrected (a bias) ends as an
  // offset from the line instead of a drift. 0 switches it off (the laws correct toward zero).
  double lateral_return_s = 0.0;
  double feedforward_scale = 1.0;            // of the cycle's inverse-dynamics torques
  // s: the time within which the excitation closes the gap between a muscle's activation and the
  // distribution's target, u = target + τ_act·(target − a) / max(this, control period). 0 closes it
  // within one control period, which saturates the excitation at 0 or 1 whenever the target moves;
  // longer spans lead less hard, at some lag (and the activation heat follows the excitation).
  double activation_catch_up_s = 0.0;
  double reference_lead_s = 0.0;             // s: the targets are read this far ahead in the cycle
  double swing_world = 1.0;                  // share of the pelvis pitch error the swing hip adds back
  double swing_world_roll = 0.0;             // share of the pelvis roll error the swing hip's abduction adds back
  double trunk_world = 0.0;                  // share of the pelvis pitch and roll errors the lumbar joint adds back
  double scuff_knee_rad = 0.3;               // rad: extra knee flexion while a swinging foot scuffs
  // Stance support (a virtual ground reaction, the spring-mass model of running): the stance
  // leg's hip, knee and ankle get the torques that would make the ground push along the line from
  // the centre of pressure to the centre of mass with a spring force k·(L0 + thrust − L) − c·L̇,
  // L the length of that line and L0 its length at touchdown. k is set so that a body on the
  // spring stays on the ground for the cycle's contact time, times `support_stiffness`.
  double support_scale = 1.0;                // of that torque (0 switches it off)
  double support_stiffness = 1.0;
  double support_damping = 0.1;              // damping ratio ζ of the spring-mass
  double support_thrust = 0.02;              // m: extra spring rest length that restores energy
  double support_thrust_ramp = 0.0;          // share (0-1) of the thrust that grows from 0 at touchdown to full at mid-stance
  // Share (0-1) of the thrust that acts only once the stance leg lengthens (past its greatest
  // compression), as an energy-adding spring leg pushes, instead of as a longer rest length from
  // touchdown, which asks for k·thrust before the leg has compressed at all. The rest of the
  // thrust follows `support_thrust_ramp`.
  double support_thrust_late = 0.0;
  double support_speed = 1.0;                // 1/s: forward-speed feedback on the force
  double torque_limit = 4.0;                 // N·m/kg: no joint's tracking asks for more
  double hold_torque_limit = 3.0;            // N·m/kg: the stance hip's pelvis hold asks for no more
  // The pelvis hold cancels the torques the pelvis's other joints (the other hip, the lumbar
  // joint) put on it. 0: as asked of them at this update; 1: as their muscles and passive
  // structures apply them now (sensed). Between: that share of the sensed torque. The asked torque
  // overstates what a joint whose muscles saturate applies, and the stance hip is then asked to
  // cancel torque that never reaches the pelvis.
  double hold_sensed_share = 0.0;
  // The muscle distribution's λ (muscle/distribution.hpp): how many units of Σ activation² one
  // N·m/kg of torque error is worth. Lower values let the solve leave torque that would take
  // many muscles at full activation unmet, instead of saturating them.
  double torque_error_weight = 100.0;
  // Share (0-1) of the replay's activations (the reference cycle's `activations`: static
  // optimization of the recorded running on the same muscles) that the distribution prefers, at
  // each muscle's phase read `reference_lead_s` ahead: it minimizes Σ(a − share·a_replay)²
  // instead of Σa², so that where the asked torques leave room (co-contraction, the null space),
  // the muscles follow a running pattern the body can afford. 0 (default): Σa², as before.
  // Held arms keep Σa² on the arm muscles (the replay swings them).
  double replay_activation_share = 0.0;
  // s: computed muscle control's lookahead for the distribution (as `qp_lookahead_s` for the
  // whole-body solve): above 0 it solves for the excitations, with each muscle's force this far
  // ahead. 0 (default): activations, with the force an activation gives at the current fibre state.
  double lookahead_s = 0.0;
  double stance_threshold_bw = 0.1;

  // Whole-body control (control/whole_body_qp.hpp). 1 replaces the joint PD, stance support and
  // pelvis hold above by one solve per update for the activations and the ground reaction that
  // best give desired accelerations: of every joint (the cycle's acceleration plus PD feedback on
  // the targets above, foot placement included), of the pelvis's orientation in the world, and of
  // the centre of mass (forward and sideways speed, and the cycle's pelvis height in stance), with
  // the stance feet's contact points kept still. 0 (default): the joint-torque tracking above.
  double whole_body = 0.0;
  double qp_joint_kp = 100.0, qp_joint_kd = 20.0;    // 1/s², 1/s: joint acceleration feedback
  // Weights (per (rad/s²)²) of a swinging leg's, a stance leg's, and the trunk's and arms' joints.
  double qp_swing_weight = 1.0, qp_stance_weight = 0.01, qp_upper_weight = 1.0;
  double qp_pelvis_kp = 100.0, qp_pelvis_kd = 20.0;  // 1/s², 1/s: pelvis orientation in the world
  double qp_pelvis_weight = 10.0;
  double qp_speed_kv = 2.0;                          // 1/s: forward speed error to COM acceleration
  double qp_lateral_kv = 1.0;                        // 1/s: sideways speed error (toward the line)
  double qp_com_weight = 10.0;                       // forward and sideways COM acceleration rows
  double qp_height_kp = 100.0, qp_height_kd = 20.0;  // 1/s², 1/s: pelvis height in stance
  double qp_height_weight = 10.0;
  double qp_contact_weight = 100.0;                  // stance contact points' acceleration rows
  double qp_contact_kd = 20.0;                       // 1/s: their velocity is damped to zero
  double qp_activation_weight = 10.0;                // per activation²
  double qp_force_weight = 0.01;                     // per (body weight)² of ground reaction
  double qp_horizon_s = 0.01;                        // s: activations are bounded to what they reach in this time
  double qp_friction = 0.7;                          // friction coefficient the solve assumes
  double qp_trunk_kp = 100.0, qp_trunk_kd = 20.0;    // 1/s², 1/s: trunk orientation in the world
  double qp_trunk_weight = 0.0;
  double qp_flight_share = 1.0;                      // share of the pelvis and trunk weights in flight
  double qp_contact_reach_m = 0.0;                   // m: a stance foot's spheres this near the ground bear load too
  // s: computed muscle control's lookahead (muscle/muscle_stage.hpp, predict_tendon_force). Above
  // 0 the solve's unknowns are the excitations themselves, and each muscle's force is the one it
  // will have this far ahead, interpolated between excitation 0 and 1 (each predicted by
  // integrating the unit); the excitation goes to the muscle as solved. 0 (default): activations,
  // with their force at once (the tendon's force now plus what the change of activation adds).
  double qp_lookahead_s = 0.0;
  // The whole body's angular momentum about the centre of mass, damped toward zero through the
  // ground reaction in stance: k̇ = −qp_momentum_kd·k, weighted per (N·m/kg)². 0 (default): off.
  double qp_momentum_kd = 10.0;
  double qp_momentum_weight = 0.0;
};

// Name and member of every gain, for the scenario's `tracking:` section.
struct TrackingGainField {
  const char* name;
  double TrackingGains::*member;
};
const std::vector<TrackingGainField>& tracking_gain_fields();

struct TrackingOptions {
  double speed_mps = 3.5;
  double stride_time_s = 120.0 / 170.0;  // two steps per stride
  CycleModifiers modifiers;
  TrackingGains gains;
  double control_period_s = 0.002;
};

class TrackingController : public Controller {
 public:
  TrackingController(const Model& model, ReferenceCycle cycle, const TrackingOptions& options,
                     const MuscleOptions& muscles);
  double control_period_s() const override { return options_.control_period_s; }
  void update(const Model& model, const State& state, const Workspace& ws, ControllerState& memory,
              VecX& excitation) override;

  // The joint targets at a phase, for initial states and tests.
  void targets(const Model& model, double phase, VecX& angle_rad, VecX& rate_radps) const;
  const ReferenceCycle& cycle() const { return cycle_; }
  const TrackingOptions& options() const { return options_; }

 private:
  // The whole-body branch of update() (gains.whole_body), after the targets are set.
  void update_whole_body(const Model& model, const State& state, const Workspace& ws, ControllerState& mem,
                         const bool stance[2], double phase, VecX& excitation);
  // Each muscle's force at full activation (strength included) and passive force, along the
  // path, at the current muscle state: the muscle model both solves use.
  void muscle_forces(const Model& model, const Workspace& ws, VecX& active_n, VecX& passive_n) const;
  // Each muscle's force `horizon_s` ahead is passive_n + u·active_n for an excitation u held
  // until then (predict_tendon_force at u = 0 and 1, the fatigue capacity included).
  void lookahead_forces(const Model& model, const State& state, const Workspace& ws, double horizon_s,
                        VecX& active_n, VecX& passive_n) const;
  // The replay's activations at each muscle's phase times `replay_activation_share`, into
  // `preferred` when it is sized (the share is not zero).
  void preferred_activations(const Model& model, const ControllerState& mem, double phase, VecX& preferred) const;
  // Excitations that bring the activations to their targets (gains.activation_catch_up_s).
  void excite(const Model& model, const State& state, const VecX& target_activation, VecX& excitation) const;
  // Body height over the reference subject's: the scale of the cycle's pelvis height.
  double height_scale(const Model& model) const;

  ReferenceCycle cycle_;
  TrackingOptions options_;
  MuscleOptions muscles_;
  DistributionProblem problem_;
  DistributionResult result_;
  VecX angle_ref_, rate_ref_, torque_ff_;
  VecX support_hip_;  // per coordinate: the stance hips' share of the virtual ground reaction
  std::vector<int> kp_group_;  // per coordinate: 0 hip, 1 knee, 2 ankle, 3 trunk, 4 arm
  std::vector<double> gain_scale_;  // per coordinate: share of its group's k_p and k_d
  std::vector<int> side_;      // per coordinate: 0 right leg, 1 left leg, -1 neither
  std::vector<bool> weak_axis_;     // per coordinate: hip rotation or ankle inversion
  std::vector<bool> hip_rotation_;  // per coordinate: hip rotation
  std::vector<int> hip_coords_[2];  // right, left: the hip coordinates, moved by the pelvis hold
  std::vector<int> pelvis_children_;  // coordinates of joints whose parent is the pelvis
  double knee_peak_phase_ = 1.0;      // the cycle's phase of greatest swing knee flexion
  int foot_r_ = -1, foot_l_ = -1;
  std::size_t contact_r_ = 0, contact_l_ = 0;  // indices of the feet in Model::contact_bodies
  int hip_r_ = -1, hip_l_ = -1, abduction_r_ = -1, abduction_l_ = -1, knee_r_ = -1, knee_l_ = -1;
  int lumbar_flexion_ = -1, lumbar_bending_ = -1, torso_ = -1;
  std::vector<CoordinateTrack> tracks_;  // per coordinate, resolved once (no lookups in the step)
  Vec3 heel_m_[2], ball_m_[2];  // right, left: in the foot frame, the centre-of-pressure path
  const FourierCurve* pelvis_curve_[3] = {nullptr, nullptr, nullptr};  // pitch, roll, yaw
  // Per muscle: its replay activation curve (null: none or held arm), the phase it follows (0
  // right leg, 1 left leg, -1 the body's: trunk and arms) and its half-cycle shift (left side).
  std::vector<const FourierCurve*> muscle_curve_;
  std::vector<int> muscle_leg_;
  std::vector<double> muscle_shift_;
  // Whole-body control (null unless gains.whole_body).
  std::unique_ptr<WholeBodyQp> qp_;
  WholeBodyQpInput qp_in_;
  WholeBodyQpResult qp_out_;
  const FourierCurve* pelvis_height_curve_ = nullptr;
  double pelvis_height_offset_m_ = 0.0;  // model's pelvis origin height minus the scaled cycle's
};

}  // namespace strider
