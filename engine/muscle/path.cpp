#include "muscle/path.hpp"

#include <algorithm>

namespace strider {

namespace {
bool active(const Model& model, const PathPoint& p, const VecX& q) {
  if (p.condition_coordinate < 0) return true;
  const double angle = q[model.root_q_size() + p.condition_coordinate];
  return angle >= p.condition_min_rad && angle <= p.condition_max_rad;
}
}  // namespace

std::vector<int> crossed_coordinates(const Model& model, const std::vector<PathPoint>& path) {
  std::vector<int> out;
  for (std::size_t c = 0; c < model.coordinates.size(); ++c) {
    bool any = false, all = true;
    for (const auto& p : path) {
      const bool depends = model.body_depends_on_coordinate[p.body][c] != 0;
      any = any || depends;
      all = all && depends;
    }
    if (any && !all) out.push_back(static_cast<int>(c));
  }
  return out;
}

void compute_muscle_paths(const Model& model, const std::vector<BodyFrame>& frames,
                          const Eigen::Matrix3Xd& axes_W, const VecX& q, const VecX& v,
                          VecX& length_m, VecX& velocity_mps, Eigen::MatrixXd& moment_arm_m) {
  const int v0 = model.root_v_size();
  for (std::size_t m = 0; m < model.muscles.size(); ++m) {
    const Muscle& muscle = model.muscles[m];
    double length = 0.0;
    for (int c : muscle.crossed_coordinates) moment_arm_m(static_cast<long>(m), c) = 0.0;
    const PathPoint* previous = nullptr;
    Vec3 previous_W = Vec3::Zero();
    for (const auto& point : muscle.path) {
      if (!active(model, point, q)) continue;
      const Vec3 point_W = frames[point.body].p_WB + frames[point.body].R_WB * point.point_m;
      if (previous) {
        const Vec3 segment = point_W - previous_W;
        const double segment_length = segment.norm();
        length += segment_length;
        if (segment_length > 1e-12) {
          const Vec3 e = segment / segment_length;
          for (int c : muscle.crossed_coordinates) {
            const int body = model.coordinates[c].body;
            const Vec3& axis = axes_W.col(c);
            const Vec3& centre = frames[body].p_WB;
            double dl = 0.0;
            if (model.body_depends_on_coordinate[point.body][c]) dl += e.dot(axis.cross(point_W - centre));
            if (model.body_depends_on_coordinate[previous->body][c]) dl -= e.dot(axis.cross(previous_W - centre));
            moment_arm_m(static_cast<long>(m), c) -= dl;
          }
        }
      }
      previous = &point;
      previous_W = point_W;
    }
    length_m[static_cast<long>(m)] = length;
    double velocity = 0.0;
    for (int c : muscle.crossed_coordinates) velocity -= moment_arm_m(static_cast<long>(m), c) * v[v0 + c];
    velocity_mps[static_cast<long>(m)] = velocity;
  }
}

}  // namespace strider
