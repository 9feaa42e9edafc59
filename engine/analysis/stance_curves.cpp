#include "analysis/stance_curves.hpp"

#include <cmath>
#include <functional>

namespace strider {

namespace {

// Linear interpolation of `value(i)` at fractional sample `x`.
double sample_at(const std::function<double(std::size_t)>& value, double x) {
  const auto i = static_cast<std::size_t>(std::floor(x));
  const double f = x - static_cast<double>(i);
  return f > 0.0 ? (1.0 - f) * value(i) + f * value(i + 1) : value(i);
}

StanceCurve curve_over_steps(const std::string& name, const std::string& unit, const GaitSummary& summary,
                             int points, const std::function<bool(int)>& available,
                             const std::function<double(int, std::size_t)>& value) {
  StanceCurve c{name, unit, VecX::Zero(points), VecX::Zero(points), 0};
  VecX sum_sq = VecX::Zero(points);
  for (const Step& step : summary.steps) {
    if (!available(step.foot) || step.toe_off <= step.touchdown) continue;
    const double span = static_cast<double>(step.toe_off - step.touchdown);
    for (int k = 0; k < points; ++k) {
      const double x = static_cast<double>(step.touchdown) + span * k / (points - 1);
      const double v = sample_at([&](std::size_t i) { return value(step.foot, i); }, x);
      c.mean[k] += v;
      sum_sq[k] += v * v;
    }
    ++c.stances;
  }
  if (c.stances == 0) return c;
  c.mean /= c.stances;
  for (int k = 0; k < points; ++k) c.spread[k] = std::sqrt(std::max(0.0, sum_sq[k] / c.stances - c.mean[k] * c.mean[k]));
  return c;
}

}  // namespace

std::vector<StanceCurve> stance_curves(const GaitData& d, const GaitSummary& summary, int points) {
  const double bw = d.body_mass_kg * 9.81;
  const Vec3 left = d.ground_normal.cross(d.ground_forward);
  auto has_force = [&](int foot) { return static_cast<std::size_t>(foot) < d.foot_force_n.size(); };
  auto force = [&](int foot, std::size_t i, const Vec3& axis) {
    return d.foot_force_n[static_cast<std::size_t>(foot)].row(static_cast<long>(i)).dot(axis) / bw;
  };
  std::vector<StanceCurve> out;
  out.push_back(curve_over_steps("vertical GRF", "BW", summary, points, has_force,
                                 [&](int foot, std::size_t i) { return force(foot, i, d.ground_normal); }));
  // Lateral: away from the body's midline, so that both feet read alike.
  out.push_back(curve_over_steps("lateral GRF", "BW", summary, points, has_force, [&](int foot, std::size_t i) {
    return (foot == 0 ? -1.0 : 1.0) * force(foot, i, left);
  }));
  out.push_back(curve_over_steps(
      "free moment", "N·m/kg", summary, points,
      [&](int foot) {
        return static_cast<std::size_t>(foot) < d.foot_free_moment_nm.size() &&
               d.foot_free_moment_nm[static_cast<std::size_t>(foot)].size() > 0;
      },
      [&](int foot, std::size_t i) {
        return d.foot_free_moment_nm[static_cast<std::size_t>(foot)][static_cast<long>(i)] / d.body_mass_kg;
      }));
  auto knee = [&](int foot) { return d.angle_rad.find(foot == 0 ? "knee_flexion_r" : "knee_flexion_l"); };
  out.push_back(curve_over_steps(
      "knee flexion", "deg", summary, points,
      [&](int foot) { return knee(foot) != d.angle_rad.end() && knee(foot)->second.size() > 0; },
      [&](int foot, std::size_t i) { return knee(foot)->second[static_cast<long>(i)] * 180.0 / kPi; }));
  return out;
}

}  // namespace strider
