#include "optimize/cmaes.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/error.hpp"
#include "core/random.hpp"

namespace strider {

namespace {
const char* const kWhere = "<optimizer>";

// Generations of best fitness that tol_fun looks back over (Hansen's tutorial, B.3).
int tol_fun_window(int n, int lambda) { return 10 + static_cast<int>(std::ceil(30.0 * n / lambda)); }
}  // namespace

double mirror_into(double x, double lo, double hi) {
  if (!(x < lo || x > hi)) return x;
  if (!std::isfinite(lo) || !std::isfinite(hi)) {
    // One-sided bound: reflect once.
    return x < lo ? lo + (lo - x) : hi - (x - hi);
  }
  const double width = hi - lo;
  if (width <= 0.0) return lo;
  // Fold onto a triangle wave of period 2·width.
  double t = std::fmod(x - lo, 2.0 * width);
  if (t < 0.0) t += 2.0 * width;
  const double folded = t <= width ? lo + t : hi - (t - width);
  return std::clamp(folded, lo, hi);
}

Cmaes::Cmaes(CmaesSettings settings) : settings_(std::move(settings)) {
  const auto& s = settings_;
  const long n = s.initial_mean.size();
  if (n < 1) throw InputError(kWhere, "parameters", "nothing to optimize", "name at least one free parameter");
  if (s.initial_spread.size() != n) throw InputError(kWhere, "spread", "one spread per parameter is needed");
  if (settings_.lower.size() == 0) settings_.lower = VecX::Constant(n, -std::numeric_limits<double>::infinity());
  if (settings_.upper.size() == 0) settings_.upper = VecX::Constant(n, std::numeric_limits<double>::infinity());
  if (settings_.lower.size() != n || settings_.upper.size() != n) {
    throw InputError(kWhere, "bounds", "one lower and one upper bound per parameter is needed");
  }
  for (long i = 0; i < n; ++i) {
    const std::string which = "parameter " + std::to_string(i);
    if (!std::isfinite(s.initial_mean[i])) throw InputError(kWhere, which, "the initial mean is not finite");
    if (!(s.initial_spread[i] > 0.0) || !std::isfinite(s.initial_spread[i])) {
      throw InputError(kWhere, which, "the spread must be positive and finite");
    }
    if (!(settings_.lower[i] < settings_.upper[i])) throw InputError(kWhere, which, "the lower bound is not below the upper");
    if (s.initial_mean[i] < settings_.lower[i] || s.initial_mean[i] > settings_.upper[i]) {
      throw InputError(kWhere, which, "the bounds exclude the initial mean", "widen the bounds or move the mean");
    }
  }
  lambda_ = s.lambda > 0 ? s.lambda : 4 + static_cast<int>(std::floor(3.0 * std::log(static_cast<double>(n))));
  if (lambda_ < 2) throw InputError(kWhere, "lambda", "the population must have at least 2 members", "use lambda >= 2");
  mu_ = lambda_ / 2;
  weights_.resize(mu_);
  for (int i = 0; i < mu_; ++i) weights_[i] = std::log((lambda_ + 1) / 2.0) - std::log(i + 1.0);
  weights_ /= weights_.sum();
  mu_eff_ = 1.0 / weights_.squaredNorm();
  const double nd = static_cast<double>(n);
  c_sigma_ = (mu_eff_ + 2.0) / (nd + mu_eff_ + 5.0);
  d_sigma_ = 1.0 + 2.0 * std::max(0.0, std::sqrt((mu_eff_ - 1.0) / (nd + 1.0)) - 1.0) + c_sigma_;
  c_c_ = (4.0 + mu_eff_ / nd) / (nd + 4.0 + 2.0 * mu_eff_ / nd);
  c_1_ = 2.0 / ((nd + 1.3) * (nd + 1.3) + mu_eff_);
  c_mu_ = std::min(1.0 - c_1_, 2.0 * (mu_eff_ - 2.0 + 1.0 / mu_eff_) / ((nd + 2.0) * (nd + 2.0) + mu_eff_));
  chi_n_ = std::sqrt(nd) * (1.0 - 1.0 / (4.0 * nd) + 1.0 / (21.0 * nd * nd));
  lower_scaled_ = to_scaled(settings_.lower);
  upper_scaled_ = to_scaled(settings_.upper);

  state_.mean = VecX::Zero(n);
  state_.C = Eigen::MatrixXd::Identity(n, n);
  state_.p_sigma = VecX::Zero(n);
  state_.p_c = VecX::Zero(n);
  state_.best_x = s.initial_mean;
  decompose();
}

VecX Cmaes::to_problem(const VecX& scaled) const {
  return settings_.initial_mean + settings_.initial_spread.cwiseProduct(scaled);
}
VecX Cmaes::to_scaled(const VecX& x) const {
  return (x - settings_.initial_mean).cwiseQuotient(settings_.initial_spread);
}

void Cmaes::decompose() {
  // Exactly symmetric (through a temporary: `C = C + Cᵀ` in place would read entries it has
  // already overwritten), so that a saved and restored C decomposes to the same bits.
  const Eigen::MatrixXd symmetric = 0.5 * (state_.C + state_.C.transpose());
  state_.C = symmetric;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(state_.C);
  B_ = eig.eigenvectors();
  D_ = eig.eigenvalues().cwiseMax(1e-300).cwiseSqrt();
}

const std::vector<VecX>& Cmaes::ask() {
  if (asked_generation_ == state_.generation) return candidates_;
  const long n = dimension();
  candidates_.assign(static_cast<std::size_t>(lambda_), VecX());
  scaled_.assign(static_cast<std::size_t>(lambda_), VecX());
  repaired_.assign(static_cast<std::size_t>(lambda_), false);
  VecX z(n);
  for (int k = 0; k < lambda_; ++k) {
    SplitMix64 rng(derive_seed(settings_.seed, static_cast<std::uint64_t>(state_.generation), static_cast<std::uint64_t>(k)));
    for (long i = 0; i < n; ++i) z[i] = rng.normal();
    VecX x = state_.mean + state_.sigma * (B_ * D_.cwiseProduct(z));
    bool repaired = false;
    for (long i = 0; i < n; ++i) {
      const double inside = mirror_into(x[i], lower_scaled_[i], upper_scaled_[i]);
      repaired = repaired || inside != x[i];
      x[i] = inside;
    }
    scaled_[static_cast<std::size_t>(k)] = x;
    repaired_[static_cast<std::size_t>(k)] = repaired;
    VecX problem = to_problem(x);
    // Rounding in the unscaling must not step over a bound.
    problem = problem.cwiseMax(settings_.lower).cwiseMin(settings_.upper);
    candidates_[static_cast<std::size_t>(k)] = problem;
  }
  asked_generation_ = state_.generation;
  return candidates_;
}

void Cmaes::tell(const std::vector<double>& fitness) {
  if (asked_generation_ != state_.generation) throw std::logic_error("Cmaes::tell without ask");
  if (fitness.size() != static_cast<std::size_t>(lambda_)) throw std::logic_error("Cmaes::tell: one fitness per candidate");
  const long n = dimension();
  const double nd = static_cast<double>(n);
  std::vector<int> order(static_cast<std::size_t>(lambda_));
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    const double fa = fitness[static_cast<std::size_t>(a)], fb = fitness[static_cast<std::size_t>(b)];
    const bool ok_a = std::isfinite(fa), ok_b = std::isfinite(fb);
    if (ok_a != ok_b) return ok_a;
    return ok_a && fa < fb;
  });
  const int best = order.front();
  const double best_f = fitness[static_cast<std::size_t>(best)];
  if (std::isfinite(best_f) && (!state_.has_best || best_f < state_.best_fitness)) {
    state_.best_fitness = best_f;
    state_.best_x = candidates_[static_cast<std::size_t>(best)];
    state_.has_best = true;
  }
  state_.evaluations += lambda_;
  // Range of this generation's finite fitness values (for tol_fun).
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double f : fitness) {
    if (std::isfinite(f)) lo = std::min(lo, f), hi = std::max(hi, f);
  }
  state_.best_history.push_back(std::isfinite(best_f) ? best_f : std::numeric_limits<double>::infinity());
  state_.last_fitness_range = std::isfinite(lo) ? hi - lo : std::numeric_limits<double>::infinity();

  // Steps of the selected candidates; those of repaired (mirrored) ones clipped in Mahalanobis norm.
  const VecX inv_d = D_.cwiseInverse();
  const double clip = std::sqrt(nd) + 2.0 * nd / (nd + 2.0);
  std::vector<VecX> y(static_cast<std::size_t>(mu_));
  VecX y_w = VecX::Zero(n);
  for (int i = 0; i < mu_; ++i) {
    const auto k = static_cast<std::size_t>(order[static_cast<std::size_t>(i)]);
    VecX step = (scaled_[k] - state_.mean) / state_.sigma;
    if (repaired_[k]) {
      const double mahalanobis = inv_d.cwiseProduct(B_.transpose() * step).norm();
      if (mahalanobis > clip) step *= clip / mahalanobis;
    }
    y[static_cast<std::size_t>(i)] = step;
    y_w += weights_[i] * step;
  }
  state_.mean += state_.sigma * y_w;
  const VecX c_inv_sqrt_y = B_ * inv_d.cwiseProduct(B_.transpose() * y_w);
  state_.p_sigma = (1.0 - c_sigma_) * state_.p_sigma + std::sqrt(c_sigma_ * (2.0 - c_sigma_) * mu_eff_) * c_inv_sqrt_y;
  const double g1 = static_cast<double>(state_.generation + 1);
  const double ps_norm = state_.p_sigma.norm();
  const bool h_sigma = ps_norm / std::sqrt(1.0 - std::pow(1.0 - c_sigma_, 2.0 * g1)) < (1.4 + 2.0 / (nd + 1.0)) * chi_n_;
  state_.p_c = (1.0 - c_c_) * state_.p_c + (h_sigma ? std::sqrt(c_c_ * (2.0 - c_c_) * mu_eff_) : 0.0) * y_w;
  const double delta_h = h_sigma ? 0.0 : c_c_ * (2.0 - c_c_);
  Eigen::MatrixXd rank_mu = Eigen::MatrixXd::Zero(n, n);
  for (int i = 0; i < mu_; ++i) rank_mu += weights_[i] * y[static_cast<std::size_t>(i)] * y[static_cast<std::size_t>(i)].transpose();
  state_.C = (1.0 + c_1_ * delta_h - c_1_ - c_mu_) * state_.C + c_1_ * state_.p_c * state_.p_c.transpose() + c_mu_ * rank_mu;
  state_.sigma *= std::exp(c_sigma_ / d_sigma_ * (ps_norm / chi_n_ - 1.0));
  state_.generation += 1;
  decompose();
}

std::string Cmaes::stop_reason() const {
  const auto& s = settings_;
  const long n = dimension();
  if (s.max_generations > 0 && state_.generation >= s.max_generations) return "generation limit";
  if (s.max_evaluations > 0 && state_.evaluations >= s.max_evaluations) return "evaluation limit";
  if (state_.has_best && state_.best_fitness <= s.stop_fitness) return "target fitness reached";
  const int window = tol_fun_window(static_cast<int>(n), lambda_);
  if (s.tol_fun > 0.0 && static_cast<int>(state_.best_history.size()) >= window) {
    const auto first = state_.best_history.end() - window;
    const auto [lo, hi] = std::minmax_element(first, state_.best_history.end());
    if (*hi - *lo < s.tol_fun && state_.last_fitness_range < s.tol_fun) return "fitness range below tol_fun";
  }
  if (state_.generation > 0) {
    const double largest = state_.sigma * state_.C.diagonal().cwiseSqrt().maxCoeff();
    if (s.tol_x > 0.0 && largest < s.tol_x && state_.sigma * state_.p_c.cwiseAbs().maxCoeff() < s.tol_x) {
      return "step size below tol_x";
    }
    const double condition = (D_.maxCoeff() / D_.minCoeff()) * (D_.maxCoeff() / D_.minCoeff());
    if (s.max_condition > 0.0 && condition > s.max_condition) return "covariance condition number too large";
    for (long i = 0; i < n; ++i) {
      const double m = state_.mean[i];
      if (m + 0.2 * state_.sigma * std::sqrt(state_.C(i, i)) == m) return "no effect in a coordinate";
    }
  }
  return {};
}

void Cmaes::restore(const CmaesState& state) {
  const long n = dimension();
  if (state.mean.size() != n || state.C.rows() != n || state.C.cols() != n || state.p_sigma.size() != n ||
      state.p_c.size() != n || state.best_x.size() != n) {
    throw InputError(kWhere, "checkpoint", "the saved state has " + std::to_string(state.mean.size()) +
                                               " parameters, the optimization " + std::to_string(n),
                     "resume with the scenario that wrote the checkpoint");
  }
  if (!(state.sigma > 0.0) || !std::isfinite(state.sigma) || !state.C.allFinite() || !state.mean.allFinite()) {
    throw InputError(kWhere, "checkpoint", "the saved state is not finite", "start again without --resume");
  }
  state_ = state;
  decompose();
  asked_generation_ = -1;
}

VecX Cmaes::mean() const { return to_problem(state_.mean).cwiseMax(settings_.lower).cwiseMin(settings_.upper); }

VecX Cmaes::spread() const {
  return state_.sigma * state_.C.diagonal().cwiseSqrt().cwiseProduct(settings_.initial_spread);
}

}  // namespace strider
