// The shipped runner models: mass equals the requested body mass, lengths scale with height,
// and the zero pose stands upright on the feet.
#include <gtest/gtest.h>

#include "dynamics/kinematics.hpp"
#include "model/model_loader.hpp"

namespace strider {
namespace {

std::string model_path(const char* name) { return resolve_model_path(name, ""); }

TEST(RunnerModels, MassEqualsScenarioBodyMass) {
  for (const char* name : {"runner3d", "runner2d"}) {
    for (double mass : {55.0, 70.0, 92.5}) {
      const Model m = load_model_file(model_path(name), {mass, 1.75});
      EXPECT_NEAR(m.total_mass_kg(), mass, 1e-9 * mass) << name;
    }
  }
}

TEST(RunnerModels, SegmentLengthsScaleWithHeight) {
  const Model a = load_model_file(model_path("runner3d"), {70.0, 1.75});
  const Model b = load_model_file(model_path("runner3d"), {70.0, 1.90});
  for (const char* body : {"shank_r", "foot_l", "forearm_r", "torso"}) {
    const Vec3 la = a.bodies[a.body_index(body)].joint.location_m;
    const Vec3 lb = b.bodies[b.body_index(body)].joint.location_m;
    EXPECT_NEAR(lb.norm() / la.norm(), 1.90 / 1.75, 1e-12) << body;
  }
  // de Leva 1996: thigh 0.4222 m and shank 0.4340 m for a 1.741 m male.
  EXPECT_NEAR(-a.bodies[a.body_index("shank_r")].joint.location_m.z(), 0.4222 * 1.75 / 1.741, 1e-6);
  EXPECT_NEAR(-a.bodies[a.body_index("foot_r")].joint.location_m.z(), 0.4340 * 1.75 / 1.741, 1e-6);
  // Inertia scales with mass x length^2.
  const Model c = load_model_file(model_path("runner3d"), {80.0, 1.90});
  const double ratio = (80.0 / 70.0) * (1.90 / 1.75) * (1.90 / 1.75);
  EXPECT_NEAR(c.bodies[c.body_index("thigh_r")].inertia_kgm2.x() /
                  a.bodies[a.body_index("thigh_r")].inertia_kgm2.x(), ratio, 1e-12);
}

TEST(RunnerModels, SegmentMassFractionsFollowDeLeva) {
  const Model m = load_model_file(model_path("runner3d"), {70.0, 1.75});
  // de Leva 1996 Table 4, male: thigh 14.16 %, shank 4.33 %, foot 1.37 %, upper arm 2.71 %.
  EXPECT_NEAR(m.bodies[m.body_index("thigh_r")].mass_kg, 0.1416 * 70, 1e-3);
  EXPECT_NEAR(m.bodies[m.body_index("shank_l")].mass_kg, 0.0433 * 70, 1e-3);
  EXPECT_NEAR(m.bodies[m.body_index("foot_r")].mass_kg, 0.0137 * 70, 1e-3);
  EXPECT_NEAR(m.bodies[m.body_index("upper_arm_l")].mass_kg, 0.0271 * 70, 1e-3);
}

TEST(RunnerModels, Runner3dHasTheDesignedJoints) {
  const Model m = load_model_file(model_path("runner3d"));
  EXPECT_EQ(m.root_type(), JointType::Free);
  EXPECT_EQ(m.coordinates.size(), 23u);  // lumbar 3, 2 x (hip 3, knee 1, ankle 2, shoulder 3, elbow 1)
  EXPECT_EQ(m.contact_bodies.size(), 2u);
  const Model p = load_model_file(model_path("runner2d"));
  EXPECT_EQ(p.root_type(), JointType::Planar);
  EXPECT_EQ(p.coordinates.size(), 11u);  // lumbar, 2 x (hip, knee, ankle, shoulder, elbow)
}

TEST(RunnerModels, HeightOfZeroPoseMatchesBodyHeight) {
  const Model m = load_model_file(model_path("runner3d"), {70.0, 1.75});
  std::vector<BodyFrame> frames(m.bodies.size());
  forward_kinematics(m, m.zero_q(), VecX::Zero(m.nv()), frames);
  double lowest = 1e9;
  for (const auto& c : m.contacts) {
    lowest = std::min(lowest, (frames[c.body].p_WB + c.center_m).z() - c.radius_m);
  }
  // Head sphere top: the vertex. de Leva's segment chain is built from landmarks, so allow 5 %.
  const auto& torso = m.bodies[m.body_index("torso")];
  const double top = frames[m.body_index("torso")].p_WB.z() + torso.geometry.back().from_m.z() +
                     torso.geometry.back().radius_m;
  EXPECT_NEAR(top - lowest, 1.75, 0.05 * 1.75);
}

}  // namespace
}  // namespace strider
