#include "sim/scenario.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

#include "control/tracking_controller.hpp"
#include "core/error.hpp"
#include "io/yaml_reader.hpp"
#include "model/model_loader.hpp"

namespace strider {

const std::vector<std::string>& scenario_keys() {
  static const std::vector<std::string> keys = {
      "model", "body_mass_kg", "body_height_m", "duration_s", "dt_s", "record_hz",
      "seed",  "slope_percent", "start_clearance_m", "strength", "fatigue", "metabolics", "controller", "speed_mps", "cadence_spm", "arm_swing", "arm_swing_scale", "trunk_lean_deg", "leg_swing_scale", "tracking",
      "optimize"};
  return keys;
}

namespace {

void apply_override(YAML::Node& root, const std::string& override_text, std::map<std::string, std::string>& origin) {
  const auto eq = override_text.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw InputError("<command line>", override_text, "an override must look like key=value",
                     "write e.g. duration_s=5");
  }
  const std::string key = override_text.substr(0, eq);
  const std::string value = override_text.substr(eq + 1);
  const auto dot = key.find('.');
  const std::string head = key.substr(0, dot);
  const auto& keys = scenario_keys();
  if (std::find(keys.begin(), keys.end(), head) == keys.end()) {
    const std::string guess = closest_match(head, keys);
    throw InputError("<command line>", key, "unknown scenario key",
                     guess.empty() ? "see docs/scenarios.md for the keys" : "did you mean '" + guess + "'?");
  }
  YAML::Node parsed = parse_yaml(value, "<command line>");
  YAML::Node node = parsed.IsNull() ? YAML::Node(value) : parsed;
  origin[key] = "<command line>";
  if (dot == std::string::npos) {
    root[key] = node;
    return;
  }
  // Dotted path into a section: strength.plantarflexors=0.7.
  const std::string rest = key.substr(dot + 1);
  if (rest.empty() || rest.find('.') != std::string::npos) {
    throw InputError("<command line>", key, "a dotted override names one section and one key",
                     "write e.g. strength.plantarflexors=0.7");
  }
  if (!root[head] || !root[head].IsMap()) root[head] = YAML::Node(YAML::NodeType::Map);
  root[head][rest] = node;
}

// Records `file` as the origin of every leaf key of `node` (one level of sections).
void record_origins(const YAML::Node& node, const std::string& file, std::map<std::string, std::string>& origin) {
  if (!node.IsMap()) return;
  for (const auto& kv : node) {
    const std::string key = kv.first.as<std::string>();
    if (key == "base") continue;
    if (kv.second.IsMap()) {
      for (const auto& inner : kv.second) origin[key + "." + inner.first.as<std::string>()] = file;
    } else {
      origin[key] = file;
    }
  }
}

// `over` on top of `base`: sections (maps) merge key by key, everything else is replaced.
YAML::Node merged(const YAML::Node& base, const YAML::Node& over) {
  YAML::Node out = YAML::Clone(base);
  for (const auto& kv : over) {
    const std::string key = kv.first.as<std::string>();
    if (key == "base") continue;
    if (kv.second.IsMap() && out[key] && out[key].IsMap()) {
      for (const auto& inner : kv.second) out[key][inner.first.as<std::string>()] = YAML::Clone(inner.second);
    } else {
      out[key] = YAML::Clone(kv.second);
    }
  }
  return out;
}

// The scenario text with its chain of bases resolved. `chain` holds the files on the way here.
YAML::Node resolve_bases(const std::string& text, const std::string& source, std::vector<std::string>& chain,
                         std::map<std::string, std::string>& origin) {
  namespace fs = std::filesystem;
  YAML::Node root = parse_yaml(text, source);
  if (root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
  if (!root.IsMap()) throw InputError(source, "", "a scenario must be a map of keys", "write e.g. duration_s: 5");
  if (!root["base"]) {
    record_origins(root, source, origin);
    return root;
  }
  const YAML::Node& base_node = root["base"];
  if (!base_node.IsScalar() || base_node.Scalar().empty()) {
    throw InputError(source, "base", "must be the name of a scenario file", "write e.g. base: baseline.yaml");
  }
  fs::path base_path(base_node.Scalar());
  if (base_path.is_relative()) base_path = fs::path(source).parent_path() / base_path;
  const std::string base = base_path.lexically_normal().string();
  std::error_code ec;
  const std::string canonical = fs::weakly_canonical(base_path, ec).string();
  chain.push_back(fs::weakly_canonical(fs::path(source), ec).string());
  if (std::find(chain.begin(), chain.end(), canonical) != chain.end()) {
    std::string cycle;
    for (const auto& f : chain) cycle += f + " -> ";
    throw InputError(source, "base", "the bases form a cycle: " + cycle + canonical,
                     "make one of these files stop naming the other as its base");
  }
  if (!fs::is_regular_file(base_path, ec)) {
    throw InputError(source, "base", "the base scenario '" + base + "' does not exist",
                     "give a path relative to " + (fs::path(source).parent_path().empty() ? std::string("this folder")
                                                                                           : fs::path(source).parent_path().string()));
  }
  const YAML::Node parent = resolve_bases(read_text_file(base, "scenario"), base, chain, origin);
  chain.pop_back();
  record_origins(root, source, origin);
  return merged(parent, root);
}

std::string emit(const Scenario& s) {
  YAML::Emitter out;
  out.SetDoublePrecision(17);
  out << YAML::BeginMap;
  out << YAML::Key << "model" << YAML::Value << s.model;
  out << YAML::Key << "body_mass_kg" << YAML::Value << s.body_mass_kg;
  out << YAML::Key << "body_height_m" << YAML::Value << s.body_height_m;
  out << YAML::Key << "duration_s" << YAML::Value << s.duration_s;
  out << YAML::Key << "dt_s" << YAML::Value << s.dt_s;
  out << YAML::Key << "record_hz" << YAML::Value << s.record_hz;
  out << YAML::Key << "seed" << YAML::Value << s.seed;
  out << YAML::Key << "slope_percent" << YAML::Value << s.slope_percent;
  out << YAML::Key << "start_clearance_m" << YAML::Value << s.start_clearance_m;
  out << YAML::Key << "strength" << YAML::Value << YAML::BeginMap;
  for (const auto& [group, scale] : s.strength) out << YAML::Key << group << YAML::Value << scale;
  out << YAML::EndMap;
  out << YAML::Key << "fatigue" << YAML::Value << YAML::BeginMap;
  out << YAML::Key << "enabled" << YAML::Value << s.fatigue_enabled;
  out << YAML::Key << "time_scale" << YAML::Value << s.fatigue_time_scale;
  out << YAML::Key << "rest_rule" << YAML::Value << s.fatigue_rest_rule;
  for (const auto& [group, value] : s.initial_fatigue) out << YAML::Key << group << YAML::Value << value;
  out << YAML::EndMap;
  out << YAML::Key << "metabolics" << YAML::Value << s.metabolics;
  out << YAML::Key << "controller" << YAML::Value << s.controller;
  out << YAML::Key << "speed_mps" << YAML::Value << s.speed_mps;
  out << YAML::Key << "cadence_spm" << YAML::Value << s.cadence_spm;
  out << YAML::Key << "arm_swing" << YAML::Value << s.arm_swing;
  out << YAML::Key << "arm_swing_scale" << YAML::Value << s.arm_swing_scale;
  out << YAML::Key << "trunk_lean_deg" << YAML::Value << s.trunk_lean_deg;
  out << YAML::Key << "leg_swing_scale" << YAML::Value << s.leg_swing_scale;
  out << YAML::Key << "tracking" << YAML::Value << YAML::BeginMap;
  for (const auto& [name, value] : s.tracking) out << YAML::Key << name << YAML::Value << value;
  out << YAML::EndMap;
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace

Scenario load_scenario_file(const std::string& path, const std::vector<std::string>& overrides) {
  return load_scenario_text(read_text_file(path, "scenario"), path, overrides);
}

Scenario load_scenario_text(const std::string& yaml_text, const std::string& source,
                            const std::vector<std::string>& overrides) {
  std::map<std::string, std::string> origin;
  std::vector<std::string> chain;
  YAML::Node root = resolve_bases(yaml_text, source, chain, origin);
  for (const auto& o : overrides) apply_override(root, o, origin);

  YamlMap top(root, source, "");
  Scenario s;
  s.source = source;
  s.model = top.text("model", s.model);
  s.body_mass_kg = top.number_in("body_mass_kg", s.body_mass_kg, 30.0, 200.0);
  s.body_height_m = top.number_in("body_height_m", s.body_height_m, 1.2, 2.3);
  s.duration_s = top.number_in("duration_s", s.duration_s, 1e-3, 36000.0);
  s.dt_s = top.number_in("dt_s", s.dt_s, 1e-5, 2e-3);
  s.record_hz = top.number_in("record_hz", s.record_hz, 0.0, 10000.0);
  if (s.record_hz > 0.0 && s.record_hz * s.dt_s > 1.0 + 1e-12) {
    top.fail("record_hz", "recording faster than the dynamics step (" + std::to_string(1.0 / s.dt_s) + " Hz)",
             "choose record_hz <= 1/dt_s");
  }
  const double seed = top.number_in("seed", 1.0, 0.0, 9007199254740992.0);
  if (seed != std::floor(seed)) top.fail("seed", "the seed must be a whole number", "give e.g. seed: 7");
  s.seed = static_cast<std::uint64_t>(seed);
  s.slope_percent = top.number_in("slope_percent", s.slope_percent, -30.0, 30.0);
  s.start_clearance_m = top.number_in("start_clearance_m", s.start_clearance_m, 0.0, 2.0);
  if (auto strength = top.optional_map("strength")) {
    for (const auto& kv : root["strength"]) {
      const std::string group = kv.first.as<std::string>();
      s.strength[group] = strength->number_in(group, 1.0, 0.0, 5.0);
    }
  }
  if (auto fatigue = top.optional_map("fatigue")) {
    s.fatigue_enabled = fatigue->flag("enabled", s.fatigue_enabled);
    s.fatigue_time_scale = fatigue->number_in("time_scale", s.fatigue_time_scale, 0.0, 1e5);
    s.fatigue_rest_rule = fatigue->text("rest_rule", s.fatigue_rest_rule);
    if (s.fatigue_rest_rule != "zero_demand" && s.fatigue_rest_rule != "demand_met") {
      fatigue->fail("rest_rule", "unknown rest rule '" + s.fatigue_rest_rule + "'", "use zero_demand or demand_met");
    }
    for (const auto& kv : root["fatigue"]) {
      const std::string key = kv.first.as<std::string>();
      if (key == "enabled" || key == "time_scale" || key == "rest_rule") continue;
      s.initial_fatigue[key] = fatigue->number_in(key, 0.0, 0.0, 1.0);
    }
  }
  s.metabolics = top.text("metabolics", s.metabolics);
  if (s.metabolics != "umberger2010" && s.metabolics != "bhargava2004") {
    top.fail("metabolics", "unknown metabolic model '" + s.metabolics + "'", "use umberger2010 or bhargava2004");
  }
  s.controller = top.text("controller", s.controller);
  if (s.controller != "none" && s.controller != "tracking") {
    top.fail("controller", "unknown controller '" + s.controller + "'", "use none or tracking");
  }
  s.speed_mps = top.number_in("speed_mps", s.speed_mps, 1.5, 7.0);
  s.cadence_spm = top.number_in("cadence_spm", s.cadence_spm, 120.0, 240.0);
  s.arm_swing = top.text("arm_swing", s.arm_swing);
  ArmSwing mode = ArmSwing::Normal;
  if (!parse_arm_swing(s.arm_swing, mode)) {
    top.fail("arm_swing", "unknown arm-swing mode '" + s.arm_swing + "'",
             "use normal, scaled, held_across_chest, held_behind_back or hands_on_head");
  }
  s.arm_swing_scale = top.number_in("arm_swing_scale", s.arm_swing_scale, 0.0, 1.5);
  if (s.arm_swing_scale != 1.0 && mode != ArmSwing::Scaled) {
    // A scale alone means scaled swing; with another mode named, it contradicts it.
    if (origin.count("arm_swing") != 0) {
      top.fail("arm_swing_scale", "a swing scale only applies with arm_swing: scaled (here '" + s.arm_swing + "')",
               "write arm_swing: scaled, or remove arm_swing_scale");
    }
    s.arm_swing = arm_swing_name(ArmSwing::Scaled);
  }
  s.trunk_lean_deg = top.number_in("trunk_lean_deg", s.trunk_lean_deg, -10.0, 30.0);
  s.leg_swing_scale = top.number_in("leg_swing_scale", s.leg_swing_scale, 0.5, 1.5);
  if (auto tracking = top.optional_map("tracking")) {
    std::vector<std::string> names;
    for (const auto& field : tracking_gain_fields()) {
      names.emplace_back(field.name);
      if (tracking->has(field.name)) s.tracking[field.name] = tracking->number_in(field.name, 0.0, 0.0, 1000.0);
    }
    tracking->finish(names);
  }
  if (top.has("optimize")) {
    const YAML::Node section = root["optimize"];
    if (!section.IsMap()) {
      top.fail("optimize", "the optimize section must be a map", "see docs/optimization.md for its keys");
    }
    top.raw("optimize");  // read here; optimize/optimize_spec.hpp checks its keys
    YAML::Emitter text;
    text.SetDoublePrecision(17);
    text << section;
    s.optimize_yaml = text.c_str();
  }
  top.finish();
  s.resolved_yaml = emit(s);
  s.origin = std::move(origin);
  return s;
}

std::string scenario_key_unit(const std::string& key) {
  const auto ends = [&](const char* suffix) {
    const std::string x(suffix);
    return key.size() >= x.size() && key.compare(key.size() - x.size(), x.size(), x) == 0;
  };
  if (key.rfind("strength.", 0) == 0) return "× F_max";
  if (key.rfind("tracking.qp_", 0) == 0) {  // whole-body control: acceleration gains and weights
    if (ends("_kp")) return "1/s²";
    if (ends("_kd") || ends("_kv")) return "1/s";
    if (ends("_s")) return "s";
    if (ends("_m")) return "m";
    return "";
  }
  if (key.rfind("tracking.", 0) == 0) {
    if (ends("_kp")) return "N·m/rad/kg";
    if (ends("_kd")) return "N·m·s/rad/kg";
    if (ends("torque_limit")) return "N·m/kg";
    if (ends("_bw")) return "body weights";
    if (ends("thrust")) return "m";
    if (ends("_s")) return "s";
    return "";
  }
  if (key == "fatigue.enabled" || key == "fatigue.rest_rule") return "";
  if (key == "fatigue.time_scale") return "×";
  if (key.rfind("fatigue.", 0) == 0) return "fatigued fraction";
  const std::pair<const char*, const char*> suffixes[] = {{"_kg", "kg"},        {"_m", "m"},     {"_s", "s"},
                                                          {"_hz", "Hz"},        {"_mps", "m/s"}, {"_spm", "steps/min"},
                                                          {"_percent", "%"},    {"_deg", "deg"}, {"_scale", "×"}};
  for (const auto& [suffix, unit] : suffixes) {
    if (ends(suffix)) return unit;
  }
  return "";
}

std::string scenario_model_path(const Scenario& scenario) {
  const auto from = scenario.origin.find("model");
  const bool from_file = from != scenario.origin.end() && from->second != "<command line>";
  return resolve_model_path(scenario.model, from_file ? from->second : scenario.source);
}

}  // namespace strider
