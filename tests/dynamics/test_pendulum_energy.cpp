// A passive multi-link pendulum without limits or contact conserves energy: the drift stays
// under 1 % over 10 s at the default step and shrinks when the step is halved.
#include <gtest/gtest.h>

#include <memory>

#include "model/model_loader.hpp"
#include "sim/simulation.hpp"
#include "test_models.hpp"

namespace strider {
namespace {

// Largest |E(t) - E(0)| over 10 s, relative to the largest kinetic energy reached (the energy
// the pendulum actually exchanges).
double energy_drift(double dt) {
  auto model = std::make_shared<const Model>(load_model_text(test::kTriplePendulum, "pendulum"));
  Simulation sim(model, simulation_options(dt, 0.0));
  State s = State::zero(*model);
  s.q << 0.3, -0.5, 0.4, 0.6;  // j1, j2, j3a, j3b: a chaotic, fully 3D swing
  sim.set_state(s);
  sim.evaluate();
  const double e0 = sim.workspace().whole.kinetic_energy_j + sim.workspace().whole.potential_energy_j;
  double max_dev = 0.0, max_ke = 0.0;
  const int steps = static_cast<int>(std::lround(10.0 / dt));
  for (int i = 0; i < steps; ++i) {
    sim.step();
    const auto& w = sim.workspace().whole;  // evaluated at the start of this step
    max_dev = std::max(max_dev, std::abs(w.kinetic_energy_j + w.potential_energy_j - e0));
    max_ke = std::max(max_ke, w.kinetic_energy_j);
  }
  EXPECT_GT(max_ke, 1.0);  // it really swings
  return max_dev / max_ke;
}

TEST(PendulumEnergy, DriftBelowOnePercentAndShrinksWithStep) {
  const double drift_1ms = energy_drift(0.001);
  const double drift_05ms = energy_drift(0.0005);
  RecordProperty("drift_1ms", std::to_string(drift_1ms));
  RecordProperty("drift_0p5ms", std::to_string(drift_05ms));
  std::printf("energy drift over 10 s: %.4g %% at 1 ms, %.4g %% at 0.5 ms\n", 100 * drift_1ms,
              100 * drift_05ms);
  EXPECT_LT(drift_1ms, 0.01);
  EXPECT_LT(drift_05ms, drift_1ms);
}

}  // namespace
}  // namespace strider
