#include "io/recorder.hpp"

#include "dynamics/kinematics.hpp"

#include <algorithm>
#include <cmath>

namespace strider {

Recorder::Recorder(const Model& model, double duration_s, double dt_s, double record_hz)
    : model_(model) {
  if (record_hz <= 0.0) return;
  stride_ = std::max<std::int64_t>(1, std::llround(1.0 / (record_hz * dt_s)));
  const std::int64_t steps = std::llround(duration_s / dt_s);
  const std::size_t n = static_cast<std::size_t>(steps / stride_ + 2);
  const std::size_t nb = model.bodies.size();
  const std::size_t nf = model.contact_bodies.size();
  time_.reserve(n);
  q_.reserve(n * model.nq());
  v_.reserve(n * model.nv());
  body_pos_.reserve(n * nb * 3);
  body_quat_.reserve(n * nb * 4);
  com_pos_.reserve(n * 3);
  com_vel_.reserve(n * 3);
  ang_mom_.reserve(n * 3);
  limb_ang_mom_.reserve(n * 6);
  arm_bodies_ = model.arm_bodies();
  leg_bodies_ = model.leg_bodies();
  energy_.reserve(n * 2);
  foot_force_.reserve(n * nf * 3);
  foot_cop_.reserve(n * nf * 3);
  foot_free_moment_.reserve(n * nf);
  passive_torque_.reserve(n * model.coordinates.size());
  const std::size_t nm = model.muscles.size();
  for (auto* channel : {&excitation_, &activation_, &tendon_force_, &fiber_length_, &fiber_velocity_, &mtu_length_,
                        &fatigue_active_, &fatigue_resting_, &fatigue_fatigued_, &muscle_power_}) {
    channel->reserve(n * nm);
  }
  muscle_torque_.reserve(n * model.coordinates.size());
  desired_torque_.reserve(n * model.coordinates.size());
  unmet_torque_.reserve(n * model.coordinates.size());
  metabolic_power_.reserve(n);
  for (std::size_t g = 1; g < model.muscle_groups.size(); ++g) {
    for (std::size_t c = 0; c < model.coordinates.size(); ++c) {
      std::vector<int> members;  // muscles of group g that cross coordinate c
      for (std::size_t m = 0; m < model.muscles.size(); ++m) {
        const auto& mu = model.muscles[m];
        const bool member = std::find(mu.groups.begin(), mu.groups.end(), static_cast<int>(g)) != mu.groups.end();
        const bool crosses = std::find(mu.crossed_coordinates.begin(), mu.crossed_coordinates.end(),
                                       static_cast<int>(c)) != mu.crossed_coordinates.end();
        if (member && crosses) members.push_back(static_cast<int>(m));
      }
      if (members.empty()) continue;
      group_pairs_.emplace_back(static_cast<int>(g), static_cast<int>(c));
      pair_muscles_.insert(pair_muscles_.end(), members.begin(), members.end());
      pair_end_.push_back(pair_muscles_.size());
    }
  }
  group_moment_.reserve(n * group_pairs_.size());
}

std::size_t Recorder::recorded_bytes() const {
  std::size_t n = 0;
  for (const auto* c : channels()) n += c->size();
  return n * sizeof(double);
}

std::size_t Recorder::reserved_bytes() const {
  std::size_t n = 0;
  for (const auto* c : channels()) n += c->capacity();
  return n * sizeof(double);
}

namespace {
template <typename V>
void append(std::vector<double>& out, const V& v) {
  for (int i = 0; i < v.size(); ++i) out.push_back(v[i]);
}
}  // namespace

void Recorder::on_step(std::int64_t step, const State& state, const Workspace& ws) {
  if (stride_ == 0 || step % stride_ != 0) return;
  time_.push_back(state.time_s);
  append(q_, state.q);
  append(v_, state.v);
  for (const auto& f : ws.frames) {
    append(body_pos_, f.p_WB);
    const Quat quat(f.R_WB);
    body_quat_.push_back(quat.w());
    body_quat_.push_back(quat.x());
    body_quat_.push_back(quat.y());
    body_quat_.push_back(quat.z());
  }
  append(com_pos_, ws.whole.p_WCom);
  append(com_vel_, ws.whole.v_WCom);
  append(ang_mom_, ws.whole.angular_momentum_com_kgm2ps);
  append(limb_ang_mom_, angular_momentum_of(model_, ws.frames, arm_bodies_, ws.whole));
  append(limb_ang_mom_, angular_momentum_of(model_, ws.frames, leg_bodies_, ws.whole));
  energy_.push_back(ws.whole.kinetic_energy_j);
  energy_.push_back(ws.whole.potential_energy_j);
  for (const auto& foot : ws.feet) {
    append(foot_force_, foot.force_n);
    append(foot_cop_, foot.cop_m);
    foot_free_moment_.push_back(foot.free_moment_nm);
  }
  append(passive_torque_, ws.passive_torque_nm);

  append(excitation_, state.excitation);
  append(activation_, state.activation);
  append(fatigue_active_, state.fatigue_active);
  append(fatigue_resting_, state.fatigue_resting);
  append(fatigue_fatigued_, state.fatigue_fatigued);
  append(mtu_length_, ws.muscle_length_m);
  for (std::size_t m = 0; m < model_.muscles.size(); ++m) {
    tendon_force_.push_back(ws.muscle[m].tendon_force_n);
    fiber_length_.push_back(ws.muscle[m].fiber_length_m);
    fiber_velocity_.push_back(ws.muscle[m].fiber_velocity_mps);
    muscle_power_.push_back(ws.metabolic[m].total_w);
  }
  append(muscle_torque_, ws.muscle_torque_nm);
  append(desired_torque_, state.controller.desired_torque_nm);
  append(unmet_torque_, state.controller.unmet_torque_nm);
  // Each group's moment about each coordinate it crosses, over the muscles listed at set-up.
  std::size_t first = 0;
  for (std::size_t p = 0; p < group_pairs_.size(); ++p) {
    const long c = group_pairs_[p].second;
    double moment = 0.0;
    for (std::size_t k = first; k < pair_end_[p]; ++k) {
      const auto m = static_cast<std::size_t>(pair_muscles_[k]);
      moment += ws.moment_arm_m(static_cast<long>(m), c) * ws.muscle[m].tendon_force_n;
    }
    group_moment_.push_back(moment);
    first = pair_end_[p];
  }
  metabolic_power_.push_back(ws.metabolic_power_w);
}

void Recorder::write(H5Writer& out) const {
  const hsize_t n = time_.size();
  const hsize_t nb = model_.bodies.size();
  const hsize_t nf = model_.contact_bodies.size();
  std::vector<std::string> body_names, foot_names, coordinate_names;
  for (const auto& b : model_.bodies) body_names.push_back(b.name);
  for (int f : model_.contact_bodies) foot_names.push_back(model_.bodies[f].name);
  for (const auto& c : model_.coordinates) coordinate_names.push_back(c.name);

  out.write("/time", time_.data(), {n}, "s");
  out.write("/q", q_.data(), {n, static_cast<hsize_t>(model_.nq())}, "see names/units attributes",
            model_.q_names());
  out.write_strings("/q_units", model_.q_units());
  out.write("/qdot", v_.data(), {n, static_cast<hsize_t>(model_.nv())}, "see names/units attributes",
            model_.v_names());
  out.write_strings("/qdot_units", model_.v_units());
  out.write("/bodies/position_m", body_pos_.data(), {n, nb, 3}, "m", body_names);
  out.write("/bodies/orientation_wxyz", body_quat_.data(), {n, nb, 4}, "1", body_names);
  out.write("/com/position_m", com_pos_.data(), {n, 3}, "m", {"x", "y", "z"});
  out.write("/com/velocity_mps", com_vel_.data(), {n, 3}, "m/s", {"x", "y", "z"});
  out.write("/angular_momentum_kgm2ps", ang_mom_.data(), {n, 3}, "kg*m^2/s", {"x", "y", "z"});
  out.write("/angular_momentum_limbs_kgm2ps", limb_ang_mom_.data(), {n, 2, 3}, "kg*m^2/s", {"arms", "legs"});
  out.write("/energy_j", energy_.data(), {n, 2}, "J", {"kinetic", "potential"});
  out.write("/contact/force_n", foot_force_.data(), {n, nf, 3}, "N", foot_names);
  out.write("/contact/cop_m", foot_cop_.data(), {n, nf, 3}, "m", foot_names);
  out.write("/contact/free_moment_nm", foot_free_moment_.data(), {n, nf}, "N*m", foot_names);
  out.write("/joints/passive_torque_nm", passive_torque_.data(),
            {n, static_cast<hsize_t>(model_.coordinates.size())}, "N*m", coordinate_names);
  out.write("/joints/muscle_torque_nm", muscle_torque_.data(),
            {n, static_cast<hsize_t>(model_.coordinates.size())}, "N*m", coordinate_names);
  out.write("/joints/desired_torque_nm", desired_torque_.data(),
            {n, static_cast<hsize_t>(model_.coordinates.size())}, "N*m", coordinate_names);
  out.write("/joints/unmet_torque_nm", unmet_torque_.data(),
            {n, static_cast<hsize_t>(model_.coordinates.size())}, "N*m", coordinate_names);
  std::vector<std::string> pair_names;
  for (const auto& [g, c] : group_pairs_) {
    pair_names.push_back(model_.muscle_groups[g].name + ":" + model_.coordinates[c].name);
  }
  out.write("/joints/moment_by_muscle_group_nm", group_moment_.data(), {n, group_pairs_.size()}, "N*m",
            pair_names);

  const hsize_t nm = model_.muscles.size();
  std::vector<std::string> muscle_names, group_names;
  for (const auto& m : model_.muscles) muscle_names.push_back(m.name);
  for (const auto& g : model_.muscle_groups) group_names.push_back(g.name);
  struct Channel {
    const char* name;
    const std::vector<double>* data;
    const char* units;
  };
  for (const Channel& ch : {Channel{"excitation", &excitation_, "1"}, Channel{"activation", &activation_, "1"},
                            Channel{"tendon_force_n", &tendon_force_, "N"},
                            Channel{"fiber_length_m", &fiber_length_, "m"},
                            Channel{"fiber_velocity_mps", &fiber_velocity_, "m/s"},
                            Channel{"mtu_length_m", &mtu_length_, "m"},
                            Channel{"fatigue_active", &fatigue_active_, "1"},
                            Channel{"fatigue_resting", &fatigue_resting_, "1"},
                            Channel{"fatigue_fatigued", &fatigue_fatigued_, "1"},
                            Channel{"metabolic_power_w", &muscle_power_, "W"}}) {
    out.write(std::string("/muscles/") + ch.name, ch.data->data(), {n, nm}, ch.units, muscle_names);
  }
  std::vector<double> membership(nm * group_names.size(), 0.0);
  for (std::size_t m = 0; m < nm; ++m) {
    for (int g : model_.muscles[m].groups) membership[m * group_names.size() + g] = 1.0;
  }
  out.write("/muscles/group_membership", membership.data(), {nm, group_names.size()}, "1", group_names);
  out.write("/metabolics/power_w", metabolic_power_.data(), {n}, "W");
}

}  // namespace strider
