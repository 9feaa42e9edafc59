#pragma once
// Gait analysis: events from ground-force thresholds, per-step measures and the steady-state
// summary with the `strider summary --json` keys of DESIGN.md. It works on recorded arrays, so
// it runs on any run file (and on replayed data), and on synthetic traces in tests.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/math.hpp"

namespace strider {

// Recorded channels the analysis reads; empty matrices mean "not recorded".
struct GaitData {
  std::vector<double> time_s;
  double body_mass_kg = 70.0;
  Vec3 ground_forward{1, 0, 0};
  Vec3 ground_normal{0, 0, 1};
  // Per foot (0 right, 1 left): force (N) and free moment (N·m), samples × 3 / samples × 1.
  std::vector<Eigen::MatrixXd> foot_force_n;
  std::vector<VecX> foot_free_moment_nm;
  // Joint angles (rad) and joint moments from muscles plus passive (N·m), by coordinate name.
  std::map<std::string, VecX> angle_rad;
  std::map<std::string, VecX> moment_nm;
  std::map<std::string, VecX> tendon_force_n;  // by muscle name
  Eigen::MatrixXd com_position_m;              // samples × 3
  double body_height_m = 0.0;                  // 0 when unknown
  // Angular momentum about the whole-body centre of mass, world axes (samples × 3): the whole
  // body's, and the arms' and legs' parts of it.
  Eigen::MatrixXd angular_momentum_kgm2ps, arm_angular_momentum_kgm2ps, leg_angular_momentum_kgm2ps;
  VecX unmet_torque_sq_sum;                    // Σ over joints of (unmet / mass)² per sample
  int unmet_joint_count = 0;
  VecX metabolic_power_w;
  VecX pelvis_yaw_rad, trunk_yaw_rad;
  double end_capacity_min = 1.0;               // lowest 1 − M_F at the end (NaN if unknown)
  bool fell = false;
  double fall_time_s = 0.0;
};

struct Step {
  int foot = 0;              // 0 right, 1 left
  std::size_t touchdown = 0, toe_off = 0;  // sample indices
  double contact_time_s = 0.0;
  double vgrf_active_peak_bw = 0.0;
  std::optional<double> vgrf_impact_peak_bw;
  double loading_rate_bw_per_s = 0.0;
  double braking_impulse_bw_s = 0.0, propulsive_impulse_bw_s = 0.0;
  double lateral_grf_peak_bw = 0.0;
  std::optional<double> free_moment_peak_nm_per_kg;
  std::optional<double> knee_flexion_peak_deg;
  std::optional<double> hip_moment_peak_nm_per_kg, knee_moment_peak_nm_per_kg, ankle_moment_peak_nm_per_kg;
  std::optional<double> achilles_force_peak_bw;
  // Vertical stiffness (Morin et al. 2005): the stance's peak vertical force over the centre of
  // mass's drop from touchdown to its lowest point in the stance; kN/m.
  std::optional<double> vertical_stiffness_kn_per_m;
};

struct GaitSummary {
  std::vector<Step> steps;                    // every complete stance
  std::map<std::string, std::optional<double>> values;  // the summary keys (nullopt = null)
  int strides_analyzed = 0;
};

// Vertical force above this marks contact (notes/running-control.md: about 50 N).
inline constexpr double kContactThresholdN = 50.0;
// A foot that leaves the ground for less than this and lands again has bounced: one stance, not
// two. A foot's swing lasts far longer (about 0.45 s in running), so no real step is merged.
inline constexpr double kRecontactMergeS = 0.05;
// A contact shorter than this is a swinging foot's scuff, not a stance, and is not a step: a
// fifth of the shortest running contact in REFERENCES.md (0.20-0.30 s).
inline constexpr double kMinStanceS = 0.04;
// m: the least drop of the centre of mass in a stance for a vertical stiffness to be measured.
inline constexpr double kMinStanceDropM = 1e-3;

// Steady-state summary over whole strides, excluding the first `skip_strides` strides.
GaitSummary analyze_gait(const GaitData& data, int skip_strides = 2);

// The summary keys in DESIGN.md's order.
const std::vector<std::string>& summary_keys();

}  // namespace strider
