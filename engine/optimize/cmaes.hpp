#pragma once
// An ask/tell CMA-ES (covariance matrix adaptation evolution strategy) after Hansen's tutorial,
// "The CMA Evolution Strategy: A Tutorial" (arXiv:1604.00772), with its default parameters:
// weighted recombination of the best μ of λ, cumulative step-size adaptation, and rank-one plus
// rank-μ covariance updates.
//
// The search runs in coordinates scaled by each variable's initial spread, so that σ starts at
// 1 and C at the identity. Candidates outside the box bounds are mirrored back in; the update
// then uses the repaired candidate, its step clipped in Mahalanobis norm (the tutorial's repair
// advice), which keeps the mean inside the box.
//
// Every candidate is drawn from its own random stream, derived from (seed, generation, index),
// so the results never depend on the order or the thread in which candidates are evaluated.
// The whole optimizer state is a value (CmaesState) that can be saved and restored exactly.
#include <cstdint>
#include <string>
#include <vector>

#include "core/math.hpp"

namespace strider {

struct CmaesSettings {
  VecX initial_mean;    // in the problem's units
  VecX initial_spread;  // per variable, > 0: the initial standard deviation
  VecX lower, upper;    // box bounds; empty for none (use ±infinity per variable otherwise)
  int lambda = 0;       // population; 0: 4 + floor(3 ln n)
  std::uint64_t seed = 1;
  // Stopping criteria (0 disables a limit).
  int max_generations = 0;
  std::int64_t max_evaluations = 0;
  double tol_fun = 1e-12;         // range of recent best fitness values and of this generation's
  double tol_x = 1e-11;           // σ times the largest spread, in units of the initial spread
  double max_condition = 1e14;    // of C
  double stop_fitness = -1e300;   // stop when a fitness at or below this is found
};

// The optimizer's complete state (scaled coordinates). Saved in checkpoints.
struct CmaesState {
  int generation = 0;              // generations told so far
  std::int64_t evaluations = 0;
  double sigma = 1.0;
  VecX mean;                       // scaled
  Eigen::MatrixXd C;
  VecX p_sigma, p_c;
  VecX best_x;                     // the best candidate so far, problem units
  double best_fitness = 0.0;
  bool has_best = false;
  std::vector<double> best_history;  // best fitness of each generation, for tol_fun
  double last_fitness_range = 0.0;   // of the last generation told
};

class Cmaes {
 public:
  // Throws InputError (file "<optimizer>") for inconsistent settings: sizes that disagree,
  // spreads that are not positive, bounds that exclude the mean, λ < 2.
  explicit Cmaes(CmaesSettings settings);

  int dimension() const { return static_cast<int>(settings_.initial_mean.size()); }
  int lambda() const { return lambda_; }
  int mu() const { return mu_; }
  double mu_eff() const { return mu_eff_; }
  const CmaesSettings& settings() const { return settings_; }

  // This generation's candidates, in problem units and inside the bounds. Asking twice without
  // telling returns the same candidates.
  const std::vector<VecX>& ask();
  // The fitness of each candidate of ask(), in the same order; lower is better. Ties are
  // broken by index. Non-finite values rank last.
  void tell(const std::vector<double>& fitness);

  // Empty while the optimization should go on; otherwise the criterion that ended it.
  std::string stop_reason() const;

  const CmaesState& state() const { return state_; }
  // Restores a saved state (same settings); throws InputError when its sizes do not fit.
  void restore(const CmaesState& state);

  VecX mean() const;    // the distribution mean, problem units
  VecX spread() const;  // per-variable standard deviation σ·sqrt(C_ii), problem units

 private:
  void decompose();  // C = B diag(D²) Bᵀ
  VecX to_problem(const VecX& scaled) const;
  VecX to_scaled(const VecX& x) const;

  CmaesSettings settings_;
  int lambda_ = 0, mu_ = 0;
  VecX weights_;
  double mu_eff_ = 0, c_sigma_ = 0, d_sigma_ = 0, c_c_ = 0, c_1_ = 0, c_mu_ = 0, chi_n_ = 0;
  VecX lower_scaled_, upper_scaled_;
  CmaesState state_;
  Eigen::MatrixXd B_;
  VecX D_;
  std::vector<VecX> candidates_;  // problem units
  std::vector<VecX> scaled_;      // the same, scaled (after repair)
  std::vector<bool> repaired_;    // whether each was mirrored into the bounds
  int asked_generation_ = -1;
};

// Mirrors x into [lo, hi] (reflection at the bounds, repeated for far excursions).
double mirror_into(double x, double lo, double hi);

}  // namespace strider
