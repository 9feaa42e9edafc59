#pragma once
// The standard speed measurement behind `strider bench`: one thread, a warm-up, then the median
// of several timed runs of the simulation steps alone (no recording, no set-up).
//   - controller "tracking" (the default): the baseline run (scenarios/baseline.yaml's values,
//     its 0.25 ms step by default) with the model, restarted from its start whenever it falls,
//     so that every step pays for the controller and its muscle-distribution solve;
//   - controller "none": the body standing with every muscle excited at 0.2, restarted standing
//     whenever it falls.
// The cost of a step hardly depends on the pose.
#include <string>

namespace strider {

struct BenchResult {
  std::string model;
  std::string controller;
  double real_time_factor = 0.0;  // simulated seconds per wall-clock second (median)
  double step_us = 0.0;           // wall-clock microseconds per step (median)
  double dt_s = 0.0;
  int repeats = 0;
};

// The step of scenarios/baseline.yaml, which every running scenario inherits (docs/physics.md,
// "Step size for running").
inline constexpr double kBenchRunningStepS = 0.00025;

BenchResult bench_model(const std::string& model, double simulated_s, int repeats,
                        const std::string& controller = "tracking", double dt_s = kBenchRunningStepS);

}  // namespace strider
