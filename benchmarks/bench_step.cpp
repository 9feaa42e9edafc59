// Cost of one simulation step of the shipped models, and of its stages.
// Reproduce:  ./build/release/bin/strider_bench_step
// Results and machine: docs/performance.md.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>

#include "contact/contact_model.hpp"
#include "dynamics/joint_limits.hpp"
#include "dynamics/kinematics.hpp"
#include "dynamics/multibody.hpp"
#include "model/model_loader.hpp"
#include "muscle/muscle_stage.hpp"
#include "muscle/path.hpp"
#include "sim/run.hpp"
#include "sim/simulation.hpp"

namespace strider {
namespace {

std::shared_ptr<const Model> load(const char* name) {
  return std::make_shared<const Model>(load_model_file(resolve_model_path(name, ""), {70.0, 1.75}));
}

// A whole step (4 Runge–Kutta stages of kinematics, contact, passive torques and Bullet ABA).
// The passive body is restarted standing every 300 steps (0.3 s: it lands and starts to
// fold), so the feet are in contact for most steps.
void step(benchmark::State& bench, const char* name) {
  auto model = load(name);
  Simulation sim(model, simulation_options(0.001, 0.0));
  const State start = standing_start_state(*model, sim.ground(), 0.0);
  sim.set_state(start);
  int n = 0;
  for (auto _ : bench) {
    if (++n == 300) {
      sim.set_state(start);
      n = 0;
    }
    sim.step();
  }
  bench.counters["real_time_factor"] =
      benchmark::Counter(0.001 * static_cast<double>(bench.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK_CAPTURE(step, runner3d, "runner3d")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(step, runner2d, "runner2d")->Unit(benchmark::kMicrosecond);

// Stage costs at a standing pose (one evaluation each; a step does four of each).
struct Fixture {
  std::shared_ptr<const Model> model = load("runner3d");
  Ground ground = make_ground(0.0);
  State state = standing_start_state(*model, ground, -0.005);  // feet 5 mm into the ground
  Workspace ws{*model};
  Fixture() { forward_kinematics(*model, state.q, state.v, ws.frames); }
};

void stage_kinematics(benchmark::State& bench) {
  Fixture f;
  for (auto _ : bench) {
    forward_kinematics(*f.model, f.state.q, f.state.v, f.ws.frames);
    benchmark::DoNotOptimize(f.ws.frames.data());
  }
}
BENCHMARK(stage_kinematics)->Unit(benchmark::kNanosecond);

void stage_contact(benchmark::State& bench) {
  Fixture f;
  for (auto _ : bench) {
    compute_contacts(*f.model, f.ground, f.ws.frames, f.state.contact, f.ws.spheres, f.ws.feet,
                     f.ws.contact_next);
    benchmark::DoNotOptimize(f.ws.feet.data());
  }
}
BENCHMARK(stage_contact)->Unit(benchmark::kNanosecond);

void stage_joint_limits(benchmark::State& bench) {
  Fixture f;
  for (auto _ : bench) {
    joint_limit_torques(*f.model, f.state.q, f.state.v, f.ws.passive_torque_nm);
    benchmark::DoNotOptimize(f.ws.passive_torque_nm.data());
  }
}
BENCHMARK(stage_joint_limits)->Unit(benchmark::kNanosecond);

void stage_muscle_paths(benchmark::State& bench) {
  Fixture f;
  Eigen::Matrix3Xd axes(3, f.model->coordinates.size());
  forward_kinematics(*f.model, f.state.q, f.state.v, f.ws.frames, &axes);
  for (auto _ : bench) {
    compute_muscle_paths(*f.model, f.ws.frames, axes, f.state.q, f.state.v, f.ws.muscle_length_m,
                         f.ws.muscle_velocity_mps, f.ws.moment_arm_m);
    benchmark::DoNotOptimize(f.ws.moment_arm_m.data());
  }
  bench.counters["muscles"] = static_cast<double>(f.model->muscles.size());
}
BENCHMARK(stage_muscle_paths)->Unit(benchmark::kNanosecond);

// Tendon forces, joint torques and metabolic power of every muscle (once per step), then the
// state update of activation, fibre length (two tendon solves each) and fatigue.
void stage_muscle_dynamics(benchmark::State& bench) {
  Fixture f;
  Eigen::Matrix3Xd axes(3, f.model->coordinates.size());
  forward_kinematics(*f.model, f.state.q, f.state.v, f.ws.frames, &axes);
  compute_muscle_paths(*f.model, f.ws.frames, axes, f.state.q, f.state.v, f.ws.muscle_length_m,
                       f.ws.muscle_velocity_mps, f.ws.moment_arm_m);
  MuscleOptions options;
  equilibrate_fibers(*f.model, options, f.ws, f.state);
  f.state.excitation.setConstant(0.3);
  State s = f.state;
  for (auto _ : bench) {
    evaluate_muscles(*f.model, options, s, f.ws);
    step_muscles(*f.model, options, f.ws, 0.001, s);
    benchmark::DoNotOptimize(s.activation.data());
  }
}
BENCHMARK(stage_muscle_dynamics)->Unit(benchmark::kNanosecond);

// One update of the tracking controller at the baseline's running start (in flight), either the
// joint-torque tracking (reference targets, balance, stance support, the pelvis hold and the
// bounded least-squares muscle distribution) or the whole-body control (the same targets, the
// mass matrix by nv + 2 inverse-dynamics passes and one bounded least-squares solve over the
// activations; in flight there are no ground forces in it). It runs at 500 Hz, so a 1 ms step
// pays for half of one.
void stage_controller(benchmark::State& bench, const char* gains) {
  const Scenario s = load_scenario_text(
      std::string("model: runner3d\ncontroller: tracking\nspeed_mps: 3.5\ncadence_spm: 170\nstart_clearance_m: 0.01\n") +
          gains,
      "<bench>");
  const auto model = load_scenario_model(s);
  ScenarioStart start = start_scenario(s, model);
  start.sim->evaluate();
  ControllerState memory = start.sim->state().controller;
  VecX excitation = start.sim->state().excitation;
  for (auto _ : bench) {
    start.controller->update(*model, start.sim->state(), start.sim->workspace(), memory, excitation);
    benchmark::DoNotOptimize(excitation.data());
  }
}
BENCHMARK_CAPTURE(stage_controller, joint_torque, "")->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(stage_controller, whole_body, "tracking:\n  whole_body: 1\n")->Unit(benchmark::kMicrosecond);

void stage_bullet_dynamics(benchmark::State& bench) {
  Fixture f;
  Multibody mb(*f.model);
  VecX vdot(f.model->nv());
  for (auto _ : bench) {
    mb.set_state(f.state.q, f.state.v);
    mb.clear_loads();
    mb.add_gravity();
    mb.accelerations(vdot);
    benchmark::DoNotOptimize(vdot.data());
  }
}
BENCHMARK(stage_bullet_dynamics)->Unit(benchmark::kNanosecond);

}  // namespace
}  // namespace strider

BENCHMARK_MAIN();
