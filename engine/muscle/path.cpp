#include "muscle/path.hpp"

#include <algorithm>

namespace strider {

namespace {
bool active(const Model& model, const PathPoint& p, const VecX& q) {
  if (p.condition_coordinate < 0) return true;
  const double angle = q[model.root_q_size() + p.condition_coordinate];
  return angle >= p.condition_min_rad && angle <= p.condition_max_rad;
}
// Body-frame location of a point at the current pose, and its derivative with respect to the
// coordinate that moves it (zero for fixed points).
Vec3 local_point(const Model& model, const PathPoint& p, const VecX& q, Vec3* derivative) {
  if (p.moving_coordinate < 0) {
    if (derivative) derivative->setZero();
    return p.point_m;
  }
  const double angle = q[model.root_q_size() + p.moving_coordinate];
  const auto& a = p.moving_angles_rad;
  const auto& pts = p.moving_points_m;
  std::size_t i = 0;
  while (i + 2 < a.size() && angle > a[i + 1]) ++i;
  const double span = a[i + 1] - a[i];
  if (angle < a.front() || angle > a.back()) {  // held at the table's ends
    if (derivative) derivative->setZero();
    return angle < a.front() ? pts.front() : pts.back();
  }
  const double t = (angle - a[i]) / span;
  if (derivative) *derivative = (pts[i + 1] - pts[i]) / span;
  return pts[i] + t * (pts[i + 1] - pts[i]);
}
}  // namespace

std::vector<int> crossed_coordinates(const Model& model, const std::vector<PathPoint>& path) {
  std::vector<int> out;
  for (std::size_t c = 0; c < model.coordinates.size(); ++c) {
    bool any = false, all = true, moves = false;
    for (const auto& p : path) {
      const bool depends = model.body_depends_on_coordinate[p.body][c] != 0;
      any = any || depends;
      all = all && depends;
      moves = moves || p.moving_coordinate == static_cast<int>(c);
    }
    if ((any && !all) || moves) out.push_back(static_cast<int>(c));
  }
  return out;
}

void muscle_path_points(const Model& model, const std::vector<BodyFrame>& frames, const VecX& q,
                        int muscle, std::vector<Vec3>& points_W) {
  points_W.clear();
  for (const auto& point : model.muscles[muscle].path) {
    if (!active(model, point, q)) continue;
    const BodyFrame& frame = frames[point.body];
    points_W.push_back(frame.p_WB + frame.R_WB * local_point(model, point, q, nullptr));
  }
}

std::vector<PathSwitchJump> conditional_switch_jumps(const Model& model, double min_jump_m) {
  std::vector<PathSwitchJump> out;
  std::vector<BodyFrame> frames(model.bodies.size());
  Eigen::Matrix3Xd axes(3, static_cast<long>(model.coordinates.size()));
  const VecX v = VecX::Zero(model.nv());
  for (std::size_t m = 0; m < model.muscles.size(); ++m) {
    const auto& path = model.muscles[m].path;
    for (std::size_t k = 0; k < path.size(); ++k) {
      const PathPoint& point = path[k];
      if (point.condition_coordinate < 0) continue;
      const auto& coordinate = model.coordinates[static_cast<std::size_t>(point.condition_coordinate)];
      for (const double angle : {point.condition_min_rad, point.condition_max_rad}) {
        if (angle <= coordinate.min_rad || angle >= coordinate.max_rad) continue;  // never switches there
        VecX q = model.zero_q();
        q[model.root_q_size() + point.condition_coordinate] = angle;
        forward_kinematics(model, q, v, frames, &axes);
        double with = 0.0, without = 0.0;
        Vec3 last_with = Vec3::Zero(), last_without = Vec3::Zero();
        bool first = true;
        for (std::size_t j = 0; j < path.size(); ++j) {
          const PathPoint& pj = path[j];
          if (j != k && !active(model, pj, q)) continue;
          const BodyFrame& frame = frames[pj.body];
          const Vec3 x = frame.p_WB + frame.R_WB * local_point(model, pj, q, nullptr);
          if (!first) with += (x - last_with).norm();
          last_with = x;
          if (j != k) {
            if (!first) without += (x - last_without).norm();
            last_without = x;
          }
          first = false;
        }
        const double jump = with - without;
        if (jump > min_jump_m) {
          out.push_back({static_cast<int>(m), static_cast<int>(k), point.condition_coordinate, angle, jump});
        }
      }
    }
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
    Vec3 previous_W = Vec3::Zero(), previous_rate_B = Vec3::Zero();
    for (const auto& point : muscle.path) {
      if (!active(model, point, q)) continue;
      const BodyFrame& frame = frames[point.body];
      Vec3 rate_B;  // d(local point)/d(moving coordinate)
      const Vec3 point_W = frame.p_WB + frame.R_WB * local_point(model, point, q, &rate_B);
      if (previous) {
        const Vec3 segment = point_W - previous_W;
        const double segment_length = segment.norm();
        length += segment_length;
        if (segment_length > 1e-12) {
          const Vec3 e = segment / segment_length;
          for (int c : muscle.crossed_coordinates) {
            const Vec3& axis = axes_W.col(c);
            const Vec3& centre = frames[model.coordinates[c].body].p_WB;
            // ∂X/∂q_c for each end: rotation about the joint, plus a moving point's own slide.
            auto velocity_of = [&](const PathPoint& pp, const Vec3& x_W, const Vec3& slide_B) {
              Vec3 d = Vec3::Zero();
              if (model.body_depends_on_coordinate[pp.body][c]) d += axis.cross(x_W - centre);
              if (pp.moving_coordinate == c) d += frames[pp.body].R_WB * slide_B;
              return d;
            };
            const double dl = e.dot(velocity_of(point, point_W, rate_B) -
                                    velocity_of(*previous, previous_W, previous_rate_B));
            moment_arm_m(static_cast<long>(m), c) -= dl;
          }
        }
      }
      previous = &point;
      previous_W = point_W;
      previous_rate_B = rate_B;
    }
    length_m[static_cast<long>(m)] = length;
    double velocity = 0.0;
    for (int c : muscle.crossed_coordinates) velocity -= moment_arm_m(static_cast<long>(m), c) * v[v0 + c];
    velocity_mps[static_cast<long>(m)] = velocity;
  }
}

}  // namespace strider
