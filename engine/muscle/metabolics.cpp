#include "muscle/metabolics.hpp"

#include <algorithm>
#include <cmath>

namespace strider {

namespace {
constexpr double kSpecificTensionPa = 0.25e6;  // Umberger 2003
constexpr double kMuscleDensity = 1059.7;      // kg/m³, Umberger 2003
constexpr double kAerobicScale = 1.5;          // S, Umberger 2003
constexpr double kPi = 3.14159265358979323846;

MetabolicRates finish(MetabolicRates r) {
  r.total_w = std::max(0.0, r.activation_maintenance_w + r.shortening_lengthening_w + r.work_w);
  return r;
}
}  // namespace

double muscle_mass_kg(double max_isometric_force_n, double optimal_fiber_length_m) {
  return max_isometric_force_n / kSpecificTensionPa * kMuscleDensity * optimal_fiber_length_m;
}

MetabolicRates umberger2010(const MetabolicInputs& in) {
  const double u = std::clamp(in.excitation, 0.0, 1.0);
  const double a = std::clamp(in.activation, 0.0, 1.0);
  const double A = u > a ? u : 0.5 * (u + a);
  const double fast = 1.0 - in.slow_twitch_fraction;
  const double stretched = in.fiber_length_norm > 1.0;
  MetabolicRates r;
  // Activation and maintenance heat, W/kg: 128·(fast fraction) + 25, at A^0.6.
  double h_am = (128.0 * fast + 25.0) * std::pow(A, 0.6) * kAerobicScale;
  if (stretched) h_am *= 0.4 + 0.6 * in.force_length_multiplier;
  // Shortening (v < 0) and lengthening heat, velocities in l_opt/s.
  const double v = in.fiber_velocity_mps / in.optimal_fiber_length_m;
  const double v_max_fast = in.max_contraction_velocity_lopt_per_s;
  const double v_max_slow = v_max_fast / 2.5;
  const double alpha_slow = 100.0 / v_max_slow;
  const double alpha_fast = 153.0 / v_max_fast;
  double h_sl = 0.0;
  if (v <= 0.0) {
    h_sl = -(alpha_slow * v * in.slow_twitch_fraction + alpha_fast * v * fast) * A * A * kAerobicScale;
    if (stretched) h_sl *= in.force_length_multiplier;
  } else {
    h_sl = 4.0 * alpha_slow * v * A * kAerobicScale;
  }
  r.activation_maintenance_w = in.mass_kg * h_am;
  r.shortening_lengthening_w = in.mass_kg * h_sl;
  r.work_w = -in.active_fiber_force_n * in.fiber_velocity_mps;
  return finish(r);
}

MetabolicRates bhargava2004(const MetabolicInputs& in) {
  const double u = std::clamp(in.excitation, 0.0, 1.0);
  const double slow = in.slow_twitch_fraction;
  const double fast = 1.0 - slow;
  // Orderly recruitment: slow fibres first (sin), fast fibres later (1 − cos).
  const double u_slow = std::sin(0.5 * kPi * u);
  const double u_fast = 1.0 - std::cos(0.5 * kPi * u);
  // Maintenance heat depends on fibre length: 0.5 up to 0.5·l_opt, 1 at l_opt, 0 at 1.5·l_opt.
  const double l = in.fiber_length_norm;
  const double g = l <= 0.5 ? 0.5 : l <= 1.0 ? l : std::max(0.0, 1.0 - 2.0 * (l - 1.0));
  MetabolicRates r;
  const double activation_heat = 40.0 * slow * u_slow + 133.0 * fast * u_fast;   // W/kg
  const double maintenance_heat = g * (74.0 * slow * u_slow + 111.0 * fast * u_fast);  // W/kg
  r.activation_maintenance_w = in.mass_kg * (activation_heat + maintenance_heat);
  if (in.fiber_velocity_mps < 0.0) {
    r.shortening_lengthening_w = -0.25 * (in.active_fiber_force_n + in.passive_fiber_force_n) * in.fiber_velocity_mps;
  }
  r.work_w = -in.active_fiber_force_n * in.fiber_velocity_mps;
  return finish(r);
}

MetabolicRates metabolic_rates(MetabolicModel model, const MetabolicInputs& in) {
  return model == MetabolicModel::Umberger2010 ? umberger2010(in) : bhargava2004(in);
}

}  // namespace strider
