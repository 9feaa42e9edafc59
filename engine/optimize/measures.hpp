#pragma once
// The measures an optimization objective weighs, accumulated step by step while a run goes
// (no recording, no allocation in the step), and the objective itself. Every measure is
// "lower is better"; docs/optimization.md defines each.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/math.hpp"
#include "optimize/step_counter.hpp"
#include "sim/run.hpp"
#include "sim/scenario.hpp"

namespace strider {

// The measure names, in the order used by files and tables.
const std::vector<std::string>& measure_names();

class MeasureObserver : public StepObserver {
 public:
  // `model` must outlive the observer.
  MeasureObserver(const Model& model, double dt_s);
  void on_step(std::int64_t step, const Simulation& sim) override;

  // The measures of a run that ended with `totals`, by name (measure_names()).
  std::map<std::string, double> measures(const Scenario& scenario, const RunTotals& totals) const;

 private:
  const Model& model_;
  double dt_s_;
  int torso_ = -1;
  std::array<int, 2> feet_{-1, -1};   // index into Workspace::feet of foot_r, foot_l
  StepCounter steps_;
  std::int64_t samples_ = 0;
  double trunk_rate_sq_sum_ = 0.0, torso_accel_sq_sum_ = 0.0, limit_torque_sum_ = 0.0;
  Vec3 last_torso_velocity_ = Vec3::Zero();
  bool has_last_velocity_ = false;
  // The centre of mass at the first and the latest step, and the ground's axes at the first.
  Vec3 first_com_m_ = Vec3::Zero(), last_com_m_ = Vec3::Zero();
  Vec3 forward_ = Vec3::UnitX(), sideways_ = Vec3::UnitY();
};

// Σ weight · measure over the weighted measures (weights by measure name).
double weighted_objective(const std::map<std::string, double>& weights, const std::map<std::string, double>& measures);

}  // namespace strider
