#include "sim/run.hpp"

#include <chrono>
#include <algorithm>
#include <cmath>
#include <limits>

#include "core/hash.hpp"
#include "core/interrupt.hpp"
#include "core/version.hpp"
#include "io/atomic_file.hpp"
#include "io/recorder.hpp"
#include "model/model_loader.hpp"
#include "muscle/metabolics.hpp"
#include "analysis/gait.hpp"
#include "analysis/gait_io.hpp"
#include "control/tracking_controller.hpp"
#include "sim/fall.hpp"
#include "sim/running_start.hpp"
#include "sim/muscle_setup.hpp"
#include "sim/simulation.hpp"

namespace strider {

std::shared_ptr<const Model> load_scenario_model(const Scenario& scenario) {
  BodyScaling scaling{scenario.body_mass_kg, scenario.body_height_m};
  return std::make_shared<const Model>(load_model_file(scenario_model_path(scenario), scaling));
}

namespace {
void write_provenance(H5Writer& out, const Scenario& scenario, const Model& model, double dt_s) {
  out.write_text("/provenance/scenario_yaml", scenario.resolved_yaml);
  out.write_text("/provenance/model_yaml", model.yaml_text);
  out.attr("/provenance", "engine_version", std::string(kEngineVersion));
  out.attr("/provenance", "git_hash", std::string(git_hash()));
  out.attr("/provenance", "scenario_source", scenario.source);
  out.attr("/provenance", "model_source", model.source);
  out.attr("/provenance", "model_name", model.name);
  out.attr("/provenance", "model_hash_fnv1a64", hex64(fnv1a64(model.yaml_text)));
  out.attr("/provenance", "body_mass_kg", model.body_mass_kg);
  out.attr("/provenance", "body_height_m", model.body_height_m);
  out.attr("/provenance", "seed", static_cast<std::int64_t>(scenario.seed));
  out.attr("/provenance", "dt_s", dt_s);
  out.attr("/provenance", "record_hz", scenario.record_hz);
  out.attr("/provenance", "fatigue_time_scale", scenario.fatigue_time_scale);
  out.attr("/provenance", "fatigue_rest_rule", scenario.fatigue_rest_rule);
  out.attr("/provenance", "metabolic_model", scenario.metabolics);
  out.attr("/", "layout_version", kHdf5LayoutVersion);
  out.attr("/", "creator", std::string("strider"));
}
void write_gait_summary(const std::string& path) {
  const GaitSummary g = analyze_gait(load_gait_data(path));
  H5Writer out(path, H5Writer::Append{});
  const double none = std::numeric_limits<double>::quiet_NaN();
  for (const auto& key : summary_keys()) {
    if (key == "fell" || key == "fall_time_s" || key == "fatigue_capacity_min_frac") continue;  // written by the run
    const auto& v = g.values.at(key);
    out.attr("/summary", key, v ? *v : none);
  }
  const hsize_t n = g.steps.size();
  std::vector<double> foot, touchdown, contact, active, impact, loading, braking, propulsive, lateral, knee, hip_m,
      knee_m, ankle_m, achilles, stiffness;
  for (const auto& s : g.steps) {
    foot.push_back(s.foot);
    touchdown.push_back(static_cast<double>(s.touchdown));
    contact.push_back(s.contact_time_s);
    active.push_back(s.vgrf_active_peak_bw);
    impact.push_back(s.vgrf_impact_peak_bw.value_or(none));
    loading.push_back(s.loading_rate_bw_per_s);
    braking.push_back(s.braking_impulse_bw_s);
    propulsive.push_back(s.propulsive_impulse_bw_s);
    lateral.push_back(s.lateral_grf_peak_bw);
    knee.push_back(s.knee_flexion_peak_deg.value_or(none));
    hip_m.push_back(s.hip_moment_peak_nm_per_kg.value_or(none));
    knee_m.push_back(s.knee_moment_peak_nm_per_kg.value_or(none));
    ankle_m.push_back(s.ankle_moment_peak_nm_per_kg.value_or(none));
    achilles.push_back(s.achilles_force_peak_bw.value_or(none));
    stiffness.push_back(s.vertical_stiffness_kn_per_m.value_or(none));
  }
  out.write("/summary/steps/foot", foot.data(), {n}, "0 right, 1 left");
  out.write("/summary/steps/touchdown_sample", touchdown.data(), {n}, "sample index");
  out.write("/summary/steps/contact_time_s", contact.data(), {n}, "s");
  out.write("/summary/steps/vgrf_active_peak_bw", active.data(), {n}, "BW");
  out.write("/summary/steps/vgrf_impact_peak_bw", impact.data(), {n}, "BW");
  out.write("/summary/steps/loading_rate_bw_per_s", loading.data(), {n}, "BW/s");
  out.write("/summary/steps/braking_impulse_bw_s", braking.data(), {n}, "BW*s");
  out.write("/summary/steps/propulsive_impulse_bw_s", propulsive.data(), {n}, "BW*s");
  out.write("/summary/steps/lateral_grf_peak_bw", lateral.data(), {n}, "BW");
  out.write("/summary/steps/knee_flexion_peak_deg", knee.data(), {n}, "deg");
  out.write("/summary/steps/hip_moment_peak_nm_per_kg", hip_m.data(), {n}, "N*m/kg");
  out.write("/summary/steps/knee_moment_peak_nm_per_kg", knee_m.data(), {n}, "N*m/kg");
  out.write("/summary/steps/ankle_moment_peak_nm_per_kg", ankle_m.data(), {n}, "N*m/kg");
  out.write("/summary/steps/achilles_force_peak_bw", achilles.data(), {n}, "BW");
  out.write("/summary/steps/vertical_stiffness_kn_per_m", stiffness.data(), {n}, "kN/m");
  out.close();
}

}  // namespace

namespace {
class RecordingObserver : public StepObserver {
 public:
  explicit RecordingObserver(Recorder& recorder) : recorder_(recorder) {}
  void on_step(std::int64_t step, const Simulation& sim) override {
    recorder_.on_step(step, sim.state(), sim.workspace());
  }

 private:
  Recorder& recorder_;
};
}  // namespace

ScenarioStart start_scenario(const Scenario& scenario, const std::shared_ptr<const Model>& model) {
  SimulationOptions options = simulation_options(scenario.dt_s, scenario.slope_percent);
  options.muscles = muscle_options(scenario, *model);
  ScenarioStart start;
  start.sim = std::make_unique<Simulation>(model, options);
  Simulation& sim = *start.sim;
  State initial = standing_start_state(*model, sim.ground(), scenario.start_clearance_m);
  if (scenario.controller == "tracking") {
    TrackingOptions tracking;
    tracking.speed_mps = scenario.speed_mps;
    tracking.stride_time_s = 120.0 / scenario.cadence_spm;
    parse_arm_swing(scenario.arm_swing, tracking.modifiers.arm_swing);  // validated by the loader
    tracking.modifiers.arm_swing_scale = scenario.arm_swing_scale;
    tracking.modifiers.trunk_lean_rad = scenario.trunk_lean_deg * kPi / 180.0;
    tracking.modifiers.leg_swing_scale = scenario.leg_swing_scale;
    for (const auto& field : tracking_gain_fields()) {
      const auto given = scenario.tracking.find(field.name);
      if (given != scenario.tracking.end()) tracking.gains.*field.member = given->second;
    }
    auto controller = std::make_shared<TrackingController>(
        *model, load_reference_cycle(default_reference_cycle_path()), tracking, options.muscles);
    initial = running_start_state(*model, *controller, sim.ground(), kRunningStartPhase, scenario.start_clearance_m);
    sim.set_controller(controller);
    start.controller = controller;
  }
  apply_initial_fatigue(scenario, *model, initial);
  sim.set_state(initial);
  sim.equilibrate_muscles();
  start.initial = sim.state();
  return start;
}

RunTotals simulate_scenario(const Scenario& scenario, const std::shared_ptr<const Model>& model,
                            const RunLimits& limits, StepObserver* observer) {
  const auto start = std::chrono::steady_clock::now();
  ScenarioStart begin = start_scenario(scenario, model);
  Simulation& sim = *begin.sim;
  const Vec3 com_start = [&] {
    sim.evaluate();
    return sim.workspace().whole.p_WCom;
  }();

  const std::int64_t steps = std::llround(scenario.duration_s / scenario.dt_s);
  RunTotals totals;
  RunResult& result = totals.result;
  for (std::int64_t step = 0; step <= steps; ++step) {
    if (step % 64 == 0 && interrupt_requested()) {
      throw Interrupted("interrupted at t = " + std::to_string(sim.state().time_s) + " s; no output written");
    }
    if (limits.wall_time_limit_s > 0.0 && step % 64 == 0 &&
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() > limits.wall_time_limit_s) {
      throw RunTimedOut("timed out after " + std::to_string(limits.wall_time_limit_s) + " s of wall time at t = " +
                        std::to_string(sim.state().time_s) + " s");
    }
    sim.evaluate();
    sim.control();
    if (observer != nullptr) observer->on_step(step, sim);
    if (has_fallen(*model, sim.ground(), sim.workspace())) {
      result.fell = true;
      result.fall_time_s = sim.state().time_s;
      break;
    }
    if (step < steps) sim.advance();
  }
  result.end_time_s = sim.state().time_s;
  // Energy over the run and distance along the ground.
  const State& end = sim.state();
  totals.distance_m = (sim.workspace().whole.p_WCom - com_start).dot(sim.ground().forward);
  totals.body_mass_kg = model->total_mass_kg();
  totals.metabolic_energy_j = end.metabolic_energy_j;
  totals.basal_energy_j = kBasalRateWPerKg * totals.body_mass_kg * end.time_s;
  for (int m = 0; m < end.fatigue_fatigued.size(); ++m) {
    totals.min_capacity = std::min(totals.min_capacity, 1.0 - end.fatigue_fatigued[m]);
  }
  result.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return totals;
}

RunResult run_scenario(const Scenario& scenario, const std::string& output_path, const RunLimits& limits) {
  return run_scenario(scenario, load_scenario_model(scenario), output_path, limits);
}

RunResult run_scenario(const Scenario& scenario, const std::shared_ptr<const Model>& model,
                       const std::string& output_path, const RunLimits& limits) {
  const auto start = std::chrono::steady_clock::now();
  Recorder recorder(*model, scenario.duration_s, scenario.dt_s, scenario.record_hz);
  RecordingObserver observer(recorder);
  const RunTotals totals = simulate_scenario(scenario, model, limits, &observer);
  RunResult result = totals.result;
  result.samples = recorder.samples();
  // Cost of transport along the ground (undefined below 0.1 m).
  const double distance_m = totals.distance_m;
  const double mass = totals.body_mass_kg;
  const double energy_j = totals.metabolic_energy_j;
  const double basal_j = totals.basal_energy_j;
  const double min_capacity = totals.min_capacity;
  write_atomically(output_path, [&](const std::string& temporary) {
    H5Writer out(temporary);
    recorder.write(out);
    write_provenance(out, scenario, *model, scenario.dt_s);
    const double no_value = std::numeric_limits<double>::quiet_NaN();
    out.write("/summary/end_time_s", &result.end_time_s, {1}, "s");
    out.attr("/summary", "fell", static_cast<std::int64_t>(result.fell ? 1 : 0));
    out.attr("/summary", "fall_time_s", result.fell ? result.fall_time_s : no_value);
    out.attr("/summary", "metabolic_energy_j", energy_j);
    out.attr("/summary", "distance_m", distance_m);
    const bool moved = distance_m > 0.1;
    out.attr("/summary", "whole_run_cost_of_transport_j_per_kg_m", moved ? energy_j / (mass * distance_m) : no_value);
    out.attr("/summary", "whole_run_cost_of_transport_net_j_per_kg_m",
             moved ? (energy_j - basal_j) / (mass * distance_m) : no_value);
    out.attr("/summary", "fatigue_capacity_min_frac", min_capacity);
    out.close();
    // The gait summary and per-step table, from the recorded file, before it gets its name
    // (for bodies with two feet; other models have no gait to analyse).
    if (model->body_index("foot_r") >= 0 && model->body_index("foot_l") >= 0) {
      write_gait_summary(temporary);
    }
  });
  result.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace strider
