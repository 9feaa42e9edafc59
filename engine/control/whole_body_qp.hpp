#pragma once
// Whole-body muscle control by one bounded least-squares solve per control update (the
// muscle-driven form of the task-space inverse-dynamics QPs of legged robots; for muscles,
// Lee, Park, Lee & Lee 2014, ACM TOG 33:6).
//
// The unknowns are the muscle activations a and the ground reaction at each contact point of a
// stance foot, λ_i = m·g·Σ_k β_ik·d_ik with β ≥ 0 on the edges d_ik of a friction pyramid. With
// the equations of motion M·v̇ + h = Sᵀ·τ(a) + Σ J_iᵀ·λ_i and the muscles' joint torques
// τ(a) = Rᵀ·(a∘F_active + F_passive) + τ_joint_passive, the accelerations are affine in (a, β):
//   v̇ = G·[a; β] + g0,   G = M⁻¹·[Sᵀ·Rᵀ·diag(F_active), Jᵀ·m·g·D],   g0 = M⁻¹·(Sᵀ·τ_passive − h).
// The solve minimizes the weighted squared errors of the tasks (joint, pelvis-orientation,
// centre-of-mass and contact-point accelerations and the rate of change of the angular momentum
// about the centre of mass, against their desired values) plus a small
// cost on activation and force, with each activation bounded to what activation dynamics can
// reach within a short horizon and the fatigue capacity. The pelvis rows of the equations of
// motion have no muscle term: the pelvis moves only through the ground reaction, as it must.
//
// The ground reaction in the solve is a prediction: the simulation's contact model produces the
// real one. Only the activations leave this solve; nothing else acts on the body.
#include <vector>

#include "core/math.hpp"
#include "dynamics/inverse_dynamics.hpp"
#include "model/model.hpp"
#include "muscle/distribution.hpp"

namespace strider {

// Inputs of one solve, filled by the controller (sized once; no allocation in the step).
struct WholeBodyQpInput {
  // Desired joint-coordinate accelerations and their weights, per joint coordinate.
  VecX joint_accel_radps2, joint_weight;
  // Desired pelvis angular acceleration (world; planar root: y only) and its weight.
  Vec3 pelvis_angular_accel_radps2 = Vec3::Zero();
  double pelvis_weight = 0.0;
  // Desired angular acceleration (world) of a second body, the trunk, and its weight.
  int trunk_body = -1;
  Vec3 trunk_angular_accel_radps2 = Vec3::Zero();
  double trunk_weight = 0.0;
  // Desired centre-of-mass acceleration (world) and weight per axis, acting through the ground
  // reaction only (m·c̈ = m·g + Σλ); ignored with no contact point.
  Vec3 com_accel_mps2 = Vec3::Zero();
  Vec3 com_weight = Vec3::Zero();
  // Desired rate of change of the whole body's angular momentum about the centre of mass `com_m`
  // (world) and its weight per axis, per (N·m/kg)². It changes only through the ground reaction,
  // k̇ = Σ (p_i − c) × λ_i, so it says where the ground force may point: through the centre of
  // mass for k̇ = 0. Ignored with no contact point.
  Vec3 com_m = Vec3::Zero();
  Vec3 angular_momentum_rate_nm = Vec3::Zero();
  Vec3 angular_momentum_weight = Vec3::Zero();
  // Contact points of stance feet (world, on the ground) and their bodies; their accelerations
  // are asked to be −contact_damping·velocity (no slip, no sinking).
  std::vector<Vec3> contact_point_m;
  std::vector<int> contact_body;
  Vec3 ground_normal = Vec3::UnitZ();
  double contact_weight = 0.0;
  double contact_damping_per_s = 0.0;
  double friction = 0.7;
  // Muscles: force at full activation and passive force along the path, activation bounds.
  VecX active_force_n, passive_force_n, activation_lo, activation_hi, preferred_activation;
  double activation_weight = 1.0;
  double force_weight = 1e-3;  // per (body weight)² of each pyramid edge's force
};

struct WholeBodyQpResult {
  VecX activation;             // per muscle
  VecX accel;                  // predicted v̇
  VecX asked_torque_nm;        // per joint coordinate: inverse dynamics of the desired joint accelerations
  VecX muscle_torque_nm;       // per joint coordinate: what the solve's activations give
  Vec3 contact_force_n = Vec3::Zero();  // predicted total ground reaction
  Vec3 angular_momentum_rate_nm = Vec3::Zero();  // its moment about in.com_m
  int iterations = 0;
};

class WholeBodyQp {
 public:
  explicit WholeBodyQp(const Model& model);
  // Step 1 of an update: the mass matrix, bias forces and their factorization at (q, v).
  void prepare(const Model& model, const VecX& q, const VecX& v);
  // Step 2: the solve at the state given to prepare(), with the kinematics of `frames` and
  // `axes_W` (the Workspace's), the muscles' moment arms (muscles × joint coordinates) and the
  // joint-limit torques.
  void solve(const Model& model, const VecX& v, const std::vector<BodyFrame>& frames,
             const Eigen::Matrix3Xd& axes_W, const Eigen::MatrixXd& moment_arm_m, const VecX& joint_passive_nm,
             const WholeBodyQpInput& in, WholeBodyQpResult& out);
  // The mass matrix and bias forces (gravity, Coriolis and centrifugal) at (q, v), by inverse
  // dynamics: h = ID(q, v, 0), M·e_i = ID(q, 0, e_i) − ID(q, 0, 0). Public for tests.
  void mass_matrix(const Model& model, const VecX& q, const VecX& v, Eigen::MatrixXd& M, VecX& h);
  // The 3 × nv Jacobian of a body's angular velocity (world).
  static void angular_jacobian(const Model& model, const Eigen::Matrix3Xd& axes_W, int body, Eigen::Matrix3Xd& J);
  // The 3 × nv Jacobian of a world point moving with `body`.
  static void point_jacobian(const Model& model, const std::vector<BodyFrame>& frames, const Eigen::Matrix3Xd& axes_W,
                             int body, const Vec3& p_W, Eigen::Matrix3Xd& J);

 private:
  InverseDynamicsScratch id_;
  std::vector<ExternalForce> none_;
  VecX zero_v_, unit_, column_, gravity_, h_, g0_, tau0_, rhs_, reg_, target_;
  Eigen::MatrixXd M_, G_, A_, H_, SB_, JD_;
  Eigen::LLT<Eigen::MatrixXd> llt_;
  Eigen::Matrix3Xd J_;
  VecX z_, lo_, hi_, c_;
  BoxQpScratch qp_;
};

}  // namespace strider
