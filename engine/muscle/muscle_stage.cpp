#include "muscle/muscle_stage.hpp"

#include <algorithm>
#include <cmath>

#include "muscle/muscle_tendon.hpp"
#include "sim/state.hpp"
#include "sim/workspace.hpp"

namespace strider {

namespace {
double strength_of(const MuscleOptions& options, std::size_t m) {
  return m < options.strength.size() ? options.strength[m] : 1.0;
}
}  // namespace

MetabolicInputs metabolic_inputs(const Muscle& muscle, double excitation, double activation,
                                 const MuscleTendonOutput& unit) {
  MetabolicInputs in;
  in.mass_kg = muscle.mass_kg;
  in.excitation = excitation;
  in.activation = activation;
  in.slow_twitch_fraction = muscle.slow_twitch_fraction;
  in.fiber_length_norm = unit.fiber_length_m / muscle.mtu.optimal_fiber_length_m;
  in.fiber_velocity_mps = unit.fiber_velocity_mps;
  in.optimal_fiber_length_m = muscle.mtu.optimal_fiber_length_m;
  in.max_contraction_velocity_lopt_per_s = muscle.mtu.max_contraction_velocity_lopt_per_s;
  in.force_length_multiplier = unit.force_length_multiplier;
  in.active_fiber_force_n = unit.active_fiber_force_n;
  in.passive_fiber_force_n = unit.passive_fiber_force_n;
  return in;
}

void evaluate_muscles(const Model& model, const MuscleOptions& options, const State& state, Workspace& ws) {
  ws.muscle_torque_nm.setZero();
  ws.metabolic_power_w = kBasalRateWPerKg * model.total_mass_kg();
  for (std::size_t m = 0; m < model.muscles.size(); ++m) {
    const Muscle& muscle = model.muscles[m];
    const long i = static_cast<long>(m);
    const double max_force = muscle.mtu.max_isometric_force_n * strength_of(options, m);
    MuscleTendonOutput& out = ws.muscle[m];
    out = muscle_tendon_forces(muscle.mtu, max_force, state.activation[i], ws.muscle_length_m[i],
                               ws.muscle_velocity_mps[i], state.fiber_length_norm[i]);
    for (int c : muscle.crossed_coordinates) ws.muscle_torque_nm[c] += ws.moment_arm_m(i, c) * out.tendon_force_n;

    ws.metabolic[m] = metabolic_rates(options.metabolic_model,
                                      metabolic_inputs(muscle, state.excitation[i], state.activation[i], out));
    ws.metabolic_power_w += ws.metabolic[m].total_w;
  }
}

void step_muscles(const Model& model, const MuscleOptions& options, const Workspace& ws, double dt_s,
                  State& state) {
  for (std::size_t m = 0; m < model.muscles.size(); ++m) {
    const Muscle& muscle = model.muscles[m];
    const long i = static_cast<long>(m);
    const double demand = std::clamp(state.excitation[i], 0.0, 1.0);
    // ws.muscle[m] holds the unit at the step's start (evaluate_muscles), with the same state.
    state.fiber_length_norm[i] = advance_fiber_length(muscle.mtu, ws.muscle[m], state.fiber_length_norm[i],
                                                      ws.muscle_velocity_mps[i], dt_s);
    // The remaining capacity 1 − M_F caps what the activation can reach.
    const double capacity = 1.0 - state.fatigue_fatigued[i];
    state.activation[i] = step_activation(std::min(demand, capacity), state.activation[i],
                                          muscle.activation_time_s, muscle.deactivation_time_s, dt_s);
    if (options.fatigue_enabled) {
      FatigueParameters p = muscle.fatigue;
      p.rest_rule = options.rest_rule;
      const FatigueState now{state.fatigue_active[i], state.fatigue_resting[i], state.fatigue_fatigued[i]};
      const FatigueState next = step_fatigue(p, now, demand, options.fatigue_time_scale, dt_s);
      state.fatigue_active[i] = next.active;
      state.fatigue_resting[i] = next.resting;
      state.fatigue_fatigued[i] = next.fatigued;
    }
  }
  state.metabolic_energy_j += ws.metabolic_power_w * dt_s;
}

double predict_tendon_force(const Muscle& muscle, double max_force_n, double capacity, const UnitNow& now,
                            double excitation, double horizon_s, double substep_s) {
  const int steps = horizon_s > 0.0 ? std::max(1, static_cast<int>(std::ceil(horizon_s / substep_s - 1e-9))) : 0;
  const double dt = steps > 0 ? horizon_s / steps : 0.0;
  const double demand = std::min(std::clamp(excitation, 0.0, 1.0), capacity);
  double activation = now.activation, fiber = now.fiber_length_norm, length = now.mtu_length_m;
  for (int k = 0; k < steps; ++k) {
    const MuscleTendonOutput out =
        muscle_tendon_forces(muscle.mtu, max_force_n, activation, length, now.mtu_velocity_mps, fiber);
    fiber = advance_fiber_length(muscle.mtu, out, fiber, now.mtu_velocity_mps, dt);
    activation = step_activation(demand, activation, muscle.activation_time_s, muscle.deactivation_time_s, dt);
    length += now.mtu_velocity_mps * dt;
  }
  return muscle_tendon_forces(muscle.mtu, max_force_n, activation, length, now.mtu_velocity_mps, fiber).tendon_force_n;
}

void equilibrate_fibers(const Model& model, const MuscleOptions& /*options*/, const Workspace& ws, State& state) {
  for (std::size_t m = 0; m < model.muscles.size(); ++m) {
    const long i = static_cast<long>(m);
    state.fiber_length_norm[i] =
        equilibrium_fiber_length(model.muscles[m].mtu, state.activation[i], ws.muscle_length_m[i]);
  }
}

}  // namespace strider
