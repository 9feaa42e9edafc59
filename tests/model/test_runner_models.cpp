// The shipped runner models: mass equals the requested body mass, lengths scale with height,
// and the zero pose stands upright on the feet.
#include <gtest/gtest.h>

#include <algorithm>

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

// runner3d's left side is its right side mirrored in the sagittal plane (y → −y), exactly: its
// bodies, joints, contact spheres and muscles. A runner that drifts to one side does so from
// its start or its control, not from its body (docs/controller.md, stop 20).
TEST(RunnerModels, Runner3dLeftSideMirrorsTheRight) {
  const Model m = load_model_file(model_path("runner3d"), {70.0, 1.75});
  const Vec3 flip(1.0, -1.0, 1.0);
  auto left_of = [](const std::string& name) { return name.substr(0, name.size() - 2) + "_l"; };
  auto is_right = [](const std::string& name) {
    return name.size() > 2 && name.compare(name.size() - 2, 2, "_r") == 0;
  };
  auto mirror_body = [&](int body) {
    const std::string& name = m.bodies[static_cast<std::size_t>(body)].name;
    return is_right(name) ? m.body_index(left_of(name)) : body;
  };
  auto mirror_coordinate = [&](int c) {
    if (c < 0) return c;
    const std::string& name = m.coordinates[static_cast<std::size_t>(c)].name;
    return is_right(name) ? m.coordinate_index(left_of(name)) : c;
  };
  int bodies = 0, muscles = 0, spheres = 0;
  for (std::size_t b = 0; b < m.bodies.size(); ++b) {
    const Body& r = m.bodies[b];
    if (!is_right(r.name)) continue;
    const int l_index = m.body_index(left_of(r.name));
    ASSERT_GE(l_index, 0) << r.name;
    const Body& l = m.bodies[static_cast<std::size_t>(l_index)];
    ++bodies;
    EXPECT_EQ(l.mass_kg, r.mass_kg) << r.name;
    EXPECT_EQ(l.com_m, r.com_m.cwiseProduct(flip)) << r.name;
    EXPECT_EQ(l.inertia_kgm2, r.inertia_kgm2) << r.name;
    EXPECT_EQ(l.parent, mirror_body(r.parent)) << r.name;
    EXPECT_EQ(l.joint.location_m, r.joint.location_m.cwiseProduct(flip)) << r.name;
    ASSERT_EQ(l.joint.coordinate_count, r.joint.coordinate_count) << r.name;
    for (int k = 0; k < r.joint.coordinate_count; ++k) {
      const Coordinate& cr = m.coordinates[static_cast<std::size_t>(r.joint.first_coordinate + k)];
      const Coordinate& cl = m.coordinates[static_cast<std::size_t>(l.joint.first_coordinate + k)];
      EXPECT_EQ(cl.name, left_of(cr.name));
      // A rotation axis is a pseudovector: mirrored in y, its x and z parts change sign, so
      // that the same angle is the same motion (abduction, internal rotation) on both sides.
      EXPECT_EQ(cl.axis, Vec3(-cr.axis.x(), cr.axis.y(), -cr.axis.z())) << cr.name;
      EXPECT_EQ(cl.min_rad, cr.min_rad) << cr.name;
      EXPECT_EQ(cl.max_rad, cr.max_rad) << cr.name;
    }
  }
  for (const ContactSphere& r : m.contacts) {
    if (mirror_body(r.body) == r.body) continue;
    ++spheres;
    const auto l = std::find_if(m.contacts.begin(), m.contacts.end(), [&](const ContactSphere& s) {
      return s.body == mirror_body(r.body) && s.center_m == r.center_m.cwiseProduct(flip) &&
             s.radius_m == r.radius_m;
    });
    EXPECT_NE(l, m.contacts.end()) << r.name;
  }
  for (const Muscle& r : m.muscles) {
    if (!is_right(r.name)) continue;
    const auto l = std::find_if(m.muscles.begin(), m.muscles.end(),
                                [&](const Muscle& x) { return x.name == left_of(r.name); });
    ASSERT_NE(l, m.muscles.end()) << r.name;
    ++muscles;
    EXPECT_EQ(l->mtu.max_isometric_force_n, r.mtu.max_isometric_force_n) << r.name;
    EXPECT_EQ(l->mtu.optimal_fiber_length_m, r.mtu.optimal_fiber_length_m) << r.name;
    EXPECT_EQ(l->mtu.tendon_slack_length_m, r.mtu.tendon_slack_length_m) << r.name;
    EXPECT_EQ(l->mtu.pennation_at_optimal_rad, r.mtu.pennation_at_optimal_rad) << r.name;
    EXPECT_EQ(l->groups, r.groups) << r.name;
    ASSERT_EQ(l->path.size(), r.path.size()) << r.name;
    for (std::size_t k = 0; k < r.path.size(); ++k) {
      const PathPoint &pr = r.path[k], &pl = l->path[k];
      EXPECT_EQ(pl.body, mirror_body(pr.body)) << r.name << " point " << k;
      EXPECT_EQ(pl.point_m, pr.point_m.cwiseProduct(flip)) << r.name << " point " << k;
      EXPECT_EQ(pl.condition_coordinate, mirror_coordinate(pr.condition_coordinate))
          << r.name << " point " << k;
      EXPECT_EQ(pl.condition_min_rad, pr.condition_min_rad) << r.name;
      EXPECT_EQ(pl.condition_max_rad, pr.condition_max_rad) << r.name;
      EXPECT_EQ(pl.moving_coordinate, mirror_coordinate(pr.moving_coordinate)) << r.name << " point " << k;
      ASSERT_EQ(pl.moving_points_m.size(), pr.moving_points_m.size()) << r.name;
      EXPECT_EQ(pl.moving_angles_rad, pr.moving_angles_rad) << r.name;
      for (std::size_t j = 0; j < pr.moving_points_m.size(); ++j) {
        EXPECT_EQ(pl.moving_points_m[j], pr.moving_points_m[j].cwiseProduct(flip))
            << r.name << " point " << k;
      }
    }
  }
  EXPECT_EQ(bodies, 5);  // thigh, shank, foot, upper arm, forearm
  EXPECT_GT(spheres, 0);
  EXPECT_GT(muscles, 20);
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
