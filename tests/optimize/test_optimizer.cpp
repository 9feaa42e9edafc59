// The optimizer on a real (short) simulation objective: the same result on 1 and 2 threads,
// after an interruption and resume, and a clear error for a bad optimize: section.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"
#include "optimize/optimizer.hpp"
#include "optimize/parameter_file.hpp"
#include "sim/run.hpp"

namespace strider {
namespace {

namespace fs = std::filesystem;

std::string smoke_path() { return std::string(STRIDER_TEST_SOURCE_DIR) + "/scenarios/optimize-smoke.yaml"; }

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::path(STRIDER_TEST_BINARY_DIR) / "optimize-tests" / name;
  fs::remove_all(dir);
  return dir;
}

// Slightly shorter runs than the shipped smoke optimization, which it is otherwise.
Scenario short_smoke() { return load_scenario_file(smoke_path(), {"duration_s=0.8", "optimize.generations=2"}); }

TEST(Optimizer, EvaluatingACandidateTwiceGivesTheSameFitness) {
  const Scenario base = short_smoke();
  const OptimizeSpec spec = read_optimize_spec(base);
  const auto model = load_scenario_model(base);
  VecX a(5), b(5);
  a << 10, 5, 0.5, 1, 0;
  b << 20, 9, 1.0, 0.5, 5;
  const double first = evaluate_candidate(base, spec, a, model).fitness;
  evaluate_candidate(base, spec, b, model);
  EXPECT_EQ(evaluate_candidate(base, spec, a, model).fitness, first);
}

TEST(Optimizer, OneAndTwoThreadsGiveBitIdenticalResults) {
  const Scenario base = short_smoke();
  OptimizeOptions one;
  one.dir = fresh_dir("threads1").string();
  one.threads = 1;
  one.write_best_run = false;
  OptimizeOptions two = one;
  two.dir = fresh_dir("threads2").string();
  two.threads = 2;
  const OptimizeOutcome a = run_optimization(base, one);
  const OptimizeOutcome b = run_optimization(base, two);
  EXPECT_EQ(a.generations, 2);
  EXPECT_EQ(a.best_fitness, b.best_fitness);
  EXPECT_EQ(a.best_x, b.best_x);
  EXPECT_EQ(a.best.fitness, a.best_fitness) << "evaluating the best again gives another fitness";
  EXPECT_EQ(slurp(one.dir + "/checkpoint.yaml"), slurp(two.dir + "/checkpoint.yaml"));
  EXPECT_EQ(slurp(one.dir + "/history.csv"), slurp(two.dir + "/history.csv"));
}

TEST(Optimizer, ResumingFromACheckpointGivesTheUninterruptedResult) {
  const Scenario base = load_scenario_file(smoke_path(), {"duration_s=1.0", "optimize.generations=3"});
  OptimizeOptions whole;
  whole.dir = fresh_dir("whole").string();
  whole.threads = 2;
  whole.write_best_run = false;
  const OptimizeOutcome uninterrupted = run_optimization(base, whole);
  OptimizeOptions part = whole;
  part.dir = fresh_dir("resumed").string();
  part.generations = 1;  // stops after one generation, as an interruption would
  run_optimization(base, part);
  part.generations = -1;
  part.resume = true;
  const OptimizeOutcome resumed = run_optimization(base, part);
  EXPECT_EQ(resumed.generations, 3);
  EXPECT_EQ(resumed.best_fitness, uninterrupted.best_fitness);
  EXPECT_EQ(resumed.best_x, uninterrupted.best_x);
  EXPECT_EQ(slurp(part.dir + "/checkpoint.yaml"), slurp(whole.dir + "/checkpoint.yaml"));
  EXPECT_EQ(slurp(part.dir + "/history.csv"), slurp(whole.dir + "/history.csv"));
}

TEST(Optimizer, RefusesAFolderWithAnotherOptimizationOrAChangedProblem) {
  const Scenario base = short_smoke();
  OptimizeOptions o;
  o.dir = fresh_dir("refuse").string();
  o.generations = 1;
  o.write_best_run = false;
  run_optimization(base, o);
  EXPECT_THROW(run_optimization(base, o), InputError);  // without --resume
  o.resume = true;
  const Scenario changed = load_scenario_file(smoke_path(), {"duration_s=0.5"});
  try {
    run_optimization(changed, o);
    FAIL() << "resumed a different problem";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("different problem"), std::string::npos) << e.what();
  }
}

std::string section_error(const std::string& optimize_yaml) {
  const std::string text = "model: runner2d\nduration_s: 0.1\noptimize:\n" + optimize_yaml;
  try {
    read_optimize_spec(load_scenario_text(text, "bad.yaml"));
  } catch (const InputError& e) {
    return e.key() + ": " + e.problem() + " | " + e.fix();
  }
  return "accepted";
}

TEST(OptimizeSpec, BadSectionsGiveClearErrors) {
  const std::string objective = "  objective: {fall: 1}\n";
  // Unknown parameter path.
  EXPECT_NE(section_error("  parameters:\n    cadense_spm: {mean: 170, spread: 5, min: 150, max: 190}\n" + objective)
                .find("optimize.parameters.cadense_spm: not a scenario key"),
            std::string::npos);
  EXPECT_NE(section_error("  parameters:\n    tracking.hip_kq: {mean: 1, spread: 1, min: 0, max: 5}\n" + objective)
                .find("optimize.parameters.tracking.hip_kq"),
            std::string::npos);
  // Bounds that exclude the mean.
  EXPECT_NE(section_error("  parameters:\n    cadence_spm: {mean: 170, spread: 5, min: 175, max: 190}\n" + objective)
                .find("optimize.parameters.cadence_spm.mean: the bounds [175, 190] exclude the mean 170"),
            std::string::npos);
  // λ < 2.
  EXPECT_NE(section_error("  lambda: 1\n  parameters:\n    cadence_spm: {mean: 170, spread: 5, min: 150, max: 190}\n" +
                          objective)
                .find("optimize.lambda: a population needs at least 2 members"),
            std::string::npos);
  // A bound the scenario itself rejects (cadence is limited to 120-240 spm).
  EXPECT_NE(section_error("  parameters:\n    cadence_spm: {mean: 170, spread: 5, min: 100, max: 190}\n" + objective)
                .find("optimize.parameters.cadence_spm.min"),
            std::string::npos);
  // Keys that cannot be free, unknown measures, missing parts.
  EXPECT_NE(section_error("  parameters:\n    body_mass_kg: {mean: 70, spread: 5, min: 50, max: 90}\n" + objective)
                .find("cannot be a free parameter"),
            std::string::npos);
  EXPECT_NE(section_error("  parameters:\n    cadence_spm: {mean: 170, spread: 5, min: 150, max: 190}\n"
                          "  objective: {cost_of_transprt: 1}\n")
                .find("did you mean 'cost_of_transport'"),
            std::string::npos);
  EXPECT_NE(section_error(objective).find("optimize.parameters: missing"), std::string::npos);
  EXPECT_NE(section_error("  parameters:\n    cadence_spm: {mean: 170, spread: 0, min: 150, max: 190}\n" + objective)
                .find("spread"),
            std::string::npos);
  EXPECT_NE(section_error("  lamda: 4\n  parameters:\n    cadence_spm: {mean: 170, spread: 5, min: 150, max: 190}\n" +
                          objective)
                .find("optimize.lamda"),
            std::string::npos);
}

// The smoke optimization with a `starts:` section (its YAML text) and key=value overrides.
Scenario smoke_with_starts(const std::string& starts_yaml, const std::vector<std::string>& overrides) {
  return load_scenario_text("base: " + smoke_path() + "\noptimize:\n  starts:\n" + starts_yaml,
                            (fs::path(STRIDER_TEST_BINARY_DIR) / "starts.yaml").string(), overrides);
}

TEST(OptimizeSpec, StartsVaryTheirKeysWithinTheirHalfWidthsTheSameWayEveryTime) {
  const Scenario base = smoke_with_starts("    count: 5\n    vary: {start_clearance_m: 0.004, speed_mps: 0.1}\n",
                                          {"duration_s=0.3", "start_clearance_m=0.01"});
  const OptimizeSpec spec = read_optimize_spec(base);
  ASSERT_EQ(spec.starts, 5);
  ASSERT_EQ(spec.start_overrides.size(), 5u);
  EXPECT_TRUE(spec.start_overrides[0].empty());  // start 0 is the scenario itself
  const VecX x = cmaes_settings(spec, 1).initial_mean;
  EXPECT_EQ(candidate_scenario(base, spec, x, 0).start_clearance_m, 0.01);
  std::vector<double> clearances;
  for (int k = 1; k < 5; ++k) {
    const Scenario s = candidate_scenario(base, spec, x, k);
    EXPECT_LE(std::abs(s.start_clearance_m - 0.01), 0.004 + 1e-15) << k;
    EXPECT_LE(std::abs(s.speed_mps - base.speed_mps), 0.1 + 1e-15) << k;
    EXPECT_NE(s.start_clearance_m, 0.01) << k;
    clearances.push_back(s.start_clearance_m);
  }
  EXPECT_NE(clearances[0], clearances[1]);
  // Drawn from the starts' own seed: reading the section again gives the same starts.
  EXPECT_EQ(read_optimize_spec(base).start_overrides, spec.start_overrides);
  // A changed half-width is a different problem for --resume.
  const Scenario wider = smoke_with_starts("    count: 5\n    vary: {start_clearance_m: 0.005, speed_mps: 0.1}\n",
                                           {"duration_s=0.3", "start_clearance_m=0.01"});
  EXPECT_NE(problem_fingerprint(base, spec), problem_fingerprint(wider, read_optimize_spec(wider)));
}

TEST(OptimizeSpec, CasesAreScoredAfterTheDrawnStartsEachFromTheScenariosOwnStart) {
  const Scenario base = smoke_with_starts(
      "    count: 2\n    vary: {start_clearance_m: 0.004}\n"
      "    cases: [{arm_swing: held_behind_back}, {slope_percent: 5, strength.plantarflexors: 0.7}]\n",
      {"duration_s=0.3", "start_clearance_m=0.01"});
  const OptimizeSpec spec = read_optimize_spec(base);
  ASSERT_EQ(spec.cases.size(), 2u);
  ASSERT_EQ(spec.starts, 4);  // start 0, one drawn start, two cases
  ASSERT_EQ(spec.start_overrides.size(), 4u);
  EXPECT_EQ(spec.start_overrides[2], std::vector<std::string>{"arm_swing=held_behind_back"});
  EXPECT_EQ(spec.start_overrides[3],
            (std::vector<std::string>{"slope_percent=5", "strength.plantarflexors=0.7"}));
  const VecX x = cmaes_settings(spec, 1).initial_mean;
  const Scenario held = candidate_scenario(base, spec, x, 2);
  EXPECT_EQ(held.arm_swing, "held_behind_back");
  EXPECT_EQ(held.start_clearance_m, 0.01);  // the scenario's own start
  const Scenario hill = candidate_scenario(base, spec, x, 3);
  EXPECT_EQ(hill.slope_percent, 5.0);
  EXPECT_EQ(hill.arm_swing, base.arm_swing);
  // The free parameters still reach every case.
  EXPECT_EQ(candidate_scenario(base, spec, x, 3).cadence_spm, candidate_scenario(base, spec, x, 0).cadence_spm);
  // Other cases are another problem for --resume.
  const Scenario other = smoke_with_starts(
      "    count: 2\n    vary: {start_clearance_m: 0.004}\n    cases: [{arm_swing: held_across_chest}]\n",
      {"duration_s=0.3", "start_clearance_m=0.01"});
  EXPECT_NE(problem_fingerprint(base, spec), problem_fingerprint(other, read_optimize_spec(other)));
}

TEST(OptimizeSpec, BadCasesGiveClearErrors) {
  const std::string rest =
      "  parameters:\n    cadence_spm: {mean: 170, spread: 5, min: 150, max: 190}\n  objective: {fall: 1}\n";
  EXPECT_NE(section_error(rest + "  starts: {cases: {arm_swing: normal}}\n").find("optimize.starts.cases: expected a list"),
            std::string::npos);
  EXPECT_NE(section_error(rest + "  starts: {cases: [held]}\n").find("optimize.starts.cases[0]: expected a map"),
            std::string::npos);
  EXPECT_NE(section_error(rest + "  starts: {cases: [{model: runner3d}]}\n")
                .find("optimize.starts.cases[0].model: 'model' cannot differ between starts"),
            std::string::npos);
  EXPECT_NE(section_error(rest + "  starts: {cases: [{slope_percent: 5}, {cadence_spm: 180}]}\n")
                .find("optimize.starts.cases[1].cadence_spm: 'cadence_spm' is a free parameter"),
            std::string::npos);
  const std::string rejected = section_error(rest + "  starts: {cases: [{arm_swing: flapping}]}\n");
  EXPECT_NE(rejected.find("optimize.starts.cases[0]: the scenario rejects this case"), std::string::npos) << rejected;
  EXPECT_NE(rejected.find("held_behind_back"), std::string::npos) << rejected;  // the scenario's own fix
  EXPECT_EQ(section_error(rest + "  starts: {cases: [{arm_swing: held_across_chest}]}\n"), "accepted");
}

TEST(Optimizer, ACandidateScoresTheMeanObjectiveOverItsStarts) {
  const Scenario base = smoke_with_starts("    count: 3\n    vary: {start_clearance_m: 0.004}\n", {"duration_s=0.4"});
  const OptimizeSpec spec = read_optimize_spec(base);
  const auto model = load_scenario_model(base);
  const VecX x = cmaes_settings(spec, 1).initial_mean;
  double sum = 0.0, fall = 0.0;
  std::vector<double> each;
  for (int k = 0; k < 3; ++k) {
    OptimizeSpec alone = spec;  // start k as the only start
    alone.starts = 1;
    alone.start_overrides = {spec.start_overrides[static_cast<std::size_t>(k)]};
    const CandidateResult r = evaluate_candidate(base, alone, x, model);
    each.push_back(r.fitness);
    sum += r.fitness;
    fall += r.measures.at("fall");
  }
  EXPECT_TRUE(each[0] != each[1] || each[0] != each[2]);  // the starts differ
  const CandidateResult all = evaluate_candidate(base, spec, x, model);
  EXPECT_NEAR(all.fitness, sum / 3.0, 1e-12 * std::max(1.0, std::abs(all.fitness)));
  EXPECT_NEAR(all.measures.at("fall"), fall / 3.0, 1e-15);
  EXPECT_FALSE(all.failed);
}

TEST(OptimizeSpec, BadStartsGiveClearErrors) {
  const std::string rest =
      "  parameters:\n    cadence_spm: {mean: 170, spread: 5, min: 150, max: 190}\n  objective: {fall: 1}\n";
  EXPECT_NE(section_error(rest + "  starts: {count: 3}\n").find("optimize.starts.vary: several starts need keys"),
            std::string::npos);
  EXPECT_NE(section_error(rest + "  starts: {count: 2, vary: {model: 1}}\n").find("'model' cannot vary between starts"),
            std::string::npos);
  EXPECT_NE(section_error(rest + "  starts: {count: 2, vary: {cadence_spm: 5}}\n").find("is a free parameter"),
            std::string::npos);
  EXPECT_NE(section_error(rest + "  starts: {count: 2, vary: {speed_mps: 10}}\n")
                .find("optimize.starts.vary.speed_mps: the scenario rejects speed_mps"),
            std::string::npos);
  EXPECT_NE(section_error(rest + "  starts: {count: 2.5, vary: {speed_mps: 0.1}}\n").find("optimize.starts.count"),
            std::string::npos);
  EXPECT_NE(section_error(rest + "  starts: {cuont: 2}\n").find("did you mean 'count'"), std::string::npos);
  EXPECT_NE(section_error(rest + "  strats: {count: 2}\n").find("did you mean 'starts'"), std::string::npos);
  EXPECT_EQ(section_error(rest + "  starts: {count: 2, vary: {speed_mps: 0.1}}\n"), "accepted");
}

TEST(Optimizer, AFreeParameterTheModelLacksFailsBeforeAnythingRuns) {
  // strength.<group> is checked against the model, which the scenario text alone cannot do.
  const Scenario base = load_scenario_text(
      "model: runner2d\nduration_s: 0.2\noptimize:\n  parameters:\n"
      "    strength.plantarflexor: {mean: 1, spread: 0.1, min: 0.5, max: 1.5}\n  objective: {fall: 1}\n",
      "typo.yaml");
  OptimizeOptions o;
  o.dir = fresh_dir("model-check").string();
  o.write_best_run = false;
  try {
    run_optimization(base, o);
    FAIL() << "an unknown muscle group was optimized";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "typo.yaml");
    EXPECT_EQ(e.key(), "optimize.parameters");
    EXPECT_NE(std::string(e.what()).find("plantarflexor"), std::string::npos) << e.what();
  }
  EXPECT_FALSE(fs::exists(o.dir + "/checkpoint.yaml"));
}

TEST(ParameterFileReplay, BestValuesSetTheScenarioExactly) {
  const std::vector<ParameterLine> lines = {{"tracking.pelvis_kp", 12.345678901234567, 12.0, 1.0}};
  const Scenario s = load_scenario_file(smoke_path(), best_value_overrides(lines));
  EXPECT_EQ(s.tracking.at("pelvis_kp"), 12.345678901234567);
}

}  // namespace
}  // namespace strider

namespace strider {
namespace {

TEST(OptimizeSpec, ShippedOptimizationsAreValid) {
  for (const char* name : {"optimize-smoke.yaml", "optimal-cadence.yaml", "optimal-cadence-cycle.yaml"}) {
    const Scenario s = load_scenario_file(std::string(STRIDER_TEST_SOURCE_DIR) + "/scenarios/" + name);
    const OptimizeSpec spec = read_optimize_spec(s);
    EXPECT_FALSE(spec.parameters.empty()) << name;
    EXPECT_FALSE(spec.weights.empty()) << name;
  }
  // The cycle variant frees the cycle's shape on top of the same gains.
  const auto cycle = read_optimize_spec(
      load_scenario_file(std::string(STRIDER_TEST_SOURCE_DIR) + "/scenarios/optimal-cadence-cycle.yaml"));
  EXPECT_EQ(cycle.parameters.back().key, "leg_swing_scale");
  EXPECT_EQ(cycle.lambda, 12);
}

}  // namespace
}  // namespace strider
