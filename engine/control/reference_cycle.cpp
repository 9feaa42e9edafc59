#include "control/reference_cycle.hpp"

#include <cmath>

#include "core/error.hpp"
#include "core/version.hpp"
#include "io/yaml_reader.hpp"

namespace strider {

double FourierCurve::value(double phase) const {
  double v = mean;
  for (std::size_t k = 0; k < cos_sin.size(); ++k) {
    const double w = 2.0 * kPi * static_cast<double>(k + 1);
    v += cos_sin[k].first * std::cos(w * phase) + cos_sin[k].second * std::sin(w * phase);
  }
  return v;
}

double FourierCurve::slope(double phase) const {
  double d = 0.0;
  for (std::size_t k = 0; k < cos_sin.size(); ++k) {
    const double w = 2.0 * kPi * static_cast<double>(k + 1);
    d += w * (-cos_sin[k].first * std::sin(w * phase) + cos_sin[k].second * std::cos(w * phase));
  }
  return d;
}

std::string default_reference_cycle_path() { return std::string(kSourceDir) + "/models/reference/running_cycle.yaml"; }

ReferenceCycle load_reference_cycle(const std::string& path) {
  YamlMap top(parse_yaml(read_text_file(path, "reference cycle"), path), path, "");
  ReferenceCycle c;
  c.source = top.text("source");
  c.speed_mps = top.number_in("speed_mps", 0.0, 0.1, 20.0);
  c.stride_time_s = top.number_in("stride_time_s", 0.0, 0.2, 3.0);
  c.cadence_spm = top.number_in("cadence_spm", 0.0, 40.0, 400.0);
  c.contact_time_s = top.number_in("contact_time_s", 0.0, 0.0, 3.0);
  c.duty_factor = top.number_in("duty_factor", 0.0, 0.0, 1.0);
  top.number("strides_averaged", 0.0);
  top.number("harmonics", 0.0);
  auto read_curves = [&](const std::string& section, std::map<std::string, FourierCurve>& into) {
    YamlMap curves = top.map(section);
    const YAML::Node node = top.raw(section);
    for (const auto& kv : node) {
      const std::string name = kv.first.as<std::string>();
      YamlMap entry = curves.map(name);
      FourierCurve curve;
      curve.mean = entry.number("mean");
      const YAML::Node pairs = entry.raw("cos_sin");
      if (!pairs.IsSequence()) entry.fail("cos_sin", "expected a list of [a, b] pairs", "write [[a1, b1], [a2, b2], ...]");
      for (std::size_t k = 0; k < pairs.size(); ++k) {
        if (!pairs[k].IsSequence() || pairs[k].size() != 2) entry.fail("cos_sin", "expected [a, b] pairs", "write [a, b]");
        curve.cos_sin.emplace_back(pairs[k][0].as<double>(), pairs[k][1].as<double>());
      }
      entry.finish();
      into[name] = curve;
    }
    curves.finish();
  };
  read_curves("curves", c.curves);
  if (top.has("torques_nm_per_kg")) read_curves("torques_nm_per_kg", c.torques_nm_per_kg);
  else top.optional_map("torques_nm_per_kg");
  if (top.has("activations"))
    read_curves("activations", c.activations);
  else
    top.optional_map("activations");
  top.finish();
  return c;
}

bool parse_arm_swing(const std::string& text, ArmSwing& out) {
  for (ArmSwing mode : {ArmSwing::Normal, ArmSwing::Scaled, ArmSwing::HeldAcrossChest, ArmSwing::HeldBehindBack,
                        ArmSwing::HandsOnHead}) {
    if (text == arm_swing_name(mode)) {
      out = mode;
      return true;
    }
  }
  return false;
}

const char* arm_swing_name(ArmSwing mode) {
  switch (mode) {
    case ArmSwing::Normal: return "normal";
    case ArmSwing::Scaled: return "scaled";
    case ArmSwing::HeldAcrossChest: return "held_across_chest";
    case ArmSwing::HeldBehindBack: return "held_behind_back";
    case ArmSwing::HandsOnHead: return "hands_on_head";
  }
  return "normal";
}

namespace {
// Held arm postures in degrees: shoulder flexion, abduction, internal rotation, elbow flexion.
// Chosen so that the hands rest on the sternum, on the lower back, or on the crown of the head
// (checked by rendering, docs/controller.md); both sides mirror.
struct ArmPosture {
  double shoulder_flexion, shoulder_abduction, shoulder_rotation, elbow_flexion;
};
ArmPosture posture(ArmSwing mode) {
  switch (mode) {
    case ArmSwing::HeldAcrossChest: return {20.0, 0.0, 35.0, 115.0};
    case ArmSwing::HeldBehindBack: return {-30.0, 5.0, 25.0, 75.0};
    case ArmSwing::HandsOnHead: return {95.0, 35.0, -15.0, 135.0};
    default: return {0.0, 0.0, 0.0, 0.0};
  }
}

bool starts_with(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }
}  // namespace

void CoordinateTrack::at(double phase, double stride_time_s, double& angle_rad, double& rate_radps,
                         double& torque_nm_per_kg) const {
  angle_rad = rate_radps = torque_nm_per_kg = 0.0;
  if (held) {
    angle_rad = held_rad;
    return;
  }
  double local = phase + phase_shift;
  local -= std::floor(local);
  if (angle) {
    angle_rad = angle->mean + scale * (angle->value(local) - angle->mean) + offset_rad;
    rate_radps = scale * angle->slope(local) / stride_time_s;
  }
  if (torque) torque_nm_per_kg = torque->value(local);
}

std::vector<CoordinateTrack> make_tracks(const Model& model, const ReferenceCycle& cycle,
                                         const CycleModifiers& modifiers) {
  std::vector<CoordinateTrack> tracks;
  const ArmPosture held = posture(modifiers.arm_swing);
  const bool holding = modifiers.arm_swing == ArmSwing::HeldAcrossChest ||
                       modifiers.arm_swing == ArmSwing::HeldBehindBack || modifiers.arm_swing == ArmSwing::HandsOnHead;
  for (const auto& coordinate : model.coordinates) {
    std::string name = coordinate.name;
    const bool left = name.size() > 2 && name.compare(name.size() - 2, 2, "_l") == 0;
    if (left || (name.size() > 2 && name.compare(name.size() - 2, 2, "_r") == 0)) name.resize(name.size() - 2);
    CoordinateTrack t;
    const auto angle = cycle.curves.find(name);
    const auto torque = cycle.torques_nm_per_kg.find(name);
    t.angle = angle == cycle.curves.end() ? nullptr : &angle->second;
    t.torque = torque == cycle.torques_nm_per_kg.end() ? nullptr : &torque->second;
    t.phase_shift = left ? 0.5 : 0.0;
    const bool arm = starts_with(name, "shoulder") || starts_with(name, "elbow");
    if (arm && modifiers.arm_swing == ArmSwing::Scaled) t.scale = modifiers.arm_swing_scale;
    if (name == "hip_flexion" || name == "knee_flexion") t.scale = modifiers.leg_swing_scale;
    if (name == "lumbar_flexion") t.offset_rad = modifiers.trunk_lean_rad;
    if (arm && holding) {
      t.held = true;
      const double deg = name == "shoulder_flexion"     ? held.shoulder_flexion
                         : name == "shoulder_abduction" ? held.shoulder_abduction
                         : name == "shoulder_rotation"  ? held.shoulder_rotation
                         : name == "elbow_flexion"      ? held.elbow_flexion
                                                        : 0.0;
      t.held_rad = deg * kPi / 180.0;
    }
    tracks.push_back(t);
  }
  return tracks;
}

void reference_joint_targets(const Model& model, const ReferenceCycle& cycle, double phase, double stride_time_s,
                             const CycleModifiers& modifiers, VecX& angle, VecX& rate) {
  const std::vector<CoordinateTrack> tracks = make_tracks(model, cycle, modifiers);
  angle.setZero(static_cast<long>(model.coordinates.size()));
  rate.setZero(static_cast<long>(model.coordinates.size()));
  double torque = 0.0;
  for (std::size_t c = 0; c < tracks.size(); ++c) {
    tracks[c].at(phase, stride_time_s, angle[static_cast<long>(c)], rate[static_cast<long>(c)], torque);
  }
}

}  // namespace strider
