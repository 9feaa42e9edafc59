#pragma once
// Three-compartment muscle fatigue with rest recovery (3CC-r): Xia & Frey-Law 2008
// (J Biomech 41:3046, doi:10.1016/j.jbiomech.2008.07.013) with the rest-recovery multiplier of
// Looft, Herkert & Frey-Law 2018 (J Biomech 69:108). Fractions of the motor-unit pool:
// active M_A, resting M_R and fatigued M_F, with M_A + M_R + M_F = 1:
//   dM_A/dt = C − F·M_A,   dM_F/dt = F·M_A − R_eff·M_F,   M_R = 1 − M_A − M_F.
// C drives M_A toward the target load TL (REFERENCES.md §7). The capacity 1 − M_F limits the
// activation a muscle can reach.
namespace strider {

enum class RestRule {
  ZeroDemand,  // rest recovery (R·r) while the demand is zero (Looft et al. 2018's rest periods)
  DemandMet,   // rest recovery whenever M_A ≥ TL (as in MyoSuite's implementation)
};

struct FatigueParameters {
  double fatigue_rate_per_s = 0.01;       // F
  double recovery_rate_per_s = 0.002;     // R
  double rest_recovery_multiplier = 15.0; // r (Looft et al. 2018: r ≈ 15)
  double development_rate_per_s = 10.0;   // L_D (Xia & Frey-Law 2008)
  double relaxation_rate_per_s = 10.0;    // L_R (Xia & Frey-Law 2008)
  RestRule rest_rule = RestRule::ZeroDemand;
};

struct FatigueState {
  double active = 0.0;    // M_A
  double resting = 1.0;   // M_R
  double fatigued = 0.0;  // M_F
  double capacity() const { return 1.0 - fatigued; }
};

struct FatigueRates {
  double active_per_s = 0.0, resting_per_s = 0.0, fatigued_per_s = 0.0;
};

// Time derivatives at a state for target load TL ∈ [0, 1]. `time_scale` multiplies F and R
// (a documented device to compress a long run into a short simulation).
FatigueRates fatigue_rates(const FatigueParameters& p, const FatigueState& s, double target_load,
                           double time_scale = 1.0);

// One explicit-Euler step; keeps every compartment in [0, 1] and their sum exactly 1.
FatigueState step_fatigue(const FatigueParameters& p, const FatigueState& s, double target_load,
                          double time_scale, double dt_s);

}  // namespace strider
