#pragma once
// The ground: a plane through the world origin, tilted about y by the slope. On an uphill
// (positive slope) the ground rises along +x. Speed on a slope is measured along `forward`.
#include "core/math.hpp"

namespace strider {

struct Ground {
  Vec3 normal{0, 0, 1};   // unit, pointing out of the ground
  Vec3 forward{1, 0, 0};  // unit, along the surface in the running direction
  Vec3 left{0, 1, 0};
  double slope_percent = 0.0;

  // Signed distance of a world point above the plane.
  double height_m(const Vec3& p_W) const { return normal.dot(p_W); }
};

Ground make_ground(double slope_percent);

}  // namespace strider
