#include "muscle/fatigue.hpp"

#include <algorithm>

namespace strider {

FatigueRates fatigue_rates(const FatigueParameters& p, const FatigueState& s, double target_load,
                           double time_scale) {
  const double tl = std::clamp(target_load, 0.0, 1.0);
  double c = 0.0;
  if (s.active < tl) {
    c = s.resting > tl - s.active ? p.development_rate_per_s * (tl - s.active)
                                  : p.development_rate_per_s * s.resting;
  } else {
    c = p.relaxation_rate_per_s * (tl - s.active);
  }
  const bool resting = p.rest_rule == RestRule::ZeroDemand ? tl <= 0.0 : s.active >= tl;
  const double f = p.fatigue_rate_per_s * time_scale;
  const double r = p.recovery_rate_per_s * time_scale * (resting ? p.rest_recovery_multiplier : 1.0);
  FatigueRates out;
  out.active_per_s = c - f * s.active;
  out.fatigued_per_s = f * s.active - r * s.fatigued;
  out.resting_per_s = -c + r * s.fatigued;
  return out;
}

FatigueState step_fatigue(const FatigueParameters& p, const FatigueState& s, double target_load,
                          double time_scale, double dt_s) {
  const FatigueRates d = fatigue_rates(p, s, target_load, time_scale);
  FatigueState next;
  next.active = std::clamp(s.active + dt_s * d.active_per_s, 0.0, 1.0);
  next.fatigued = std::clamp(s.fatigued + dt_s * d.fatigued_per_s, 0.0, 1.0 - next.active);
  next.resting = 1.0 - next.active - next.fatigued;
  return next;
}

}  // namespace strider
