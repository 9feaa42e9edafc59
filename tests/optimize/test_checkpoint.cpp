// Checkpoints and parameter files round-trip exactly, and bad ones give clear errors.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "core/number_text.hpp"
#include "optimize/checkpoint.hpp"
#include "optimize/parameter_file.hpp"

namespace strider {
namespace {

Checkpoint sample_checkpoint() {
  CmaesSettings s;
  s.initial_mean = VecX::Constant(3, 0.1);
  s.initial_spread = VecX::Constant(3, 0.3);
  s.lambda = 6;
  Cmaes es(s);
  for (int g = 0; g < 4; ++g) {
    std::vector<double> f;
    for (const auto& x : es.ask()) f.push_back(std::exp(x.sum()) / 3.0 + x.squaredNorm() * M_PI);
    if (g == 1) f[2] = std::numeric_limits<double>::infinity();  // a failed candidate
    es.tell(f);
  }
  Checkpoint c;
  c.scenario_hash = "0123456789abcdef";
  c.names = {"cadence_spm", "tracking.hip_kp", "trunk_lean_deg"};
  c.lambda = 6;
  c.seed = 18446744073709551615ull;
  c.state = es.state();
  for (int g = 1; g <= 4; ++g) c.history.push_back({g, 6 * g, 1.0 / g, 2.0 / 3.0, 0.1 * g, 0.7, g == 2 ? 1 : 0});
  c.history[1].mean_fitness = std::numeric_limits<double>::infinity();
  return c;
}

TEST(Checkpoint, RoundTripsEveryBit) {
  const Checkpoint c = sample_checkpoint();
  const std::string text = format_checkpoint(c);
  const Checkpoint back = parse_checkpoint(text, "checkpoint.yaml");
  EXPECT_EQ(back.names, c.names);
  EXPECT_EQ(back.seed, c.seed);
  EXPECT_EQ(back.state.generation, c.state.generation);
  EXPECT_EQ(back.state.sigma, c.state.sigma);
  EXPECT_EQ(back.state.mean, c.state.mean);
  EXPECT_EQ(back.state.C, c.state.C);
  EXPECT_EQ(back.state.p_sigma, c.state.p_sigma);
  EXPECT_EQ(back.state.p_c, c.state.p_c);
  EXPECT_EQ(back.state.best_x, c.state.best_x);
  EXPECT_EQ(back.state.best_fitness, c.state.best_fitness);
  EXPECT_EQ(back.state.best_history, c.state.best_history);
  EXPECT_EQ(back.state.last_fitness_range, c.state.last_fitness_range);
  ASSERT_EQ(back.history.size(), 4u);
  EXPECT_TRUE(std::isinf(back.history[1].mean_fitness));
  EXPECT_EQ(format_checkpoint(back), text);
}

TEST(Checkpoint, AnOptimizationRestoredFromItsTextContinuesExactly) {
  CmaesSettings s;
  s.initial_mean = VecX::Constant(6, 0.5);
  s.initial_spread = VecX::Constant(6, 0.4);
  s.max_generations = 30;
  auto f = [](const VecX& x) { return (x.array() - 0.3).square().sum() + std::sin(3.0 * x[0]) * x[5]; };
  auto run = [&](Cmaes& es, int generations) {
    for (int g = 0; g < generations; ++g) {
      std::vector<double> fitness;
      for (const auto& x : es.ask()) fitness.push_back(f(x));
      es.tell(fitness);
    }
  };
  Cmaes whole(s), first(s);
  run(whole, 30);
  run(first, 12);
  Checkpoint c;
  c.names = {"a", "b", "c", "d", "e", "f"};
  c.lambda = first.lambda();
  c.state = first.state();
  for (int g = 1; g <= 12; ++g) c.history.push_back({g, g * c.lambda, 1.0, 1.0, 1.0, 1.0, 0});
  Cmaes resumed(s);
  resumed.restore(parse_checkpoint(format_checkpoint(c), "checkpoint.yaml").state);
  run(resumed, 18);
  EXPECT_EQ(resumed.state().C, whole.state().C);
  EXPECT_EQ(resumed.state().mean, whole.state().mean);
  EXPECT_EQ(resumed.state().best_x, whole.state().best_x);
}

TEST(Checkpoint, DamagedFilesNameTheKeyAndTheFix) {
  const std::string good = format_checkpoint(sample_checkpoint());
  const auto expect_error = [](const std::string& text, const std::string& key) {
    try {
      parse_checkpoint(text, "dir/checkpoint.yaml");
      ADD_FAILURE() << "accepted a checkpoint with a bad " << key;
    } catch (const InputError& e) {
      EXPECT_EQ(e.file(), "dir/checkpoint.yaml");
      EXPECT_EQ(e.key(), key) << e.what();
      EXPECT_NE(e.fix().find("--resume"), std::string::npos);
    }
  };
  auto replace = [&](const std::string& from, const std::string& to) {
    std::string t = good;
    const auto at = t.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return t.replace(at, from.size(), to);
  };
  expect_error(replace("sigma: ", "sigma: -"), "sigma");
  expect_error(replace("format: 1", "format: 2"), "format");
  expect_error(replace("mean: [", "mean: [1, "), "mean");
  expect_error(replace("lambda: 6", "lambda: 1"), "lambda");
  expect_error(replace("generation: 4", "generation: 5"), "best_history");
  expect_error(replace("has_best: true", "has_best: maybe"), "has_best");
  expect_error("[1, 2]", "");
  EXPECT_THROW(parse_checkpoint("a: [", "x.yaml"), InputError);
}

TEST(ParameterFile, RoundTripsAndGivesBestValueOverrides) {
  const std::vector<ParameterLine> lines = {{"cadence_spm", 171.23456789012345, 170.5, 2.25},
                                            {"tracking.hip_kp", 0.1 + 0.2, 1e-300, 3.0}};
  const std::string text = format_parameter_file({"from a test"}, lines);
  const auto back = parse_parameter_file(text, "p.txt");
  ASSERT_EQ(back.size(), 2u);
  EXPECT_EQ(back[0].best, lines[0].best);
  EXPECT_EQ(back[1].best, lines[1].best);
  EXPECT_EQ(back[1].mean, lines[1].mean);
  const auto o = best_value_overrides(back);
  EXPECT_EQ(o[0], "cadence_spm=" + format17(lines[0].best));
  EXPECT_EQ(std::stod(o[0].substr(o[0].find('=') + 1)), lines[0].best);
}

TEST(ParameterFile, BadLinesNameTheLine) {
  const auto line_of = [](const std::string& text) {
    try {
      parse_parameter_file(text, "p.txt");
    } catch (const InputError& e) {
      return e.key();
    }
    return std::string("accepted");
  };
  EXPECT_EQ(line_of("# c\na 1 2\n"), "line 2");
  EXPECT_EQ(line_of("a 1 2 x\n"), "line 1");
  EXPECT_EQ(line_of("a 1 2 3\n\na 1 2 3\n"), "line 3");
  EXPECT_EQ(line_of("a nan 2 3\n"), "line 1");
  EXPECT_EQ(line_of("a=1 1 2 3\n"), "line 1");
  EXPECT_EQ(line_of("# only comments\n"), "");
}

}  // namespace
}  // namespace strider
