// Our forward kinematics agrees with Bullet's, and the joint signs follow DESIGN.md.
#include <gtest/gtest.h>

#include <random>

#include "dynamics/kinematics.hpp"
#include "dynamics/multibody.hpp"
#include "model/model_loader.hpp"

namespace strider {
namespace {

Model runner(const char* name) { return load_model_file(resolve_model_path(name, ""), {70.0, 1.75}); }

TEST(Kinematics, MatchesBulletAtRandomPoses) {
  for (const char* name : {"runner3d", "runner2d"}) {
    const Model m = runner(name);
    Multibody mb(m);
    std::mt19937 rng(7);
    std::uniform_real_distribution<double> angle(-1.0, 1.0);
    std::vector<BodyFrame> frames(m.bodies.size());
    for (int trial = 0; trial < 5; ++trial) {
      VecX q = m.zero_q();
      for (int i = 0; i < q.size(); ++i) q[i] = angle(rng);
      if (m.root_type() == JointType::Free) q.segment<4>(3).normalize();
      const VecX v = VecX::Zero(m.nv());
      mb.set_state(q, v);
      VecX q_back(m.nq()), v_back(m.nv());
      mb.get_state(q_back, v_back);
      EXPECT_LT((q_back - q).cwiseAbs().maxCoeff(), 1e-12) << name;
      forward_kinematics(m, q, v, frames);
      for (std::size_t b = 0; b < m.bodies.size(); ++b) {
        EXPECT_LT((mb.bullet_com_position(static_cast<int>(b)) - frames[b].p_WCom).norm(), 1e-12)
            << name << " body " << m.bodies[b].name;
      }
    }
  }
}

// Position of a body's frame origin in the pelvis frame at a pose with one coordinate set.
Vec3 origin_with(const Model& m, const std::string& coordinate, double angle_rad, const std::string& body) {
  VecX q = m.zero_q();
  q[m.root_q_size() + m.coordinate_index(coordinate)] = angle_rad;
  std::vector<BodyFrame> frames(m.bodies.size());
  forward_kinematics(m, q, VecX::Zero(m.nv()), frames);
  return frames[m.body_index(body)].p_WB;
}

TEST(Kinematics, AngleSignsFollowTheConventions) {
  const Model m = runner("runner3d");
  const double a = 0.3;
  const Vec3 knee0 = origin_with(m, "hip_flexion_r", 0.0, "shank_r");
  EXPECT_GT(origin_with(m, "hip_flexion_r", a, "shank_r").x(), knee0.x() + 0.05);     // knee forward
  EXPECT_LT(origin_with(m, "hip_abduction_r", a, "shank_r").y(), knee0.y() - 0.05);   // right knee out (-y)
  const Vec3 knee_l0 = origin_with(m, "hip_abduction_l", 0.0, "shank_l");
  EXPECT_GT(origin_with(m, "hip_abduction_l", a, "shank_l").y(), knee_l0.y() + 0.05);  // left knee out (+y)
  const Vec3 ankle0 = origin_with(m, "knee_flexion_r", 0.0, "foot_r");
  EXPECT_LT(origin_with(m, "knee_flexion_r", a, "foot_r").x(), ankle0.x() - 0.05);   // foot back
  const Vec3 hand0 = origin_with(m, "elbow_flexion_r", 0.0, "forearm_r");
  EXPECT_GT(origin_with(m, "shoulder_flexion_r", a, "forearm_r").x(), hand0.x() + 0.05);
  EXPECT_GT(origin_with(m, "lumbar_flexion", a, "upper_arm_r").x(), 0.05);  // trunk leans forward

  // Dorsiflexion lifts the toe; inversion turns the right sole inward (+y).
  auto toe_tip = [&](const std::string& coord, double angle) {
    VecX q = m.zero_q();
    q[m.root_q_size() + m.coordinate_index(coord)] = angle;
    std::vector<BodyFrame> frames(m.bodies.size());
    forward_kinematics(m, q, VecX::Zero(m.nv()), frames);
    const int foot = m.body_index("foot_r");
    return Vec3(frames[foot].p_WB + frames[foot].R_WB * Vec3(0.2, 0, 0));
  };
  EXPECT_GT(toe_tip("ankle_dorsiflexion_r", a).z(), toe_tip("ankle_dorsiflexion_r", 0).z() + 0.03);
  VecX q = m.zero_q();
  q[m.root_q_size() + m.coordinate_index("ankle_inversion_r")] = a;
  std::vector<BodyFrame> frames(m.bodies.size());
  forward_kinematics(m, q, VecX::Zero(m.nv()), frames);
  const Vec3 sole_normal = frames[m.body_index("foot_r")].R_WB * Vec3(0, 0, -1);
  EXPECT_GT(sole_normal.y(), 0.2);  // the sole faces medially (+y for the right foot)
  // Internal rotation of the right hip turns the toes to the left (+y).
  q = m.zero_q();
  q[m.root_q_size() + m.coordinate_index("hip_rotation_r")] = a;
  forward_kinematics(m, q, VecX::Zero(m.nv()), frames);
  EXPECT_GT((frames[m.body_index("foot_r")].R_WB * Vec3::UnitX()).y(), 0.2);
}

TEST(Kinematics, PointVelocityMatchesFiniteDifference) {
  const Model m = runner("runner3d");
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  VecX q = m.zero_q(), v = VecX::Zero(m.nv());
  for (int i = 0; i < q.size(); ++i) q[i] = 0.5 * u(rng);
  q.segment<4>(3).normalize();
  for (int i = 0; i < v.size(); ++i) v[i] = u(rng);
  // Advance q by v·h for the joints; the root quaternion by the world angular velocity.
  const double h = 1e-7;
  VecX q2 = q;
  q2.segment<3>(0) += h * v.segment<3>(0);
  const Quat dq(Eigen::AngleAxisd(h * v.segment<3>(3).norm(), v.segment<3>(3).normalized()));
  const Quat q_new = dq * Quat(q[3], q[4], q[5], q[6]);
  q2.segment<4>(3) << q_new.w(), q_new.x(), q_new.y(), q_new.z();
  q2.tail(m.coordinates.size()) += h * v.tail(m.coordinates.size());
  std::vector<BodyFrame> f1(m.bodies.size()), f2(m.bodies.size());
  forward_kinematics(m, q, v, f1);
  forward_kinematics(m, q2, v, f2);
  for (std::size_t b = 0; b < m.bodies.size(); ++b) {
    const Vec3 fd = (f2[b].p_WCom - f1[b].p_WCom) / h;
    EXPECT_LT((fd - f1[b].v_WCom).norm(), 1e-5) << m.bodies[b].name;
  }
}

}  // namespace
}  // namespace strider
