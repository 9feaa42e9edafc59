#include "dynamics/inverse_dynamics.hpp"

namespace strider {

void inverse_dynamics(const Model& model, const VecX& q, const VecX& v, const VecX& vdot,
                      const std::vector<ExternalForce>& external, InverseDynamicsScratch& s, VecX& tau) {
  const std::size_t nb = model.bodies.size();
  if (s.frames.size() != nb) {
    s.frames.resize(nb);
    s.alpha.resize(nb);
    s.a_com.resize(nb);
    s.force.resize(nb);
    s.moment.resize(nb);
    s.axes.resize(3, static_cast<long>(model.coordinates.size()));
  }
  forward_kinematics(model, q, v, s.frames, &s.axes);
  const int v0 = model.root_v_size();

  // Forward pass: angular and centre-of-mass accelerations of every body.
  for (std::size_t i = 0; i < nb; ++i) {
    const Body& body = model.bodies[i];
    const BodyFrame& f = s.frames[i];
    if (body.parent < 0) {
      Vec3 a_origin = Vec3::Zero();
      Vec3 alpha = Vec3::Zero();
      if (body.joint.type == JointType::Free) {
        a_origin = vdot.segment<3>(0);
        alpha = vdot.segment<3>(3);
      } else if (body.joint.type == JointType::Planar) {
        a_origin = Vec3(vdot[0], 0.0, vdot[1]);
        alpha = Vec3(0.0, vdot[2], 0.0);
      }
      const Vec3 r = f.p_WCom - f.p_WB;
      s.alpha[i] = alpha;
      s.a_com[i] = a_origin + alpha.cross(r) + f.w_WB.cross(f.w_WB.cross(r));
      continue;
    }
    const int p = body.parent;
    const BodyFrame& fp = s.frames[p];
    const Vec3 r_pj = f.p_WB - fp.p_WCom;
    const Vec3 a_joint = s.a_com[p] + s.alpha[p].cross(r_pj) + fp.w_WB.cross(fp.w_WB.cross(r_pj));
    Vec3 w = fp.w_WB;
    Vec3 alpha = s.alpha[p];
    for (int k = 0; k < body.joint.coordinate_count; ++k) {
      const int c = body.joint.first_coordinate + k;
      const Vec3 axis = s.axes.col(c);
      const Vec3 w_rel = axis * v[v0 + c];
      alpha += axis * vdot[v0 + c] + w.cross(w_rel);
      w += w_rel;
    }
    const Vec3 r_jc = f.p_WCom - f.p_WB;
    s.alpha[i] = alpha;
    s.a_com[i] = a_joint + alpha.cross(r_jc) + f.w_WB.cross(f.w_WB.cross(r_jc));
  }

  // Net force and moment (about the COM) each body needs, less gravity and external loads.
  for (std::size_t i = 0; i < nb; ++i) {
    const Body& body = model.bodies[i];
    const BodyFrame& f = s.frames[i];
    const Mat3 inertia_W = f.R_WB * body.inertia_kgm2.asDiagonal() * f.R_WB.transpose();
    s.force[i] = body.mass_kg * (s.a_com[i] - model.gravity_mps2);
    s.moment[i] = inertia_W * s.alpha[i] + f.w_WB.cross(inertia_W * f.w_WB);
  }
  for (const auto& e : external) {
    s.force[e.body] -= e.force_W;
    s.moment[e.body] -= (e.point_W - s.frames[e.body].p_WCom).cross(e.force_W) + e.torque_W;
  }

  // Backward pass: move each body's wrench to its joint centre (moment about J) and add it to
  // its parent's; the joint torque of each coordinate is the moment along its axis.
  for (std::size_t ii = nb; ii-- > 0;) {
    const Body& body = model.bodies[ii];
    const BodyFrame& f = s.frames[ii];
    // Moment about the joint centre (body frame origin).
    const Vec3 moment_J = s.moment[ii] + (f.p_WCom - f.p_WB).cross(s.force[ii]);
    for (int k = 0; k < body.joint.coordinate_count; ++k) {
      const int c = body.joint.first_coordinate + k;
      tau[v0 + c] = s.axes.col(c).dot(moment_J);
    }
    if (body.parent < 0) {
      if (body.joint.type == JointType::Free) {
        tau.segment<3>(0) = s.force[ii];
        tau.segment<3>(3) = moment_J;
      } else if (body.joint.type == JointType::Planar) {
        tau[0] = s.force[ii].x();
        tau[1] = s.force[ii].z();
        tau[2] = moment_J.y();
      }
      continue;
    }
    const int p = body.parent;
    s.force[p] += s.force[ii];
    // Moment about the parent's COM of the child's wrench applied at J.
    s.moment[p] += moment_J + (f.p_WB - s.frames[p].p_WCom).cross(s.force[ii]);
  }
}

}  // namespace strider
