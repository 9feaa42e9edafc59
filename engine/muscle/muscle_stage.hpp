#pragma once
// The muscle stage of a step, for every muscle of a model:
//   evaluate_muscles: (paths, activation, fibre state) => tendon forces, joint torques
//                     τ = Σ moment arm × tendon force, metabolic power
//   step_muscles:     (excitation, fatigue) => activation, fibre length, fatigue, energy at t + dt
//   predict_tendon_force: one unit's force a short time ahead under a held excitation
#include <vector>

#include "model/model.hpp"
#include "muscle/fatigue.hpp"
#include "muscle/metabolics.hpp"
#include "muscle/muscle_tendon.hpp"

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

// The metabolic model's inputs for one muscle at an excitation and activation, from the unit's
// forces and fibre state at them (muscle_tendon_forces).
MetabolicInputs metabolic_inputs(const Muscle& muscle, double excitation, double activation,
                                 const MuscleTendonOutput& unit);

// A lone unit's tendon force `horizon_s` ahead, under an excitation held from now, with its path
// lengthening at its present velocity throughout: the integrators of step_muscles (activation
// capped by `capacity`, the fibre advanced by the same implicit step), sub-stepped at no more
// than `substep_s`. Fatigue is held. This is the lookahead of computed muscle control (Thelen,
// Anderson & Delp 2003, J Biomech 36:321), where forces at t + T bracket what an excitation can do:
// the force a controller can count on is not the one an activation would give at once, since
// activation and tendon lag the excitation by tens of milliseconds.
struct UnitNow {
  double activation = 0.0;
  double fiber_length_norm = 1.0;
  double mtu_length_m = 0.0;
  double mtu_velocity_mps = 0.0;  // lengthening
};
double predict_tendon_force(const Muscle& muscle, double max_force_n, double capacity, const UnitNow& now,
                            double excitation, double horizon_s, double substep_s);

// Fibre lengths in static equilibrium at the state's activation and the workspace's paths.
void equilibrate_fibers(const Model& model, const MuscleOptions& options, const Workspace& ws, State& state);

}  // namespace strider
