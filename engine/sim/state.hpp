#pragma once
// State: everything that is integrated in time. Copy it to snapshot a run; restore it with
// Simulation::set_state. (Bullet keeps its own copy of q and v; the Simulation syncs them.)
#include <cstdint>

#include "contact/contact_model.hpp"
#include "control/controller.hpp"
#include "core/math.hpp"
#include "model/model.hpp"

namespace strider {

struct State {
  std::int64_t step = 0;  // steps taken; time is step · dt, so it never drifts
  double time_s = 0.0;
  VecX q;  // generalized coordinates (layout in model.hpp)
  VecX v;  // generalized velocities
  ContactState contact;
  // Muscles, one entry each: the excitation applied (the control input, held between control
  // updates), activation, normalized fibre length (compliant tendons) and the 3CC-r fatigue
  // compartments M_A, M_R, M_F.
  VecX excitation, activation, fiber_length_norm;
  VecX fatigue_active, fatigue_resting, fatigue_fatigued;
  double metabolic_energy_j = 0.0;  // whole body, basal included, since t = 0
  ControllerState controller;

  static State zero(const Model& model) {
    State s;
    s.q = model.zero_q();
    s.v = VecX::Zero(model.nv());
    s.contact.resize(static_cast<int>(model.contacts.size()));
    const int n = static_cast<int>(model.muscles.size());
    s.excitation = VecX::Zero(n);
    s.activation = VecX::Zero(n);
    s.fiber_length_norm = VecX::Ones(n);
    s.fatigue_active = VecX::Zero(n);
    s.fatigue_resting = VecX::Ones(n);
    s.fatigue_fatigued = VecX::Zero(n);
    const long nc = static_cast<long>(model.coordinates.size());
    s.controller.desired_torque_nm = VecX::Zero(nc);
    s.controller.unmet_torque_nm = VecX::Zero(nc);
    s.controller.target_activation = VecX::Zero(n);
    return s;
  }
};

}  // namespace strider
