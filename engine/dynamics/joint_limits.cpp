#include "dynamics/joint_limits.hpp"

#include <algorithm>

namespace strider {

double joint_limit_torque_nm(const Coordinate& c, double q_rad, double qd_radps) {
  if (!c.limited) return 0.0;
  double depth = 0.0;
  double sign = 0.0;  // direction the limit pushes
  if (q_rad > c.max_rad) {
    depth = q_rad - c.max_rad;
    sign = -1.0;
  } else if (q_rad < c.min_rad) {
    depth = c.min_rad - q_rad;
    sign = 1.0;
  } else {
    return 0.0;
  }
  const double ramp = c.limit_transition_rad > 0.0 ? std::min(1.0, depth / c.limit_transition_rad) : 1.0;
  return sign * c.limit_stiffness_nm_per_rad * depth - c.limit_damping_nms_per_rad * ramp * qd_radps;
}

void joint_limit_torques(const Model& model, const VecX& q, const VecX& v, VecX& tau_nm) {
  const int q0 = model.root_q_size();
  const int v0 = model.root_v_size();
  for (std::size_t c = 0; c < model.coordinates.size(); ++c) {
    const int i = static_cast<int>(c);
    tau_nm[i] = joint_limit_torque_nm(model.coordinates[c], q[q0 + i], v[v0 + i]);
  }
}

}  // namespace strider
