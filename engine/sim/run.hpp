#pragma once
// Runs a scenario from start to end and writes its HDF5 file atomically.
#include <cstdint>
#include <memory>
#include <string>

#include "core/error.hpp"
#include "model/model.hpp"
#include "sim/scenario.hpp"
#include "sim/simulation.hpp"

namespace strider {

// The model a scenario asks for, scaled to its body mass and height.
std::shared_ptr<const Model> load_scenario_model(const Scenario& scenario);

struct RunResult {
  double end_time_s = 0.0;
  bool fell = false;
  double fall_time_s = 0.0;
  std::size_t samples = 0;
  double wall_time_s = 0.0;
};

// Limits a caller (a sweep) puts on one run.
struct RunLimits {
  double wall_time_limit_s = 0.0;  // wall-clock time after which the run stops; 0: no limit
};

// A run stopped by RunLimits::wall_time_limit_s.
class RunTimedOut : public SimulationError {
 public:
  using SimulationError::SimulationError;
};

// Throws InputError for bad input, SimulationError when the run diverges and RunTimedOut when it
// passes its wall-time limit; in every case no output file is left behind.
RunResult run_scenario(const Scenario& scenario, const std::string& output_path, const RunLimits& limits = {});
// The same on a model already loaded (the one load_scenario_model gives for the scenario).
RunResult run_scenario(const Scenario& scenario, const std::shared_ptr<const Model>& model,
                       const std::string& output_path, const RunLimits& limits = {});

// Sees every step of a run, after the loads are evaluated and the controller has acted.
class StepObserver {
 public:
  virtual ~StepObserver() = default;
  virtual void on_step(std::int64_t step, const Simulation& sim) = 0;
};

// What a whole run adds up to (besides what observers collect).
struct RunTotals {
  RunResult result;
  double distance_m = 0.0;         // centre-of-mass travel along the ground
  double metabolic_energy_j = 0.0; // basal included
  double basal_energy_j = 0.0;
  double body_mass_kg = 0.0;
  double min_capacity = 1.0;       // lowest 1 − M_F over the muscles at the end
};

// A scenario's simulation at its start: the controller attached, the initial state set and the
// muscles in equilibrium. `initial` is that state; restoring it restarts the run exactly.
struct ScenarioStart {
  std::unique_ptr<Simulation> sim;
  State initial;
  std::shared_ptr<Controller> controller;  // null for controller: none
};
ScenarioStart start_scenario(const Scenario& scenario, const std::shared_ptr<const Model>& model);

// The run of run_scenario without any output: the scenario on `model` (which must be the one
// load_scenario_model gives for it, shareable between threads), from the start to the end or a
// fall, calling `observer` (if any) at every step. Throws like run_scenario.
RunTotals simulate_scenario(const Scenario& scenario, const std::shared_ptr<const Model>& model,
                            const RunLimits& limits = {}, StepObserver* observer = nullptr);

}  // namespace strider
