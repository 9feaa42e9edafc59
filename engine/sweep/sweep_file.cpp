#include "sweep/sweep_file.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>

#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/number_text.hpp"
#include "io/yaml_reader.hpp"
#include "sweep/sampling.hpp"

namespace strider {

namespace {

// One axis of the cross product: its keys (one for a grid axis, several for a linked group or
// the sample block) and its points, each a value per key.
struct Axis {
  std::vector<std::string> keys;
  std::vector<std::vector<std::string>> points;
};

bool is_number(const std::string& s) {
  double v = 0.0;
  return parse_finite(s, v);
}

// Checks that `key` names a scenario key (`cadence_spm`, or `strength.all` for a section) that
// a case may set; `where` is its path in the sweep file.
void check_scenario_key(const std::string& file, const std::string& where, const std::string& key) {
  const auto dot = key.find('.');
  const std::string head = key.substr(0, dot);
  const auto& keys = scenario_keys();
  if (std::find(keys.begin(), keys.end(), head) == keys.end()) {
    const std::string guess = closest_match(head, keys);
    throw InputError(file, where, "unknown scenario key '" + key + "'",
                     guess.empty() ? "see docs/scenarios.md for the keys" : "did you mean '" + guess + "'?");
  }
  if (head == "seed") {
    throw InputError(file, where, "the scenario seed cannot be swept: each case's seed derives from the sweep seed",
                     "set the sweep's top-level `seed:` instead");
  }
  // A dotted key names one key inside a section (strength.all). Whether `head` has sections is
  // the scenario loader's business: each case is loaded below, so a wrong one fails there too.
  if (dot != std::string::npos && (dot + 1 == key.size() || key.find('.', dot + 1) != std::string::npos)) {
    throw InputError(file, where, "a dotted key names one section and one key in it", "write e.g. strength.all");
  }
  if (dot == std::string::npos && (head == "strength" || head == "fatigue")) {
    throw InputError(file, where, "'" + head + "' is a section: name one key in it",
                     "write e.g. " + head + (head == "strength" ? ".all" : ".time_scale"));
  }
}

std::vector<std::string> scalar_list(const std::string& file, const std::string& where, const YAML::Node& node) {
  if (!node.IsSequence()) throw InputError(file, where, "an axis must be a list of values", "write it as [a, b, c]");
  if (node.size() == 0) throw InputError(file, where, "empty axis: it has no values", "give at least one value, e.g. [1.0]");
  std::vector<std::string> out;
  for (const auto& v : node) {
    if (!v.IsScalar()) throw InputError(file, where, "axis values must be plain numbers or words", "write it as [a, b, c]");
    out.push_back(v.Scalar());
  }
  return out;
}

void read_grid(YamlMap& axes, const std::string& file, std::vector<Axis>& out) {
  const YAML::Node grid = axes.raw("grid");
  if (!grid.IsMap()) throw InputError(file, "axes.grid", "expected a map of key: [values]", "write e.g. cadence_spm: [160, 170]");
  for (const auto& kv : grid) {
    const std::string key = kv.first.as<std::string>();
    const std::string where = "axes.grid." + key;
    check_scenario_key(file, where, key);
    Axis axis;
    axis.keys = {key};
    for (auto& v : scalar_list(file, where, kv.second)) axis.points.push_back({v});
    out.push_back(std::move(axis));
  }
}

void read_linked_group(const YAML::Node& group, const std::string& file, const std::string& where,
                       std::vector<Axis>& out) {
  if (!group.IsMap() || group.size() == 0) {
    throw InputError(file, where, "a linked group is a map of key: [values] of equal length",
                     "write e.g. {speed_mps: [3, 4], cadence_spm: [165, 175]}");
  }
  Axis axis;
  std::vector<std::vector<std::string>> columns;
  std::string first_key;
  for (const auto& kv : group) {
    const std::string key = kv.first.as<std::string>();
    check_scenario_key(file, where + "." + key, key);
    columns.push_back(scalar_list(file, where + "." + key, kv.second));
    if (axis.keys.empty()) first_key = key;
    if (columns.back().size() != columns.front().size()) {
      throw InputError(file, where + "." + key,
                       "conflicting linked-axis lengths: " + key + " has " + std::to_string(columns.back().size()) +
                           " values but " + first_key + " has " + std::to_string(columns.front().size()),
                       "give every key of a linked group the same number of values");
    }
    axis.keys.push_back(key);
  }
  for (std::size_t i = 0; i < columns.front().size(); ++i) {
    std::vector<std::string> point;
    for (const auto& column : columns) point.push_back(column[i]);
    axis.points.push_back(std::move(point));
  }
  out.push_back(std::move(axis));
}

void read_linked(YamlMap& axes, const std::string& file, std::vector<Axis>& out) {
  const YAML::Node linked = axes.raw("linked");
  if (linked.IsMap()) {
    read_linked_group(linked, file, "axes.linked", out);
    return;
  }
  if (!linked.IsSequence()) {
    throw InputError(file, "axes.linked", "expected a linked group or a list of them",
                     "write e.g. linked: {speed_mps: [3, 4], cadence_spm: [165, 175]}");
  }
  for (std::size_t i = 0; i < linked.size(); ++i) {
    read_linked_group(linked[i], file, "axes.linked[" + std::to_string(i) + "]", out);
  }
}

void read_sample(YamlMap& axes, const std::string& file, std::uint64_t sweep_seed, std::vector<Axis>& out) {
  YamlMap sample = axes.map("sample");
  const std::string method = sample.text("method", "latin_hypercube");
  if (method != "latin_hypercube" && method != "random") {
    sample.fail("method", "unknown sampling method '" + method + "'", "use latin_hypercube or random");
  }
  const double count = sample.number_in("count", 0.0, 1.0, 1e7);
  if (count != std::floor(count)) sample.fail("count", "the count must be a whole number", "give e.g. count: 20");
  // The sample's own seed defaults to one derived from the sweep seed.
  const double seed = sample.number_in("seed", static_cast<double>(case_seed(sweep_seed, 0x5a4d504cull)), 0.0,
                                       9007199254740992.0);
  if (seed != std::floor(seed)) sample.fail("seed", "the seed must be a whole number", "give e.g. seed: 7");
  const YAML::Node ranges = sample.raw("ranges");
  if (!ranges.IsMap() || ranges.size() == 0) {
    sample.fail("ranges", "expected a map of key: [low, high]", "write e.g. ranges: {strength.all: [0.6, 1.0]}");
  }
  Axis axis;
  std::vector<std::pair<double, double>> bounds;
  for (const auto& kv : ranges) {
    const std::string key = kv.first.as<std::string>();
    const std::string where = "axes.sample.ranges." + key;
    check_scenario_key(file, where, key);
    const auto v = kv.second;
    if (!v.IsSequence() || v.size() != 2 || !v[0].IsScalar() || !v[1].IsScalar() || !is_number(v[0].Scalar()) ||
        !is_number(v[1].Scalar())) {
      throw InputError(file, where, "a sample range is [low, high] in numbers", "write e.g. [0.6, 1.0]");
    }
    const double lo = std::stod(v[0].Scalar()), hi = std::stod(v[1].Scalar());
    if (!(lo < hi)) throw InputError(file, where, "the range's low end is not below its high end", "write [low, high]");
    axis.keys.push_back(key);
    bounds.emplace_back(lo, hi);
  }
  sample.finish();
  const auto n = static_cast<std::size_t>(count);
  const auto seed_value = static_cast<std::uint64_t>(seed);
  const std::vector<double> unit = method == "latin_hypercube" ? latin_hypercube(n, bounds.size(), seed_value)
                                                               : uniform_samples(n, bounds.size(), seed_value);
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::string> point;
    for (std::size_t d = 0; d < bounds.size(); ++d) {
      const auto [lo, hi] = bounds[d];
      point.push_back(format17(lo + (hi - lo) * unit[i * bounds.size() + d]));
    }
    axis.points.push_back(std::move(point));
  }
  out.push_back(std::move(axis));
}

// `set:` as key=value overrides; a section (strength: {all: 0.8}) becomes strength.all=0.8.
std::vector<std::string> read_set(const YAML::Node& set, const std::string& file) {
  if (!set.IsMap()) throw InputError(file, "set", "expected a map of scenario keys", "write e.g. set: {duration_s: 0.5}");
  std::vector<std::string> out;
  for (const auto& kv : set) {
    const std::string key = kv.first.as<std::string>();
    if (kv.second.IsMap()) {
      for (const auto& inner : kv.second) {
        const std::string dotted = key + "." + inner.first.as<std::string>();
        check_scenario_key(file, "set." + dotted, dotted);
        if (!inner.second.IsScalar()) throw InputError(file, "set." + dotted, "expected a single value", "write key: value");
        out.push_back(dotted + "=" + inner.second.Scalar());
      }
      continue;
    }
    check_scenario_key(file, "set." + key, key);
    if (!kv.second.IsScalar()) throw InputError(file, "set." + key, "expected a single value", "write key: value");
    out.push_back(key + "=" + kv.second.Scalar());
  }
  return out;
}

}  // namespace

std::uint64_t case_seed(std::uint64_t sweep_seed, std::size_t case_id) {
  // FNV-1a alone changes little between neighbouring ids ("7/1", "7/2"); one SplitMix64 step
  // spreads every input bit over the whole seed.
  SplitMix64 mix(fnv1a64(std::to_string(sweep_seed) + "/" + std::to_string(case_id)));
  return mix.next() & ((std::uint64_t{1} << 53) - 1);
}

std::vector<std::string> case_overrides(const Sweep& sweep, const SweepCase& c) {
  std::vector<std::string> out = sweep.common;
  for (std::size_t p = 0; p < sweep.params.size(); ++p) out.push_back(sweep.params[p].key + "=" + c.values[p]);
  out.push_back("seed=" + std::to_string(c.seed));
  return out;
}

Scenario case_scenario(const Sweep& sweep, const SweepCase& c) {
  return load_scenario_text(sweep.base_text, sweep.base_path, case_overrides(sweep, c));
}

Sweep load_sweep_file(const std::string& path, const std::vector<std::string>& overrides) {
  return load_sweep_text(read_text_file(path, "sweep"), path, overrides);
}

Sweep load_sweep_text(const std::string& yaml_text, const std::string& source, const std::vector<std::string>& overrides) {
  YAML::Node root = parse_yaml(yaml_text, source);
  if (!root.IsMap()) throw InputError(source, "", "a sweep file is a map with base: and axes:", "see docs/sweeps.md");
  YamlMap top(root, source, "");
  Sweep sweep;
  sweep.source = source;
  if (top.has("optimize")) {
    top.fail("optimize", "a sweep runs its cases; it cannot optimize each of them",
             "remove `optimize:`, and run `strider optimize` per case instead (docs/optimization.md)");
  }
  namespace fs = std::filesystem;
  fs::path base(top.text("base"));
  if (base.is_relative()) base = fs::path(source).parent_path() / base;
  sweep.base_path = base.lexically_normal().string();
  sweep.base_text = read_text_file(sweep.base_path, "base scenario");
  if (top.has("set")) sweep.common = read_set(YAML::Node(top.raw("set")), source);
  const double seed = top.number_in("seed", 1.0, 0.0, 9007199254740992.0);
  if (seed != std::floor(seed)) top.fail("seed", "the seed must be a whole number", "give e.g. seed: 7");
  sweep.seed = static_cast<std::uint64_t>(seed);
  sweep.case_timeout_s = top.number_in("case_timeout_s", 0.0, 0.0, 1e7);

  std::vector<Axis> axes;
  YamlMap axes_map = top.map("axes");
  if (axes_map.has("grid")) read_grid(axes_map, source, axes);
  if (axes_map.has("linked")) read_linked(axes_map, source, axes);
  if (axes_map.has("sample")) read_sample(axes_map, source, sweep.seed, axes);
  axes_map.finish({"grid", "linked", "sample"});
  top.finish();
  if (axes.empty()) top.fail("axes", "no axes: a sweep needs at least one", "add e.g. grid: {cadence_spm: [160, 180]}");

  // Command-line overrides go after `set:`; they may not set a swept key.
  for (const auto& axis : axes) {
    for (const auto& key : axis.keys) {
      for (const auto& p : sweep.params) {
        if (p.key == key) throw InputError(source, "axes", "'" + key + "' is swept twice", "name each key on one axis only");
      }
      sweep.params.push_back({key, true});
    }
  }
  for (const auto& o : overrides) {
    const std::string key = o.substr(0, o.find('='));
    if (key == "seed") {
      throw InputError("<command line>", key, "each case's seed derives from the sweep seed",
                       "set `seed:` in " + source);
    }
    for (const auto& p : sweep.params) {
      if (p.key == key) {
        throw InputError("<command line>", key, "'" + key + "' is swept by " + source + "; it cannot be overridden",
                         "remove the override or edit the sweep's axes");
      }
    }
    sweep.common.push_back(o);
  }

  // The cross product, last axis fastest.
  std::size_t total = 1;
  for (const auto& axis : axes) {
    if (total > 100'000'000 / axis.points.size()) {
      throw InputError(source, "axes", "more than 100 million cases", "split the sweep into several files");
    }
    total *= axis.points.size();
  }
  sweep.cases.resize(total);
  std::uint64_t hash = fnv1a64("strider-sweep-1");
  for (std::size_t id = 0; id < total; ++id) {
    SweepCase& c = sweep.cases[id];
    c.id = id;
    c.seed = case_seed(sweep.seed, id);
    std::size_t rest = id, stride = total;
    for (const auto& axis : axes) {
      stride /= axis.points.size();
      const auto& point = axis.points[rest / stride];
      rest %= stride;
      c.values.insert(c.values.end(), point.begin(), point.end());
    }
    // Loading every case checks its values now, before anything runs, and fingerprints it.
    Scenario scenario;
    try {
      scenario = case_scenario(sweep, c);
    } catch (const InputError& e) {
      std::string values;
      for (std::size_t p = 0; p < sweep.params.size(); ++p) values += (p ? ", " : "") + sweep.params[p].key + "=" + c.values[p];
      const std::string where = e.file() + (e.key().empty() ? "" : ": " + e.key());
      throw InputError(source, "case " + std::to_string(id) + " (" + values + ")", where + ": " + e.problem(),
                       e.fix().empty() ? "fix the axis value or the base scenario" : e.fix());
    }
    hash = fnv1a64(scenario.resolved_yaml, hash);
  }
  sweep.hash = hex64(hash);
  for (std::size_t p = 0; p < sweep.params.size(); ++p) {
    for (const auto& c : sweep.cases) {
      if (!is_number(c.values[p])) {
        sweep.params[p].numeric = false;
        break;
      }
    }
  }
  return sweep;
}

}  // namespace strider
