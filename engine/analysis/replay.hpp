#pragma once
// Static-optimization replay (OpenSim's static optimization, on Strider's model):
//   1. recorded inverse-kinematics poses, smoothed, give q, q̇ and q̈;
//   2. recorded ground forces are applied at their centres of pressure on the feet;
//   3. inverse dynamics gives the joint torques (and the pelvis residual wrench the data need);
//   4. at each frame the muscle distribution of the controller (muscle/distribution.hpp) finds
//      activations, and the torque the muscles cannot supply is recorded per joint;
//   5. the muscles are then driven along the motion by those activations (fibre and tendon
//      integrated) to give their metabolic power.
// It tells whether the model's joints, moment arms and strength can produce a recorded motion.
#include <string>

#include "io/opensim_table.hpp"
#include "muscle/metabolics.hpp"

namespace strider {

struct ReplayOptions {
  std::string ik_path;
  std::string grf_path;
  std::string model = "runner3d";
  double body_mass_kg = 70.0;
  double body_height_m = 1.75;
  double start_s = -1e300;
  double end_s = 1e300;
  double smoothing_s = 0.02;          // Gaussian σ applied to the poses before differentiation
  std::string right_prefix = "ground_";   // columns <prefix>force_vx, <prefix>force_px, <prefix>torque_x
  std::string left_prefix = "1_ground_";
  double contact_threshold_n = 20.0;  // below this vertical force a foot is off the ground
  // A treadmill's belt speed: the centre of mass is written in the belt's frame (moving forward
  // at this speed), so that the summary's speed and cost of transport are the running's.
  double treadmill_speed_mps = 0.0;
  MetabolicModel metabolic_model = MetabolicModel::Umberger2010;
};

struct ReplaySummary {
  std::size_t frames = 0;
  double unmet_rms_nm_per_kg = 0.0;       // over all joint coordinates and frames
  double residual_force_rms_n = 0.0;      // pelvis residual force the data need
  double residual_moment_rms_nm = 0.0;
  // The muscles driven along the motion by the solved activations (fibres and tendons
  // integrated): their mean metabolic power, basal included, and how far their tendon forces
  // fall from the static solution's (which has no fibre dynamics), RMS over muscles and frames.
  double metabolic_power_w_per_kg = 0.0;
  double driven_force_gap_rms_n = 0.0;
};

// Writes a run-layout HDF5 file (drawable by `strider render`) with a /replay group.
ReplaySummary run_replay(const ReplayOptions& options, const std::string& output_path);

}  // namespace strider
