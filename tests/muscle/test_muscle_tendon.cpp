// The muscle–tendon unit: isometric force, rigid vs compliant tendon, stability at 1 ms.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

#include "muscle/curves.hpp"
#include "muscle/muscle_tendon.hpp"

namespace strider {
namespace {

// Vasti of the planar 9-muscle set (REFERENCES.md §4): 4530 N, l_opt 0.0993 m, l_slack
// 0.1231 m, pennation 0.0785 rad. A short, stiff tendon: the hardest case for stability.
MuscleTendonParameters vasti() {
  MuscleTendonParameters p;
  p.max_isometric_force_n = 4530;
  p.optimal_fiber_length_m = 0.0993;
  p.tendon_slack_length_m = 0.1231;
  p.pennation_at_optimal_rad = 0.0785;
  return p;
}

// Soleus: 3549 N, 0.044 m, 0.248 m, 0.4939 rad. Strongly pennate, long tendon.
MuscleTendonParameters soleus() {
  MuscleTendonParameters p;
  p.max_isometric_force_n = 3549;
  p.optimal_fiber_length_m = 0.044;
  p.tendon_slack_length_m = 0.248;
  p.pennation_at_optimal_rad = 0.4939;
  return p;
}

TEST(MuscleTendon, IsometricForceAtOptimalLengthIsFmaxCosPennation) {
  for (const auto& p : {vasti(), soleus()}) {
    const double cos_a = std::cos(p.pennation_at_optimal_rad);
    const double f_passive = degroote2016::passive_force_length(1.0);
    // Path length that puts the fibre at l_opt with the tendon carrying the equilibrium force.
    const double tendon_norm =
        degroote2016::tendon_length_for_force((degroote2016::active_force_length(1.0) + f_passive) * cos_a,
                                              tendon_stiffness(p));
    const double l_mt = p.optimal_fiber_length_m * cos_a + p.tendon_slack_length_m * tendon_norm;
    const double l_fiber = equilibrium_fiber_length(p, 1.0, l_mt);
    EXPECT_NEAR(l_fiber, 1.0, 1e-6);
    const MuscleTendonOutput out = muscle_tendon_forces(p, p.max_isometric_force_n, 1.0, l_mt, 0.0, l_fiber);
    EXPECT_NEAR(out.fiber_velocity_norm, 0.0, 1e-6);
    EXPECT_NEAR(out.pennation_rad, p.pennation_at_optimal_rad, 1e-6);
    // The active fibre force along the tendon is F_max·cos(pennation) (times f_L(1) ≈ 1);
    // De Groote's passive curve adds f_PE(1) ≈ 1.8 % at optimal length.
    EXPECT_NEAR(out.active_fiber_force_n * cos_a,
                p.max_isometric_force_n * cos_a * degroote2016::active_force_length(1.0), 1e-3);
    EXPECT_NEAR(out.tendon_force_n, p.max_isometric_force_n * cos_a * (degroote2016::active_force_length(1.0) + f_passive),
                1e-3);
  }
}

TEST(MuscleTendon, RigidTendonMatchesCompliantWhenStill) {
  MuscleTendonParameters p = vasti();
  const double l_mt = 0.23;
  const double l_fiber = equilibrium_fiber_length(p, 0.6, l_mt);
  const double compliant = muscle_tendon_forces(p, p.max_isometric_force_n, 0.6, l_mt, 0.0, l_fiber).tendon_force_n;
  p.rigid_tendon = true;
  const double rigid = muscle_tendon_forces(p, p.max_isometric_force_n, 0.6, l_mt, 0.0, 0.0).tendon_force_n;
  // The stiff tendon stretches a few mm, so the forces agree within a few percent of F_max.
  EXPECT_NEAR(compliant, rigid, 0.05 * p.max_isometric_force_n);
  EXPECT_GT(compliant, 0.2 * p.max_isometric_force_n);
}

TEST(MuscleTendon, FibreRatePartialsMatchFiniteDifferences) {
  // The implicit fibre step's Jacobian and path-length slope, against central differences of
  // the solved fibre rate, over stretched and slack tendons, active and relaxed fibres. (Not at
  // the tendon's slack length, where its force has a kink.)
  int sloped = 0;  // cases where both partials are far from zero
  for (const auto& p : {vasti(), soleus()}) {
    const double l_cos = p.optimal_fiber_length_m * std::cos(p.pennation_at_optimal_rad);
    for (double activation : {0.0, 0.3, 1.0}) {
      for (double stretch : {1.005, 1.02, 1.04}) {
        for (double fiber : {0.95, 1.0, 1.1}) {
          const double l_mt = l_cos + stretch * p.tendon_slack_length_m;
          auto rate = [&](double l, double f) {
            return muscle_tendon_forces(p, p.max_isometric_force_n, activation, l, 0.0, f)
                .fiber_length_rate_norm_per_s;
          };
          const MuscleTendonOutput out =
              muscle_tendon_forces(p, p.max_isometric_force_n, activation, l_mt, 0.0, fiber);
          const double h = 1e-6;
          const double d_fiber = (rate(l_mt, fiber + h) - rate(l_mt, fiber - h)) / (2 * h);
          const double d_path = (rate(l_mt + h, fiber) - rate(l_mt - h, fiber)) / (2 * h);
          EXPECT_NEAR(out.fiber_rate_per_fiber_length_per_s, d_fiber, 1e-4 * (1.0 + std::abs(d_fiber)))
              << "activation " << activation << ", stretch " << stretch << ", fibre " << fiber;
          EXPECT_NEAR(out.fiber_rate_per_path_length_per_m_s, d_path, 1e-4 * (1.0 + std::abs(d_path)))
              << "activation " << activation << ", stretch " << stretch << ", fibre " << fiber;
          if (std::abs(d_fiber) > 1.0 && std::abs(d_path) > 1.0) ++sloped;
        }
      }
    }
  }
  std::printf("%d of 54 cases with both partials above 1\n", sloped);
  EXPECT_GE(sloped, 20);
}

// Integrates the fibre state for 1 s of sinusoidal stretch with activation switching, at dt.
std::vector<double> tendon_force_trace(const MuscleTendonParameters& p, double dt, double sample_dt) {
  const double l0 = p.optimal_fiber_length_m * std::cos(p.pennation_at_optimal_rad) + 1.02 * p.tendon_slack_length_m;
  double activation = 0.0;
  double l_fiber = equilibrium_fiber_length(p, activation, l0);
  std::vector<double> trace;
  const int steps = static_cast<int>(std::lround(1.0 / dt));
  const int every = static_cast<int>(std::lround(sample_dt / dt));
  for (int i = 0; i <= steps; ++i) {
    const double t = i * dt;
    const double excitation = std::fmod(t, 0.25) < 0.1 ? 1.0 : 0.0;
    const double l_mt = l0 + 0.02 * std::sin(2 * 3.14159265358979 * 3 * t);
    const double v_mt = 0.02 * 2 * 3.14159265358979 * 3 * std::cos(2 * 3.14159265358979 * 3 * t);
    if (i % every == 0) {
      trace.push_back(muscle_tendon_forces(p, p.max_isometric_force_n, activation, l_mt, v_mt, l_fiber).tendon_force_n);
    }
    l_fiber = step_fiber_length(p, activation, l_mt, v_mt, l_fiber, dt);
    activation = step_activation(excitation, activation, 0.01, 0.04, dt);
  }
  return trace;
}

// Largest tendon-force difference from a 10 µs reference over 1 s of ±2 cm stretch at 3 Hz
// (fibre speeds up to 0.4 v_max) with full excitation switched on and off every 0.25 s.
double worst_error_n(const MuscleTendonParameters& p, double dt) {
  const auto coarse = tendon_force_trace(p, dt, 1e-3);
  const auto fine = tendon_force_trace(p, 1e-5, 1e-3);
  EXPECT_EQ(coarse.size(), fine.size());
  double worst = 0.0;
  for (std::size_t i = 0; i < coarse.size(); ++i) {
    EXPECT_TRUE(std::isfinite(coarse[i]));
    worst = std::max(worst, std::abs(coarse[i] - fine[i]));
  }
  return worst;
}

TEST(MuscleTendon, CompliantTendonIsStableAndAccurateAtOneMillisecond) {
  for (const auto& p : {vasti(), soleus()}) {
    const double at_1ms = worst_error_n(p, 1e-3);
    const double at_half = worst_error_n(p, 5e-4);
    std::printf("worst tendon-force error: %.0f N at 1 ms, %.0f N at 0.5 ms (F_max %.0f N)\n", at_1ms,
                at_half, p.max_isometric_force_n);
    // Measured: vasti 214 N (5 %), soleus 72 N (2 %) at 1 ms, at the activation switches,
    // where the fibre step sees the start-of-step activation (first order in dt).
    EXPECT_LT(at_1ms, 0.06 * p.max_isometric_force_n);
    EXPECT_LT(at_half, 0.6 * at_1ms);
  }
}

// da/dt = (u − a)/τ(a), τ = τ_act·(0.5 + 1.5a) rising, τ_deact/(0.5 + 1.5a) falling, by RK4
// at 1 µs: the reference for the one-step scheme.
double activation_reference(double u, double a, double duration_s) {
  auto rate = [u](double x) { return (u - x) / (u > x ? 0.01 * (0.5 + 1.5 * x) : 0.04 / (0.5 + 1.5 * x)); };
  const double h = 1e-6;
  for (int i = 0; i < static_cast<int>(std::lround(duration_s / h)); ++i) {
    const double k1 = rate(a), k2 = rate(a + 0.5 * h * k1), k3 = rate(a + 0.5 * h * k2),
                 k4 = rate(a + h * k3);
    a += h / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  return a;
}

TEST(MuscleTendon, ActivationDynamicsTimeConstants) {
  // From rest, full excitation: τ = τ_act·(0.5 + 1.5a) starts at 5 ms for τ_act = 10 ms.
  const double a1 = step_activation(1.0, 0.0, 0.01, 0.04, 1e-5);
  EXPECT_NEAR(a1, 1.0 - std::exp(-1e-5 / 0.005), 1e-5);
  double a = 0.0;
  for (int i = 0; i < 200; ++i) a = step_activation(1.0, a, 0.01, 0.04, 1e-3);
  EXPECT_GT(a, 0.99);
  for (int i = 0; i < 1000; ++i) a = step_activation(0.0, a, 0.01, 0.04, 1e-3);
  EXPECT_LT(a, 0.01);
  EXPECT_GE(a, 0.0);
}

TEST(MuscleTendon, ActivationStepIsSecondOrder) {
  // Switching on from rest and off from full, over 20 ms, against the ODE's fine solution.
  for (const auto& [u, a0] : {std::pair{1.0, 0.0}, std::pair{0.0, 1.0}, std::pair{0.7, 0.2}}) {
    const double reference = activation_reference(u, a0, 0.02);
    auto error = [&](double dt) {
      double a = a0;
      for (int i = 0; i < static_cast<int>(std::lround(0.02 / dt)); ++i)
        a = step_activation(u, a, 0.01, 0.04, dt);
      return std::abs(a - reference);
    };
    const double at_1ms = error(1e-3), at_half = error(5e-4);
    std::printf("u %.1f from %.1f: activation error %.2e at 1 ms, %.2e at 0.5 ms\n", u, a0, at_1ms, at_half);
    EXPECT_LT(at_1ms, 2e-3);
    EXPECT_LT(at_half, 0.35 * at_1ms);  // second order: a quarter, with room
  }
}

}  // namespace
}  // namespace strider
