#pragma once
// Inverse dynamics by the recursive Newton–Euler algorithm (Featherstone 2008, ch. 5, in world
// coordinates): the generalized forces that produce accelerations vdot at (q, v) under gravity
// and the given external forces. For the root coordinates the result is the wrench the body
// would need from outside (residual): zero for a motion that the joints alone can produce.
#include <vector>

#include "core/math.hpp"
#include "dynamics/kinematics.hpp"
#include "model/model.hpp"

namespace strider {

struct ExternalForce {
  int body = -1;
  Vec3 force_W = Vec3::Zero();
  Vec3 point_W = Vec3::Zero();   // application point
  Vec3 torque_W = Vec3::Zero();  // pure moment (e.g. the free moment)
};

// Scratch for inverse_dynamics (sized on first use; no allocation afterwards).
struct InverseDynamicsScratch {
  std::vector<BodyFrame> frames;
  std::vector<Vec3> alpha, a_com, force, moment;
  Eigen::Matrix3Xd axes;
};

// (q, v, vdot, external forces) => tau (size nv): joint torques, and for the root block the
// force (world) and moment (world, about the root frame origin) for a free root, or the
// generalized forces along x, z, pitch for a planar root.
void inverse_dynamics(const Model& model, const VecX& q, const VecX& v, const VecX& vdot,
                      const std::vector<ExternalForce>& external, InverseDynamicsScratch& scratch, VecX& tau);

}  // namespace strider
