// strider run SCENARIO.yaml [-o OUT.h5] [--params FILE] [key=value ...]
#include <spdlog/spdlog.h>

#include <spdlog/fmt/ranges.h>

#include <filesystem>

#include "commands.hpp"
#include "core/error.hpp"
#include "optimize/optimize_spec.hpp"
#include "optimize/parameter_file.hpp"
#include "sim/run.hpp"
#include "sim/scenario.hpp"

namespace strider::cli {

int run_command(const RunArgs& args) {
  std::vector<std::string> overrides;
  if (!args.params.empty()) {
    const auto lines = read_parameter_file(args.params);
    overrides = best_value_overrides(lines);
    // Each parameter must be a key the optimizer could have freed and the scenario accepts;
    // errors name the parameter file's line.
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const std::string where = "line " + std::to_string(lines[i].line);
      if (is_fixed_parameter_key(lines[i].name)) {
        throw InputError(args.params, where, "'" + lines[i].name + "' cannot be set from a parameter file",
                         "remove the line; parameter files carry the free parameters of strider optimize");
      }
      try {
        load_scenario_file(args.scenario, {overrides[i]});
      } catch (const InputError& e) {
        throw InputError(args.params, where, lines[i].name + ": " + e.problem(), e.fix());
      }
    }
    spdlog::info("parameters from {}: {}", args.params, fmt::join(overrides, " "));
  }
  overrides.insert(overrides.end(), args.overrides.begin(), args.overrides.end());
  const Scenario scenario = load_scenario_file(args.scenario, overrides);
  std::string output = args.output;
  if (output.empty()) output = std::filesystem::path(args.scenario).stem().string() + ".h5";
  spdlog::info("running {} for {} s (dt {} s) -> {}", args.scenario, scenario.duration_s,
               scenario.dt_s, output);
  const auto model = load_scenario_model(scenario);
  warn_path_switches(*model);
  const RunResult result = run_scenario(scenario, model, output);
  spdlog::info("done: {} s simulated, {} samples, {:.2f} s wall time ({:.1f}x real time)",
               result.end_time_s, result.samples, result.wall_time_s,
               result.end_time_s / std::max(result.wall_time_s, 1e-9));
  if (result.fell) spdlog::warn("the body FELL at t = {:.3f} s; the run ended there", result.fall_time_s);
  return 0;
}

}  // namespace strider::cli
