// The muscle-distribution solve: a box-constrained quadratic program.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "muscle/distribution.hpp"

namespace strider {
namespace {

TEST(BoxQp, MatchesExhaustiveActiveSetSearch) {
  std::mt19937 rng(9);
  std::normal_distribution<double> g(0.0, 1.0);
  for (int trial = 0; trial < 50; ++trial) {
    const int n = 4;
    Eigen::MatrixXd A(6, n);
    for (int i = 0; i < A.size(); ++i) A.data()[i] = g(rng);
    const Eigen::MatrixXd H = A.transpose() * A + 0.1 * Eigen::MatrixXd::Identity(n, n);
    VecX c(n);
    for (int i = 0; i < n; ++i) c[i] = 3.0 * g(rng);
    const VecX lo = VecX::Zero(n), hi = VecX::Ones(n);
    VecX x = VecX::Constant(n, 0.5);
    BoxQpScratch scratch;
    solve_box_qp(H, c, lo, hi, x, scratch);
    // Brute force: every assignment of each variable to lower bound, upper bound or free.
    double best = 1e300;
    for (int code = 0; code < 81; ++code) {
      int k = code;
      std::vector<int> state(n);
      for (int i = 0; i < n; ++i) { state[i] = k % 3; k /= 3; }
      VecX y = VecX::Zero(n);
      std::vector<int> free;
      for (int i = 0; i < n; ++i) {
        if (state[i] == 1) y[i] = 1.0;
        if (state[i] == 2) free.push_back(i);
      }
      if (!free.empty()) {
        const long m = static_cast<long>(free.size());
        Eigen::MatrixXd Hf(m, m);
        VecX r(m);
        for (long a = 0; a < m; ++a) {
          r[a] = -c[free[a]];
          for (int j = 0; j < n; ++j) if (state[j] == 1) r[a] -= H(free[a], j);
          for (long b = 0; b < m; ++b) Hf(a, b) = H(free[a], free[b]);
        }
        const VecX yf = Hf.ldlt().solve(r);
        bool inside = true;
        for (long a = 0; a < m; ++a) {
          inside = inside && yf[a] >= 0 && yf[a] <= 1;
          y[free[a]] = yf[a];
        }
        if (!inside) continue;
      }
      best = std::min(best, 0.5 * y.dot(H * y) + c.dot(y));
    }
    EXPECT_NEAR(0.5 * x.dot(H * x) + c.dot(x), best, 1e-9);
  }
}

// The active-set solver on problems as badly conditioned as the whole-body control's (columns
// scaled over six decades, mixed bounds, some variables fixed): its result satisfies the
// optimality conditions of a bound-constrained QP, checked directly.
TEST(BoxQp, ActiveSetSolverMeetsTheOptimalityConditionsOnIllConditionedProblems) {
  std::mt19937 rng(4);
  std::normal_distribution<double> g(0.0, 1.0);
  for (int trial = 0; trial < 30; ++trial) {
    const int n = 40, rows = 25;
    Eigen::MatrixXd A(rows, n);
    for (int i = 0; i < A.size(); ++i) A.data()[i] = g(rng);
    for (int j = 0; j < n; ++j) A.col(j) *= std::pow(10.0, 3.0 * (j % 3));  // scales 1, 1e3, 1e6
    Eigen::MatrixXd H = A.transpose() * A;
    H.diagonal().array() += 1e-2;
    VecX c(n), lo(n), hi(n);
    for (int i = 0; i < n; ++i) {
      c[i] = 1e3 * g(rng);
      lo[i] = i % 5 == 0 ? 0.0 : -1.0;
      hi[i] = i % 7 == 0 ? 0.0 : 1.0;  // some fixed at 0 (lo = hi)
    }
    VecX x = VecX::Zero(n);
    BoxQpScratch scratch;
    const int iterations = solve_box_qp_active_set(H, c, lo, hi, x, scratch);
    EXPECT_LT(iterations, 500);
    const VecX grad = H * x + c;
    const double scale = grad.cwiseAbs().maxCoeff() + c.cwiseAbs().maxCoeff();
    for (int i = 0; i < n; ++i) {
      ASSERT_GE(x[i], lo[i]);
      ASSERT_LE(x[i], hi[i]);
      if (lo[i] == hi[i]) continue;
      if (x[i] > lo[i] && x[i] < hi[i]) {
        EXPECT_LT(std::abs(grad[i]), 1e-8 * scale) << i;
      } else if (x[i] == lo[i]) {
        EXPECT_GT(grad[i], -1e-8 * scale) << i;
      } else {
        EXPECT_LT(grad[i], 1e-8 * scale) << i;
      }
    }
    // A warm start at the answer needs no change of the active set.
    VecX again = x;
    EXPECT_LE(solve_box_qp_active_set(H, c, lo, hi, again, scratch), 1);
    EXPECT_LT((again - x).cwiseAbs().maxCoeff(), 1e-9);
  }
}

// One muscle crosses two coordinates, which ask for opposite torques: it cannot serve both.
// The weights decide which is served: the analytic optimum of λ·Σ w_j (r_j·F·a − τ_j)² / m²
// (with a tiny Σa²) is a = Σ w_j r_j τ_j / (F·Σ w_j r_j²).
TEST(Distribution, CoordinateWeightsDecideWhichTorqueIsMetWhenNotAllCanBe) {
  DistributionProblem p;
  p.moment_arm_m = Eigen::MatrixXd(1, 2);
  p.moment_arm_m << 0.05, 0.05;
  p.active_force_n = VecX::Constant(1, 2000.0);
  p.passive_force_n = VecX::Zero(1);
  p.capacity = VecX::Ones(1);
  p.desired_torque_nm = Eigen::Vector2d(60.0, -60.0);
  p.body_mass_kg = 70.0;
  p.torque_weight = 1e6;  // the Σa² term is negligible
  DistributionResult equal;
  distribute_torques(p, equal);
  EXPECT_NEAR(equal.activation[0], 0.0, 1e-3);  // the two cancel
  p.coordinate_weight = Eigen::Vector2d(1.0, 0.25);
  DistributionResult weighted;
  distribute_torques(p, weighted);
  // a = 0.05·(60 − 0.25·60) / (2000·0.05²·1.25) = 0.36
  EXPECT_NEAR(weighted.activation[0], 0.36, 1e-3);
  EXPECT_NEAR(weighted.unmet_torque_nm[0], 60.0 - 36.0, 0.1);
  EXPECT_NEAR(weighted.unmet_torque_nm[1], -60.0 - 36.0, 0.1);  // reported unweighted
}

// A preferred activation p replaces Σa² by Σ(a − p)². An antagonist pair asked for no torque
// co-contracts at the preferences' mean: with A = (r·F/m)·[1, −1], b = 0 and k = λ(r·F/m)², the
// optimum has a₁ + a₂ = p₁ + p₂ and a₁ − a₂ = (p₁ − p₂)/(1 + 2k). Without the torque term the
// result is p within the bounds.
TEST(Distribution, PreferredActivationsSetTheCoContraction) {
  DistributionProblem p;
  p.moment_arm_m.resize(2, 1);
  p.moment_arm_m << 0.05, -0.05;
  p.active_force_n = VecX::Constant(2, 1000.0);
  p.passive_force_n = VecX::Zero(2);
  p.capacity = VecX::Ones(2);
  p.body_mass_kg = 70.0;
  p.desired_torque_nm = VecX::Zero(1);
  DistributionResult none;
  distribute_torques(p, none);
  EXPECT_NEAR(none.activation.norm(), 0.0, 1e-12);  // Σa²: no co-contraction
  p.preferred_activation = Eigen::Vector2d(0.4, 0.2);
  DistributionResult r;
  distribute_torques(p, r);
  const double k = 100.0 * std::pow(0.05 * 1000.0 / 70.0, 2);
  EXPECT_NEAR(r.activation[0], 0.3 + 0.5 * 0.2 / (1.0 + 2.0 * k), 1e-9);
  EXPECT_NEAR(r.activation[1], 0.3 - 0.5 * 0.2 / (1.0 + 2.0 * k), 1e-9);
  p.torque_weight = 0.0;
  p.preferred_activation = Eigen::Vector2d(1.2, -0.1);
  distribute_torques(p, r);
  EXPECT_NEAR(r.activation[0], 1.0, 1e-12);
  EXPECT_NEAR(r.activation[1], 0.0, 1e-12);
}

TEST(Distribution, MeetsReachableTorquesAndReportsTheRest) {
  // Two joints, three muscles: a flexor and an extensor of joint 0, a biarticular muscle.
  DistributionProblem p;
  p.moment_arm_m.resize(3, 2);
  p.moment_arm_m << 0.05, 0.0, -0.05, 0.0, 0.03, 0.04;
  p.active_force_n = VecX::Constant(3, 1000.0);
  p.passive_force_n = VecX::Zero(3);
  p.capacity = VecX::Ones(3);
  p.body_mass_kg = 70.0;
  p.desired_torque_nm.resize(2);
  p.desired_torque_nm << 20.0, 10.0;
  DistributionResult r;
  distribute_torques(p, r);
  EXPECT_LT(r.unmet_torque_nm.cwiseAbs().maxCoeff(), 0.5);
  // Beyond reach: joint 1 can only be driven positive by the biarticular muscle (40 N·m max).
  p.desired_torque_nm << 0.0, -30.0;
  distribute_torques(p, r);
  EXPECT_NEAR(r.unmet_torque_nm[1], -30.0, 0.5);   // nothing can pull joint 1 negative
  p.desired_torque_nm << 0.0, 60.0;
  p.capacity[2] = 0.5;                               // a tired biarticular muscle: 20 N·m at most
  distribute_torques(p, r);
  EXPECT_NEAR(r.activation[2], 0.5, 1e-9);
  EXPECT_GT(r.unmet_torque_nm[1], 35.0);
}

}  // namespace
}  // namespace strider
