// strider info MODEL.yaml | SCENARIO.yaml | RUN.h5
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <iostream>

#include "commands.hpp"
#include "core/error.hpp"
#include "io/hdf5_file.hpp"
#include "io/recorder.hpp"
#include "io/yaml_reader.hpp"
#include "model/model_loader.hpp"
#include "muscle/path.hpp"
#include "optimize/optimize_spec.hpp"
#include "sim/run.hpp"
#include "sim/scenario.hpp"

namespace strider::cli {

namespace {

// An HDF5 file: its signature at the start or after a user block (Strider's files carry their
// checksum seal in one, io/file_seal.hpp).
bool is_hdf5(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[520] = {};
  in.read(head, sizeof head);
  const std::string signature("\x89HDF\r\n\x1a\n", 8);
  const auto got = static_cast<std::size_t>(in.gcount());
  return (got >= 8 && std::string(head, 8) == signature) || (got >= 520 && std::string(head + 512, 8) == signature) ||
         std::string(head, std::min<std::size_t>(got, 12)) == "STRIDER-SEAL";
}

void describe_model(const Model& m) {
  fmt::print("model {} ({})\n", m.name, m.source);
  fmt::print("  total mass {:.3f} kg, height {:.3f} m, {} bodies, {} joint coordinates, nq {}, nv {}\n",
             m.total_mass_kg(), m.body_height_m, m.bodies.size(), m.coordinates.size(), m.nq(), m.nv());
  fmt::print("  {:<12} {:<12} {:<10} {:>9}  coordinates (range, deg)\n", "body", "parent", "joint", "mass kg");
  for (const auto& b : m.bodies) {
    std::string coords;
    for (int k = 0; k < b.joint.coordinate_count; ++k) {
      const Coordinate& c = m.coordinates[b.joint.first_coordinate + k];
      coords += c.limited ? fmt::format("{} [{:.0f}, {:.0f}]  ", c.name, rad_to_deg(c.min_rad), rad_to_deg(c.max_rad))
                          : fmt::format("{} (unlimited)  ", c.name);
    }
    fmt::print("  {:<12} {:<12} {:<10} {:>9.3f}  {}\n", b.name,
               b.parent < 0 ? "(world)" : m.bodies[b.parent].name, joint_type_name(b.joint.type),
               b.mass_kg, coords);
  }
  fmt::print("  contact spheres: {}\n", m.contacts.size());
  for (const auto& c : m.contacts) {
    fmt::print("    {:<14} on {:<10} radius {:.4f} m at [{:.4f}, {:.4f}, {:.4f}] m\n", c.name,
               m.bodies[c.body].name, c.radius_m, c.center_m.x(), c.center_m.y(), c.center_m.z());
  }
  if (m.muscles.empty()) {
    fmt::print("  muscles: none (all joints are passive)\n");
    return;
  }
  fmt::print("  muscles: {} (F_max scaled to this body; l_opt, l_slack in m; pennation in deg)\n", m.muscles.size());
  fmt::print("    {:<22} {:>8} {:>7} {:>7} {:>6} {:>6}  {:<30} {}\n", "name", "F_max N", "l_opt", "l_slack",
             "penn", "tendon", "groups", "crosses");
  for (const auto& mu : m.muscles) {
    std::string groups, crosses;
    for (std::size_t g = 1; g < mu.groups.size(); ++g) groups += (g > 1 ? "," : "") + m.muscle_groups[mu.groups[g]].name;
    for (int c : mu.crossed_coordinates) crosses += (crosses.empty() ? "" : ",") + m.coordinates[c].name;
    fmt::print("    {:<22} {:>8.0f} {:>7.4f} {:>7.4f} {:>6.1f} {:>6}  {:<30} {}\n", mu.name,
               mu.mtu.max_isometric_force_n, mu.mtu.optimal_fiber_length_m, mu.mtu.tendon_slack_length_m,
               rad_to_deg(mu.mtu.pennation_at_optimal_rad), mu.mtu.rigid_tendon ? "rigid" : "elastic", groups, crosses);
  }
  for (const auto& w : path_switch_warnings(m)) fmt::print("    warning: {}\n", w);
}

void describe_run(const std::string& path) {
  H5Reader in(path);
  const auto version = static_cast<std::int64_t>(in.attr_number("/", "layout_version"));
  if (version > kHdf5LayoutVersion) {
    throw InputError(path, "layout_version",
                     fmt::format("written with layout version {}, newer than this strider reads ({})",
                                 version, kHdf5LayoutVersion),
                     "use a newer strider");
  }
  std::vector<hsize_t> dims;
  const auto time = in.read("/time", &dims);
  fmt::print("run {} (HDF5 layout version {})\n", path, version);
  fmt::print("  model {} ({:.2f} kg, {:.3f} m), engine {} ({}), dt {} s, seed {}\n",
             in.attr_text("/provenance", "model_name"), in.attr_number("/provenance", "body_mass_kg"),
             in.attr_number("/provenance", "body_height_m"), in.attr_text("/provenance", "engine_version"),
             in.attr_text("/provenance", "git_hash"), in.attr_number("/provenance", "dt_s"),
             in.attr_number("/provenance", "seed"));
  if (!time.empty()) {
    fmt::print("  {} samples from {:.3f} s to {:.3f} s at {} Hz\n", time.size(), time.front(),
               time.back(), in.attr_number("/provenance", "record_hz"));
  }
  fmt::print("  datasets:\n");
  for (const auto& name : in.datasets()) {
    std::string shape, units;
    if (in.has_attr(name, "units")) {
      const std::vector<hsize_t> d = in.shape(name);
      for (std::size_t i = 0; i < d.size(); ++i) shape += (i ? " x " : "") + std::to_string(d[i]);
      units = in.attr_text(name, "units");
    } else {
      shape = "text";
    }
    fmt::print("    {:<34} {:<16} {}\n", name, shape, units);
  }
}

// The `optimize:` section as `strider optimize` will read it, with its defaults filled in.
void describe_optimize(const OptimizeSpec& spec) {
  fmt::print("optimize (strider optimize; checked as it will be read)\n");
  fmt::print("  lambda {}, generations {}, seed {}, threads {}\n",
             spec.lambda > 0 ? std::to_string(spec.lambda) : std::string("default (4 + floor(3 ln n))"),
             spec.generations, spec.seed,
             spec.threads > 0 ? std::to_string(spec.threads) : std::string("every core"));
  fmt::print("  starts {} (seed {})", spec.starts, spec.starts_seed);
  for (const auto& v : spec.vary) fmt::print(", {} ± {}", v.key, v.half_width);
  for (const auto& c : spec.cases) fmt::print(", case {}", fmt::join(c, " "));
  fmt::print("\n  {:<34} {:>12} {:>12} {:>12} {:>12}  {}\n", "free parameter", "mean", "spread", "min", "max",
             "unit");
  for (const auto& p : spec.parameters) {
    const std::string unit = scenario_key_unit(p.key);
    fmt::print("  {:<34} {:>12.6g} {:>12.6g} {:>12.6g} {:>12.6g}  {}\n", p.key, p.mean, p.spread, p.lower,
               p.upper, unit.empty() ? "-" : unit);
  }
  fmt::print("  objective weights:");
  for (const auto& [name, w] : spec.weights) fmt::print(" {} {}", name, w);
  fmt::print("\n");
}

// Every key of the resolved scenario with its value, unit and origin (file, command line or
// default).
void describe_scenario(const Scenario& s) {
  fmt::print("scenario {} (resolved; every key with its unit and where its value came from)\n", s.source);
  const YAML::Node root = parse_yaml(s.resolved_yaml, s.source);
  auto line = [&](const std::string& key, const YAML::Node& value) {
    const auto from = s.origin.find(key);
    const std::string unit = scenario_key_unit(key);
    double number = 0.0;
    const bool numeric = value.IsScalar() && YAML::convert<double>::decode(value, number) && value.Scalar() != "true" &&
                         value.Scalar() != "false";
    const std::string shown = numeric ? fmt::format("{}", number) : YAML::Dump(value);
    fmt::print("  {:<34} {:<16} {:<18} {}\n", key, shown, unit.empty() ? "-" : unit,
               from == s.origin.end() ? std::string("default") : from->second);
  };
  for (const auto& kv : root) {
    const std::string key = kv.first.as<std::string>();
    if (kv.second.IsMap()) {
      if (kv.second.size() == 0) fmt::print("  {:<34} {:<16} {:<18} {}\n", key + ".*", "(none)", "-", "default");
      for (const auto& inner : kv.second) line(key + "." + inner.first.as<std::string>(), inner.second);
    } else {
      line(key, kv.second);
    }
  }
  fmt::print("model file: {}\n", scenario_model_path(s));
  if (!s.optimize_yaml.empty()) describe_optimize(read_optimize_spec(s));
}

}  // namespace

// A conditional point that switches off the straight path makes the length, and the tendon
// force, jump (docs/model-format.md). Jumps above a millimetre are flagged.
std::vector<std::string> path_switch_warnings(const Model& m) {
  std::vector<std::string> out;
  for (const auto& j : conditional_switch_jumps(m, 1e-3)) {
    out.push_back(fmt::format(
        "{}'s path point {} switches off the straight path at {} = {:.1f} deg: the length jumps by {:.1f} mm "
        "there; put it on the line between its neighbours at that angle, or slide it on with moves_with "
        "(docs/model-format.md)",
        m.muscles[static_cast<std::size_t>(j.muscle)].name, j.point + 1,
        m.coordinates[static_cast<std::size_t>(j.coordinate)].name, rad_to_deg(j.angle_rad), 1e3 * j.jump_m));
  }
  return out;
}

void warn_path_switches(const Model& model) {
  for (const auto& w : path_switch_warnings(model)) spdlog::warn("{}", w);
}

void warn_path_switches(const Scenario& scenario) { warn_path_switches(*load_scenario_model(scenario)); }

int info_command(const std::string& path, const std::vector<std::string>& overrides) {
  if (!overrides.empty() && is_hdf5(path)) {
    throw InputError(path, overrides.front(), "overrides apply to scenarios only", "drop the key=value arguments");
  }
  if (is_hdf5(path)) {
    describe_run(path);
    return 0;
  }
  const std::string text = read_text_file(path, "input");
  const YAML::Node node = parse_yaml(text, path);
  if (node.IsMap() && node["bodies"]) {
    if (!overrides.empty()) {
      throw InputError(path, overrides.front(), "overrides apply to scenarios only", "drop the key=value arguments");
    }
    describe_model(load_model_text(text, path));
    return 0;
  }
  const Scenario s = load_scenario_text(text, path, overrides);
  describe_scenario(s);
  return 0;
}

}  // namespace strider::cli
