#include "muscle/muscle_tendon.hpp"

#include <algorithm>
#include <cmath>

#include "muscle/curves.hpp"

namespace strider {

namespace dg = degroote2016;

namespace {
// Fibres may not pennate beyond this (the fibre would lie across the muscle).
constexpr double kMaxPennationRad = 1.4835298641951802;  // 85°
// The fibre velocity's bracket, in v_max: a balance that needs more is held there.
constexpr double kMaxFiberVelocityNorm = 50.0;

struct Geometry {
  double fiber_length_m, cos_pennation, sin_pennation;
};

Geometry pennate(const MuscleTendonParameters& p, double fiber_length_m) {
  const double thickness = p.optimal_fiber_length_m * std::sin(p.pennation_at_optimal_rad);
  const double min_length = thickness / std::sin(kMaxPennationRad);
  const double l = std::max(fiber_length_m, min_length);
  const double sin_a = thickness / l;
  return {l, std::sqrt(1.0 - sin_a * sin_a), sin_a};
}

// A compliant unit's fibre state at a given fibre length: what the force balance along the
// tendon gives, the curve values on the way (so callers need not evaluate them again), and how
// the fibre velocity changes with the fibre and path lengths (for the implicit fibre step).
struct FiberBalance {
  Geometry g;
  double force_length = 0.0;       // f_L
  double passive = 0.0;            // f_PE
  double v_norm = 0.0;             // ṽ
  double force_velocity = 0.0;     // f_V(ṽ)
  double dv_d_fiber_length = 0.0;  // ∂ṽ/∂l̃
  double dv_d_path_length = 0.0;   // ∂ṽ/∂l_MT, 1/m
};

FiberBalance balance_fiber(const MuscleTendonParameters& p, double tendon_stiffness_kt, double activation,
                           double mtu_length_m, double fiber_length_norm) {
  FiberBalance s;
  const double l_opt = p.optimal_fiber_length_m;
  const double l_slack = p.tendon_slack_length_m;
  const double beta = p.fiber_damping;
  s.g = pennate(p, fiber_length_norm * l_opt);
  const double fiber_norm = s.g.fiber_length_m / l_opt;
  const double tendon_norm = (mtu_length_m - s.g.fiber_length_m * s.g.cos_pennation) / l_slack;
  const double f_tendon = dg::tendon_force_length(tendon_norm, tendon_stiffness_kt);
  s.passive = dg::passive_force_length(fiber_norm, p.passive_fiber_strain);
  s.force_length = dg::active_force_length(fiber_norm);
  const double a_fl = activation * s.force_length;
  const double target = f_tendon / s.g.cos_pennation - s.passive;
  // Solve a_fl·f_V(ṽ) + β·ṽ = target for ṽ: increasing in ṽ, so Newton with a bracket.
  double lo = -kMaxFiberVelocityNorm, hi = kMaxFiberVelocityNorm;
  double v_norm =
      a_fl > 1e-3 ? dg::force_velocity_inverse(std::clamp(target / a_fl, 0.02, 1.7)) : target / beta;
  v_norm = std::clamp(v_norm, lo, hi);
  double slope_fv = 0.0;
  for (int it = 0; it < 50; ++it) {
    const double residual = a_fl * dg::force_velocity_and_slope(v_norm, slope_fv) + beta * v_norm - target;
    if (residual > 0)
      hi = v_norm;
    else
      lo = v_norm;
    if (std::abs(residual) < 1e-12) break;
    const double slope = a_fl * slope_fv + beta;
    double next = v_norm - residual / slope;
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    v_norm = next;
  }
  s.v_norm = v_norm;
  s.force_velocity = dg::force_velocity(v_norm);
  // Implicit derivatives of the balance R(l_M, l_MT, ṽ) = a·f_L·f_V + β·ṽ − f_T/cos α + f_PE = 0:
  // ∂ṽ/∂x = −(∂R/∂x)/(∂R/∂ṽ). With fibre length l_M, d(l_M·cos α)/dl_M = 1/cos α and
  // d(1/cos α)/dl_M = −sin²α/(l_M·cos³α).
  const double cos_a = s.g.cos_pennation;
  const double dr_dv = a_fl * slope_fv + beta;
  const double tendon_slope = dg::tendon_force_length_slope(tendon_norm, tendon_stiffness_kt) / l_slack;
  const double sin2 = s.g.sin_pennation * s.g.sin_pennation;
  const double dtarget_dfiber = -tendon_slope / (cos_a * cos_a) -
                                f_tendon * sin2 / (s.g.fiber_length_m * cos_a * cos_a * cos_a) -
                                dg::passive_force_length_slope(fiber_norm, p.passive_fiber_strain) / l_opt;
  const double dr_dfiber =
      activation * dg::active_force_length_slope(fiber_norm) / l_opt * s.force_velocity - dtarget_dfiber;
  // Held at the pennation limit or at the velocity bracket, ṽ does not follow these lengths.
  const bool at_min_length = fiber_length_norm * l_opt < s.g.fiber_length_m;
  const bool at_bracket = std::abs(v_norm) >= kMaxFiberVelocityNorm;
  s.dv_d_fiber_length = at_min_length || at_bracket ? 0.0 : -dr_dfiber * l_opt / dr_dv;
  s.dv_d_path_length = at_bracket ? 0.0 : tendon_slope / cos_a / dr_dv;
  return s;
}
}  // namespace

double tendon_stiffness(const MuscleTendonParameters& p) {
  return dg::tendon_stiffness_for_strain(p.tendon_strain_at_max_force);
}

MuscleTendonOutput muscle_tendon_forces(const MuscleTendonParameters& p, double max_force_n,
                                        double activation, double mtu_length_m,
                                        double mtu_velocity_mps, double fiber_length_norm) {
  MuscleTendonOutput out;
  const double l_opt = p.optimal_fiber_length_m;
  const double v_scale = p.max_contraction_velocity_lopt_per_s * l_opt;
  const double beta = p.fiber_damping;
  double v_norm = 0.0;
  double passive = 0.0;
  Geometry g{};
  if (p.rigid_tendon) {
    const double along = std::max(mtu_length_m - p.tendon_slack_length_m, 1e-6);
    const double thickness = l_opt * std::sin(p.pennation_at_optimal_rad);
    g = pennate(p, std::sqrt(along * along + thickness * thickness));
    v_norm = mtu_velocity_mps * g.cos_pennation / v_scale;
    out.force_length_multiplier = dg::active_force_length(g.fiber_length_m / l_opt);
    out.force_velocity_multiplier = std::max(0.0, dg::force_velocity(v_norm));
    passive = dg::passive_force_length(g.fiber_length_m / l_opt, p.passive_fiber_strain);
  } else {
    const FiberBalance s = balance_fiber(p, tendon_stiffness(p), activation, mtu_length_m, fiber_length_norm);
    g = s.g;
    v_norm = s.v_norm;
    passive = s.passive;
    out.force_length_multiplier = s.force_length;
    out.force_velocity_multiplier = s.force_velocity;
    out.fiber_length_rate_norm_per_s = v_norm * p.max_contraction_velocity_lopt_per_s;
    out.fiber_rate_per_fiber_length_per_s = s.dv_d_fiber_length * p.max_contraction_velocity_lopt_per_s;
    out.fiber_rate_per_path_length_per_m_s = s.dv_d_path_length * p.max_contraction_velocity_lopt_per_s;
  }
  const double f_passive = passive + beta * v_norm;
  out.fiber_length_m = g.fiber_length_m;
  out.pennation_rad = std::asin(g.sin_pennation);
  out.fiber_velocity_norm = v_norm;
  out.fiber_velocity_mps = v_norm * v_scale;
  out.active_fiber_force_n = activation * out.force_length_multiplier * out.force_velocity_multiplier * max_force_n;
  out.passive_fiber_force_n = f_passive * max_force_n;
  out.tendon_force_n = std::max(0.0, (out.active_fiber_force_n + out.passive_fiber_force_n) * g.cos_pennation);
  return out;
}

double fiber_velocity_norm_estimate(const MuscleTendonParameters& p, double mtu_velocity_mps) {
  const double along = p.optimal_fiber_length_m * std::cos(p.pennation_at_optimal_rad);
  const double share = along / (along + p.tendon_slack_length_m);
  return mtu_velocity_mps * share / (p.max_contraction_velocity_lopt_per_s * p.optimal_fiber_length_m);
}

double advance_fiber_length(const MuscleTendonParameters& p, const MuscleTendonOutput& now,
                            double fiber_length_norm, double mtu_velocity_mps, double dt_s) {
  if (p.rigid_tendon) return fiber_length_norm;
  // Linearly implicit trapezoidal step (second order, A-stable): the rate at the path's
  // mid-step length, to first order in the path's change, and the analytic fibre-rate Jacobian.
  const double rate = now.fiber_length_rate_norm_per_s +
                      0.5 * dt_s * mtu_velocity_mps * now.fiber_rate_per_path_length_per_m_s;
  const double jacobian =
      std::min(0.0, now.fiber_rate_per_fiber_length_per_s);  // an unstable slope is not amplified
  const double next = fiber_length_norm + dt_s * rate / (1.0 - 0.5 * dt_s * jacobian);
  const double min_norm = std::sin(p.pennation_at_optimal_rad) / std::sin(kMaxPennationRad);
  return std::max(next, std::max(min_norm, 0.05));
}

double step_fiber_length(const MuscleTendonParameters& p, double activation, double mtu_length_m,
                         double mtu_velocity_mps, double fiber_length_norm, double dt_s) {
  const MuscleTendonOutput now = muscle_tendon_forces(p, p.max_isometric_force_n, activation, mtu_length_m,
                                                      mtu_velocity_mps, fiber_length_norm);
  return advance_fiber_length(p, now, fiber_length_norm, mtu_velocity_mps, dt_s);
}

double equilibrium_fiber_length(const MuscleTendonParameters& p, double activation, double mtu_length_m) {
  if (p.rigid_tendon) {
    return muscle_tendon_forces(p, 1.0, activation, mtu_length_m, 0.0, 1.0).fiber_length_m /
           p.optimal_fiber_length_m;
  }
  // Tendon force minus fibre force (ṽ = 0) along the path, as a function of fibre length:
  // the tendon shortens as the fibre lengthens, so bisect on the sign change.
  const double k = tendon_stiffness(p);
  auto imbalance = [&](double l_norm) {
    const Geometry g = pennate(p, l_norm * p.optimal_fiber_length_m);
    const double tendon = dg::tendon_force_length(
        (mtu_length_m - g.fiber_length_m * g.cos_pennation) / p.tendon_slack_length_m, k);
    const double fiber =
        activation * dg::active_force_length(l_norm) + dg::passive_force_length(l_norm, p.passive_fiber_strain);
    return tendon - fiber * g.cos_pennation;
  };
  double lo = 0.05, hi = 3.0;
  if (imbalance(hi) > 0) return hi;  // the path is longer than the unit can reach: fully stretched
  if (imbalance(lo) < 0) return lo;
  for (int it = 0; it < 80; ++it) {
    const double mid = 0.5 * (lo + hi);
    if (imbalance(mid) > 0) lo = mid; else hi = mid;
  }
  return 0.5 * (lo + hi);
}

double step_activation(double excitation, double activation, double activation_time_s,
                       double deactivation_time_s, double dt_s) {
  const double u = std::clamp(excitation, 0.0, 1.0);
  // The activation moves monotonically toward u over the step, so the branch holds throughout.
  const bool rising = u > activation;
  auto time_constant = [&](double a) {
    return rising ? activation_time_s * (0.5 + 1.5 * a) : deactivation_time_s / (0.5 + 1.5 * a);
  };
  // τ at the step's midpoint (from a half step with τ at its start): second order, where τ
  // frozen at the start is first order and lags by 0.03 in a 1 ms step from rest.
  const double half = u + (activation - u) * std::exp(-0.5 * dt_s / time_constant(activation));
  return u + (activation - u) * std::exp(-dt_s / time_constant(half));
}

}  // namespace strider
