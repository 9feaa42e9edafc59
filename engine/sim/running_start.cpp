#include "sim/running_start.hpp"

#include <cmath>
#include <limits>

#include "dynamics/kinematics.hpp"

namespace strider {

State running_start_state(const Model& model, const TrackingController& controller, const Ground& ground,
                          double phase, double clearance_m) {
  State s = State::zero(model);
  VecX angle, rate;
  controller.targets(model, phase, angle, rate);
  const int q0 = model.root_q_size(), v0 = model.root_v_size();
  const long nc = static_cast<long>(model.coordinates.size());
  s.q.segment(q0, nc) = angle;
  s.v.segment(v0, nc) = rate;
  const auto& curves = controller.cycle().curves;
  const double pitch = curves.count("pelvis_pitch") ? curves.at("pelvis_pitch").value(phase) : 0.0;
  const double stride_s = controller.options().stride_time_s;
  const double pitch_rate = curves.count("pelvis_pitch") ? curves.at("pelvis_pitch").slope(phase) / stride_s : 0.0;
  // Vertical speed of the pelvis from the cycle, scaled from the subject's height (1.83 m).
  const double vertical =
      curves.count("pelvis_height") ? curves.at("pelvis_height").slope(phase) / stride_s * model.body_height_m / 1.83 : 0.0;
  if (model.root_type() == JointType::Free) {
    // The pelvis's roll and yaw, and their rates, from the cycle too (the order of the
    // controller's pelvis reference: pitch, then roll, then yaw), so that the body starts with
    // the angular momentum of the recorded gait rather than with the legs' and arms' alone.
    auto value = [&](const char* name) { return curves.count(name) ? curves.at(name).value(phase) : 0.0; };
    auto rate_of = [&](const char* name) {
      return curves.count(name) ? curves.at(name).slope(phase) / stride_s : 0.0;
    };
    const Quat quat = Quat(Eigen::AngleAxisd(pitch, Vec3::UnitY())) *
                      Quat(Eigen::AngleAxisd(value("pelvis_roll"), Vec3::UnitX())) *
                      Quat(Eigen::AngleAxisd(value("pelvis_yaw"), Vec3::UnitZ()));
    s.q[3] = quat.w();
    s.q[4] = quat.x();
    s.q[5] = quat.y();
    s.q[6] = quat.z();
    s.v.segment<3>(0) = controller.options().speed_mps * ground.forward + vertical * ground.normal;
    s.v[3] = rate_of("pelvis_roll");
    s.v[4] = pitch_rate;
    s.v[5] = rate_of("pelvis_yaw");
  } else if (model.root_type() == JointType::Planar) {
    s.q[2] = pitch;
    s.v[0] = controller.options().speed_mps * ground.forward.x();
    s.v[1] = controller.options().speed_mps * ground.forward.z() + vertical;
    s.v[2] = pitch_rate;
  }
  // Lift so that the lowest contact sphere is clearance_m above the ground.
  std::vector<BodyFrame> frames(model.bodies.size());
  forward_kinematics(model, s.q, s.v, frames);
  double lowest = std::numeric_limits<double>::infinity();
  for (const auto& c : model.contacts) {
    lowest = std::min(lowest, ground.height_m(frames[c.body].p_WB + frames[c.body].R_WB * c.center_m) - c.radius_m);
  }
  const double lift = (clearance_m - lowest) / ground.normal.z();
  if (model.root_type() == JointType::Free) s.q[2] += lift;
  if (model.root_type() == JointType::Planar) s.q[1] += lift;
  s.controller.phase = phase;
  s.controller.leg_phase[0] = phase;
  s.controller.leg_phase[1] = phase + 0.5 - std::floor(phase + 0.5);
  // The landing the controller predicts until the first touchdown: at the starting height.
  forward_kinematics(model, s.q, s.v, frames);
  s.controller.touchdown_com_height_m = whole_body(model, frames).p_WCom.z();
  return s;
}

}  // namespace strider
