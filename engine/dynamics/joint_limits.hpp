#pragma once
// Passive joint-limit torques: a linear spring past each limit, with damping that ramps in over
// a transition depth so the torque stays continuous (the soft-limit form of Geyer & Herr 2010,
// IEEE TNSRE 18:263, with stiffness and damping from the model file).
#include "model/model.hpp"

namespace strider {

// Torque on one coordinate at angle q_rad and rate qd_radps. Zero inside the range.
double joint_limit_torque_nm(const Coordinate& c, double q_rad, double qd_radps);

// (q, v) => tau, one entry per joint coordinate.
void joint_limit_torques(const Model& model, const VecX& q, const VecX& v, VecX& tau_nm);

}  // namespace strider
