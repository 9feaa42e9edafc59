#pragma once
// The `optimize:` section of a scenario: the free parameters (scenario keys, each with an
// initial mean, spread and bounds), the objective's weights, and the optimizer's settings.
// docs/optimization.md documents the keys.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/math.hpp"
#include "sim/scenario.hpp"

namespace strider {

struct FreeParameter {
  std::string key;  // a numeric scenario key path: cadence_spm, tracking.stance_knee_kp
  double mean = 0.0, spread = 0.0, lower = 0.0, upper = 0.0;
};

// A scenario key that differs between the starts a candidate is scored on: uniform within
// ± half_width of the scenario's value.
struct StartVariation {
  std::string key;  // a top-level numeric scenario key: start_clearance_m, speed_mps, ...
  double half_width = 0.0;
};

struct OptimizeSpec {
  std::vector<FreeParameter> parameters;
  std::map<std::string, double> weights;  // by measure name (optimize/measures.hpp)
  int lambda = 0;                          // 0: CMA-ES's default 4 + floor(3 ln n)
  int generations = 20;
  std::uint64_t seed = 1;
  int threads = 0;                         // 0: every core
  // Robust scoring (`starts:`): each candidate runs from `starts` starts and scores the mean
  // objective. Start 0 is the scenario itself; the next `count` − 1 vary the keys of `vary`, drawn
  // once from `starts_seed` (the same starts for every candidate and generation); then one start
  // per entry of `cases`, other conditions from the scenario's own start. `starts` counts them all.
  int starts = 1;
  std::uint64_t starts_seed = 1;
  std::vector<StartVariation> vary;
  std::vector<std::vector<std::string>> cases;  // per case: key=value (arm_swing=held_behind_back)
  std::vector<std::vector<std::string>> start_overrides;  // per start: key=value (start 0: none)
};

// Keys that cannot be free parameters: they change the shared model (model, body_mass_kg,
// body_height_m), are set by the optimizer (seed), are words (controller, arm_swing,
// metabolics, fatigue.rest_rule, fatigue.enabled), constrain each other (dt_s, record_hz), or
// are the section itself.
bool is_fixed_parameter_key(const std::string& key);

// Reads and checks scenario.optimize_yaml. Each parameter is tried at its bounds on the
// scenario, so a bound the scenario would reject fails here, before anything runs. Throws
// InputError naming the scenario file and the key path (optimize.parameters.<key>.min ...).
OptimizeSpec read_optimize_spec(const Scenario& scenario);

// key=value overrides that set the parameters to x (17 significant digits).
std::vector<std::string> parameter_overrides(const OptimizeSpec& spec, const VecX& x);

// The base scenario with the parameters set to x, from start `start` (0: the scenario's own).
// (The simulation has no noise, so every candidate keeps the base's seed, and a replay of
// start 0 with the parameter file is exact.)
Scenario candidate_scenario(const Scenario& base, const OptimizeSpec& spec, const VecX& x, int start = 0);

// Text that identifies what an optimization searches: the scenario and the section's
// parameters, weights, starts, λ and seed (not its generation limit or threads). Checkpoints store
// its hash, so --resume refuses a changed problem.
std::string problem_fingerprint(const Scenario& base, const OptimizeSpec& spec);

}  // namespace strider
