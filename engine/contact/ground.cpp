#include "contact/ground.hpp"

#include <cmath>

namespace strider {

Ground make_ground(double slope_percent) {
  Ground g;
  g.slope_percent = slope_percent;
  const double angle = std::atan(slope_percent / 100.0);
  g.forward = Vec3(std::cos(angle), 0.0, std::sin(angle));
  g.normal = Vec3(-std::sin(angle), 0.0, std::cos(angle));
  g.left = Vec3::UnitY();
  return g;
}

}  // namespace strider
