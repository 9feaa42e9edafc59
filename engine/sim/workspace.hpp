#pragma once
// Workspace: preallocated scratch and the quantities evaluated from the State at the current
// time (kinematics, contact loads, passive torques). Sized once; the step never allocates.
#include <vector>

#include "contact/contact_model.hpp"
#include "dynamics/kinematics.hpp"
#include "model/model.hpp"

namespace strider {

struct Workspace {
  std::vector<BodyFrame> frames;     // one per body
  WholeBody whole;
  std::vector<SphereLoad> spheres;   // one per contact sphere
  std::vector<FootLoad> feet;        // one per contact body
  VecX passive_torque_nm;            // joint-limit torques, one per joint coordinate
  ContactState contact_next;         // contact state after this step

  explicit Workspace(const Model& model)
      : frames(model.bodies.size()),
        spheres(model.contacts.size()),
        feet(model.contact_bodies.size()),
        passive_torque_nm(VecX::Zero(static_cast<int>(model.coordinates.size()))) {
    contact_next.resize(static_cast<int>(model.contacts.size()));
  }
};

}  // namespace strider
