#pragma once
// Foot–ground contact: Hunt–Crossley spheres with elastic–plastic Coulomb friction against the
// (sloped) ground plane, summed per foot into force, centre of pressure and free moment.
#include <vector>

#include "contact/ground.hpp"
#include "dynamics/kinematics.hpp"
#include "model/model.hpp"

namespace strider {

// Integrated contact state: one friction anchor per sphere (valid only while touching).
struct ContactState {
  Eigen::Matrix3Xd anchor_m;  // ground points, one column per sphere
  Eigen::VectorXi touching;   // 1 while the sphere is in contact

  void resize(int spheres) {
    anchor_m.setZero(3, spheres);
    touching.setZero(spheres);
  }
};

struct SphereLoad {
  Vec3 force_n = Vec3::Zero();    // total force on the body (normal + friction)
  Vec3 point_m = Vec3::Zero();    // contact point on the ground plane
  double normal_force_n = 0.0;
};

// Per contact body ("foot").
struct FootLoad {
  Vec3 force_n = Vec3::Zero();
  Vec3 cop_m = Vec3::Zero();       // centre of pressure on the ground; NaN with no contact
  double free_moment_nm = 0.0;     // moment about the ground normal through the CoP
  double normal_force_n = 0.0;
};

// (frames, contact state) => sphere loads, foot loads and the next contact state.
void compute_contacts(const Model& model, const Ground& ground, const std::vector<BodyFrame>& frames,
                      const ContactState& state, std::vector<SphereLoad>& spheres,
                      std::vector<FootLoad>& feet, ContactState& next);

}  // namespace strider
