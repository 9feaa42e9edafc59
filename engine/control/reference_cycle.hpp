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
  // The replay's muscle activations (optional), per muscle name without its _r/_l suffix.
  std::map<std::string, FourierCurve> activations;
};

// Throws InputError for a malformed file.
ReferenceCycle load_reference_cycle(const std::string& path);
std::string default_reference_cycle_path();

// How the arms move: with the cycle (scaled about its means), or held in a posture.
enum class ArmSwing { Normal, Scaled, HeldAcrossChest, HeldBehindBack, HandsOnHead };
// Parses a scenario's `arm_swing` text; false for an unknown name.
bool parse_arm_swing(const std::string& text, ArmSwing& out);
const char* arm_swing_name(ArmSwing mode);

struct CycleModifiers {
  ArmSwing arm_swing = ArmSwing::Normal;
  double arm_swing_scale = 1.0;  // scales the arm curves about their means (mode Scaled)
  double leg_swing_scale = 1.0;  // scales hip and knee flexion about their means (step length)
  double trunk_lean_rad = 0.0;   // added to the lumbar flexion target (forward +)
};

// One joint coordinate's part of the cycle, resolved once: its curves (null when the cycle has
// none), the half-cycle shift of the left side, the swing scale, and a held angle for arm
// postures (NaN when tracked).
struct CoordinateTrack {
  const FourierCurve* angle = nullptr;
  const FourierCurve* torque = nullptr;
  double phase_shift = 0.0;
  double scale = 1.0;
  double offset_rad = 0.0;
  double held_rad = 0.0;
  bool held = false;
  // Target angle, rate (per second) and feed-forward torque (N·m/kg) at the stride phase.
  void at(double phase, double stride_time_s, double& angle_rad, double& rate_radps, double& torque_nm_per_kg) const;
};
std::vector<CoordinateTrack> make_tracks(const Model& model, const ReferenceCycle& cycle,
                                         const CycleModifiers& modifiers);

// Joint angles and rates (per second, for a stride of `stride_time_s`) of the model's joint
// coordinates at `phase`. Coordinates without a curve get zero.
void reference_joint_targets(const Model& model, const ReferenceCycle& cycle, double phase, double stride_time_s,
                             const CycleModifiers& modifiers, VecX& angle_rad, VecX& rate_radps);

}  // namespace strider
