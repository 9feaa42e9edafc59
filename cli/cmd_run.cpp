// strider run SCENARIO.yaml [-o OUT.h5] [key=value ...]
#include <spdlog/spdlog.h>

#include <filesystem>

#include "commands.hpp"
#include "sim/run.hpp"
#include "sim/scenario.hpp"

namespace strider::cli {

int run_command(const RunArgs& args) {
  const Scenario scenario = load_scenario_file(args.scenario, args.overrides);
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
