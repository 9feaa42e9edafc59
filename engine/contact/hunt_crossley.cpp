#include "contact/hunt_crossley.hpp"

#include <algorithm>
#include <cmath>

namespace strider {

double hunt_crossley_force_n(double stiffness_pa, double radius_m, double depth_m,
                             double depth_rate_mps, double dissipation_s_per_m) {
  if (depth_m <= 0.0) return 0.0;
  const double elastic = (4.0 / 3.0) * stiffness_pa * std::sqrt(radius_m) * depth_m * std::sqrt(depth_m);
  return std::max(0.0, elastic * (1.0 + 1.5 * dissipation_s_per_m * depth_rate_mps));
}

}  // namespace strider
