// Contact statics: a block on its spheres settles to a contact force equal to its weight; on a
// slope steeper than the friction angle it slides, below it it creeps at less than 1 mm/s.
#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "model/model_loader.hpp"
#include "sim/simulation.hpp"
#include "test_models.hpp"

namespace strider {
namespace {

struct Settled {
  double vertical_force_n = 0.0;
  double com_height_m = 0.0;
  double speed_along_slope_mps = 0.0;  // at the end
  double mean_abs_speed_last_second_mps = 0.0;
};

Settled settle(double slope_percent, double mu_s, double mu_d, double seconds) {
  auto model = std::make_shared<const Model>(
      load_model_text(test::block_on_spheres(mu_s, mu_d), "block"));
  Simulation sim(model, simulation_options(0.001, slope_percent));
  const Ground& g = sim.ground();
  State s = State::zero(*model);
  const double slope = std::atan(slope_percent / 100.0);
  const Quat tilt(Eigen::AngleAxisd(-slope, Vec3::UnitY()));  // block axes follow the slope
  s.q.segment<3>(0) = (0.05 + 0.03 + 0.002) * g.normal;       // 2 mm above the surface
  s.q.segment<4>(3) << tilt.w(), tilt.x(), tilt.y(), tilt.z();
  sim.set_state(s);
  Settled out;
  const int steps = static_cast<int>(std::lround(seconds / 0.001));
  double speed_sum = 0.0;
  int speed_count = 0;
  for (int i = 0; i < steps; ++i) {
    sim.step();
    if (i >= steps - 1000) {
      speed_sum += std::abs(sim.state().v.segment<3>(0).dot(g.forward));
      ++speed_count;
    }
  }
  sim.evaluate();
  for (const auto& sphere : sim.workspace().spheres) out.vertical_force_n += sphere.force_n.z();
  out.com_height_m = g.height_m(sim.workspace().whole.p_WCom);
  out.speed_along_slope_mps = sim.state().v.segment<3>(0).dot(g.forward);
  out.mean_abs_speed_last_second_mps = speed_sum / speed_count;
  return out;
}

TEST(ContactStatics, RestingBlockCarriesItsWeight) {
  const Settled s = settle(0.0, 0.9, 0.8, 3.0);
  const double weight = 10.0 * 9.81;
  EXPECT_NEAR(s.vertical_force_n, weight, 0.01 * weight);
  // Each sphere carries W/4; Hertz gives its depth δ = (f / ((4/3)·E·sqrt(R)))^(2/3).
  const double depth = std::pow(weight / 4.0 / ((4.0 / 3.0) * 2e6 * std::sqrt(0.03)), 2.0 / 3.0);
  EXPECT_NEAR(s.com_height_m, 0.08 - depth, 2e-5);
  EXPECT_LT(s.mean_abs_speed_last_second_mps, 1e-3);
}

TEST(ContactStatics, SlidesAboveTheFrictionAngle) {
  // tan(slope) = 0.3 > μ_s = 0.2: it slides, accelerating at g·(sin α − μ_d·cos α).
  const Settled s = settle(30.0, 0.2, 0.2, 2.0);
  const double alpha = std::atan(0.3);
  const double a = 9.81 * (std::sin(alpha) - 0.2 * std::cos(alpha));
  EXPECT_LT(s.speed_along_slope_mps, -0.5 * a * 2.0);  // downhill is −forward
  EXPECT_NEAR(-s.speed_along_slope_mps, a * 2.0, 0.1 * a * 2.0);
}

TEST(ContactStatics, CreepsBelowOneMillimetrePerSecondUnderTheFrictionAngle) {
  // tan(slope) = 0.1 < μ_s = 0.2: it sticks.
  const Settled s = settle(10.0, 0.2, 0.2, 3.0);
  EXPECT_LT(s.mean_abs_speed_last_second_mps, 1e-3);
  const double weight_normal = 10.0 * 9.81;
  EXPECT_NEAR(s.vertical_force_n, weight_normal, 0.01 * weight_normal);
}

}  // namespace
}  // namespace strider
