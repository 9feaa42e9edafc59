#include "optimize/optimize_spec.hpp"

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "core/number_text.hpp"
#include "core/random.hpp"
#include "io/yaml_reader.hpp"
#include "optimize/measures.hpp"

namespace strider {

namespace {

void check_scenario_accepts(const Scenario& scenario, const FreeParameter& p, const std::string& where, double value,
                            const char* which) {
  try {
    load_scenario_text(scenario.resolved_yaml, scenario.source, {p.key + "=" + format17(value)});
  } catch (const InputError& e) {
    throw InputError(scenario.source, where, "the scenario rejects " + p.key + " = " + format17(value) + " (the " +
                                                 which + "): " + e.problem(),
                     e.fix().empty() ? "choose bounds the scenario accepts" : e.fix());
  }
}

// The scenario's value of a top-level numeric key, from its resolved YAML.
bool resolved_number(const Scenario& scenario, const std::string& key, double& value) {
  const YAML::Node root = YAML::Load(scenario.resolved_yaml);
  const YAML::Node node = root[key];
  if (!node || !node.IsScalar()) return false;
  return parse_finite(node.Scalar(), value);
}

// `starts.cases`: other conditions every candidate is also scored on, each a map of scenario keys
// (words too: arm_swing, fatigue.rest_rule) to values, checked by loading the scenario with them.
void read_cases(const Scenario& scenario, YamlMap& starts, OptimizeSpec& spec) {
  const YAML::Node cases = starts.raw("cases");  // a copy: raw() hands out a shared holder
  const std::string example = "write e.g. cases: [{arm_swing: held_behind_back}, {slope_percent: 5}]";
  if (!cases.IsSequence() || cases.size() == 0) starts.fail("cases", "expected a list of key: value maps", example);
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const std::string where = "optimize.starts.cases[" + std::to_string(i) + "]";
    if (!cases[i].IsMap() || cases[i].size() == 0) {
      throw InputError(scenario.source, where, "expected a map of scenario keys to values", example);
    }
    std::vector<std::string> overrides;
    for (const auto& kv : cases[i]) {
      const std::string key = kv.first.as<std::string>();
      const std::string head = key.substr(0, key.find('.'));
      if (head == "model" || head == "body_mass_kg" || head == "body_height_m" || head == "seed" || head == "optimize") {
        throw InputError(scenario.source, where + "." + key, "'" + key + "' cannot differ between starts",
                         "the candidates share one model and seed; give run keys such as arm_swing or slope_percent");
      }
      for (const auto& p : spec.parameters) {
        if (p.key == key) {
          throw InputError(scenario.source, where + "." + key, "'" + key + "' is a free parameter",
                           "give keys the search does not set");
        }
      }
      if (!kv.second.IsScalar()) {
        throw InputError(scenario.source, where + "." + key, "expected a single value", example);
      }
      overrides.push_back(key + "=" + kv.second.Scalar());
    }
    try {
      load_scenario_text(scenario.resolved_yaml, scenario.source, overrides);
    } catch (const InputError& e) {
      throw InputError(scenario.source, where, "the scenario rejects this case: " + e.problem(),
                       e.fix().empty() ? "give values the scenario accepts" : e.fix());
    }
    spec.cases.push_back(overrides);
  }
}

void read_starts(const Scenario& scenario, YamlMap& top, OptimizeSpec& spec) {
  if (!top.has("starts")) {
    spec.start_overrides.assign(1, {});
    return;
  }
  YamlMap starts = top.map("starts");
  const double count = starts.number_in("count", 1.0, 1.0, 1000.0);
  if (count != std::floor(count)) starts.fail("count", "must be a whole number", "give e.g. count: 4");
  spec.starts = static_cast<int>(count);
  const double seed = starts.number_in("seed", 1.0, 0.0, 9007199254740992.0);
  if (seed != std::floor(seed)) starts.fail("seed", "the seed must be a whole number", "give e.g. seed: 1");
  spec.starts_seed = static_cast<std::uint64_t>(seed);
  std::vector<double> base_values;
  if (starts.has("vary")) {
    YamlMap vary = starts.map("vary");
    std::vector<std::string> names;
    for (const auto& kv : starts.raw("vary")) {
      StartVariation v;
      v.key = kv.first.as<std::string>();
      names.push_back(v.key);
      const std::string where = "optimize.starts.vary." + v.key;
      double value = 0.0;
      if (v.key.find('.') != std::string::npos || is_fixed_parameter_key(v.key) || !resolved_number(scenario, v.key, value)) {
        throw InputError(scenario.source, where, "'" + v.key + "' cannot vary between starts",
                         "name top-level numeric run keys, e.g. start_clearance_m, speed_mps, cadence_spm");
      }
      for (const auto& p : spec.parameters) {
        if (p.key == v.key) {
          throw InputError(scenario.source, where, "'" + v.key + "' is a free parameter", "vary keys the search does not set");
        }
      }
      v.half_width = vary.number_in(v.key, 0.0, 0.0, 1e9);
      if (!(v.half_width > 0.0)) vary.fail(v.key, "the half-width must be positive", "give e.g. " + v.key + ": 0.005");
      for (const double end : {value - v.half_width, value + v.half_width}) {
        try {
          load_scenario_text(scenario.resolved_yaml, scenario.source, {v.key + "=" + format17(end)});
        } catch (const InputError& e) {
          throw InputError(scenario.source, where, "the scenario rejects " + v.key + " = " + format17(end) + ": " + e.problem(),
                           "choose a narrower half-width");
        }
      }
      spec.vary.push_back(v);
      base_values.push_back(value);
    }
    vary.finish(names);
  }
  if (starts.has("cases")) read_cases(scenario, starts, spec);
  starts.finish({"vary", "cases"});
  if (spec.starts > 1 && spec.vary.empty()) {
    starts.fail("vary", "several starts need keys that vary between them", "add e.g. vary: {start_clearance_m: 0.005}");
  }
  spec.start_overrides.assign(1, {});
  for (int k = 1; k < spec.starts; ++k) {
    SplitMix64 random(derive_seed(spec.starts_seed, 0x5747, static_cast<std::uint64_t>(k)));
    std::vector<std::string> overrides;
    for (std::size_t i = 0; i < spec.vary.size(); ++i) {
      const double value = base_values[i] + spec.vary[i].half_width * (2.0 * random.uniform() - 1.0);
      overrides.push_back(spec.vary[i].key + "=" + format17(value));
    }
    spec.start_overrides.push_back(overrides);
  }
  // The cases come after the drawn starts, each from the scenario's own start.
  for (const auto& c : spec.cases) spec.start_overrides.push_back(c);
  spec.starts = static_cast<int>(spec.start_overrides.size());
}

}  // namespace

bool is_fixed_parameter_key(const std::string& key) {
  static const std::vector<std::string> fixed = {"model",      "body_mass_kg", "body_height_m", "seed", "controller",
                                                 "arm_swing",  "metabolics",   "optimize",      "dt_s", "record_hz"};
  const std::string head = key.substr(0, key.find('.'));
  return std::find(fixed.begin(), fixed.end(), head) != fixed.end() || key == "fatigue.rest_rule" ||
         key == "fatigue.enabled";
}

OptimizeSpec read_optimize_spec(const Scenario& scenario) {
  const std::string& file = scenario.source;
  if (scenario.optimize_yaml.empty()) {
    throw InputError(file, "optimize", "the scenario has no optimize section",
                     "add `optimize:` with parameters and objective (docs/optimization.md)");
  }
  const YAML::Node root = parse_yaml(scenario.optimize_yaml, file + " (optimize)");
  YamlMap top(root, file, "optimize");
  OptimizeSpec spec;
  const double lambda = top.number_in("lambda", 0.0, 0.0, 10000.0);
  if (lambda != std::floor(lambda)) top.fail("lambda", "the population size must be a whole number", "give e.g. lambda: 8");
  if (lambda == 1.0) top.fail("lambda", "a population needs at least 2 members", "use lambda >= 2 (or 0 for the default)");
  spec.lambda = static_cast<int>(lambda);
  const double generations = top.number_in("generations", spec.generations, 1.0, 1e6);
  if (generations != std::floor(generations)) top.fail("generations", "must be a whole number", "give e.g. generations: 20");
  spec.generations = static_cast<int>(generations);
  const double seed = top.number_in("seed", 1.0, 0.0, 9007199254740992.0);
  if (seed != std::floor(seed)) top.fail("seed", "the seed must be a whole number", "give e.g. seed: 7");
  spec.seed = static_cast<std::uint64_t>(seed);
  const double threads = top.number_in("threads", 0.0, 0.0, 4096.0);
  if (threads != std::floor(threads)) top.fail("threads", "must be a whole number", "give e.g. threads: 2 (0: every core)");
  spec.threads = static_cast<int>(threads);

  YamlMap params = top.map("parameters");
  const YAML::Node& params_node = top.raw("parameters");
  if (params_node.size() == 0) {
    top.fail("parameters", "no free parameters", "name at least one, e.g. cadence_spm: {mean: 170, spread: 5, min: 150, max: 195}");
  }
  std::vector<std::string> names;
  for (const auto& kv : params_node) {
    FreeParameter p;
    p.key = kv.first.as<std::string>();
    names.push_back(p.key);
    const std::string where = "optimize.parameters." + p.key;
    if (is_fixed_parameter_key(p.key)) {
      throw InputError(file, where, "'" + p.key + "' cannot be a free parameter",
                       "free numeric run keys only, e.g. cadence_spm, trunk_lean_deg, tracking.<gain>, strength.<group>");
    }
    if (!kv.second.IsMap()) params.fail(p.key, "expected {mean, spread, min, max}", "write e.g. {mean: 170, spread: 5, min: 150, max: 195}");
    YamlMap entry = params.map(p.key);
    p.mean = entry.number("mean");
    p.spread = entry.number("spread");
    p.lower = entry.number("min");
    p.upper = entry.number("max");
    entry.finish();
    if (!(p.spread > 0.0)) entry.fail("spread", "the spread must be positive", "give the initial standard deviation, e.g. 10 % of the range");
    if (!(p.lower < p.upper)) entry.fail("min", "min must be below max", "swap them or widen the range");
    if (p.mean < p.lower || p.mean > p.upper) {
      entry.fail("mean", "the bounds [" + format17(p.lower) + ", " + format17(p.upper) + "] exclude the mean " + format17(p.mean),
                 "move the mean inside the bounds or widen them");
    }
    // The key must exist and take numbers over the whole box: try it (unknown keys fail here).
    try {
      load_scenario_text(scenario.resolved_yaml, scenario.source, {p.key + "=" + format17(p.mean)});
    } catch (const InputError& e) {
      throw InputError(file, where, "not a scenario key the run accepts: " + e.problem(),
                       e.fix().empty() ? "see docs/scenarios.md for the keys" : e.fix());
    }
    check_scenario_accepts(scenario, p, where + ".min", p.lower, "lower bound");
    check_scenario_accepts(scenario, p, where + ".max", p.upper, "upper bound");
    spec.parameters.push_back(p);
  }
  params.finish(names);

  YamlMap objective = top.map("objective");
  const YAML::Node& objective_node = top.raw("objective");
  for (const auto& kv : objective_node) {
    const std::string name = kv.first.as<std::string>();
    const auto& known = measure_names();
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      const std::string guess = closest_match(name, known);
      objective.fail(name, "unknown measure '" + name + "'",
                     guess.empty() ? "measures: fall, distance, speed, cadence, cost_of_transport, trunk_stability, "
                                     "head_stability, joint_limit, peak_load, drift, vertical_stiffness"
                                   : "did you mean '" + guess + "'?");
    }
    spec.weights[name] = objective.number_in(name, 0.0, 0.0, 1e9);
  }
  objective.finish(measure_names());
  read_starts(scenario, top, spec);
  if (spec.weights.empty()) {
    top.fail("objective", "no measures are weighted", "give weights, e.g. objective: {fall: 100, cost_of_transport: 1}");
  }
  top.finish({"starts"});
  return spec;
}

std::vector<std::string> parameter_overrides(const OptimizeSpec& spec, const VecX& x) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < spec.parameters.size(); ++i) {
    out.push_back(spec.parameters[i].key + "=" + format17(x[static_cast<long>(i)]));
  }
  return out;
}

Scenario candidate_scenario(const Scenario& base, const OptimizeSpec& spec, const VecX& x, int start) {
  std::vector<std::string> overrides;
  if (start >= 0 && static_cast<std::size_t>(start) < spec.start_overrides.size()) {
    overrides = spec.start_overrides[static_cast<std::size_t>(start)];
  }
  for (const std::string& o : parameter_overrides(spec, x)) overrides.push_back(o);
  Scenario s = load_scenario_text(base.resolved_yaml, base.source, overrides);
  s.origin = base.origin;  // the model path resolves as for the base
  return s;
}

std::string problem_fingerprint(const Scenario& base, const OptimizeSpec& spec) {
  std::string text = base.resolved_yaml + "optimize:\n";
  for (const auto& p : spec.parameters) {
    text += "  " + p.key + " " + format17(p.mean) + " " + format17(p.spread) + " " + format17(p.lower) + " " +
            format17(p.upper) + "\n";
  }
  for (const auto& [name, w] : spec.weights) text += "  weight " + name + " " + format17(w) + "\n";
  text += "  lambda " + std::to_string(spec.lambda) + "\n  seed " + std::to_string(spec.seed) + "\n";
  text += "  starts " + std::to_string(spec.starts) + " seed " + std::to_string(spec.starts_seed) + "\n";
  for (const auto& v : spec.vary) text += "  vary " + v.key + " " + format17(v.half_width) + "\n";
  for (const auto& c : spec.cases) {
    text += "  case";
    for (const auto& o : c) text += " " + o;
    text += "\n";
  }
  return text;
}

}  // namespace strider
