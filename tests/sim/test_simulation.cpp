// A diverging simulation is a reported failure with a diagnostic, not a crash.
#include <gtest/gtest.h>

#include <memory>

#include "core/error.hpp"
#include "model/model_loader.hpp"
#include "sim/simulation.hpp"
#include "test_models.hpp"

namespace strider {
namespace {

TEST(Simulation, RunawayVelocityIsReportedWithTheCoordinate) {
  auto model = std::make_shared<const Model>(load_model_text(test::kTriplePendulum, "pendulum"));
  SimulationOptions options;
  options.max_speed = 50.0;
  Simulation sim(model, options);
  State s = State::zero(*model);
  s.v[1] = 49.99;  // j2 spinning just under the limit; gravity and coupling push it over
  sim.set_state(s);
  try {
    for (int i = 0; i < 1000; ++i) sim.step();
    FAIL() << "no divergence reported";
  } catch (const SimulationError& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("diverged at t = "), std::string::npos) << what;
    EXPECT_NE(what.find("_rate'"), std::string::npos) << what;
    EXPECT_NE(what.find("last finite state"), std::string::npos) << what;
  }
}

TEST(Simulation, TimeIsStepCountTimesDt) {
  auto model = std::make_shared<const Model>(load_model_text(test::kFreeBody, "free"));
  Simulation sim(model, simulation_options(0.001, 0.0));
  for (int i = 0; i < 1234; ++i) sim.step();
  EXPECT_EQ(sim.state().step, 1234);
  EXPECT_EQ(sim.state().time_s, 1234 * 0.001);
}

}  // namespace
}  // namespace strider
