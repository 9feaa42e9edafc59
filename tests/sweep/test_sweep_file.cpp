// Sweep files: grid, linked and sampled axes expand to the right cases, values and seeds; bad
// files fail with the file, the key and a fix.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/error.hpp"
#include "sweep/sweep_file.hpp"

namespace strider {
namespace {

// Sweep text with its base scenario in the source tree (relative paths resolve from `source`).
Sweep load(const std::string& text, const std::vector<std::string>& overrides = {}) {
  return load_sweep_text("base: drop2d.yaml\n" + text, std::string(STRIDER_TEST_SOURCE_DIR) + "/scenarios/test.yaml",
                         overrides);
}

std::string error_of(const std::string& text, const std::vector<std::string>& overrides = {}) {
  try {
    load(text, overrides);
  } catch (const InputError& e) {
    return e.what();
  }
  return "no error";
}

TEST(SweepFile, GridIsTheCrossProductWithTheLastAxisFastest) {
  const Sweep s = load("axes:\n  grid:\n    cadence_spm: [160, 170, 180]\n    arm_swing_scale: [0.5, 1.0]\n");
  ASSERT_EQ(s.cases.size(), 6u);
  ASSERT_EQ(s.params.size(), 2u);
  EXPECT_EQ(s.params[0].key, "cadence_spm");
  EXPECT_EQ(s.params[1].key, "arm_swing_scale");
  const std::vector<std::vector<std::string>> expected = {{"160", "0.5"}, {"160", "1.0"}, {"170", "0.5"},
                                                          {"170", "1.0"}, {"180", "0.5"}, {"180", "1.0"}};
  for (std::size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(s.cases[i].id, i);
    EXPECT_EQ(s.cases[i].values, expected[i]) << "case " << i;
  }
  const Scenario last = case_scenario(s, s.cases[5]);
  EXPECT_EQ(last.cadence_spm, 180.0);
  EXPECT_EQ(last.arm_swing_scale, 1.0);
  EXPECT_EQ(last.model, "runner2d");  // from the base scenario
}

TEST(SweepFile, LinkedAxesVaryTogetherAndCrossWithTheGrid) {
  const Sweep s = load(
      "axes:\n  grid: {slope_percent: [0, 5]}\n"
      "  linked:\n    - {speed_mps: [3, 4, 5], cadence_spm: [165, 175, 185]}\n");
  ASSERT_EQ(s.cases.size(), 6u);  // 2 x 3, not 2 x 3 x 3
  for (const auto& c : s.cases) {
    const double speed = std::stod(c.values[1]), cadence = std::stod(c.values[2]);
    EXPECT_EQ(cadence, 165.0 + 10.0 * (speed - 3.0)) << "case " << c.id;
  }
  EXPECT_EQ(s.cases[4].values, (std::vector<std::string>{"5", "4", "175"}));
}

TEST(SweepFile, LatinHypercubeSamplesFillTheirRangesStratified) {
  const Sweep s = load(
      "seed: 3\naxes:\n  grid: {slope_percent: [0, 5]}\n"
      "  sample:\n    method: latin_hypercube\n    count: 10\n"
      "    ranges: {strength.all: [0.5, 1.0], body_mass_kg: [60, 80]}\n");
  ASSERT_EQ(s.cases.size(), 20u);
  ASSERT_EQ(s.params.size(), 3u);
  EXPECT_EQ(s.params[1].key, "strength.all");
  // The same 10 points under each slope, one per tenth of each range.
  std::set<int> strength_strata, mass_strata;
  for (std::size_t i = 0; i < 10; ++i) {
    EXPECT_EQ(s.cases[i].values[1], s.cases[10 + i].values[1]);
    const double strength = std::stod(s.cases[i].values[1]), mass = std::stod(s.cases[i].values[2]);
    ASSERT_GE(strength, 0.5);
    ASSERT_LT(strength, 1.0);
    ASSERT_GE(mass, 60.0);
    ASSERT_LT(mass, 80.0);
    strength_strata.insert(static_cast<int>((strength - 0.5) / 0.05));
    mass_strata.insert(static_cast<int>((mass - 60.0) / 2.0));
  }
  EXPECT_EQ(strength_strata.size(), 10u);
  EXPECT_EQ(mass_strata.size(), 10u);
  // Numbers are written with 17 digits, so the scenario gets exactly the sampled value.
  EXPECT_EQ(case_scenario(s, s.cases[3]).strength.at("all"), std::stod(s.cases[3].values[1]));
  // Same file, same samples; another sample seed, other samples.
  const Sweep again = load(
      "seed: 3\naxes:\n  grid: {slope_percent: [0, 5]}\n"
      "  sample:\n    method: latin_hypercube\n    count: 10\n"
      "    ranges: {strength.all: [0.5, 1.0], body_mass_kg: [60, 80]}\n");
  EXPECT_EQ(again.cases[7].values, s.cases[7].values);
  const Sweep other = load(
      "seed: 3\naxes:\n  sample: {count: 10, seed: 99, ranges: {strength.all: [0.5, 1.0]}}\n");
  EXPECT_NE(other.cases[0].values[0], s.cases[0].values[1]);
}

TEST(SweepFile, RandomSamplesHaveTheirCount) {
  const Sweep s = load("axes:\n  sample: {method: random, count: 7, ranges: {speed_mps: [3, 4]}}\n");
  ASSERT_EQ(s.cases.size(), 7u);
  for (const auto& c : s.cases) EXPECT_TRUE(std::stod(c.values[0]) >= 3.0 && std::stod(c.values[0]) < 4.0);
}

TEST(SweepFile, CaseSeedsDeriveFromTheSweepSeedAndTheCaseId) {
  const Sweep s = load("seed: 42\naxes:\n  grid: {cadence_spm: [160, 170, 180, 190]}\n");
  std::set<std::uint64_t> seeds;
  for (const auto& c : s.cases) {
    EXPECT_EQ(c.seed, case_seed(42, c.id));
    EXPECT_LT(c.seed, std::uint64_t{1} << 53);
    EXPECT_EQ(case_scenario(s, c).seed, c.seed);
    seeds.insert(c.seed);
  }
  EXPECT_EQ(seeds.size(), 4u);
  EXPECT_NE(case_seed(42, 0), case_seed(43, 0));
  const Sweep other = load("seed: 43\naxes:\n  grid: {cadence_spm: [160, 170, 180, 190]}\n");
  EXPECT_NE(other.cases[0].seed, s.cases[0].seed);
  EXPECT_NE(other.hash, s.hash);
}

TEST(SweepFile, SetAndCommandLineOverridesApplyToEveryCase) {
  const Sweep s = load("set: {duration_s: 0.5, strength: {all: 0.8}}\naxes:\n  grid: {cadence_spm: [160, 170]}\n",
                       {"record_hz=0"});
  for (const auto& c : s.cases) {
    const Scenario sc = case_scenario(s, c);
    EXPECT_EQ(sc.duration_s, 0.5);
    EXPECT_EQ(sc.strength.at("all"), 0.8);
    EXPECT_EQ(sc.record_hz, 0.0);
  }
  const Sweep plain = load("set: {duration_s: 0.5, strength: {all: 0.8}}\naxes:\n  grid: {cadence_spm: [160, 170]}\n");
  EXPECT_NE(plain.hash, s.hash);  // resume refuses a folder made with other overrides
}

TEST(SweepFile, TextAxesAreNotNumeric) {
  const Sweep s = load("axes:\n  grid: {metabolics: [umberger2010, bhargava2004], slope_percent: [0, 1]}\n");
  EXPECT_FALSE(s.params[0].numeric);
  EXPECT_TRUE(s.params[1].numeric);
}

TEST(SweepFile, BadFilesNameTheFileTheKeyAndTheFix) {
  const std::string unknown = error_of("axes:\n  grid: {cadense_spm: [160, 170]}\n");
  EXPECT_NE(unknown.find("test.yaml: axes.grid.cadense_spm: unknown scenario key"), std::string::npos) << unknown;
  EXPECT_NE(unknown.find("did you mean 'cadence_spm'"), std::string::npos) << unknown;

  const std::string empty = error_of("axes:\n  grid: {cadence_spm: []}\n");
  EXPECT_NE(empty.find("axes.grid.cadence_spm: empty axis"), std::string::npos) << empty;

  const std::string linked = error_of("axes:\n  linked: {speed_mps: [3, 4], cadence_spm: [160, 170, 180]}\n");
  EXPECT_NE(linked.find("conflicting linked-axis lengths: cadence_spm has 3 values but speed_mps has 2"),
            std::string::npos)
      << linked;

  const std::string optimize = error_of("optimize: {generations: 5}\naxes:\n  grid: {cadence_spm: [160]}\n");
  EXPECT_NE(optimize.find("optimize: a sweep runs its cases; it cannot optimize each of them"), std::string::npos) << optimize;

  const std::string twice = error_of("axes:\n  grid: {cadence_spm: [160]}\n  linked: {cadence_spm: [1], speed_mps: [3]}\n");
  EXPECT_NE(twice.find("'cadence_spm' is swept twice"), std::string::npos) << twice;

  const std::string seed = error_of("axes:\n  grid: {seed: [1, 2]}\n");
  EXPECT_NE(seed.find("cannot be swept"), std::string::npos) << seed;

  const std::string range = error_of("axes:\n  grid: {body_mass_kg: [70, 900]}\n");
  EXPECT_NE(range.find("case 1 (body_mass_kg=900)"), std::string::npos) << range;
  EXPECT_NE(range.find("out of range"), std::string::npos) << range;

  const std::string section = error_of("axes:\n  grid: {strength: [0.5, 1.0]}\n");
  EXPECT_NE(section.find("axes.grid.strength: 'strength' is a section"), std::string::npos) << section;
  const std::string not_section = error_of("axes:\n  grid: {duration_s.x: [1, 2]}\n");
  EXPECT_NE(not_section.find("case 0"), std::string::npos) << not_section;  // the scenario loader refuses it

  const std::string no_axes = error_of("axes: {}\n");
  EXPECT_NE(no_axes.find("no axes"), std::string::npos) << no_axes;

  const std::string top = error_of("axis:\n  grid: {cadence_spm: [160]}\n");
  EXPECT_NE(top.find("axes: missing required key"), std::string::npos) << top;

  const std::string sample = error_of("axes:\n  sample: {count: 4, ranges: {speed_mps: [4, 3]}}\n");
  EXPECT_NE(sample.find("axes.sample.ranges.speed_mps"), std::string::npos) << sample;

  const std::string swept = error_of("axes:\n  grid: {cadence_spm: [160]}\n", {"cadence_spm=170"});
  EXPECT_NE(swept.find("is swept by"), std::string::npos) << swept;

  EXPECT_THROW(load_sweep_file("/nonexistent/sweep.yaml"), InputError);
}

TEST(SweepFile, ShippedSweepsLoad) {
  const std::string dir = std::string(STRIDER_TEST_SOURCE_DIR) + "/scenarios/sweeps/";
  EXPECT_EQ(load_sweep_file(dir + "smoke.yaml").cases.size(), 8u);
  const Sweep arms = load_sweep_file(dir + "cadence-arms.yaml");
  EXPECT_EQ(arms.cases.size(), 45u);  // 5 cadences x 3 arm-swing modes x 3 speeds
  ASSERT_EQ(arms.params.size(), 3u);
  EXPECT_EQ(arms.params[1].key, "arm_swing");
  EXPECT_FALSE(arms.params[1].numeric);
  EXPECT_EQ(arms.cases[1].values[1], "normal");
  EXPECT_EQ(arms.cases[3].values[1], "held_across_chest");
  // The runner issue's acceptance conditions: every case loads and checks (load_sweep_file
  // checks each case's scenario).
  EXPECT_EQ(load_sweep_file(dir + "acceptance-speed-cadence.yaml").cases.size(), 9u);
  const Sweep modes = load_sweep_file(dir + "acceptance-arms.yaml");
  ASSERT_EQ(modes.cases.size(), 5u);
  EXPECT_EQ(modes.cases[1].values[0], "scaled");
  EXPECT_EQ(modes.cases[4].values[0], "hands_on_head");
  EXPECT_EQ(load_sweep_file(dir + "acceptance-slopes.yaml").cases.size(), 3u);
}

}  // namespace
}  // namespace strider
