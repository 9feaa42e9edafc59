#pragma once
// A Hill-type muscle–tendon unit: contractile element with active force–length and
// force–velocity, a parallel elastic element and fibre damping, constant-thickness pennation,
// and a compliant or rigid tendon in series (curves: muscle/curves.hpp).
//
// Compliant tendon: the normalized fibre length is a state. Given it, the tendon force follows
// from the tendon's length; the fibre velocity is then found from the force balance along the
// tendon, tendon = (a·f_L·f_V(ṽ) + f_PE + β·ṽ)·cos α (the damped equilibrium of Millard et al.
// 2013, J Biomech Eng 135:021005, which keeps ṽ finite when a·f_L → 0).
// Rigid tendon: the fibre length follows from the path length.
#include <cstdint>

namespace strider {

struct MuscleTendonParameters {
  double max_isometric_force_n = 1000.0;
  double optimal_fiber_length_m = 0.1;
  double tendon_slack_length_m = 0.2;
  double pennation_at_optimal_rad = 0.0;
  double max_contraction_velocity_lopt_per_s = 10.0;  // De Groote 2016 (REFERENCES.md §5)
  double tendon_strain_at_max_force = 0.049;          // ε0, REFERENCES.md §5
  double fiber_damping = 0.1;                         // β, Millard et al. 2013
  double passive_fiber_strain = 0.6;                  // e0: fibre strain at which passive force is F_max
  bool rigid_tendon = false;
};

struct MuscleTendonOutput {
  double tendon_force_n = 0.0;        // force along the path (never negative)
  double fiber_length_m = 0.0;
  double fiber_velocity_mps = 0.0;    // along the fibre, negative when shortening
  double fiber_velocity_norm = 0.0;   // / (v_max · l_opt)
  double pennation_rad = 0.0;
  double active_fiber_force_n = 0.0;  // a·f_L·f_V·F_max, along the fibre
  double passive_fiber_force_n = 0.0; // (f_PE + β·ṽ)·F_max, along the fibre
  double force_length_multiplier = 0.0;
  double force_velocity_multiplier = 0.0;
  double fiber_length_rate_norm_per_s = 0.0;  // d(l_M / l_opt)/dt (compliant tendon)
  // Its partial derivatives (compliant tendon), for the implicit fibre step:
  double fiber_rate_per_fiber_length_per_s = 0.0;   // ∂(dl̃/dt)/∂l̃
  double fiber_rate_per_path_length_per_m_s = 0.0;  // ∂(dl̃/dt)/∂l_MT
};

// k_T for the parameters' tendon strain at F_max.
double tendon_stiffness(const MuscleTendonParameters& p);

// The unit's forces at a given path length and lengthening velocity. `max_force_n` is F_max
// after strength scaling; `fiber_length_norm` is the state (ignored with a rigid tendon).
MuscleTendonOutput muscle_tendon_forces(const MuscleTendonParameters& p, double max_force_n,
                                        double activation, double mtu_length_m,
                                        double mtu_velocity_mps, double fiber_length_norm);

// An estimate of the normalized fibre velocity from the path's lengthening velocity alone,
// giving the fibre its share of the unit's length, l_opt·cos α_opt / (l_opt·cos α_opt + l_slack)
// (a simple compliance split). Used where the fibre's own velocity is no guide to what an
// activation could do: static optimization and the controller's capacity estimate.
double fiber_velocity_norm_estimate(const MuscleTendonParameters& p, double mtu_velocity_mps);

// One step of the fibre-length state by a linearly implicit trapezoidal step, stable at a 1 ms
// step for stiff tendons: the rate at the mid-step path length (to first order) and the analytic
// Jacobian, both from `now`, the unit's forces at the step's start. Returns the new normalized
// fibre length. No force balance is solved, so a step costs one solve (the one for `now`).
double advance_fiber_length(const MuscleTendonParameters& p, const MuscleTendonOutput& now,
                            double fiber_length_norm, double mtu_velocity_mps, double dt_s);

// The same from the state alone: solves the balance at the step's start, then advances.
double step_fiber_length(const MuscleTendonParameters& p, double activation, double mtu_length_m,
                         double mtu_velocity_mps, double fiber_length_norm, double dt_s);

// The fibre length (normalized) at which the unit is in static equilibrium (ṽ = 0) for the
// given activation and path length: the initial state of a compliant tendon.
double equilibrium_fiber_length(const MuscleTendonParameters& p, double activation, double mtu_length_m);

// First-order activation dynamics (REFERENCES.md §5; Thelen 2003 / OpenSim form):
// da/dt = (u − a)/τ, τ = τ_act·(0.5 + 1.5a) when u > a, else τ_deact/(0.5 + 1.5a).
// Integrated exactly over dt with τ frozen at its value at the step's midpoint (estimated by a
// half step with the start's τ), second order in dt; a stays in [0, 1].
double step_activation(double excitation, double activation, double activation_time_s,
                       double deactivation_time_s, double dt_s);

}  // namespace strider
