// Recording, HDF5 writing and memory, for runner3d under the tracking controller at the
// baseline's running start (the recorded values are those of a real step).
// Reproduce:  ./build/release/bin/strider_bench_io
// Results and machine: docs/performance.md.
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "io/atomic_file.hpp"
#include "io/hdf5_file.hpp"
#include "io/recorder.hpp"
#include "sim/fall.hpp"
#include "sim/run.hpp"

namespace strider {
namespace {

// The baseline's running conditions, at its running step (0.25 ms, scenarios/baseline.yaml).
Scenario baseline() {
  return load_scenario_text(
      "model: runner3d\ncontroller: tracking\nspeed_mps: 3.5\ncadence_spm: 170\nstart_clearance_m: 0.01\n"
      "dt_s: 0.00025\n",
      "<bench>");
}

// Bytes allocated by malloc and not yet freed (glibc's count, including mmap'ed blocks).
double allocated_bytes() {
  const struct mallinfo2 m = mallinfo2();
  return static_cast<double>(m.uordblks + m.hblkhd);
}

// A 30 s run's recording at 200 Hz from real, varied steps: the baseline run, restarted at each
// fall (the controller does not keep the body up that long yet), recorded at 200 Hz (none when
// `recorder` is null).
void record_30s(const Model& model, double dt_s, ScenarioStart& start, Recorder* recorder) {
  Simulation& sim = *start.sim;
  sim.set_state(start.initial);
  const auto steps = static_cast<std::int64_t>(std::llround(30.0 / dt_s));
  const auto every = static_cast<std::int64_t>(std::llround(1.0 / (200.0 * dt_s)));
  for (std::int64_t step = 0; step <= steps; ++step) {
    sim.evaluate();
    sim.control();
    if (recorder != nullptr && step % every == 0) recorder->on_step(step, sim.state(), sim.workspace());
    if (has_fallen(model, sim.ground(), sim.workspace())) {
      sim.set_state(start.initial);
    } else {
      sim.advance();
    }
  }
}

// One recorded sample: Recorder::on_step at a recording step (what recording costs every
// 1/record_hz; at 200 Hz and 1 ms steps, once every 5 steps).
void stage_recording(benchmark::State& bench) {
  const Scenario s = baseline();
  const auto model = load_scenario_model(s);
  ScenarioStart start = start_scenario(s, model);
  start.sim->evaluate();
  const int planned = 10000;
  auto recorder = std::make_unique<Recorder>(*model, planned * 0.001, 0.001, 1000.0);
  std::int64_t step = 0;
  for (auto _ : bench) {
    if (step == planned) {
      bench.PauseTiming();
      recorder = std::make_unique<Recorder>(*model, planned * 0.001, 0.001, 1000.0);
      step = 0;
      bench.ResumeTiming();
    }
    recorder->on_step(step++, start.sim->state(), start.sim->workspace());
  }
}
BENCHMARK(stage_recording)->Unit(benchmark::kMicrosecond);

// 30 s of the baseline's steps (with the controller), recorded at 200 Hz or not recorded: the
// whole-run cost of recording, page faults of the fresh buffers included.
void run_30s(benchmark::State& bench) {
  const bool record = bench.range(0) != 0;
  const Scenario s = baseline();
  const auto model = load_scenario_model(s);
  ScenarioStart start = start_scenario(s, model);
  for (auto _ : bench) {
    std::unique_ptr<Recorder> recorder;
    if (record) recorder = std::make_unique<Recorder>(*model, 30.0, s.dt_s, 200.0);
    record_30s(*model, s.dt_s, start, recorder.get());
  }
  bench.counters["real_time_factor"] = benchmark::Counter(30.0 * static_cast<double>(bench.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(run_30s)->Arg(0)->Arg(1)->ArgName("record_200hz")->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(2);

// Writing a 30 s run recorded at 200 Hz (6001 samples of real steps) to HDF5, atomically and
// sealed, with its shuffle + deflate compression.
void hdf5_write_30s(benchmark::State& bench) {
  const Scenario s = baseline();
  const auto model = load_scenario_model(s);
  ScenarioStart start = start_scenario(s, model);
  start.sim->evaluate();
  Recorder recorder(*model, 30.0, s.dt_s, 200.0);
  record_30s(*model, s.dt_s, start, &recorder);
  const std::string path = (std::filesystem::temp_directory_path() / ("strider_bench_" + std::to_string(::getpid()) + ".h5")).string();
  for (auto _ : bench) {
    write_atomically(path, [&](const std::string& temporary) {
      H5Writer out(temporary);
      recorder.write(out);
      out.close();
    });
  }
  const double bytes = static_cast<double>(recorder.recorded_bytes());
  bench.counters["values_MB"] = bytes / 1e6;
  bench.counters["file_MB"] = static_cast<double>(std::filesystem::file_size(path)) / 1e6;
  bench.counters["MB_per_s"] = benchmark::Counter(bytes / 1e6 * static_cast<double>(bench.iterations()), benchmark::Counter::kIsRate);
  std::filesystem::remove(path);
}
BENCHMARK(hdf5_write_30s)->Unit(benchmark::kMillisecond)->UseRealTime();

// Memory per concurrent simulation: 8 simulations of the baseline set up and stepped (State,
// Workspace, Bullet multibody, controller), sharing one Model; and the recorder of a 30 s run
// at the default 200 Hz, filled. Counted as malloc's bytes in use (resident memory would hide
// reused heap).
void memory_per_simulation(benchmark::State& bench) {
  const Scenario s = baseline();
  const auto model = load_scenario_model(s);
  double per_simulation = 0.0, recorder_bytes = 0.0;
  for (auto _ : bench) {
    // The first simulation also frees what loading left behind, so count from the second on.
    std::vector<ScenarioStart> sims;
    sims.reserve(9);
    double before = 0.0;
    for (int k = 0; k < 9; ++k) {
      if (k == 1) before = allocated_bytes();
      sims.push_back(start_scenario(s, model));
      for (int i = 0; i < 10; ++i) sims.back().sim->step();
    }
    per_simulation = (allocated_bytes() - before) / 8.0;
    const double before_recorder = allocated_bytes();
    Recorder recorder(*model, 30.0, s.dt_s, 200.0);
    record_30s(*model, s.dt_s, sims.front(), &recorder);
    recorder_bytes = allocated_bytes() - before_recorder;
  }
  bench.counters["simulation_MB"] = per_simulation / 1e6;
  bench.counters["recorder_30s_MB"] = recorder_bytes / 1e6;
}
BENCHMARK(memory_per_simulation)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
}  // namespace strider

BENCHMARK_MAIN();
