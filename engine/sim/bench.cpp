#include "sim/bench.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <vector>

#include "model/model_loader.hpp"
#include "sim/fall.hpp"
#include "sim/simulation.hpp"

namespace strider {

BenchResult bench_model(const std::string& model_name, double simulated_s, int repeats) {
  auto model = std::make_shared<const Model>(load_model_file(resolve_model_path(model_name, ""), {70.0, 1.75}));
  const double dt = 0.001;
  Simulation sim(model, simulation_options(dt));
  const State start = standing_start_state(*model, sim.ground(), 0.0);
  const VecX excitation = VecX::Constant(static_cast<long>(model->muscles.size()), 0.2);
  auto restart = [&] {
    sim.set_state(start);
    sim.equilibrate_muscles();
    sim.set_excitations(excitation);
  };
  const long steps = std::max(1L, static_cast<long>(simulated_s / dt));
  auto timed_run = [&] {
    restart();
    const auto t0 = std::chrono::steady_clock::now();
    for (long i = 0; i < steps; ++i) {
      sim.step();
      if (has_fallen(*model, sim.ground(), sim.workspace())) restart();
    }
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  };
  timed_run();  // warm-up
  std::vector<double> seconds;
  for (int r = 0; r < repeats; ++r) seconds.push_back(timed_run());
  std::sort(seconds.begin(), seconds.end());
  const double median = seconds[seconds.size() / 2];
  BenchResult out;
  out.model = model_name;
  out.dt_s = dt;
  out.repeats = repeats;
  out.real_time_factor = static_cast<double>(steps) * dt / median;
  out.step_us = median / static_cast<double>(steps) * 1e6;
  return out;
}

}  // namespace strider
