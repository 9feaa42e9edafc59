#pragma once
// State: everything that is integrated in time. Copy it to snapshot a run; restore it with
// Simulation::set_state. (Bullet keeps its own copy of q and v; the Simulation syncs them.)
#include <cstdint>

#include "contact/contact_model.hpp"
#include "core/math.hpp"
#include "model/model.hpp"

namespace strider {

struct State {
  std::int64_t step = 0;  // steps taken; time is step · dt, so it never drifts
  double time_s = 0.0;
  VecX q;  // generalized coordinates (layout in model.hpp)
  VecX v;  // generalized velocities
  ContactState contact;

  static State zero(const Model& model) {
    State s;
    s.q = model.zero_q();
    s.v = VecX::Zero(model.nv());
    s.contact.resize(static_cast<int>(model.contacts.size()));
    return s;
  }
};

}  // namespace strider
