#include "optimize/measures.hpp"

#include <algorithm>
#include <cmath>

#include "sim/simulation.hpp"

namespace strider {

namespace {
constexpr double kGravity = 9.81;
// Below this distance (m) the cost of transport divides by it instead, so a body that stands
// still or falls at once gets a large but finite cost.
constexpr double kMinDistanceM = 1.0;
}  // namespace

const std::vector<std::string>& measure_names() {
  static const std::vector<std::string> names = {
      "fall",           "distance",    "speed",     "cadence", "cost_of_transport", "trunk_stability",
      "head_stability", "joint_limit", "peak_load", "drift",   "vertical_stiffness"};
  return names;
}

MeasureObserver::MeasureObserver(const Model& model, double dt_s) : model_(model), dt_s_(dt_s) {
  torso_ = model.body_index("torso");
  const char* names[2] = {"foot_r", "foot_l"};
  for (int f = 0; f < 2; ++f) {
    const int body = model.body_index(names[f]);
    for (std::size_t k = 0; k < model.contact_bodies.size(); ++k) {
      if (model.contact_bodies[k] == body) feet_[static_cast<std::size_t>(f)] = static_cast<int>(k);
    }
  }
}

void MeasureObserver::on_step(std::int64_t /*step*/, const Simulation& sim) {
  const Workspace& ws = sim.workspace();
  const double t = sim.state().time_s;
  const Vec3& normal = sim.ground().normal;
  for (std::size_t f = 0; f < 2; ++f) {
    if (feet_[f] >= 0)
      steps_.add(static_cast<int>(f), t, ws.feet[static_cast<std::size_t>(feet_[f])].force_n.dot(normal),
                 ws.whole.p_WCom.dot(normal));
  }
  if (torso_ >= 0) {
    const BodyFrame& torso = ws.frames[static_cast<std::size_t>(torso_)];
    trunk_rate_sq_sum_ += torso.w_WB.squaredNorm();
    if (has_last_velocity_) torso_accel_sq_sum_ += ((torso.v_WCom - last_torso_velocity_) / dt_s_).squaredNorm();
    last_torso_velocity_ = torso.v_WCom;
    has_last_velocity_ = true;
  }
  limit_torque_sum_ += ws.passive_torque_nm.cwiseAbs().sum();
  if (samples_ == 0) {
    first_com_m_ = ws.whole.p_WCom;
    forward_ = sim.ground().forward;
    sideways_ = normal.cross(forward_);
  }
  last_com_m_ = ws.whole.p_WCom;
  ++samples_;
}

std::map<std::string, double> MeasureObserver::measures(const Scenario& scenario, const RunTotals& totals) const {
  const RunResult& r = totals.result;
  const double mass = totals.body_mass_kg;
  const double time_s = std::max(r.end_time_s, dt_s_);
  const double samples = static_cast<double>(std::max<std::int64_t>(samples_, 1));
  std::map<std::string, double> m;
  m["fall"] = r.fell ? std::max(0.0, 1.0 - r.fall_time_s / scenario.duration_s) : 0.0;
  m["distance"] = -totals.distance_m / (scenario.speed_mps * scenario.duration_s);
  const double speed = totals.distance_m / time_s;
  m["speed"] = std::pow((speed - scenario.speed_mps) / scenario.speed_mps, 2);
  if (steps_.steps() >= 3 && steps_.last_touchdown_s() > steps_.first_touchdown_s()) {
    const double cadence_spm =
        60.0 * (steps_.steps() - 1) / (steps_.last_touchdown_s() - steps_.first_touchdown_s());
    m["cadence"] = std::pow((cadence_spm - scenario.cadence_spm) / scenario.cadence_spm, 2);
  } else {
    m["cadence"] = 1.0;  // no gait to measure: as bad as a 100 % error
  }
  m["cost_of_transport"] = totals.metabolic_energy_j / (mass * std::max(totals.distance_m, kMinDistanceM));
  m["trunk_stability"] = std::sqrt(trunk_rate_sq_sum_ / samples);
  m["head_stability"] = std::sqrt(torso_accel_sq_sum_ / std::max(samples - 1.0, 1.0));
  m["joint_limit"] = limit_torque_sum_ / samples / mass;
  const double body_weight_n = mass * kGravity;
  m["peak_load"] = steps_.finished_steps() > 0
                       ? steps_.finished_peak_sum_n() / body_weight_n / steps_.finished_steps()
                       : 0.0;
  // kN/m, as the summary's vertical_stiffness_kn_per_m (0 before a stance has been measured).
  m["vertical_stiffness"] =
      steps_.stiffness_steps() > 0 ? 1e-3 * steps_.stiffness_sum_n_per_m() / steps_.stiffness_steps() : 0.0;
  // Sideways travel per metre forward (the forward travel floored at 1 m, as for the cost of
  // transport); the ground's sideways axis is normal × forward.
  const Vec3 travel = last_com_m_ - first_com_m_;
  m["drift"] = std::abs(travel.dot(sideways_)) / std::max(travel.dot(forward_), kMinDistanceM);
  return m;
}

double weighted_objective(const std::map<std::string, double>& weights, const std::map<std::string, double>& measures) {
  double f = 0.0;
  for (const auto& [name, w] : weights) f += w * measures.at(name);
  return f;
}

}  // namespace strider
