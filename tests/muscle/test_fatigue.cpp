// 3CC-r fatigue (REFERENCES.md §7).
#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <random>

#include "muscle/fatigue.hpp"

namespace strider {
namespace {

// Seconds until the muscle can no longer hold a constant target load (M_A falls 1 % below it).
double endurance_time_s(const FatigueParameters& p, double target_load) {
  FatigueState s;
  const double dt = 0.01;
  for (int i = 0; i < 10'000'000; ++i) {
    s = step_fatigue(p, s, target_load, 1.0, dt);
    if (i * dt > 1.0 && s.active < 0.99 * target_load) return i * dt;
  }
  return 1e300;
}

TEST(Fatigue, CompartmentsAlwaysSumToOne) {
  FatigueParameters p;
  p.fatigue_rate_per_s = 0.5;  // fast, to visit many states
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> load(0.0, 1.0);
  FatigueState s;
  for (int i = 0; i < 20000; ++i) {
    s = step_fatigue(p, s, (i / 500) % 2 ? load(rng) : 0.0, 1.0, 0.001);
    ASSERT_NEAR(s.active + s.resting + s.fatigued, 1.0, 1e-15);
    ASSERT_GE(s.active, 0.0);
    ASSERT_GE(s.resting, -1e-15);
    ASSERT_GE(s.fatigued, 0.0);
  }
}

TEST(Fatigue, ConstantHalfDemandHasFiniteEnduranceShorterForLargerF) {
  FatigueParameters p;  // F 0.01, R 0.002 per s
  const double slow = endurance_time_s(p, 0.5);
  p.fatigue_rate_per_s = 0.02;
  const double fast = endurance_time_s(p, 0.5);
  EXPECT_LT(slow, 1e5);
  EXPECT_GT(slow, 10.0);
  EXPECT_LT(fast, slow);
  // Analytic check while M_A holds TL: M_F grows as F·TL/R·(1 − e^{−R t}) and the task fails
  // when M_R runs out, M_F = 1 − TL. With F = 0.02, R = 0.002: t = −ln(1 − (1−TL)·R/(F·TL))/R.
  const double t_analytic = -std::log(1.0 - 0.5 * 0.002 / (0.02 * 0.5)) / 0.002;
  EXPECT_NEAR(fast, t_analytic, 0.02 * t_analytic);
}

// An independent integration of the same equations (REFERENCES.md §7) by classical RK4.
struct Ode {
  double F, R, LD, LR, r;
  std::array<double, 3> rates(const std::array<double, 3>& m, double tl) const {
    const double ma = m[0], mr = m[1], mf = m[2];
    double c;
    if (ma < tl && mr > tl - ma) c = LD * (tl - ma);
    else if (ma < tl) c = LD * mr;
    else c = LR * (tl - ma);
    const double re = tl <= 0.0 ? R * r : R;
    return {c - F * ma, -c + re * mf, F * ma - re * mf};
  }
};

TEST(Fatigue, MatchesFineStepRungeKutta) {
  FatigueParameters p;
  p.fatigue_rate_per_s = 0.05;
  p.recovery_rate_per_s = 0.005;
  const Ode ode{0.05, 0.005, 10.0, 10.0, 15.0};
  auto load = [](double t) { return std::fmod(t, 20.0) < 12.0 ? 0.6 : 0.0; };
  FatigueState s;
  std::array<double, 3> m{0.0, 1.0, 0.0};
  const double dt = 0.001, h = 0.0001;
  for (int i = 0; i < 120000; ++i) {  // 120 s
    const double t = i * dt;
    s = step_fatigue(p, s, load(t), 1.0, dt);
    for (int k = 0; k < 10; ++k) {
      const double tl = load(t);
      auto add = [](const std::array<double, 3>& a, const std::array<double, 3>& b, double c) {
        return std::array<double, 3>{a[0] + c * b[0], a[1] + c * b[1], a[2] + c * b[2]};
      };
      const auto k1 = ode.rates(m, tl);
      const auto k2 = ode.rates(add(m, k1, h / 2), tl);
      const auto k3 = ode.rates(add(m, k2, h / 2), tl);
      const auto k4 = ode.rates(add(m, k3, h), tl);
      for (int j = 0; j < 3; ++j) m[j] += h / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
    }
  }
  EXPECT_GT(s.fatigued, 0.05);  // it did fatigue
  EXPECT_NEAR(s.active, m[0], 2e-3);
  EXPECT_NEAR(s.fatigued, m[2], 2e-3);
  EXPECT_NEAR(s.resting, m[1], 2e-3);
}

TEST(Fatigue, RecoversAtRestFasterWithRestMultiplier) {
  FatigueParameters p;
  p.fatigue_rate_per_s = 0.05;
  FatigueState tired;
  for (int i = 0; i < 60000; ++i) tired = step_fatigue(p, tired, 0.5, 1.0, 0.001);
  ASSERT_GT(tired.fatigued, 0.2);
  auto rest = [&](double r) {
    FatigueParameters q = p;
    q.rest_recovery_multiplier = r;
    FatigueState s = tired;
    for (int i = 0; i < 60000; ++i) s = step_fatigue(q, s, 0.0, 1.0, 0.001);
    return s.fatigued;
  };
  const double plain = rest(1.0), boosted = rest(15.0);
  EXPECT_LT(plain, tired.fatigued);
  EXPECT_LT(boosted, plain);
}

TEST(Fatigue, RestRulesDifferUnderCyclicLoad) {
  // Demand alternating between high and low (never zero): under ZeroDemand the muscle never
  // counts as resting; under DemandMet it rests whenever its active pool exceeds the demand,
  // i.e. in every low phase. The rule alone decides how much fatigue builds up.
  auto run = [](RestRule rule) {
    FatigueParameters p;
    p.fatigue_rate_per_s = 0.05;
    p.rest_rule = rule;
    FatigueState s;
    for (int i = 0; i < 60000; ++i) s = step_fatigue(p, s, (i % 2000) < 1000 ? 0.7 : 0.2, 1.0, 0.001);
    return s.fatigued;
  };
  const double zero_demand = run(RestRule::ZeroDemand), demand_met = run(RestRule::DemandMet);
  EXPECT_GT(zero_demand, 0.0);
  EXPECT_GT(demand_met, 0.0);
  EXPECT_GT(zero_demand, demand_met + 0.05);  // measured 0.87 vs 0.76
}

TEST(Fatigue, TimeScaleMakesFatigueProportionallyFaster) {
  FatigueParameters p;
  FatigueState a, b;
  for (int i = 0; i < 10000; ++i) a = step_fatigue(p, a, 0.4, 10.0, 0.001);   // 10 s at ×10
  for (int i = 0; i < 100000; ++i) b = step_fatigue(p, b, 0.4, 1.0, 0.001);   // 100 s at ×1
  EXPECT_NEAR(a.fatigued, b.fatigued, 0.05 * b.fatigued);
}

}  // namespace
}  // namespace strider
