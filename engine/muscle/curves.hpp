#pragma once
// Muscle–tendon curves of De Groote, Kinney, Rao & Fregly 2016 ("Evaluation of direct collocation
// optimal control problem formulations for solving the muscle redundancy problem", Ann Biomed
// Eng 44:2922, doi:10.1007/s10439-016-1591-9), with the constants of OpenSim's
// DeGrooteFregly2016Muscle (REFERENCES.md §5). Pure functions of normalized quantities:
// fibre length / l_opt, fibre velocity / v_max (negative = shortening), tendon length / l_slack.
namespace strider::degroote2016 {

// Active force–length multiplier: a sum of three Gaussian-like terms; 1 at l̃ = 1.
double active_force_length(double fiber_length_norm);
// Its derivative with respect to l̃.
double active_force_length_slope(double fiber_length_norm);
// Force–velocity multiplier: ≈ 0 at ṽ = −1, 1 at ṽ = 0, ≈ 1.79 at ṽ = +1; defined for all ṽ.
double force_velocity(double fiber_velocity_norm);
// Its inverse: the normalized velocity at which force_velocity returns `multiplier`.
double force_velocity_inverse(double multiplier);
// Derivative of force_velocity with respect to ṽ.
double force_velocity_slope(double fiber_velocity_norm);
// Both at once (one square root): returns force_velocity(ṽ) and sets `slope`.
double force_velocity_and_slope(double fiber_velocity_norm, double& slope);
// Passive fibre force: 0 at l̃ = 0.2, 1 at l̃ = 1 + e0 (k_PE = 4; e0 = `strain`, 0.6 in the paper
// and OpenSim's default, kPassiveFiberStrain).
inline constexpr double kPassiveFiberStrain = 0.6;
double passive_force_length(double fiber_length_norm, double strain = kPassiveFiberStrain);
// Its derivative with respect to l̃.
double passive_force_length_slope(double fiber_length_norm, double strain = kPassiveFiberStrain);
// Tendon force / F_max at tendon length / l_slack; zero when slack. c1 = 0.2, c2 = 1, c3 = 0.2.
double tendon_force_length(double tendon_length_norm, double tendon_stiffness);
// Derivative of tendon_force_length with respect to the normalized tendon length.
double tendon_force_length_slope(double tendon_length_norm, double tendon_stiffness);
// Normalized tendon length at which the tendon carries `force_norm` (≥ 0).
double tendon_length_for_force(double force_norm, double tendon_stiffness);
// k_T = ln((1 + c3) / c1) / (1 + ε0 − c2): the stiffness whose strain at F_max is ε0.
double tendon_stiffness_for_strain(double strain_at_max_force);

}  // namespace strider::degroote2016
