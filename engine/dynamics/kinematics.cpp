#include "dynamics/kinematics.hpp"

namespace strider {

Quat root_quaternion(const VecX& q) { return Quat(q[3], q[4], q[5], q[6]).normalized(); }

void forward_kinematics(const Model& model, const VecX& q, const VecX& v,
                        std::vector<BodyFrame>& frames, Eigen::Matrix3Xd* axes_W) {
  const int q0 = model.root_q_size();
  const int v0 = model.root_v_size();
  for (std::size_t i = 0; i < model.bodies.size(); ++i) {
    const Body& body = model.bodies[i];
    BodyFrame& f = frames[i];
    Vec3 v_WB;  // velocity of the body frame origin
    if (body.parent < 0) {
      switch (body.joint.type) {
        case JointType::Free:
          f.p_WB = q.segment<3>(0);
          f.R_WB = root_quaternion(q).toRotationMatrix();
          v_WB = v.segment<3>(0);
          f.w_WB = v.segment<3>(3);
          break;
        case JointType::Planar:
          f.p_WB = Vec3(q[0], 0.0, q[1]);
          f.R_WB = axis_angle(Vec3::UnitY(), q[2]);
          v_WB = Vec3(v[0], 0.0, v[1]);
          f.w_WB = Vec3(0.0, v[2], 0.0);
          break;
        default:  // welded to the world at its joint location
          f.p_WB = body.joint.location_m;
          f.R_WB.setIdentity();
          v_WB.setZero();
          f.w_WB.setZero();
          break;
      }
    } else {
      const BodyFrame& parent = frames[body.parent];
      f.p_WB = parent.p_WB + parent.R_WB * body.joint.location_m;
      v_WB = parent.v_WCom + parent.w_WB.cross(f.p_WB - parent.p_WCom);
      Mat3 R = parent.R_WB;
      Vec3 w = parent.w_WB;
      for (int k = 0; k < body.joint.coordinate_count; ++k) {
        const int c = body.joint.first_coordinate + k;
        const Vec3& axis = model.coordinates[c].axis;
        const Vec3 axis_W = R * axis;
        if (axes_W) axes_W->col(c) = axis_W;
        w += axis_W * v[v0 + c];
        R = R * axis_angle(axis, q[q0 + c]);
      }
      f.R_WB = R;
      f.w_WB = w;
    }
    f.p_WCom = f.p_WB + f.R_WB * body.com_m;
    f.v_WCom = v_WB + f.w_WB.cross(f.p_WCom - f.p_WB);
  }
}

namespace {
// A body's angular momentum about the point p moving with velocity v (world axes).
Vec3 body_angular_momentum(const Body& b, const BodyFrame& f, const Vec3& p, const Vec3& v) {
  const Vec3 Iw_B = b.inertia_kgm2.cwiseProduct(f.R_WB.transpose() * f.w_WB);
  return b.mass_kg * (f.p_WCom - p).cross(f.v_WCom - v) + f.R_WB * Iw_B;
}
}  // namespace

Vec3 angular_momentum_of(const Model& model, const std::vector<BodyFrame>& frames, const std::vector<int>& bodies,
                         const WholeBody& whole) {
  Vec3 h = Vec3::Zero();
  for (int i : bodies) {
    const auto k = static_cast<std::size_t>(i);
    h += body_angular_momentum(model.bodies[k], frames[k], whole.p_WCom, whole.v_WCom);
  }
  return h;
}

WholeBody whole_body(const Model& model, const std::vector<BodyFrame>& frames) {
  WholeBody out;
  double mass = 0.0;
  for (std::size_t i = 0; i < model.bodies.size(); ++i) {
    const double m = model.bodies[i].mass_kg;
    mass += m;
    out.p_WCom += m * frames[i].p_WCom;
    out.v_WCom += m * frames[i].v_WCom;
  }
  out.p_WCom /= mass;
  out.v_WCom /= mass;
  for (std::size_t i = 0; i < model.bodies.size(); ++i) {
    const Body& b = model.bodies[i];
    const BodyFrame& f = frames[i];
    const Vec3 Iw_B = b.inertia_kgm2.cwiseProduct(f.R_WB.transpose() * f.w_WB);
    out.angular_momentum_com_kgm2ps += body_angular_momentum(b, f, out.p_WCom, out.v_WCom);
    out.kinetic_energy_j += 0.5 * b.mass_kg * f.v_WCom.squaredNorm() +
                            0.5 * (f.R_WB.transpose() * f.w_WB).dot(Iw_B);
    out.potential_energy_j -= b.mass_kg * model.gravity_mps2.dot(f.p_WCom);
  }
  return out;
}

}  // namespace strider
