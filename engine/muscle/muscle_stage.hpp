#pragma once
// The muscle stage of a step, for every muscle of a model:
//   evaluate_muscles: (paths, activation, fibre state) => tendon forces, joint torques
//                     τ = Σ moment arm × tendon force, metabolic power
//   step_muscles:     (excitation, fatigue) => activation, fibre length, fatigue, energy at t + dt
#include <vector>

#include "model/model.hpp"
#include "muscle/fatigue.hpp"
#include "muscle/metabolics.hpp"

namespace strider {

struct State;
struct Workspace;

struct MuscleOptions {
  std::vector<double> strength;     // F_max multiplier per muscle (1 = as in the model)
  double fatigue_time_scale = 1.0;  // multiplies the fatigue and recovery rates F and R
  bool fatigue_enabled = true;
  RestRule rest_rule = RestRule::ZeroDemand;
  MetabolicModel metabolic_model = MetabolicModel::Umberger2010;
};

// Needs workspace paths (length, velocity, moment arms) for the current state.
void evaluate_muscles(const Model& model, const MuscleOptions& options, const State& state, Workspace& ws);

void step_muscles(const Model& model, const MuscleOptions& options, const Workspace& ws, double dt_s,
                  State& state);

// Fibre lengths in static equilibrium at the state's activation and the workspace's paths.
void equilibrate_fibers(const Model& model, const MuscleOptions& options, const Workspace& ws, State& state);

}  // namespace strider
