#pragma once
// The reference running cycle: joint-angle curves over one stride as Fourier series, derived by
// models/tools/derive_reference_cycle.py from Hamner 2010 (models/reference/running_cycle.yaml).
// Phase runs 0–1 from right-foot contact; the left side is the right curve half a cycle later.
#include <map>
#include <string>
#include <vector>

#include "core/math.hpp"
#include "model/model.hpp"

namespace strider {

struct FourierCurve {
  double mean = 0.0;
  std::vector<std::pair<double, double>> cos_sin;  // (a_k, b_k), k = 1..n
  double value(double phase) const;
  double slope(double phase) const;  // d value / d phase
};

struct ReferenceCycle {
  std::string source;
  double speed_mps = 0.0;
  double stride_time_s = 0.0;
  double cadence_spm = 0.0;
  double contact_time_s = 0.0;
  double duty_factor = 0.0;
  std::map<std::string, FourierCurve> curves;  // right-side and whole-body names
  std::map<std::string, FourierCurve> torques_nm_per_kg;  // inverse-dynamics joint torques (optional)
};

// Throws InputError for a malformed file.
ReferenceCycle load_reference_cycle(const std::string& path);
std::string default_reference_cycle_path();

struct CycleModifiers {
  double arm_swing_scale = 1.0;  // scales the arm curves about their means
  double leg_swing_scale = 1.0;  // scales hip and knee flexion about their means (step length)
};

// Feed-forward joint torques (N·m per kg of body mass) at `phase`, from the cycle's inverse
// dynamics; zero where the cycle has none. The same left/right rule as the angles.
void reference_joint_torques(const Model& model, const ReferenceCycle& cycle, double phase, VecX& torque_nm_per_kg);

// Joint angles and rates (per second, for a stride of `stride_time_s`) of the model's joint
// coordinates at `phase`. Coordinates without a curve get zero.
void reference_joint_targets(const Model& model, const ReferenceCycle& cycle, double phase, double stride_time_s,
                             const CycleModifiers& modifiers, VecX& angle_rad, VecX& rate_radps);

}  // namespace strider
