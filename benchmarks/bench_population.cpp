// Population evaluation of strider optimize on 1 and 2 threads: one generation of 8 candidates
// of the shipped smoke optimization, with 0.5 s runs (each ends before the body falls, so all
// candidates do the same work and the threads are never waiting for a straggler).
// Reproduce:  ./build/release/bin/strider_bench_population   (LAMBDA=16 for another population size)
// Results and machine: docs/performance.md.
#include <benchmark/benchmark.h>

#include <tbb/task_arena.h>

#include <cstdlib>

#include "optimize/cmaes.hpp"
#include "optimize/optimizer.hpp"
#include "sim/run.hpp"

namespace strider {
namespace {

void population(benchmark::State& bench) {
  const int threads = static_cast<int>(bench.range(0));
  const Scenario base = load_scenario_file(std::string(STRIDER_SOURCE_DIR) + "/scenarios/optimize-smoke.yaml",
                                           {"duration_s=0.5", std::string("optimize.lambda=") + (std::getenv("LAMBDA") ? std::getenv("LAMBDA") : "8")});
  const OptimizeSpec spec = read_optimize_spec(base);
  Cmaes es(cmaes_settings(spec, 1));
  const std::vector<VecX> candidates = es.ask();
  const auto model = load_scenario_model(base);
  tbb::task_arena arena(threads);
  double simulated_s = 0.0;
  for (auto _ : bench) {
    const auto results = evaluate_population(base, spec, candidates, model, arena);
    for (const auto& r : results) simulated_s += r.simulated_s;
    benchmark::DoNotOptimize(results.data());
  }
  bench.counters["evaluations_per_s"] =
      benchmark::Counter(static_cast<double>(bench.iterations()) * static_cast<double>(candidates.size()),
                         benchmark::Counter::kIsRate);
  bench.counters["simulated_s_per_s"] = benchmark::Counter(simulated_s, benchmark::Counter::kIsRate);
}
BENCHMARK(population)->Arg(1)->Arg(2)->ArgName("threads")->UseRealTime()->Unit(benchmark::kMillisecond)->MinTime(5.0);

}  // namespace
}  // namespace strider

BENCHMARK_MAIN();
