#pragma once
// `strider optimize`: CMA-ES over a scenario's free parameters. Each generation's candidates
// are simulated in parallel on TBB threads (each with its own Simulation, State and Workspace,
// all sharing one Model); their fitness is the weighted objective of optimize/measures.hpp.
// After every generation the folder gets, atomically:
//   checkpoint.yaml   the optimizer state (--resume continues from it exactly)
//   parameters.txt    name, best, mean and spread per parameter (strider run --params)
//   history.csv       one row per generation
// and at the end best.h5, the best candidate's run with recording (from the scenario's own
// start).
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <tbb/task_arena.h>

#include "model/model.hpp"
#include "optimize/checkpoint.hpp"
#include "optimize/cmaes.hpp"
#include "optimize/optimize_spec.hpp"
#include "sim/scenario.hpp"

namespace strider {

struct OptimizeOptions {
  std::string dir;
  int threads = -1;                    // < 0: the section's (0 there: every core)
  int generations = -1;                // < 0: the section's
  std::optional<std::uint64_t> seed;   // the section's when unset
  bool resume = false;
  bool write_best_run = true;
};

struct GenerationReport {
  GenerationRecord record;
  int generation_limit = 0;
  double evaluations_per_s = 0.0;  // wall clock, this session
  double eta_s = 0.0;              // to the generation limit
};

struct CandidateResult {
  double fitness = 0.0;  // +inf when the simulation failed
  bool failed = false;
  std::string error;
  std::map<std::string, double> measures;
  double simulated_s = 0.0;  // summed over the starts
};

struct OptimizeOutcome {
  bool interrupted = false;     // SIGINT/SIGTERM: the last complete generation is checkpointed
  std::string stop_reason;
  int generations = 0;
  std::int64_t evaluations = 0;
  VecX best_x;
  double best_fitness = 0.0;
  CandidateResult best;         // the best candidate evaluated again (equal to its fitness)
  std::string best_run_path;    // empty when not written
};

// CMA-ES settings for the section's parameters (mean, spread, bounds), λ and seed.
CmaesSettings cmaes_settings(const OptimizeSpec& spec, int generations);

// One candidate's simulations, one per start (OptimizeSpec::starts), and its fitness: the mean
// of the starts' objectives. Its measures are the starts' means; a failed start fails it.
CandidateResult evaluate_candidate(const Scenario& base, const OptimizeSpec& spec, const VecX& x,
                                   const std::shared_ptr<const Model>& model);

// Every candidate's result, evaluated in parallel on the arena's threads (a stop request makes
// the remaining candidates throw Interrupted out of here). Results never depend on the threads.
std::vector<CandidateResult> evaluate_population(const Scenario& base, const OptimizeSpec& spec,
                                                 const std::vector<VecX>& candidates,
                                                 const std::shared_ptr<const Model>& model, tbb::task_arena& arena);

// Throws InputError for a bad section, a folder with another optimization in it (without
// --resume) or a checkpoint of a different problem.
OptimizeOutcome run_optimization(const Scenario& base, const OptimizeOptions& options,
                                 const std::function<void(const GenerationReport&)>& report = {});

}  // namespace strider
