#pragma once
// Runs a scenario from start to end and writes its HDF5 file atomically.
#include <memory>
#include <string>

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

// Throws InputError for bad input and SimulationError when the run diverges; in both cases no
// output file is left behind.
RunResult run_scenario(const Scenario& scenario, const std::string& output_path);

}  // namespace strider
