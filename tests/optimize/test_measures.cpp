// The optimization measures that are not checked elsewhere, against the same quantities taken
// from the simulation directly.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "optimize/measures.hpp"
#include "sim/run.hpp"
#include "sim/simulation.hpp"

namespace strider {
namespace {

// Passes every step on to the measures and keeps the centre of mass of the first and last step.
class ComWatcher : public StepObserver {
 public:
  explicit ComWatcher(MeasureObserver& measures) : measures_(measures) {}
  void on_step(std::int64_t step, const Simulation& sim) override {
    measures_.on_step(step, sim);
    if (step == 0) first = sim.workspace().whole.p_WCom;
    last = sim.workspace().whole.p_WCom;
  }
  Vec3 first = Vec3::Zero(), last = Vec3::Zero();

 private:
  MeasureObserver& measures_;
};

// drift is the centre of mass's sideways travel over its forward travel (level ground: y over
// x). The baseline's runner3d moves sideways a little in its first steps (0.5 % of its forward travel
// over 1.5 s with the stop-21 gains); the planar runner2d cannot.
TEST(Measures, DriftIsSidewaysOverForwardTravel) {
  for (const char* name : {"baseline.yaml", "runner2d-tuned.yaml"}) {
    const Scenario scenario =
        load_scenario_file(std::string(STRIDER_TEST_SOURCE_DIR) + "/scenarios/" + name, {"duration_s=1.5"});
    const auto model = load_scenario_model(scenario);
    MeasureObserver measures(*model, scenario.dt_s);
    ComWatcher watcher(measures);
    const RunTotals totals = simulate_scenario(scenario, model, {}, &watcher);
    const Vec3 travel = watcher.last - watcher.first;
    const double drift = measures.measures(scenario, totals).at("drift");
    EXPECT_NEAR(drift, std::abs(travel.y()) / std::max(travel.x(), 1.0), 1e-12) << name;
    if (model->root_type() == JointType::Free) {
      EXPECT_GT(drift, 1e-3) << name;
    } else {
      EXPECT_EQ(drift, 0.0) << name;
    }
  }
}

}  // namespace
}  // namespace strider
