#include "sim/bench.hpp"

#include <algorithm>
#include <chrono>
#include <functional>
#include <memory>
#include <vector>

#include "core/error.hpp"
#include "core/number_text.hpp"
#include "model/model_loader.hpp"
#include "sim/fall.hpp"
#include "sim/run.hpp"
#include "sim/simulation.hpp"

namespace strider {

namespace {
// The median wall time of `repeats` timed runs of `steps` steps, after a warm-up.
double median_seconds(long steps, int repeats, const std::function<void()>& restart, const std::function<void()>& step) {
  auto timed_run = [&] {
    restart();
    const auto t0 = std::chrono::steady_clock::now();
    for (long i = 0; i < steps; ++i) step();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  timed_run();  // warm-up
  std::vector<double> seconds;
  for (int r = 0; r < repeats; ++r) seconds.push_back(timed_run());
  std::sort(seconds.begin(), seconds.end());
  return seconds[seconds.size() / 2];
}
}  // namespace

BenchResult bench_model(const std::string& model_name, double simulated_s, int repeats,
                        const std::string& controller, double dt) {
  const long steps = std::max(1L, static_cast<long>(simulated_s / dt));
  double median = 0.0;
  if (controller == "tracking") {
    const Scenario scenario = load_scenario_text(
        "model: " + model_name +
            "\ncontroller: tracking\nspeed_mps: 3.5\ncadence_spm: 170\nstart_clearance_m: 0.01\n" +
            "dt_s: " + format17(dt) + "\n",
        "<bench>");
    const auto model = load_scenario_model(scenario);
    ScenarioStart start = start_scenario(scenario, model);
    Simulation& sim = *start.sim;
    median = median_seconds(
        steps, repeats, [&] { sim.set_state(start.initial); },
        [&] {
          sim.evaluate();
          sim.control();
          if (has_fallen(*model, sim.ground(), sim.workspace())) {
            sim.set_state(start.initial);
            return;
          }
          sim.advance();
        });
  } else if (controller == "none") {
    auto model = std::make_shared<const Model>(load_model_file(resolve_model_path(model_name, ""), {70.0, 1.75}));
    Simulation sim(model, simulation_options(dt));
    const State start = standing_start_state(*model, sim.ground(), 0.0);
    const VecX excitation = VecX::Constant(static_cast<long>(model->muscles.size()), 0.2);
    median = median_seconds(
        steps, repeats,
        [&] {
          sim.set_state(start);
          sim.equilibrate_muscles();
          sim.set_excitations(excitation);
        },
        [&] {
          sim.step();
          if (has_fallen(*model, sim.ground(), sim.workspace())) {
            sim.set_state(start);
            sim.equilibrate_muscles();
            sim.set_excitations(excitation);
          }
        });
  } else {
    throw InputError("<command line>", "--controller", "unknown controller '" + controller + "'", "use tracking or none");
  }
  BenchResult out;
  out.model = model_name;
  out.controller = controller;
  out.dt_s = dt;
  out.repeats = repeats;
  out.real_time_factor = static_cast<double>(steps) * dt / median;
  out.step_us = median / static_cast<double>(steps) * 1e6;
  return out;
}

}  // namespace strider
