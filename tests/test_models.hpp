#pragma once
// Small inline models shared by the engine tests.
#include <fstream>
#include <sstream>
#include <string>

namespace strider::test {

// A single free rigid body (1 x 2 x 3 kg*m^2 principal inertia), no contacts.
inline const std::string kFreeBody = R"(
name: free_body
bodies:
  - name: block
    mass_kg: 2.0
    com_m: [0, 0, 0]
    inertia_kgm2: [0.1, 0.2, 0.25]
    joint: {type: free}
)";

// A three-link pendulum hanging from a fixed pivot 2 m up: unlimited hinges about y, then a
// universal joint (2 DOF) so that the swing is fully 3D. (A gimbal would pass through its
// singularity at a middle angle of ±90°, which Euler-angle chains cannot integrate.)
inline const std::string kTriplePendulum = R"(
name: triple_pendulum
bodies:
  - name: anchor
    mass_kg: 1.0
    inertia_kgm2: [0.01, 0.01, 0.01]
    joint: {type: fixed, location_m: [0, 0, 2]}
  - name: link1
    parent: anchor
    mass_kg: 1.0
    com_m: [0.25, 0, 0]
    inertia_kgm2: [0.001, 0.0215, 0.0215]
    joint:
      type: hinge
      coordinates: [{name: j1, axis: [0, 1, 0]}]
  - name: link2
    parent: link1
    mass_kg: 0.8
    com_m: [0.2, 0, 0]
    inertia_kgm2: [0.001, 0.011, 0.011]
    joint:
      type: hinge
      location_m: [0.5, 0, 0]
      coordinates: [{name: j2, axis: [0, 1, 0]}]
  - name: link3
    parent: link2
    mass_kg: 0.5
    com_m: [0.15, 0, 0.02]
    inertia_kgm2: [0.001, 0.004, 0.004]
    joint:
      type: universal
      location_m: [0.4, 0, 0]
      coordinates:
        - {name: j3a, axis: [0, 1, 0]}
        - {name: j3b, axis: [0, 0, 1]}
)";

// A 10 kg block standing on four equal spheres at the corners of a 0.3 x 0.2 m rectangle,
// centred under its COM. `FRICTION` is replaced by the test.
inline std::string block_on_spheres(double friction_static, double friction_dynamic) {
  return R"(
name: block_on_spheres
contact: {stiffness_pa: 2000000, dissipation_s_per_m: 1, friction_static: )" +
         std::to_string(friction_static) + ", friction_dynamic: " + std::to_string(friction_dynamic) +
         R"(, tangential_stiffness_n_per_m: 50000, tangential_damping_ns_per_m: 300}
bodies:
  - name: block
    mass_kg: 10.0
    com_m: [0, 0, 0]
    inertia_kgm2: [0.05, 0.09, 0.11]
    joint: {type: free}
    contacts:
      - {name: a, center_m: [0.15, 0.1, -0.05], radius_m: 0.03}
      - {name: b, center_m: [0.15, -0.1, -0.05], radius_m: 0.03}
      - {name: c, center_m: [-0.15, 0.1, -0.05], radius_m: 0.03}
      - {name: d, center_m: [-0.15, -0.1, -0.05], radius_m: 0.03}
)";
}

}  // namespace strider::test

namespace strider::test {

// An arm hinged about y at a fixed anchor, lifted by one muscle from above the hinge, and a
// forearm with a biarticular extensor that has a conditional via point behind the elbow. The
// file is also used by the command-line fault tests (a run that never falls).
inline const std::string kMuscleArm = [] {
  std::ifstream in(std::string(STRIDER_TEST_SOURCE_DIR) + "/tests/data/muscle_arm.yaml");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}();

}  // namespace strider::test
