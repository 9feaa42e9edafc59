#include "optimize/optimizer.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>

#include "core/error.hpp"
#include "core/hash.hpp"
#include "core/interrupt.hpp"
#include "core/number_text.hpp"
#include "core/threads.hpp"
#include "io/atomic_file.hpp"
#include "optimize/measures.hpp"
#include "optimize/parameter_file.hpp"
#include "sim/muscle_setup.hpp"
#include "sim/run.hpp"

namespace strider {

namespace {

namespace fs = std::filesystem;

void write_text(const std::string& path, const std::string& text) {
  write_atomically(path, [&](const std::string& temporary) {
    std::ofstream out(temporary, std::ios::binary);
    out << text;
    out.close();
    if (!out) throw std::runtime_error("cannot write " + temporary + " (disk full?)");
  });
}

std::string history_csv(const std::vector<GenerationRecord>& history) {
  std::string out = "generation,evaluations,best_fitness,mean_fitness,best_ever,sigma,failed\n";
  for (const auto& h : history) {
    out += std::to_string(h.generation) + "," + std::to_string(h.evaluations) + "," + format17(h.best_fitness) + "," +
           format17(h.mean_fitness) + "," + format17(h.best_ever) + "," + format17(h.sigma) + "," +
           std::to_string(h.failed) + "\n";
  }
  return out;
}

}  // namespace

CmaesSettings cmaes_settings(const OptimizeSpec& spec, int generations) {
  const long n = static_cast<long>(spec.parameters.size());
  CmaesSettings s;
  s.initial_mean.resize(n);
  s.initial_spread.resize(n);
  s.lower.resize(n);
  s.upper.resize(n);
  for (long i = 0; i < n; ++i) {
    const auto& p = spec.parameters[static_cast<std::size_t>(i)];
    s.initial_mean[i] = p.mean;
    s.initial_spread[i] = p.spread;
    s.lower[i] = p.lower;
    s.upper[i] = p.upper;
  }
  s.lambda = spec.lambda;
  s.seed = spec.seed;
  s.max_generations = generations;
  return s;
}

CandidateResult evaluate_candidate(const Scenario& base, const OptimizeSpec& spec, const VecX& x,
                                   const std::shared_ptr<const Model>& model) {
  // The mean over the starts of the objective and of each measure, in start order.
  const int starts = std::max(1, spec.starts);
  CandidateResult r;
  double fitness_sum = 0.0;
  for (int start = 0; start < starts; ++start) {
    const Scenario scenario = candidate_scenario(base, spec, x, start);
    MeasureObserver observer(*model, scenario.dt_s);
    try {
      const RunTotals totals = simulate_scenario(scenario, model, {}, &observer);
      const std::map<std::string, double> measures = observer.measures(scenario, totals);
      for (const auto& [name, value] : measures) r.measures[name] += value / starts;
      fitness_sum += weighted_objective(spec.weights, measures);
      r.simulated_s += totals.result.end_time_s;
    } catch (const SimulationError& e) {
      r.failed = true;
      r.error = starts > 1 ? "start " + std::to_string(start) + ": " + e.what() : e.what();
      break;
    }
  }
  r.fitness = fitness_sum / starts;
  if (!r.failed && !std::isfinite(r.fitness)) {
    r.failed = true;
    r.error = "the objective is not finite";
  }
  if (r.failed) r.fitness = std::numeric_limits<double>::infinity();
  return r;
}

std::vector<CandidateResult> evaluate_population(const Scenario& base, const OptimizeSpec& spec,
                                                 const std::vector<VecX>& candidates,
                                                 const std::shared_ptr<const Model>& model, tbb::task_arena& arena) {
  std::vector<CandidateResult> results(candidates.size());
  std::atomic<bool> stopped{false};
  arena.execute([&] {
    tbb::parallel_for(tbb::blocked_range<std::size_t>(0, candidates.size(), 1),
                      [&](const tbb::blocked_range<std::size_t>& range) {
                        for (std::size_t k = range.begin(); k != range.end(); ++k) {
                          if (stopped.load()) return;
                          try {
                            results[k] = evaluate_candidate(base, spec, candidates[k], model);
                          } catch (const Interrupted&) {
                            stopped.store(true);
                          }
                        }
                      });
  });
  if (stopped.load() || interrupt_requested()) throw Interrupted("optimization interrupted");
  return results;
}

OptimizeOutcome run_optimization(const Scenario& base, const OptimizeOptions& options,
                                 const std::function<void(const GenerationReport&)>& report) {
  OptimizeSpec spec = read_optimize_spec(base);
  if (options.seed) spec.seed = *options.seed;
  const int generation_limit = options.generations >= 0 ? options.generations : spec.generations;
  if (generation_limit < 1) throw InputError("<command line>", "--generations", "must be at least 1");
  const int threads_wanted = options.threads >= 0 ? options.threads : spec.threads;
  const int threads = threads_wanted > 0 ? threads_wanted : default_thread_count();

  std::error_code ec;
  fs::create_directories(options.dir, ec);
  if (!fs::is_directory(options.dir)) {
    throw InputError("<command line>", "-o", "cannot create the output folder '" + options.dir + "'", "choose a writable path");
  }
  const std::string checkpoint_path = (fs::path(options.dir) / "checkpoint.yaml").string();
  const std::string parameters_path = (fs::path(options.dir) / "parameters.txt").string();
  const std::string history_path = (fs::path(options.dir) / "history.csv").string();
  const std::string best_path = (fs::path(options.dir) / "best.h5").string();

  Cmaes es(cmaes_settings(spec, generation_limit));
  Checkpoint checkpoint;
  checkpoint.scenario_hash = hex64(fnv1a64(problem_fingerprint(base, spec)));
  for (const auto& p : spec.parameters) checkpoint.names.push_back(p.key);
  checkpoint.lambda = es.lambda();
  checkpoint.seed = spec.seed;
  if (fs::exists(checkpoint_path)) {
    if (!options.resume) {
      throw InputError(checkpoint_path, "", "this folder holds an optimization already",
                       "continue it with --resume, or choose another folder with -o");
    }
    const Checkpoint saved = read_checkpoint(checkpoint_path);
    if (saved.scenario_hash != checkpoint.scenario_hash || saved.names != checkpoint.names ||
        saved.lambda != checkpoint.lambda || saved.seed != checkpoint.seed) {
      throw InputError(checkpoint_path, "scenario_hash",
                       "the checkpoint belongs to a different problem (scenario, parameters, weights, lambda or seed changed)",
                       "resume with the same scenario and seed, or start again in another folder");
    }
    es.restore(saved.state);
    checkpoint = saved;
  }

  const std::shared_ptr<const Model> model = load_scenario_model(base);
  // Keys the scenario text accepts can still name something the model lacks (strength.<group>):
  // check the initial mean against the model now, not in generation 1.
  try {
    muscle_options(candidate_scenario(base, spec, es.mean()), *model);
  } catch (const InputError& e) {
    throw InputError(base.source, "optimize.parameters", "a free parameter does not fit the model: " + e.key() + ": " + e.problem(),
                     e.fix().empty() ? "name keys the model has" : e.fix());
  }
  tbb::task_arena arena(threads);
  OptimizeOutcome outcome;
  const auto start = std::chrono::steady_clock::now();
  std::int64_t evaluated_now = 0;
  while (es.stop_reason().empty()) {
    const std::vector<VecX>& candidates = es.ask();
    std::vector<CandidateResult> results;
    try {
      results = evaluate_population(base, spec, candidates, model, arena);
    } catch (const Interrupted&) {
      outcome.interrupted = true;
      break;
    }
    std::vector<double> fitness;
    GenerationRecord record;
    double sum = 0.0;
    int finite = 0;
    for (const auto& r : results) {
      fitness.push_back(r.fitness);
      record.failed += r.failed ? 1 : 0;
      if (std::isfinite(r.fitness)) sum += r.fitness, ++finite;
    }
    es.tell(fitness);
    evaluated_now += static_cast<std::int64_t>(candidates.size());
    const CmaesState& state = es.state();
    record.generation = state.generation;
    record.evaluations = state.evaluations;
    record.best_fitness = state.best_history.back();
    record.mean_fitness = finite > 0 ? sum / finite : std::numeric_limits<double>::infinity();
    record.best_ever = state.has_best ? state.best_fitness : std::numeric_limits<double>::infinity();
    record.sigma = state.sigma;
    checkpoint.state = state;
    checkpoint.history.push_back(record);

    std::vector<ParameterLine> lines;
    const VecX mean = es.mean(), spread = es.spread();
    for (std::size_t i = 0; i < spec.parameters.size(); ++i) {
      const long li = static_cast<long>(i);
      lines.push_back({spec.parameters[i].key, state.best_x[li], mean[li], spread[li]});
    }
    const std::string stop = es.stop_reason();
    write_text(parameters_path,
               format_parameter_file({"strider optimize: " + base.source,
                                      "generation " + std::to_string(state.generation) + ", " +
                                          std::to_string(state.evaluations) + " evaluations, best fitness " +
                                          format17(record.best_ever) + (stop.empty() ? "" : " (stopped: " + stop + ")"),
                                      "replay: strider run " + base.source + " --params " + parameters_path},
                                     lines));
    write_text(history_path, history_csv(checkpoint.history));
    write_text(checkpoint_path, format_checkpoint(checkpoint));  // last: the others are never behind it

    if (report) {
      GenerationReport g;
      g.record = record;
      g.generation_limit = generation_limit;
      const double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      g.evaluations_per_s = wall > 0.0 ? static_cast<double>(evaluated_now) / wall : 0.0;
      const double left = static_cast<double>(generation_limit - state.generation) * es.lambda();
      g.eta_s = g.evaluations_per_s > 0.0 ? left / g.evaluations_per_s : 0.0;
      report(g);
    }
  }
  const CmaesState& state = es.state();
  outcome.stop_reason = outcome.interrupted ? "interrupted" : es.stop_reason();
  outcome.generations = state.generation;
  outcome.evaluations = state.evaluations;
  outcome.best_x = state.best_x;
  outcome.best_fitness = state.best_fitness;
  if (!outcome.interrupted && state.has_best) {
    outcome.best = evaluate_candidate(base, spec, state.best_x, model);
    if (options.write_best_run) {
      run_scenario(candidate_scenario(base, spec, state.best_x), best_path);
      outcome.best_run_path = best_path;
    }
  }
  return outcome;
}

}  // namespace strider
