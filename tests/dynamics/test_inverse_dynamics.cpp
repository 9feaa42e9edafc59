// Inverse dynamics after forward dynamics returns the applied forces (Pinocchio-style check).
#include <gtest/gtest.h>

#include <random>

#include "dynamics/inverse_dynamics.hpp"
#include "dynamics/multibody.hpp"
#include "model/model_loader.hpp"

namespace strider {
namespace {

TEST(InverseDynamics, UndoesBulletForwardDynamics) {
  for (const char* name : {"runner3d", "runner2d"}) {
    const Model m = load_model_file(resolve_model_path(name, ""), {70.0, 1.75});
    Multibody mb(m);
    std::mt19937 rng(3);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    for (int trial = 0; trial < 4; ++trial) {
      VecX q = m.zero_q(), v(m.nv()), tau_joint = VecX::Zero(m.nv());
      for (int i = 0; i < q.size(); ++i) q[i] = 0.6 * u(rng);
      if (m.root_type() == JointType::Free) q.segment<4>(3).normalize();
      for (int i = 0; i < v.size(); ++i) v[i] = 2.0 * u(rng);
      for (int i = m.root_v_size(); i < v.size(); ++i) tau_joint[i] = 50.0 * u(rng);
      // An external push on a foot.
      std::vector<BodyFrame> frames(m.bodies.size());
      forward_kinematics(m, q, v, frames);
      const int foot = m.body_index("foot_r");
      ExternalForce push{foot, Vec3(120, -40, 700), frames[foot].p_WB + Vec3(0.05, 0.01, -0.07), Vec3(0, 0, 3)};
      mb.set_state(q, v);
      mb.clear_loads();
      mb.add_gravity();
      mb.add_force(foot, push.force_W, push.point_W, frames[foot]);
      mb.add_body_torque(foot, push.torque_W);
      for (std::size_t c = 0; c < m.coordinates.size(); ++c) {
        mb.add_coordinate_torque(static_cast<int>(c), tau_joint[m.root_v_size() + static_cast<long>(c)]);
      }
      VecX vdot(m.nv());
      mb.accelerations(vdot);
      InverseDynamicsScratch scratch;
      VecX tau(m.nv());
      inverse_dynamics(m, q, v, vdot, {push}, scratch, tau);
      EXPECT_LT((tau - tau_joint).cwiseAbs().maxCoeff(), 1e-7) << name << " trial " << trial << "\n"
                                                               << (tau - tau_joint).transpose();
    }
  }
}

}  // namespace
}  // namespace strider
