// Scenario muscle sections: strength per group, initial fatigue, unknown groups.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "model/model_loader.hpp"
#include "sim/muscle_setup.hpp"
#include "sim/scenario.hpp"
#include "test_models.hpp"

namespace strider {
namespace {

TEST(MuscleSetup, StrengthScalesMultiply) {
  const Model m = load_model_text(test::kMuscleArm, "arm");
  const Scenario s = load_scenario_text("strength: {all: 0.5}\n", "s.yaml", {"strength.lifters=0.8"});
  const MuscleOptions o = muscle_options(s, m);
  ASSERT_EQ(o.strength.size(), 2u);
  EXPECT_DOUBLE_EQ(o.strength[0], 0.4);
  EXPECT_DOUBLE_EQ(o.strength[1], 0.4);
}

TEST(MuscleSetup, UnknownGroupIsAnErrorWithSuggestion) {
  const Model m = load_model_text(test::kMuscleArm, "arm");
  const Scenario s = load_scenario_text("strength: {lifter: 0.7}\n", "weak.yaml");
  try {
    muscle_options(s, m);
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "weak.yaml");
    EXPECT_EQ(e.key(), "strength.lifter");
    EXPECT_NE(e.fix().find("did you mean 'lifters'"), std::string::npos) << e.what();
  }
  const Scenario f = load_scenario_text("fatigue: {nope: 0.2}\n", "tired.yaml");
  EXPECT_THROW(muscle_options(f, m), InputError);
}

TEST(MuscleSetup, InitialFatigueAndOptions) {
  const Model m = load_model_text(test::kMuscleArm, "arm");
  const Scenario s = load_scenario_text(
      "fatigue: {time_scale: 60, rest_rule: demand_met, lifters: 0.3}\nmetabolics: bhargava2004\n", "s.yaml");
  const MuscleOptions o = muscle_options(s, m);
  EXPECT_DOUBLE_EQ(o.fatigue_time_scale, 60.0);
  EXPECT_EQ(o.rest_rule, RestRule::DemandMet);
  EXPECT_EQ(o.metabolic_model, MetabolicModel::Bhargava2004);
  State state = State::zero(m);
  apply_initial_fatigue(s, m, state);
  EXPECT_DOUBLE_EQ(state.fatigue_fatigued[0], 0.3);
  EXPECT_DOUBLE_EQ(state.fatigue_resting[0], 0.7);
  EXPECT_NE(s.resolved_yaml.find("time_scale: 60"), std::string::npos);
}

TEST(MuscleSetup, BadValues) {
  EXPECT_THROW(load_scenario_text("fatigue: {rest_rule: sometimes}\n", "s.yaml"), InputError);
  EXPECT_THROW(load_scenario_text("metabolics: margaria\n", "s.yaml"), InputError);
  EXPECT_THROW(load_scenario_text("strength: {all: -1}\n", "s.yaml"), InputError);
  EXPECT_THROW(load_scenario_text("", "s.yaml", {"strength.a.b=1"}), InputError);
}

}  // namespace
}  // namespace strider
