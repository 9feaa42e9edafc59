// strider optimize SCENARIO.yaml [-o DIR] [--threads N] [--generations G] [--seed S] [--resume] [key=value ...]
#include <spdlog/spdlog.h>

#include <cmath>
#include <filesystem>

#include "commands.hpp"
#include "core/error.hpp"
#include "optimize/optimizer.hpp"
#include "sim/scenario.hpp"

namespace strider::cli {

namespace {
std::string duration_text(double s) {
  if (!std::isfinite(s) || s < 0.0) return "?";
  const long total = std::lround(s);
  if (total >= 3600) return fmt::format("{}h{:02}m", total / 3600, (total % 3600) / 60);
  if (total >= 60) return fmt::format("{}m{:02}s", total / 60, total % 60);
  return fmt::format("{}s", total);
}
}  // namespace

int optimize_command(const OptimizeArgs& args) {
  const Scenario scenario = load_scenario_file(args.scenario, args.overrides);
  OptimizeOptions options;
  options.dir = args.output.empty() ? std::filesystem::path(args.scenario).stem().string() + "-optimize" : args.output;
  options.threads = args.threads;
  options.generations = args.generations;
  if (args.seed >= 0) options.seed = static_cast<std::uint64_t>(args.seed);
  options.resume = args.resume;
  spdlog::info("optimizing {} -> {}/", args.scenario, options.dir);
  warn_path_switches(scenario);
  const OptimizeOutcome outcome = run_optimization(scenario, options, [](const GenerationReport& g) {
    const auto& r = g.record;
    spdlog::info("generation {}/{}: best {:.6g} (so far {:.6g}), mean {:.6g}, sigma {:.3g}{}, {:.1f} evaluations/s, ETA {}",
                 r.generation, g.generation_limit, r.best_fitness, r.best_ever, r.mean_fitness, r.sigma,
                 r.failed > 0 ? fmt::format(", {} failed", r.failed) : std::string(), g.evaluations_per_s,
                 duration_text(g.eta_s));
  });
  if (outcome.interrupted) {
    spdlog::warn("optimization stopped after generation {}; its checkpoint is in {}/; continue with --resume",
                 outcome.generations, options.dir);
    return 130;
  }
  spdlog::info("stopped ({}) after {} generations, {} evaluations; best fitness {:.6g}", outcome.stop_reason,
               outcome.generations, outcome.evaluations, outcome.best_fitness);
  for (const auto& [name, value] : outcome.best.measures) spdlog::info("  best {}: {:.6g}", name, value);
  if (!outcome.best_run_path.empty()) {
    spdlog::info("best run: {}; parameters: {}/parameters.txt", outcome.best_run_path, options.dir);
  }
  return 0;
}

}  // namespace strider::cli
