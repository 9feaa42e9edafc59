// The whole-body solve's pieces against independent computations: its mass matrix and bias
// forces against Bullet's forward dynamics, its point Jacobian against the kinematics' point
// velocity, and its predicted accelerations against Bullet's under the solve's own activations.
#include <gtest/gtest.h>

#include <random>

#include "control/whole_body_qp.hpp"
#include "dynamics/multibody.hpp"
#include "model/model_loader.hpp"

namespace strider {
namespace {

struct RandomState {
  VecX q, v;
};

RandomState random_state(const Model& m, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  RandomState s{m.zero_q(), VecX(m.nv())};
  for (int i = 0; i < s.q.size(); ++i) s.q[i] = 0.6 * u(rng);
  if (m.root_type() == JointType::Free) s.q.segment<4>(3).normalize();
  for (int i = 0; i < s.v.size(); ++i) s.v[i] = 2.0 * u(rng);
  return s;
}

// A random state with its kinematics: the body frames and coordinate axes the solve reads.
struct PosedState : RandomState {
  std::vector<BodyFrame> frames;
  Eigen::Matrix3Xd axes;
};

PosedState posed_state(const Model& m, unsigned seed) {
  PosedState p{random_state(m, seed), std::vector<BodyFrame>(m.bodies.size()),
               Eigen::Matrix3Xd(3, static_cast<long>(m.coordinates.size()))};
  forward_kinematics(m, p.q, p.v, p.frames, &p.axes);
  return p;
}

TEST(WholeBodyQp, MassMatrixAndBiasGiveBulletsAccelerations) {
  for (const char* name : {"runner3d", "runner2d"}) {
    const Model m = load_model_file(resolve_model_path(name, ""), {70.0, 1.75});
    Multibody mb(m);
    WholeBodyQp qp(m);
    for (unsigned trial = 0; trial < 3; ++trial) {
      const RandomState s = random_state(m, 11 + trial);
      VecX tau = VecX::Zero(m.nv());
      std::mt19937 rng(trial);
      std::uniform_real_distribution<double> u(-50.0, 50.0);
      for (int i = m.root_v_size(); i < tau.size(); ++i) tau[i] = u(rng);
      mb.set_state(s.q, s.v);
      mb.clear_loads();
      mb.add_gravity();
      for (std::size_t c = 0; c < m.coordinates.size(); ++c) {
        mb.add_coordinate_torque(static_cast<int>(c), tau[m.root_v_size() + static_cast<long>(c)]);
      }
      VecX vdot(m.nv());
      mb.accelerations(vdot);
      Eigen::MatrixXd M(m.nv(), m.nv());
      VecX h(m.nv());
      qp.mass_matrix(m, s.q, s.v, M, h);
      EXPECT_LT((M - M.transpose()).cwiseAbs().maxCoeff(), 1e-12) << name;
      const VecX predicted = M.llt().solve(tau - h);
      EXPECT_LT((predicted - vdot).cwiseAbs().maxCoeff(), 1e-6 * (1.0 + vdot.cwiseAbs().maxCoeff())) << name;
    }
  }
}

TEST(WholeBodyQp, PointJacobianGivesThePointsVelocity) {
  for (const char* name : {"runner3d", "runner2d"}) {
    const Model m = load_model_file(resolve_model_path(name, ""), {70.0, 1.75});
    const RandomState s = random_state(m, 5);
    std::vector<BodyFrame> frames(m.bodies.size());
    Eigen::Matrix3Xd axes(3, static_cast<long>(m.coordinates.size()));
    forward_kinematics(m, s.q, s.v, frames, &axes);
    Eigen::Matrix3Xd J(3, m.nv());
    for (const char* body_name : {"foot_r", "forearm_l", "pelvis"}) {
      const int body = m.body_index(body_name);
      const Vec3 p = frames[body].p_WB + frames[body].R_WB * Vec3(0.05, -0.02, -0.04);
      WholeBodyQp::point_jacobian(m, frames, axes, body, p, J);
      EXPECT_LT((J * s.v - point_velocity(frames[body], p)).norm(), 1e-12) << name << " " << body_name;
    }
  }
}

// With no contact, the solve's predicted accelerations are Bullet's under its activations'
// muscle forces (a·F_active + F_passive along each path) and the joint-limit torques.
TEST(WholeBodyQp, PredictedAccelerationsAreBulletsUnderTheSolvedActivations) {
  const Model m = load_model_file(resolve_model_path("runner3d", ""), {70.0, 1.75});
  const long nc = static_cast<long>(m.coordinates.size()), nm = static_cast<long>(m.muscles.size());
  const PosedState s = posed_state(m, 7);
  std::mt19937 rng(2);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  Eigen::MatrixXd R = Eigen::MatrixXd::Zero(nm, nc);  // moment arms: each muscle on a few coordinates
  for (long i = 0; i < nm; ++i) R(i, i % nc) = 0.05 * (u(rng) - 0.5);
  WholeBodyQpInput in;
  in.joint_accel_radps2 = VecX::Constant(nc, 20.0);
  in.joint_weight = VecX::Ones(nc);
  in.pelvis_weight = 1.0;
  in.active_force_n = VecX::Constant(nm, 1000.0);
  in.passive_force_n = VecX::Constant(nm, 10.0);
  in.activation_lo = VecX::Zero(nm);
  in.activation_hi = VecX::Ones(nm);
  const VecX joint_passive = VecX::Constant(nc, 1.5);
  WholeBodyQp qp(m);
  WholeBodyQpResult out;
  qp.prepare(m, s.q, s.v);
  qp.solve(m, s.v, s.frames, s.axes, R, joint_passive, in, out);
  ASSERT_EQ(out.activation.size(), nm);
  EXPECT_GT(out.activation.maxCoeff(), 0.01);  // it does ask the muscles for something
  EXPECT_GE(out.activation.minCoeff(), 0.0);
  EXPECT_LE(out.activation.maxCoeff(), 1.0);
  const VecX forces = out.activation.cwiseProduct(in.active_force_n) + in.passive_force_n;
  const VecX torque = R.transpose() * forces + joint_passive;
  Multibody mb(m);
  mb.set_state(s.q, s.v);
  mb.clear_loads();
  mb.add_gravity();
  for (long c = 0; c < nc; ++c) mb.add_coordinate_torque(static_cast<int>(c), torque[c]);
  VecX vdot(m.nv());
  mb.accelerations(vdot);
  EXPECT_LT((out.accel - vdot).cwiseAbs().maxCoeff(), 1e-6 * (1.0 + vdot.cwiseAbs().maxCoeff()));
  EXPECT_LT((out.muscle_torque_nm - R.transpose() * forces).cwiseAbs().maxCoeff(), 1e-9);
}

// The angular-momentum task acts through the ground reaction alone: with only it asked, the
// solve's contact forces give the asked moment about the centre of mass, Σ (p_i − c) × λ_i,
// computed here from the forces' total and the points, within friction.
TEST(WholeBodyQp, AngularMomentumTaskSetsTheGroundReactionsMoment) {
  const Model m = load_model_file(resolve_model_path("runner3d", ""), {70.0, 1.75});
  const long nc = static_cast<long>(m.coordinates.size()), nm = static_cast<long>(m.muscles.size());
  const PosedState s = posed_state(m, 3);
  const Eigen::MatrixXd R = Eigen::MatrixXd::Zero(nm, nc);
  WholeBodyQpInput in;
  in.joint_accel_radps2 = VecX::Zero(nc);
  in.joint_weight = VecX::Zero(nc);
  in.active_force_n = VecX::Constant(nm, 1000.0);
  in.passive_force_n = VecX::Zero(nm);
  in.activation_lo = VecX::Zero(nm);
  in.activation_hi = VecX::Ones(nm);
  in.force_weight = 1e-8;
  // Heel and toe points under each foot (0.2 m long, the feet 0.3 m apart), the centre of mass
  // 0.9 m above the ground between them; the centre of mass is asked to hold still (1 g up).
  const int feet[2] = {m.body_index("foot_r"), m.body_index("foot_l")};
  in.contact_point_m = {Vec3(0.1, -0.15, 0.0), Vec3(-0.1, -0.15, 0.0), Vec3(0.1, 0.15, 0.0), Vec3(-0.1, 0.15, 0.0)};
  in.contact_body = {feet[0], feet[0], feet[1], feet[1]};
  in.com_m = Vec3(0.0, 0.0, 0.9);
  in.com_weight = Vec3::Ones();
  in.angular_momentum_weight = Vec3::Ones();
  in.angular_momentum_rate_nm = Vec3(20.0, -60.0, 10.0);
  WholeBodyQp qp(m);
  WholeBodyQpResult out;
  qp.prepare(m, s.q, s.v);
  qp.solve(m, s.v, s.frames, s.axes, R, VecX::Zero(nc), in, out);
  const double weight_n = m.total_mass_kg() * m.gravity_mps2.norm();
  EXPECT_NEAR(out.contact_force_n.z(), weight_n, 1e-3 * weight_n);
  EXPECT_LT((out.angular_momentum_rate_nm - in.angular_momentum_rate_nm).norm(), 0.5)
      << out.angular_momentum_rate_nm.transpose() << " force " << out.contact_force_n.transpose();
  // Without the task the same solve leaves the moment where the least force puts it.
  in.angular_momentum_weight.setZero();
  qp.solve(m, s.v, s.frames, s.axes, R, VecX::Zero(nc), in, out);
  EXPECT_GT((out.angular_momentum_rate_nm - in.angular_momentum_rate_nm).norm(), 10.0);
}

}  // namespace
}  // namespace strider
