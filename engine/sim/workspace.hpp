#pragma once
// Workspace: preallocated scratch and the quantities evaluated from the State at the current
// time (kinematics, contact loads, passive torques). Sized once; the step never allocates.
#include <vector>

#include "contact/contact_model.hpp"
#include "dynamics/kinematics.hpp"
#include "model/model.hpp"
#include "muscle/metabolics.hpp"
#include "muscle/muscle_tendon.hpp"

namespace strider {

struct Workspace {
  std::vector<BodyFrame> frames;     // one per body
  WholeBody whole;
  std::vector<SphereLoad> spheres;   // one per contact sphere
  std::vector<FootLoad> feet;        // one per contact body
  VecX passive_torque_nm;            // joint-limit torques, one per joint coordinate
  ContactState contact_next;         // contact state after this step
  Eigen::Matrix3Xd coordinate_axes_W;  // world axis of each joint coordinate
  // The ground reaction as it acted over the last step: the integrator's weighted mean of its
  // stage forces, and of their moments about the world origin (what changes the momentum).
  Vec3 step_contact_force_n = Vec3::Zero();
  Vec3 step_contact_moment_nm = Vec3::Zero();

  // Muscles (evaluated at the start of the step and held over it).
  VecX muscle_length_m, muscle_velocity_mps;  // path length and lengthening velocity
  Eigen::MatrixXd moment_arm_m;               // muscles × joint coordinates
  std::vector<MuscleTendonOutput> muscle;     // forces, fibre state
  std::vector<MetabolicRates> metabolic;      // per muscle
  VecX muscle_torque_nm;                      // Σ moment arm × tendon force, per coordinate
  double metabolic_power_w = 0.0;             // whole body, basal included

  explicit Workspace(const Model& model)
      : frames(model.bodies.size()),
        spheres(model.contacts.size()),
        feet(model.contact_bodies.size()),
        passive_torque_nm(VecX::Zero(static_cast<int>(model.coordinates.size()))),
        coordinate_axes_W(Eigen::Matrix3Xd::Zero(3, static_cast<int>(model.coordinates.size()))),
        muscle_length_m(VecX::Zero(static_cast<int>(model.muscles.size()))),
        muscle_velocity_mps(VecX::Zero(static_cast<int>(model.muscles.size()))),
        moment_arm_m(Eigen::MatrixXd::Zero(static_cast<int>(model.muscles.size()),
                                           static_cast<int>(model.coordinates.size()))),
        muscle(model.muscles.size()),
        metabolic(model.muscles.size()),
        muscle_torque_nm(VecX::Zero(static_cast<int>(model.coordinates.size()))) {
    contact_next.resize(static_cast<int>(model.contacts.size()));
  }
};

}  // namespace strider
