#pragma once
// Muscle metabolic power. Two published models, selectable per run:
//  - Umberger, Gerritsen & Martin 2003 (Comput Methods Biomech Biomed Engin 6:99) as updated in
//    Umberger 2010 (J R Soc Interface 7:1329), with the change of Uchida et al. 2016
//    (PLoS ONE 11:e0150378) adopted here: a muscle's total rate is not allowed below zero.
//  - Bhargava, Pandy & Anderson 2004 (J Biomech 37:81).
// Whole-body power adds the basal rate, 1.2 W/kg (REFERENCES.md §8).
namespace strider {

enum class MetabolicModel { Umberger2010, Bhargava2004 };

inline constexpr double kBasalRateWPerKg = 1.2;

// Muscle mass from F_max and l_opt: (F_max / σ)·ρ·l_opt, σ = 0.25 MPa specific tension,
// ρ = 1059.7 kg/m³ (Umberger 2003; REFERENCES.md §8).
double muscle_mass_kg(double max_isometric_force_n, double optimal_fiber_length_m);

struct MetabolicInputs {
  double mass_kg = 0.0;
  double excitation = 0.0;
  double activation = 0.0;
  double slow_twitch_fraction = 0.5;
  double fiber_length_norm = 1.0;
  double fiber_velocity_mps = 0.0;       // negative when shortening
  double optimal_fiber_length_m = 0.1;
  double max_contraction_velocity_lopt_per_s = 10.0;
  double force_length_multiplier = 1.0;
  double active_fiber_force_n = 0.0;     // contractile element force
  double passive_fiber_force_n = 0.0;
};

struct MetabolicRates {
  double activation_maintenance_w = 0.0;  // activation + maintenance heat
  double shortening_lengthening_w = 0.0;  // shortening / lengthening heat
  double work_w = 0.0;                    // contractile element power, −F_CE·v_CE
  double total_w = 0.0;                   // sum, clamped at zero from below
};

MetabolicRates umberger2010(const MetabolicInputs& in);
MetabolicRates bhargava2004(const MetabolicInputs& in);
MetabolicRates metabolic_rates(MetabolicModel model, const MetabolicInputs& in);

}  // namespace strider
