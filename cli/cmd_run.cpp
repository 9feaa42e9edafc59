// strider run SCENARIO.yaml [-o OUT.h5] [--params FILE] [key=value ...]
#include <spdlog/spdlog.h>

#include <spdlog/fmt/ranges.h>

#include <filesystem>

#include "commands.hpp"
#include "optimize/parameter_file.hpp"
#include "sim/run.hpp"
#include "sim/scenario.hpp"

namespace strider::cli {

int run_command(const RunArgs& args) {
  std::vector<std::string> overrides;
  if (!args.params.empty()) {
    overrides = best_value_overrides(read_parameter_file(args.params));
    spdlog::info("parameters from {}: {}", args.params, fmt::join(overrides, " "));
  }
  overrides.insert(overrides.end(), args.overrides.begin(), args.overrides.end());
  const Scenario scenario = load_scenario_file(args.scenario, overrides);
  std::string output = args.output;
  if (output.empty()) output = std::filesystem::path(args.scenario).stem().string() + ".h5";
  spdlog::info("running {} for {} s (dt {} s) -> {}", args.scenario, scenario.duration_s,
               scenario.dt_s, output);
  const RunResult result = run_scenario(scenario, output);
  spdlog::info("done: {} s simulated, {} samples, {:.2f} s wall time ({:.1f}x real time)",
               result.end_time_s, result.samples, result.wall_time_s,
               result.end_time_s / std::max(result.wall_time_s, 1e-9));
  if (result.fell) spdlog::warn("the body FELL at t = {:.3f} s; the run ended there", result.fall_time_s);
  return 0;
}

}  // namespace strider::cli
