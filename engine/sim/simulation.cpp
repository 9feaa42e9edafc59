#include "sim/simulation.hpp"

#include <cmath>
#include <limits>
#include <sstream>

#include "core/error.hpp"
#include "dynamics/joint_limits.hpp"
#include "muscle/path.hpp"

namespace strider {

Simulation::Simulation(std::shared_ptr<const Model> model, const SimulationOptions& options)
    : model_(std::move(model)),
      options_(options),
      ground_(make_ground(options.slope_percent)),
      multibody_(*model_),
      state_(State::zero(*model_)),
      workspace_(*model_),
      stage_(*model_),
      last_q_(model_->zero_q()),
      last_v_(VecX::Zero(model_->nv())) {
  const int nq = model_->nq(), nv = model_->nv();
  for (VecX* x : {&rk_.v, &rk_.a1, &rk_.a2, &rk_.a3, &rk_.a4, &rk_.v2, &rk_.v3, &rk_.v4, &rk_.dq})
    x->setZero(nv);
  rk_.q.setZero(nq);
  set_state(state_);
}

void integrate_coordinates(const Model& model, const VecX& q, const VecX& v, double h, VecX& out) {
  const int q0 = model.root_q_size();
  const int v0 = model.root_v_size();
  const int n = static_cast<int>(model.coordinates.size());
  if (model.root_type() == JointType::Free) {
    out.segment<3>(0) = q.segment<3>(0) + h * v.segment<3>(0);
    const Vec3 rotation = h * v.segment<3>(3);
    const double angle = rotation.norm();
    const Quat dq = angle > 0.0 ? Quat(Eigen::AngleAxisd(angle, rotation / angle)) : Quat::Identity();
    const Quat result = (dq * Quat(q[3], q[4], q[5], q[6])).normalized();
    out[3] = result.w();
    out[4] = result.x();
    out[5] = result.y();
    out[6] = result.z();
  } else if (model.root_type() == JointType::Planar) {
    out.head<3>() = q.head<3>() + h * v.head<3>();
  }
  out.segment(q0, n) = q.segment(q0, n) + h * v.segment(v0, n);
}

void Simulation::apply_loads(const Workspace& ws) {
  const Model& model = *model_;
  multibody_.clear_loads();
  multibody_.add_gravity();
  for (std::size_t i = 0; i < model.contacts.size(); ++i) {
    const int body = model.contacts[i].body;
    multibody_.add_force(body, ws.spheres[i].force_n, ws.spheres[i].point_m, ws.frames[body]);
  }
  // Joint torques: passive limits plus the muscles' moments (held from the step start).
  for (int c = 0; c < ws.passive_torque_nm.size(); ++c) {
    multibody_.add_coordinate_torque(c, ws.passive_torque_nm[c] + workspace_.muscle_torque_nm[c]);
  }
}

namespace {
// Adds weight × (total contact force, its moment about the world origin).
void add_contact_loads(const std::vector<SphereLoad>& spheres, double weight, Vec3& force, Vec3& moment) {
  for (const SphereLoad& load : spheres) {
    force += weight * load.force_n;
    moment += weight * load.point_m.cross(load.force_n);
  }
}
}  // namespace

void Simulation::stage_accelerations(const VecX& q, const VecX& v, Workspace& ws, VecX& vdot) {
  forward_kinematics(*model_, q, v, ws.frames);
  loads_and_accelerations(q, v, ws, vdot);
}

void Simulation::loads_and_accelerations(const VecX& q, const VecX& v, Workspace& ws, VecX& vdot) {
  const Model& model = *model_;
  compute_contacts(model, ground_, ws.frames, state_.contact, ws.spheres, ws.feet, ws.contact_next);
  joint_limit_torques(model, q, v, ws.passive_torque_nm);
  multibody_.set_state(q, v);
  apply_loads(ws);
  multibody_.accelerations(vdot);
}

void Simulation::set_state(const State& state) {
  state_ = state;
  multibody_.set_state(state_.q, state_.v);
  // Bullet normalizes nothing on write; read back so State and Bullet agree exactly.
  multibody_.get_state(state_.q, state_.v);
  last_q_ = state_.q;
  last_v_ = state_.v;
}

void Simulation::evaluate() {
  const Model& model = *model_;
  Workspace& ws = workspace_;
  forward_kinematics(model, state_.q, state_.v, ws.frames, &ws.coordinate_axes_W);
  ws.whole = whole_body(model, ws.frames);
  compute_muscle_paths(model, ws.frames, ws.coordinate_axes_W, state_.q, state_.v, ws.muscle_length_m,
                       ws.muscle_velocity_mps, ws.moment_arm_m);
  evaluate_muscles(model, options_.muscles, state_, ws);
  loads_and_accelerations(state_.q, state_.v, ws, rk_.a1);
}

void Simulation::equilibrate_muscles() {
  Workspace& ws = workspace_;
  forward_kinematics(*model_, state_.q, state_.v, ws.frames, &ws.coordinate_axes_W);
  compute_muscle_paths(*model_, ws.frames, ws.coordinate_axes_W, state_.q, state_.v, ws.muscle_length_m,
                       ws.muscle_velocity_mps, ws.moment_arm_m);
  equilibrate_fibers(*model_, options_.muscles, ws, state_);
}

void Simulation::set_excitations(const VecX& excitation) { state_.excitation = excitation; }

void Simulation::control() {
  if (!controller_ || state_.time_s + 1e-12 < state_.controller.next_update_s) return;
  controller_->update(*model_, state_, workspace_, state_.controller, state_.excitation);
  state_.controller.next_update_s += controller_->control_period_s();
}

void Simulation::advance() {
  const Model& model = *model_;
  const double h = options_.dt_s;
  RungeKutta& k = rk_;
  last_q_ = state_.q;
  last_v_ = state_.v;
  // Stage 1 was evaluated by evaluate(): rk_.a1 at (q, v).
  Vec3& force = workspace_.step_contact_force_n;
  Vec3& moment = workspace_.step_contact_moment_nm;
  force.setZero();
  moment.setZero();
  add_contact_loads(workspace_.spheres, 1.0 / 6.0, force, moment);
  integrate_coordinates(model, state_.q, state_.v, 0.5 * h, k.q);
  k.v2 = state_.v + 0.5 * h * k.a1;
  stage_accelerations(k.q, k.v2, stage_, k.a2);
  add_contact_loads(stage_.spheres, 2.0 / 6.0, force, moment);
  integrate_coordinates(model, state_.q, k.v2, 0.5 * h, k.q);
  k.v3 = state_.v + 0.5 * h * k.a2;
  stage_accelerations(k.q, k.v3, stage_, k.a3);
  add_contact_loads(stage_.spheres, 2.0 / 6.0, force, moment);
  integrate_coordinates(model, state_.q, k.v3, h, k.q);
  k.v4 = state_.v + h * k.a3;
  stage_accelerations(k.q, k.v4, stage_, k.a4);
  add_contact_loads(stage_.spheres, 1.0 / 6.0, force, moment);

  k.dq = (state_.v + 2.0 * k.v2 + 2.0 * k.v3 + k.v4) / 6.0;
  integrate_coordinates(model, last_q_, k.dq, h, state_.q);
  state_.v = last_v_ + (h / 6.0) * (k.a1 + 2.0 * k.a2 + 2.0 * k.a3 + k.a4);
  state_.contact.anchor_m = workspace_.contact_next.anchor_m;
  state_.contact.touching = workspace_.contact_next.touching;
  step_muscles(model, options_.muscles, workspace_, h, state_);
  ++state_.step;
  state_.time_s = static_cast<double>(state_.step) * options_.dt_s;

  for (int i = 0; i < state_.v.size(); ++i) {
    if (std::isfinite(state_.v[i]) && std::abs(state_.v[i]) <= options_.max_speed) continue;
    std::ostringstream msg;
    msg.precision(17);
    msg << "simulation diverged at t = " << state_.time_s << " s: velocity of '"
        << model.v_names()[i] << "' became " << state_.v[i] << "; last finite state at t = "
        << state_.time_s - options_.dt_s << " s: q = [" << last_q_.transpose() << "], v = ["
        << last_v_.transpose() << "]";
    throw SimulationError(msg.str());
  }
  for (int i = 0; i < state_.q.size(); ++i) {
    if (std::isfinite(state_.q[i])) continue;
    std::ostringstream msg;
    msg.precision(17);
    msg << "simulation diverged at t = " << state_.time_s << " s: coordinate '" << model.q_names()[i]
        << "' is not finite; last finite state: q = [" << last_q_.transpose() << "]";
    throw SimulationError(msg.str());
  }
}

State standing_start_state(const Model& model, const Ground& ground, double clearance_m) {
  State s = State::zero(model);
  std::vector<BodyFrame> frames(model.bodies.size());
  forward_kinematics(model, s.q, s.v, frames);
  double lowest = std::numeric_limits<double>::infinity();
  for (const auto& c : model.contacts) {
    const Vec3 center = frames[c.body].p_WB + frames[c.body].R_WB * c.center_m;
    lowest = std::min(lowest, ground.height_m(center) - c.radius_m);
  }
  if (!std::isfinite(lowest)) return s;  // no contact spheres: leave the root where it is
  // Raise the root along z so that the lowest sphere clears the plane by clearance_m.
  const double lift = (clearance_m - lowest) / ground.normal.z();
  if (model.root_type() == JointType::Free) {
    s.q[2] += lift;
  } else if (model.root_type() == JointType::Planar) {
    s.q[1] += lift;
  }
  return s;
}

}  // namespace strider
