// The model loader rejects bad input with the file, the key and the problem.
#include <gtest/gtest.h>

#include <string>

#include "core/error.hpp"
#include "model/model_loader.hpp"
#include "test_models.hpp"

namespace strider {
namespace {

const std::string kGood = R"(
name: two
bodies:
  - name: base
    mass_kg: 2.0
    inertia_kgm2: [0.1, 0.1, 0.1]
    joint: {type: free}
  - name: arm
    parent: base
    mass_kg: 1.0
    com_m: [0, 0, -0.2]
    inertia_kgm2: [0.01, 0.01, 0.002]
    joint:
      type: hinge
      location_m: [0, 0, -0.1]
      coordinates: [{name: elbow, axis: [0, 1, 0], range_deg: [0, 150]}]
)";

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

// Loads `text` and returns the InputError it must raise.
InputError expect_error(const std::string& text) {
  try {
    load_model_text(text, "bad_model.yaml");
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "no error raised";
  return InputError("", "", "");
}

TEST(ModelLoader, LoadsAValidModel) {
  const Model m = load_model_text(kGood, "good.yaml");
  ASSERT_EQ(m.bodies.size(), 2u);
  EXPECT_EQ(m.nq(), 8);
  EXPECT_EQ(m.nv(), 7);
  EXPECT_DOUBLE_EQ(m.total_mass_kg(), 3.0);
  EXPECT_NEAR(m.coordinates[0].max_rad, 150.0 * kPi / 180.0, 1e-15);
}

TEST(ModelLoader, RejectsNegativeMass) {
  const InputError e = expect_error(replace(kGood, "mass_kg: 1.0", "mass_kg: -1.0"));
  EXPECT_EQ(e.file(), "bad_model.yaml");
  EXPECT_EQ(e.key(), "bodies[1].mass_kg");
  EXPECT_NE(e.problem().find("mass must be positive"), std::string::npos) << e.what();
}

TEST(ModelLoader, RejectsUnknownJointType) {
  const InputError e = expect_error(replace(kGood, "type: hinge", "type: hnige"));
  EXPECT_EQ(e.key(), "bodies[1].joint.type");
  EXPECT_NE(e.problem().find("unknown joint type 'hnige'"), std::string::npos) << e.what();
  EXPECT_NE(e.fix().find("did you mean 'hinge'"), std::string::npos) << e.what();
}

TEST(ModelLoader, RejectsMissingParent) {
  const InputError e = expect_error(replace(kGood, "parent: base", "parent: bsae"));
  EXPECT_EQ(e.key(), "bodies[1].parent");
  EXPECT_NE(e.problem().find("parent body 'bsae' not found"), std::string::npos) << e.what();
}

TEST(ModelLoader, RejectsAbsentParentKey) {
  const InputError e = expect_error(replace(kGood, "    parent: base\n", ""));
  EXPECT_EQ(e.key(), "bodies[1].parent");
  EXPECT_NE(e.problem().find("missing required key"), std::string::npos) << e.what();
}

TEST(ModelLoader, RejectsNonFiniteNumber) {
  const InputError e = expect_error(replace(kGood, "com_m: [0, 0, -0.2]", "com_m: [0, .nan, -0.2]"));
  EXPECT_EQ(e.key(), "bodies[1].com_m");
  EXPECT_NE(e.problem().find("non-finite"), std::string::npos) << e.what();
}

TEST(ModelLoader, RejectsUnknownKey) {
  const InputError e = expect_error(replace(kGood, "    com_m: [0, 0, -0.2]", "    com_m: [0, 0, -0.2]\n    colour: red"));
  EXPECT_EQ(e.key(), "bodies[1].colour");
  EXPECT_NE(e.problem().find("unknown key"), std::string::npos) << e.what();
}

TEST(ModelLoader, SuggestsNearKey) {
  const InputError e = expect_error(replace(kGood, "com_m: [0, 0, -0.2]", "comm_m: [0, 0, -0.2]"));
  EXPECT_EQ(e.key(), "bodies[1].comm_m");
  EXPECT_NE(e.fix().find("did you mean 'com_m'"), std::string::npos) << e.what();
}

TEST(ModelLoader, RejectsWrongCoordinateCount) {
  const InputError e = expect_error(replace(kGood, "type: hinge", "type: universal"));
  EXPECT_EQ(e.key(), "bodies[1].joint.coordinates");
  EXPECT_NE(e.problem().find("needs 2 coordinate(s), got 1"), std::string::npos) << e.what();
}

TEST(ModelLoader, RejectsBadRangeAndInertia) {
  EXPECT_EQ(expect_error(replace(kGood, "range_deg: [0, 150]", "range_deg: [150, 0]")).key(),
            "bodies[1].joint.coordinates[0].range_deg");
  EXPECT_EQ(expect_error(replace(kGood, "[0.01, 0.01, 0.002]", "[0.01, 0.01, 0.05]")).key(),
            "bodies[1].inertia_kgm2");
}

TEST(ModelLoader, MissingFileIsInputError) {
  try {
    load_model_file("/nonexistent/model.yaml");
    FAIL();
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), "/nonexistent/model.yaml");
    EXPECT_NE(e.problem().find("not found"), std::string::npos);
  }
}

TEST(ModelLoader, RootMustBeFirstAndUnique) {
  const InputError e = expect_error(replace(kGood, "type: hinge", "type: free"));
  EXPECT_EQ(e.key(), "bodies[1].joint.type");
}

}  // namespace
}  // namespace strider

namespace strider {
namespace {

InputError muscle_error(const std::string& from, const std::string& to) {
  std::string text = test::kMuscleArm;
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
  try {
    load_model_text(text, "arm.yaml");
  } catch (const InputError& e) {
    return e;
  }
  ADD_FAILURE() << "no error for " << to;
  return InputError("", "", "");
}

TEST(MuscleLoader, RejectsBadMuscles) {
  EXPECT_EQ(muscle_error("groups: [lifters]", "groups: [lifter]").key(), "muscles[0].groups");
  EXPECT_EQ(muscle_error("{body: anchor, point_m: [0, 0, 0.1]}", "{body: ankor, point_m: [0, 0, 0.1]}").key(),
            "muscles[0].path[0].body");
  EXPECT_EQ(muscle_error("    max_isometric_force_n: 500\n", "").key(), "muscles[0].max_isometric_force_n");
  EXPECT_EQ(muscle_error("max_isometric_force_n: 500", "max_isometric_force_n: -500").key(),
            "muscles[0].max_isometric_force_n");
  EXPECT_EQ(muscle_error("coordinate: elbow, range_deg", "coordinate: elbo, range_deg").key(),
            "muscles[1].path[1].active_when.coordinate");
  EXPECT_NE(muscle_error("      - {body: arm, point_m: [0.1, 0, 0]}\n", "")
                .problem()
                .find("origin and an insertion"),
            std::string::npos);
  EXPECT_EQ(
      muscle_error("tendon_slack_length_m: 0.04", "tendon_slack_length_m: 0.04\n    passive_fiber_strain: 5")
          .key(),
      "muscles[0].passive_fiber_strain");
}

TEST(MuscleLoader, PassiveFiberStrainPerMuscleOrByDefault) {
  std::string text = test::kMuscleArm;
  const std::string slack = "tendon_slack_length_m: 0.04";
  text.replace(text.find(slack), slack.size(), slack + "\n    passive_fiber_strain: 1.5");
  const Model m = load_model_text(text, "arm.yaml");
  EXPECT_EQ(m.muscles[0].mtu.passive_fiber_strain, 1.5);
  EXPECT_EQ(m.muscles[1].mtu.passive_fiber_strain, 0.6);  // De Groote 2016's
}

}  // namespace
}  // namespace strider
