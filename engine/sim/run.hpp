#pragma once
// Runs a scenario from start to end and writes its HDF5 file atomically.
#include <memory>
#include <string>

#include "core/error.hpp"
#include "model/model.hpp"
#include "sim/scenario.hpp"

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

}  // namespace strider
