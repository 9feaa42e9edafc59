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
  top.finish();
  return c;
}

namespace {
// The cycle's curve for a coordinate (right/left suffix removed) and the phase to read it at.
const FourierCurve* curve_for(const std::map<std::string, FourierCurve>& curves, std::string name, double& phase) {
  const bool left = name.size() > 2 && name.compare(name.size() - 2, 2, "_l") == 0;
  if (left || (name.size() > 2 && name.compare(name.size() - 2, 2, "_r") == 0)) name.resize(name.size() - 2);
  if (left) phase += 0.5;
  phase -= std::floor(phase);
  const auto it = curves.find(name);
  return it == curves.end() ? nullptr : &it->second;
}
}  // namespace

void reference_joint_torques(const Model& model, const ReferenceCycle& cycle, double phase, VecX& torque) {
  torque.setZero(static_cast<long>(model.coordinates.size()));
  for (std::size_t c = 0; c < model.coordinates.size(); ++c) {
    double local_phase = phase;
    const FourierCurve* curve = curve_for(cycle.torques_nm_per_kg, model.coordinates[c].name, local_phase);
    if (curve) torque[static_cast<long>(c)] = curve->value(local_phase);
  }
}

void reference_joint_targets(const Model& model, const ReferenceCycle& cycle, double phase, double stride_time_s,
                             const CycleModifiers& modifiers, VecX& angle, VecX& rate) {
  angle.setZero(static_cast<long>(model.coordinates.size()));
  rate.setZero(static_cast<long>(model.coordinates.size()));
  for (std::size_t c = 0; c < model.coordinates.size(); ++c) {
    std::string name = model.coordinates[c].name;
    double local_phase = phase;
    const bool left = name.size() > 2 && name.compare(name.size() - 2, 2, "_l") == 0;
    if (left || (name.size() > 2 && name.compare(name.size() - 2, 2, "_r") == 0)) name.resize(name.size() - 2);
    if (left) local_phase += 0.5;
    local_phase -= std::floor(local_phase);
    const auto it = cycle.curves.find(name);
    if (it == cycle.curves.end()) continue;
    double scale = 1.0;
    if (name.rfind("shoulder", 0) == 0 || name.rfind("elbow", 0) == 0) scale = modifiers.arm_swing_scale;
    if (name == "hip_flexion" || name == "knee_flexion") scale = modifiers.leg_swing_scale;
    const FourierCurve& curve = it->second;
    angle[static_cast<long>(c)] = curve.mean + scale * (curve.value(local_phase) - curve.mean);
    rate[static_cast<long>(c)] = scale * curve.slope(local_phase) / stride_time_s;
  }
}

}  // namespace strider
