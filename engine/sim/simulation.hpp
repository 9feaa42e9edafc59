#pragma once
// One simulation: a shared, immutable Model plus this run's State, Workspace and Bullet
// multibody. One simulation runs on one thread; many can share a Model.
//
// A step is:
//   evaluate():  (q, v, contact, muscles) => kinematics, whole-body quantities, contact loads,
//                passive joint torques, muscle paths, forces, joint torques, metabolic power
//                                                                      (workspace)
//   advance():   classical 4th-order Runge–Kutta over dt. Each stage evaluates the loads at its
//                own (q, v) and asks Bullet's articulated-body algorithm for the accelerations;
//                => (q, v, contact, time) at t + dt.
// The friction anchors (contact state) are taken from the start of the step and committed
// from its first stage. Muscle torques are evaluated once, at the start of the step, and held
// over its stages; the muscle states (activation, fibre length, fatigue) then advance by their
// own one-step schemes (muscle/muscle_stage.hpp). The root orientation is advanced on the rotation group, by the
// exponential of the averaged world angular velocity.
#include <memory>

#include "contact/ground.hpp"
#include "control/controller.hpp"
#include "dynamics/multibody.hpp"
#include "model/model.hpp"
#include "muscle/muscle_stage.hpp"
#include "sim/state.hpp"
#include "sim/workspace.hpp"

namespace strider {

struct SimulationOptions {
  double dt_s = 0.001;
  double slope_percent = 0.0;
  // A generalized velocity above this (m/s or rad/s) counts as divergence.
  double max_speed = 1e3;
  MuscleOptions muscles;
};

inline SimulationOptions simulation_options(double dt_s, double slope_percent = 0.0) {
  SimulationOptions o;
  o.dt_s = dt_s;
  o.slope_percent = slope_percent;
  return o;
}

class Simulation {
 public:
  Simulation(std::shared_ptr<const Model> model, const SimulationOptions& options);

  const Model& model() const { return *model_; }
  const SimulationOptions& options() const { return options_; }
  const Ground& ground() const { return ground_; }
  const State& state() const { return state_; }
  const Workspace& workspace() const { return workspace_; }

  // Replaces the state (and Bullet's copy of it). Call evaluate() afterwards.
  void set_state(const State& state);
  // Puts every compliant-tendon fibre in static equilibrium at the current pose and activation.
  void equilibrate_muscles();
  // The control input: one excitation in [0, 1] per muscle, held until changed.
  void set_excitations(const VecX& excitation);
  // A controller updates the excitations at its own rate inside step(); none leaves them as set.
  void set_controller(std::shared_ptr<Controller> controller) { controller_ = std::move(controller); }
  // Generalized accelerations at the current state with the current workspace loads.
  const VecX& accelerations() const { return rk_.a1; }

  void evaluate();
  // Throws SimulationError with a diagnostic when the state stops being finite or runs away.
  void advance();
  void step() {
    evaluate();
    control();
    advance();
  }
  // Runs the controller when its update is due (after evaluate()).
  void control();

 private:
  std::shared_ptr<const Model> model_;
  SimulationOptions options_;
  Ground ground_;
  Multibody multibody_;
  State state_;
  Workspace workspace_;
  std::shared_ptr<Controller> controller_;
  Workspace stage_;  // loads at intermediate Runge–Kutta stages
  struct RungeKutta {
    VecX q, v, a1, a2, a3, a4, v2, v3, v4, dq;
  } rk_;
  VecX last_q_, last_v_;

  // (q, v, contact state) => ws kinematics and loads; then Bullet => vdot.
  void stage_accelerations(const VecX& q, const VecX& v, Workspace& ws, VecX& vdot);
  // The same with ws.frames already computed for (q, v).
  void loads_and_accelerations(const VecX& q, const VecX& v, Workspace& ws, VecX& vdot);
  void apply_loads(const Workspace& ws);
};

// q ⊕ h·v: joints and root position advance linearly; a free root's quaternion is rotated by
// exp(h·w) with w the world angular velocity in v. `out` may alias nothing.
void integrate_coordinates(const Model& model, const VecX& q, const VecX& v, double h, VecX& out);

// Places the model's zero pose so that its lowest contact sphere is `clearance_m` above the
// ground under the root, at rest.
State standing_start_state(const Model& model, const Ground& ground, double clearance_m);

}  // namespace strider
