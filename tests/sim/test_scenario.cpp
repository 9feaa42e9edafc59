// The scenario loader validates like the model loader.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "core/error.hpp"
#include "core/version.hpp"
#include "sim/bench.hpp"
#include "sim/scenario.hpp"

namespace strider {
namespace {

InputError scenario_error(const std::string& text, const std::vector<std::string>& overrides = {}) {
  try {
    load_scenario_text(text, "s.yaml", overrides);
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for: " << text;
  return InputError("", "", "");
}

TEST(Scenario, DefaultsAndOverrides) {
  const Scenario s = load_scenario_text("duration_s: 3\n", "s.yaml", {"body_mass_kg=80", "slope_percent=-5"});
  EXPECT_EQ(s.model, "runner3d");
  EXPECT_DOUBLE_EQ(s.duration_s, 3.0);
  EXPECT_DOUBLE_EQ(s.body_mass_kg, 80.0);
  EXPECT_DOUBLE_EQ(s.slope_percent, -5.0);
  EXPECT_DOUBLE_EQ(s.dt_s, 0.001);
  EXPECT_NE(s.resolved_yaml.find("body_mass_kg: 80"), std::string::npos);
}

TEST(Scenario, ArmSwingTrunkLeanAndTrackingGains) {
  const Scenario s = load_scenario_text("arm_swing: scaled\narm_swing_scale: 0.5\ntracking: {hip_kp: 3}\n", "s.yaml",
                                        {"tracking.pelvis_kd=2", "trunk_lean_deg=5"});
  EXPECT_EQ(s.arm_swing, "scaled");
  EXPECT_DOUBLE_EQ(s.arm_swing_scale, 0.5);
  EXPECT_DOUBLE_EQ(s.trunk_lean_deg, 5.0);
  EXPECT_DOUBLE_EQ(s.tracking.at("hip_kp"), 3.0);
  EXPECT_DOUBLE_EQ(s.tracking.at("pelvis_kd"), 2.0);
  EXPECT_EQ(s.tracking.count("knee_kp"), 0u);
  EXPECT_NE(s.resolved_yaml.find("pelvis_kd: 2"), std::string::npos);
  EXPECT_EQ(load_scenario_text("arm_swing: hands_on_head\n", "s.yaml").arm_swing, "hands_on_head");

  const InputError mode = scenario_error("arm_swing: flapping\n");
  EXPECT_EQ(mode.key(), "arm_swing");
  EXPECT_NE(mode.fix().find("held_across_chest"), std::string::npos);
  EXPECT_EQ(load_scenario_text("arm_swing_scale: 0.5\n", "s.yaml").arm_swing, "scaled");  // a scale alone
  EXPECT_EQ(load_scenario_text("duration_s: 1\n", "s.yaml", {"arm_swing_scale=0"}).arm_swing, "scaled");
  const InputError scale = scenario_error("arm_swing: held_behind_back\narm_swing_scale: 0.5\n");
  EXPECT_EQ(scale.key(), "arm_swing_scale");
  EXPECT_NE(scale.fix().find("arm_swing: scaled"), std::string::npos);
  EXPECT_NE(scale.problem().find("held_behind_back"), std::string::npos);
  const InputError gain = scenario_error("tracking: {hip_pk: 3}\n");
  EXPECT_EQ(gain.key(), "tracking.hip_pk");
  EXPECT_NE(gain.fix().find("did you mean 'hip_kp'"), std::string::npos) << gain.what();
  EXPECT_NE(scenario_error("trunk_lean_deg: 45\n").problem().find("out of range"), std::string::npos);
}

// Writes files into a fresh temporary folder and returns its path.
std::filesystem::path scenario_folder(const std::vector<std::pair<std::string, std::string>>& files) {
  const auto dir = std::filesystem::temp_directory_path() / ("strider_scenario_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "sub");
  for (const auto& [name, text] : files) std::ofstream(dir / name) << text;
  return dir;
}

TEST(Scenario, BaseInheritanceMergesSectionsAndRecordsOrigins) {
  const auto dir = scenario_folder({{"baseline.yaml", "model: runner2d\nduration_s: 3\nstrength: {plantarflexors: 0.7}\n"},
                                    {"sub/weak.yaml", "base: ../baseline.yaml\nstrength: {hip_abductors: 0.8}\n"},
                                    {"sub/long.yaml", "base: weak.yaml\nduration_s: 30\n"}});
  const std::string weak = (dir / "sub/weak.yaml").string(), longer = (dir / "sub/long.yaml").string();
  const Scenario s = load_scenario_file(longer, {"seed=4"});
  EXPECT_EQ(s.model, "runner2d");
  EXPECT_DOUBLE_EQ(s.duration_s, 30.0);
  EXPECT_DOUBLE_EQ(s.strength.at("plantarflexors"), 0.7);
  EXPECT_DOUBLE_EQ(s.strength.at("hip_abductors"), 0.8);
  EXPECT_EQ(s.seed, 4u);
  EXPECT_EQ(s.origin.at("duration_s"), longer);
  EXPECT_EQ(s.origin.at("strength.hip_abductors"), weak);
  EXPECT_NE(s.origin.at("strength.plantarflexors").find("baseline.yaml"), std::string::npos);
  EXPECT_EQ(s.origin.at("seed"), "<command line>");
  EXPECT_EQ(s.origin.count("dt_s"), 0u);  // default
  EXPECT_EQ(scenario_key_unit("duration_s"), "s");
  EXPECT_EQ(scenario_key_unit("speed_mps"), "m/s");
  EXPECT_EQ(scenario_key_unit("strength.all"), "× F_max");
  EXPECT_EQ(scenario_key_unit("tracking.reference_lead_s"), "s");
  EXPECT_EQ(scenario_key_unit("tracking.hip_kd"), "N·m·s/rad/kg");
  EXPECT_EQ(scenario_key_unit("tracking.qp_pelvis_kp"), "1/s²");
  EXPECT_EQ(scenario_key_unit("tracking.qp_speed_kv"), "1/s");
  EXPECT_EQ(scenario_key_unit("tracking.qp_horizon_s"), "s");
  EXPECT_EQ(scenario_key_unit("tracking.qp_lookahead_s"), "s");
  EXPECT_EQ(scenario_key_unit("tracking.qp_contact_reach_m"), "m");
  std::filesystem::remove_all(dir);
}

TEST(Scenario, BaseErrorsNameTheFileAndKey) {
  const auto dir = scenario_folder({{"a.yaml", "base: b.yaml\n"}, {"b.yaml", "base: a.yaml\n"},
                                    {"c.yaml", "base: missing.yaml\n"}, {"d.yaml", "base: [1, 2]\n"},
                                    {"e.yaml", "base: c.yaml\nduraton_s: 2\n"}});
  auto error_of = [&](const std::string& name) {
    try {
      load_scenario_file((dir / name).string());
    } catch (const InputError& e) {
      return e;
    }
    ADD_FAILURE() << "no error for " << name;
    return InputError("", "", "");
  };
  const InputError cycle = error_of("a.yaml");
  EXPECT_EQ(cycle.key(), "base");
  EXPECT_NE(cycle.problem().find("cycle"), std::string::npos) << cycle.what();
  const InputError missing = error_of("c.yaml");
  EXPECT_NE(missing.problem().find("missing.yaml"), std::string::npos);
  EXPECT_NE(missing.file().find("c.yaml"), std::string::npos);
  EXPECT_EQ(error_of("d.yaml").key(), "base");
  EXPECT_NE(error_of("e.yaml").file().find("c.yaml"), std::string::npos);  // the deepest missing base
  std::filesystem::remove_all(dir);
}

// Every shipped scenario (the what-if library) loads, and each what-if inherits the baseline.
TEST(Scenario, ShippedScenariosLoad) {
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(kSourceDir) / "scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    const Scenario s = load_scenario_file(entry.path().string());
    const std::string name = entry.path().filename().string();
    if (name != "baseline.yaml" && name.rfind("drop", 0) != 0) {
      EXPECT_NE(s.origin.at("controller").find("baseline.yaml"), std::string::npos) << name;
    }
    ++count;
  }
  EXPECT_GE(count, 21);
  const Scenario arms = load_scenario_file(std::string(kSourceDir) + "/scenarios/arms-reduced.yaml");
  EXPECT_EQ(arms.arm_swing, "scaled");
  EXPECT_DOUBLE_EQ(arms.arm_swing_scale, 0.5);
  EXPECT_DOUBLE_EQ(arms.speed_mps, 3.5);
  EXPECT_DOUBLE_EQ(arms.cadence_spm, 170.0);
}

// `strider bench` measures at the running scenarios' step; its constant must follow the baseline.
TEST(Scenario, BenchStepIsTheBaselineStep) {
  const Scenario baseline = load_scenario_file(std::string(kSourceDir) + "/scenarios/baseline.yaml");
  EXPECT_EQ(baseline.dt_s, kBenchRunningStepS);
}

TEST(Scenario, UnknownKeySuggests) {
  const InputError e = scenario_error("duraton_s: 3\n");
  EXPECT_EQ(e.file(), "s.yaml");
  EXPECT_EQ(e.key(), "duraton_s");
  EXPECT_NE(e.fix().find("did you mean 'duration_s'"), std::string::npos) << e.what();
}

TEST(Scenario, OutOfRangeWrongTypeAndNonFinite) {
  EXPECT_NE(scenario_error("body_mass_kg: 500\n").problem().find("out of range"), std::string::npos);
  EXPECT_NE(scenario_error("duration_s: five\n").problem().find("not a number"), std::string::npos);
  EXPECT_NE(scenario_error("dt_s: .nan\n").problem().find("non-finite"), std::string::npos);
  EXPECT_EQ(scenario_error("seed: 1.5\n").key(), "seed");
}

TEST(Scenario, BadOverrides) {
  EXPECT_EQ(scenario_error("", {"cadense_spm=170"}).file(), "<command line>");
  EXPECT_NE(scenario_error("", {"duration"}).problem().find("key=value"), std::string::npos);
  EXPECT_EQ(scenario_error("", {"duration_s=-1"}).key(), "duration_s");
}

TEST(Scenario, RunKeys) {
  const Scenario s = load_scenario_text("controller: tracking\nspeed_mps: 4.5\n", "s.yaml", {"cadence_spm=180"});
  EXPECT_EQ(s.controller, "tracking");
  EXPECT_DOUBLE_EQ(s.speed_mps, 4.5);
  EXPECT_DOUBLE_EQ(s.cadence_spm, 180.0);
  EXPECT_NE(scenario_error("cadence_spm: 250\n").problem().find("out of range"), std::string::npos);
  EXPECT_NE(scenario_error("speed_mps: 1.0\n").problem().find("out of range"), std::string::npos);
  EXPECT_EQ(scenario_error("controller: reflex\n").key(), "controller");
}

TEST(Scenario, MissingFile) {
  try {
    load_scenario_file("/no/such/scenario.yaml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "/no/such/scenario.yaml");
  }
}

}  // namespace
}  // namespace strider
