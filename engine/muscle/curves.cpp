#include "muscle/curves.hpp"

#include <algorithm>
#include <cmath>

namespace strider::degroote2016 {

namespace {
// Active force–length (b1, b2, b3, b4) rows, De Groote et al. 2016.
constexpr double kB[3][4] = {
    {0.8150671134, 1.0550334290, 0.1623845736, 0.0633034485},
    {0.4330049844, 0.7167754134, -0.0299471170, 0.2003568473},
    {0.1, 1.0, 0.3535533906, 0.0},
};
// Force–velocity constants.
constexpr double kD1 = -0.3211346128, kD2 = -8.149, kD3 = -0.374, kD4 = 0.8825327733;
// Passive: k_PE, e0, and the minimum normalized fibre length at which passive force is zero.
constexpr double kPassiveExp = 4.0, kMinFiberLength = 0.2;
// Tendon constants as in OpenSim (the paper has c2 = 0.995, c3 = 0.25).
constexpr double kC1 = 0.2, kC2 = 1.0, kC3 = 0.2;
}  // namespace

double active_force_length(double l) {
  double f = 0.0;
  for (const auto& b : kB) {
    const double width = b[2] + b[3] * l;
    const double x = (l - b[1]) / width;
    f += b[0] * std::exp(-0.5 * x * x);
  }
  return f;
}

double active_force_length_slope(double l) {
  double slope = 0.0;
  for (const auto& b : kB) {
    const double width = b[2] + b[3] * l;
    const double x = (l - b[1]) / width;
    const double dx = (b[2] + b[3] * b[1]) / (width * width);
    slope -= b[0] * std::exp(-0.5 * x * x) * x * dx;
  }
  return slope;
}

double force_velocity(double v) {
  const double x = kD2 * v + kD3;
  return kD1 * std::log(x + std::sqrt(x * x + 1.0)) + kD4;
}

double force_velocity_and_slope(double v, double& slope) {
  const double x = kD2 * v + kD3;
  const double root = std::sqrt(x * x + 1.0);
  slope = kD1 * kD2 / root;
  return kD1 * std::log(x + root) + kD4;
}

double force_velocity_inverse(double multiplier) {
  return (std::sinh((multiplier - kD4) / kD1) - kD3) / kD2;
}

double force_velocity_slope(double v) {
  double slope = 0.0;
  force_velocity_and_slope(v, slope);
  return slope;
}

double passive_force_length(double l, double strain) {
  if (l <= kMinFiberLength) return 0.0;
  const double offset = std::exp(kPassiveExp * (kMinFiberLength - 1.0) / strain);
  return (std::exp(kPassiveExp * (l - 1.0) / strain) - offset) / (std::exp(kPassiveExp) - offset);
}

double passive_force_length_slope(double l, double strain) {
  if (l <= kMinFiberLength) return 0.0;
  const double offset = std::exp(kPassiveExp * (kMinFiberLength - 1.0) / strain);
  return kPassiveExp / strain * std::exp(kPassiveExp * (l - 1.0) / strain) / (std::exp(kPassiveExp) - offset);
}

double tendon_force_length(double l, double k) {
  return std::max(0.0, kC1 * std::exp(k * (l - kC2)) - kC3);
}

double tendon_force_length_slope(double l, double k) {
  return l <= kC2 ? 0.0 : kC1 * k * std::exp(k * (l - kC2));
}

double tendon_length_for_force(double force_norm, double k) {
  return kC2 + std::log((std::max(0.0, force_norm) + kC3) / kC1) / k;
}

double tendon_stiffness_for_strain(double strain) { return std::log((1.0 + kC3) / kC1) / (1.0 + strain - kC2); }

}  // namespace strider::degroote2016
