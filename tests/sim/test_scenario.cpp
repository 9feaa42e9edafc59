// The scenario loader validates like the model loader.
#include <gtest/gtest.h>

#include "core/error.hpp"
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
  const InputError scale = scenario_error("arm_swing_scale: 0.5\n");
  EXPECT_EQ(scale.key(), "arm_swing_scale");
  EXPECT_NE(scale.fix().find("arm_swing: scaled"), std::string::npos);
  const InputError gain = scenario_error("tracking: {hip_pk: 3}\n");
  EXPECT_EQ(gain.key(), "tracking.hip_pk");
  EXPECT_NE(gain.fix().find("did you mean 'hip_kp'"), std::string::npos) << gain.what();
  EXPECT_NE(scenario_error("trunk_lean_deg: 45\n").problem().find("out of range"), std::string::npos);
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
