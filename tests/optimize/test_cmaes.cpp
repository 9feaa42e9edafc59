// CMA-ES on standard test functions with stated evaluation budgets (Hansen's tutorial gives
// the defaults we use; the budgets are a few times the typical published counts for n = 10),
// bounds, exact restore, and the settings checks.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <functional>

#include "core/error.hpp"
#include "optimize/cmaes.hpp"

namespace strider {
namespace {

struct Outcome {
  double best = 0.0;
  std::int64_t evaluations = 0;
  std::string reason;
  VecX x;
};

Outcome minimize(const std::function<double(const VecX&)>& f, CmaesSettings settings) {
  Cmaes es(std::move(settings));
  while (es.stop_reason().empty()) {
    const auto& candidates = es.ask();
    std::vector<double> fitness;
    for (const auto& x : candidates) fitness.push_back(f(x));
    es.tell(fitness);
  }
  std::printf("  %s after %lld evaluations, best fitness %.3g\n", es.stop_reason().c_str(),
              static_cast<long long>(es.state().evaluations), es.state().best_fitness);
  return {es.state().best_fitness, es.state().evaluations, es.stop_reason(), es.state().best_x};
}

CmaesSettings start(int n, double mean, double spread, std::int64_t budget) {
  CmaesSettings s;
  s.initial_mean = VecX::Constant(n, mean);
  s.initial_spread = VecX::Constant(n, spread);
  s.max_evaluations = budget;
  s.stop_fitness = 1e-10;
  s.seed = 7;
  return s;
}

double sphere(const VecX& x) { return x.squaredNorm(); }

double rosenbrock(const VecX& x) {
  double f = 0.0;
  for (long i = 0; i + 1 < x.size(); ++i) {
    f += 100.0 * std::pow(x[i + 1] - x[i] * x[i], 2) + std::pow(1.0 - x[i], 2);
  }
  return f;
}

// Ellipsoid with condition number 1e6 in a rotated frame (a fixed orthogonal matrix).
Eigen::MatrixXd rotation(int n) {
  Eigen::MatrixXd A(n, n);
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j) A(i, j) = std::sin(1.0 + 3.0 * i + 7.0 * j * j);
  return Eigen::HouseholderQR<Eigen::MatrixXd>(A).householderQ();
}

TEST(Cmaes, SolvesTheSphereIn10DWithin2500Evaluations) {
  const Outcome o = minimize(sphere, start(10, 3.0, 2.0, 2500));
  EXPECT_EQ(o.reason, "target fitness reached");
  EXPECT_LE(o.best, 1e-10);
  EXPECT_LE(o.evaluations, 2500);
}

TEST(Cmaes, SolvesRosenbrockIn10DWithin15000Evaluations) {
  const Outcome o = minimize(rosenbrock, start(10, 0.0, 0.5, 15000));
  EXPECT_EQ(o.reason, "target fitness reached");
  EXPECT_LE(o.best, 1e-10);
  EXPECT_NEAR(o.x[0], 1.0, 1e-4);
  EXPECT_NEAR(o.x[9], 1.0, 1e-4);
}

TEST(Cmaes, SolvesARotatedEllipsoidIn10DWithin12000Evaluations) {
  const int n = 10;
  const Eigen::MatrixXd R = rotation(n);
  ASSERT_LT((R.transpose() * R - Eigen::MatrixXd::Identity(n, n)).norm(), 1e-12);
  auto ellipsoid = [&](const VecX& x) {
    const VecX y = R * x;
    double f = 0.0;
    for (int i = 0; i < n; ++i) f += std::pow(1e6, i / (n - 1.0)) * y[i] * y[i];
    return f;
  };
  const Outcome o = minimize(ellipsoid, start(n, 1.0, 1.0, 12000));
  EXPECT_EQ(o.reason, "target fitness reached");
  EXPECT_LE(o.best, 1e-10);
}

TEST(Cmaes, CandidatesStayInsideTheBoundsAndFindABoundaryOptimum) {
  // The sphere centred at 2 with the box [-1, 1]: the optimum is the corner at 1.
  CmaesSettings s = start(4, 0.0, 1.5, 3000);
  s.lower = VecX::Constant(4, -1.0);
  s.upper = VecX::Constant(4, 1.0);
  s.stop_fitness = -1.0;  // run to the budget
  Cmaes es(s);
  int outside = 0;
  while (es.stop_reason().empty()) {
    const auto& candidates = es.ask();
    std::vector<double> fitness;
    for (const auto& x : candidates) {
      outside += (x.array() < -1.0).any() || (x.array() > 1.0).any();
      fitness.push_back((x - VecX::Constant(4, 2.0)).squaredNorm());
    }
    es.tell(fitness);
  }
  EXPECT_EQ(outside, 0);
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(es.state().best_x[i], 1.0, 1e-6);
  EXPECT_TRUE((es.mean().array() <= 1.0).all() && (es.mean().array() >= -1.0).all());
}

TEST(Cmaes, MirrorFoldsFarExcursionsBackIntoTheBox) {
  EXPECT_DOUBLE_EQ(mirror_into(0.5, 0.0, 1.0), 0.5);
  EXPECT_DOUBLE_EQ(mirror_into(1.25, 0.0, 1.0), 0.75);
  EXPECT_DOUBLE_EQ(mirror_into(-0.25, 0.0, 1.0), 0.25);
  EXPECT_DOUBLE_EQ(mirror_into(2.25, 0.0, 1.0), 0.25);
  EXPECT_DOUBLE_EQ(mirror_into(-3.0, -1.0, std::numeric_limits<double>::infinity()), 1.0);
}

TEST(Cmaes, RestoringASavedStateContinuesExactly) {
  CmaesSettings s = start(5, 1.0, 0.5, 0);
  s.max_generations = 40;
  Cmaes whole(s);
  Cmaes first(s);
  CmaesState saved;
  for (int g = 0; g < 40; ++g) {
    std::vector<double> f;
    for (const auto& x : whole.ask()) f.push_back(rosenbrock(x));
    whole.tell(f);
    if (g < 15) {
      std::vector<double> f1;
      for (const auto& x : first.ask()) f1.push_back(rosenbrock(x));
      first.tell(f1);
      if (g == 14) saved = first.state();
    }
  }
  Cmaes resumed(s);
  resumed.restore(saved);
  while (resumed.stop_reason().empty()) {
    std::vector<double> f;
    for (const auto& x : resumed.ask()) f.push_back(rosenbrock(x));
    resumed.tell(f);
  }
  EXPECT_EQ(saved.C, saved.C.transpose()) << "C must be exactly symmetric to restore bit for bit";
  EXPECT_EQ(resumed.state().generation, 40);
  EXPECT_EQ(resumed.state().best_fitness, whole.state().best_fitness);
  EXPECT_EQ(resumed.state().best_x, whole.state().best_x);
  EXPECT_EQ(resumed.state().C, whole.state().C);
  EXPECT_EQ(resumed.state().sigma, whole.state().sigma);
}

TEST(Cmaes, MakesTheCovarianceExactlySymmetric) {
  // The rank-μ update's (w·y)·yᵀ rounds its two triangles differently; the optimizer must
  // leave C exactly symmetric (else a restored C, re-symmetrized, decomposes differently).
  // These two entries differ by 2 ulps, as found in a real run.
  CmaesSettings s = start(2, 0.0, 1.0, 0);
  Cmaes es(s);
  CmaesState state = es.state();
  state.C(1, 0) = 0x1.07b7aa0049ad4p-8;
  state.C(0, 1) = 0x1.07b7aa0049ad2p-8;
  es.restore(state);
  EXPECT_EQ(es.state().C(0, 1), es.state().C(1, 0));
}

TEST(Cmaes, RejectsInconsistentSettings) {
  CmaesSettings s = start(2, 0.0, 1.0, 100);
  s.lambda = 1;
  EXPECT_THROW(Cmaes{s}, InputError);
  s = start(2, 0.0, 1.0, 100);
  s.lower = VecX::Constant(2, 1.0);
  s.upper = VecX::Constant(2, 2.0);
  try {
    Cmaes es(s);
    FAIL() << "bounds that exclude the mean were accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("exclude"), std::string::npos) << e.what();
  }
  s = start(2, 0.0, 1.0, 100);
  s.initial_spread[1] = 0.0;
  EXPECT_THROW(Cmaes{s}, InputError);
}

}  // namespace
}  // namespace strider
