#pragma once
// A controller maps the sensed state to muscle excitations in [0, 1] at its control rate. Its
// memory lives in State::controller, so a State snapshot resumes a run exactly.
#include "core/math.hpp"
#include "model/model.hpp"

namespace strider {

struct State;
struct Workspace;

struct ControllerState {
  double phase = 0.0;            // gait phase 0–1 from right-foot contact
  double leg_phase[2] = {0.0, 0.5};  // right, left: each leg's phase 0–1 from its own touchdown
  double next_update_s = 0.0;    // time of the next control update
  double touchdown_com_height_m = 0.0;  // at the last touchdown (landing prediction)
  double touchdown_leg_m[2] = {0.0, 0.0};  // right, left: centre of mass to foot at touchdown
  double stance_s[2] = {-1.0, -1.0};  // right, left: time since the foot's touchdown; −1 in the air
  bool leg_extending[2] = {false, false};  // right, left: the stance leg has begun to lengthen
  bool scuff[2] = {false, false};     // right, left: the swinging foot touches the ground
  // The speed integrator: the centre of mass's forward position and the time at the last
  // touchdown (time −1: none yet), and the swing hip's accumulated placement offset.
  double touchdown_com_x_m = 0.0;
  double touchdown_time_s = -1.0;
  double speed_offset_rad = 0.0;
  VecX desired_torque_nm;        // per joint coordinate, at the last update
  VecX unmet_torque_nm;          // desired minus what the muscles can give (never applied)
  VecX target_activation;        // from the muscle-distribution solve
};

class Controller {
 public:
  virtual ~Controller() = default;
  virtual double control_period_s() const = 0;
  // (state, workspace) => excitation (one per muscle) and controller memory.
  virtual void update(const Model& model, const State& state, const Workspace& ws, ControllerState& memory,
                      VecX& excitation) = 0;
};

}  // namespace strider
