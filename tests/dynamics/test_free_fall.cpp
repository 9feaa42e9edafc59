// Free fall of a single body against the analytic solution.
#include <gtest/gtest.h>

#include <memory>

#include "model/model_loader.hpp"
#include "sim/simulation.hpp"
#include "test_models.hpp"

namespace strider {
namespace {

TEST(FreeFall, MatchesAnalyticTrajectory) {
  auto model = std::make_shared<const Model>(load_model_text(test::kFreeBody, "free_body"));
  const double dt = 0.001;
  Simulation sim(model, simulation_options(dt, 0.0));
  State s = State::zero(*model);
  s.q.segment<3>(0) = Vec3(0.0, 0.0, 10.0);
  s.v.segment<3>(0) = Vec3(1.5, -0.5, 2.0);
  s.v.segment<3>(3) = Vec3(0.4, 3.0, -1.0);  // spinning: the COM must not care
  sim.set_state(s);
  const int steps = 1000;
  for (int i = 0; i < steps; ++i) sim.step();
  const double t = steps * dt;
  const double g = 9.81;
  const Vec3 p = sim.state().q.segment<3>(0);
  // Analytic: x = x0 + v0 t, z = z0 + v0z t - g t^2 / 2.
  EXPECT_NEAR(p.x(), 1.5 * t, 1e-9);
  EXPECT_NEAR(p.y(), -0.5 * t, 1e-9);
  const double z_exact = 10.0 + 2.0 * t - 0.5 * g * t * t;
  // Runge–Kutta 4 integrates a quadratic exactly, so only round-off remains.
  EXPECT_NEAR(p.z(), z_exact, 1e-9);
  EXPECT_NEAR(sim.state().v[2], 2.0 - g * t, 1e-9);
}

TEST(FreeFall, TorqueFreeSpinConservesAngularMomentum) {
  auto model = std::make_shared<const Model>(load_model_text(test::kFreeBody, "free_body"));
  Simulation sim(model, simulation_options(0.001, 0.0));
  State s = State::zero(*model);
  s.v.segment<3>(3) = Vec3(0.3, 4.0, 0.2);  // near the unstable intermediate axis
  sim.set_state(s);
  sim.evaluate();
  const Vec3 L0 = sim.workspace().whole.angular_momentum_com_kgm2ps;
  // Rotational kinetic energy: total minus that of the (falling) centre of mass.
  auto rotational = [&] {
    const auto& w = sim.workspace().whole;
    return w.kinetic_energy_j - 0.5 * 2.0 * w.v_WCom.squaredNorm();
  };
  const double E0 = rotational();
  for (int i = 0; i < 2000; ++i) {
    sim.step();
  }
  sim.evaluate();
  const Vec3 L = sim.workspace().whole.angular_momentum_com_kgm2ps;
  EXPECT_LT((L - L0).norm() / L0.norm(), 0.01);
  EXPECT_NEAR(rotational(), E0, 0.01 * E0);
}

}  // namespace
}  // namespace strider
