#pragma once
// Forward kinematics of the body tree, and whole-body quantities.
#include <vector>

#include "core/math.hpp"
#include "model/model.hpp"

namespace strider {

// World pose and velocity of one body.
struct BodyFrame {
  Mat3 R_WB = Mat3::Identity();      // body orientation in world
  Vec3 p_WB = Vec3::Zero();          // body frame origin (joint centre) in world
  Vec3 p_WCom = Vec3::Zero();        // centre of mass in world
  Vec3 v_WCom = Vec3::Zero();        // centre-of-mass velocity in world
  Vec3 w_WB = Vec3::Zero();          // angular velocity in world
};

// Velocity of a world point rigidly attached to a body.
inline Vec3 point_velocity(const BodyFrame& f, const Vec3& p_W) {
  return f.v_WCom + f.w_WB.cross(p_W - f.p_WCom);
}

// (q, v) => frames, one per body; `frames` must already have one entry per body.
// With `axes_W` (3 × coordinates), also the world axis of every joint coordinate; the axis
// passes through its body's frame origin (the joint centre).
void forward_kinematics(const Model& model, const VecX& q, const VecX& v,
                        std::vector<BodyFrame>& frames, Eigen::Matrix3Xd* axes_W = nullptr);

struct WholeBody {
  Vec3 p_WCom = Vec3::Zero();
  Vec3 v_WCom = Vec3::Zero();
  Vec3 angular_momentum_com_kgm2ps = Vec3::Zero();  // about the whole-body COM, world axes
  double kinetic_energy_j = 0.0;
  double potential_energy_j = 0.0;  // −m·g·z relative to z = 0
};

// frames => whole-body COM, momentum and energy.
WholeBody whole_body(const Model& model, const std::vector<BodyFrame>& frames);

// Angular momentum of the listed bodies about the whole-body centre of mass (world axes): for
// each, m (c − c_wb) × (ċ − ċ_wb) + R I Rᵀ ω.
Vec3 angular_momentum_of(const Model& model, const std::vector<BodyFrame>& frames, const std::vector<int>& bodies,
                         const WholeBody& whole);

// Root orientation quaternion of a free root (w, x, y, z in q[3..6]).
Quat root_quaternion(const VecX& q);

}  // namespace strider
