#pragma once
// The standard speed measurement behind `strider bench`: one thread, a warm-up, then the median
// of several timed runs. Until the running controller exists the standard run is the body
// standing with every muscle excited at 0.2, restarted standing whenever it falls (the cost of
// a step hardly depends on the pose).
#include <string>

namespace strider {

struct BenchResult {
  std::string model;
  double real_time_factor = 0.0;  // simulated seconds per wall-clock second (median)
  double step_us = 0.0;           // wall-clock microseconds per step (median)
  double dt_s = 0.0;
  int repeats = 0;
};

BenchResult bench_model(const std::string& model, double simulated_s, int repeats);

}  // namespace strider
