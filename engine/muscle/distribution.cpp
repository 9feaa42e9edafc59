#include "muscle/distribution.hpp"

#include <Eigen/Cholesky>
#include <cmath>
#include <vector>
#include <algorithm>

namespace strider {

void BoxQpScratch::resize(long n) {
  if (grad.size() == n) return;
  grad.resize(n);
  step.resize(n);
  trial.resize(n);
  rhs.resize(n);
  product.resize(n);
  free_block.resize(n, n);
  free_index.reserve(static_cast<std::size_t>(n));
  bound_state.reserve(static_cast<std::size_t>(n));
}

int solve_box_qp(const Eigen::MatrixXd& H, const VecX& c, const VecX& lo, const VecX& hi, VecX& x,
                 BoxQpScratch& s, int max_iterations) {
  const long n = x.size();
  s.resize(n);
  x = x.cwiseMax(lo).cwiseMin(hi);
  auto objective = [&](const VecX& y) {
    s.product.noalias() = H * y;
    return 0.5 * y.dot(s.product) + c.dot(y);
  };
  int it = 0;
  for (; it < max_iterations; ++it) {
    s.grad.noalias() = H * x;
    s.grad += c;
    // Bound variables whose gradient pushes them outward stay fixed.
    s.free_index.clear();
    double kkt = 0.0;
    for (long i = 0; i < n; ++i) {
      const bool at_lo = x[i] <= lo[i] + 1e-12 && s.grad[i] > 0.0;
      const bool at_hi = x[i] >= hi[i] - 1e-12 && s.grad[i] < 0.0;
      if (!at_lo && !at_hi) {
        s.free_index.push_back(i);
        kkt = std::max(kkt, std::abs(s.grad[i]));
      }
    }
    if (kkt < 1e-10 * (1.0 + c.cwiseAbs().maxCoeff())) break;
    // Newton step on the free variables: an in-place Cholesky of their block of H.
    const long m = static_cast<long>(s.free_index.size());
    for (long a = 0; a < m; ++a) {
      s.rhs[a] = -s.grad[s.free_index[static_cast<std::size_t>(a)]];
      for (long b = 0; b < m; ++b) {
        s.free_block(a, b) = H(s.free_index[static_cast<std::size_t>(a)], s.free_index[static_cast<std::size_t>(b)]);
      }
    }
    Eigen::Ref<Eigen::MatrixXd> block = s.free_block.topLeftCorner(m, m);
    Eigen::LLT<Eigen::Ref<Eigen::MatrixXd>> llt(block);
    auto rhs = s.rhs.head(m);
    llt.solveInPlace(rhs);
    s.step.setZero();
    for (long a = 0; a < m; ++a) s.step[s.free_index[static_cast<std::size_t>(a)]] = rhs[a];
    // Projected line search (Armijo along the projection arc).
    const double f0 = objective(x);
    double t = 1.0;
    for (int k = 0; k < 30; ++k) {
      s.trial = (x + t * s.step).cwiseMax(lo).cwiseMin(hi);
      if (objective(s.trial) <= f0 + 1e-4 * s.grad.dot(s.trial - x)) break;
      t *= 0.5;
    }
    if ((s.trial - x).cwiseAbs().maxCoeff() < 1e-14) break;
    x = s.trial;
  }
  return it;
}

int solve_box_qp_active_set(const Eigen::MatrixXd& H, const VecX& c, const VecX& lo, const VecX& hi, VecX& x,
                            BoxQpScratch& s, int max_iterations) {
  const long n = x.size();
  s.resize(n);
  x = x.cwiseMax(lo).cwiseMin(hi);
  // Working set: variables held at a bound (state 0 free, -1 at lo, +1 at hi). Start from the
  // bounds the warm start sits on.
  std::vector<signed char>& state = s.bound_state;
  state.assign(static_cast<std::size_t>(n), 0);
  for (long i = 0; i < n; ++i) {
    if (lo[i] == hi[i] || x[i] <= lo[i]) state[static_cast<std::size_t>(i)] = -1;
    else if (x[i] >= hi[i]) state[static_cast<std::size_t>(i)] = 1;
  }
  int it = 0;
  for (; it < max_iterations; ++it) {
    // Minimize over the free variables with the others held: H_FF·x_F = −(c_F + H_FW·x_W).
    s.free_index.clear();
    for (long i = 0; i < n; ++i) {
      if (state[static_cast<std::size_t>(i)] == 0) s.free_index.push_back(i);
    }
    const long m = static_cast<long>(s.free_index.size());
    for (long a = 0; a < m; ++a) {
      const long i = s.free_index[static_cast<std::size_t>(a)];
      double r = -c[i];
      for (long j = 0; j < n; ++j) {
        if (state[static_cast<std::size_t>(j)] != 0) r -= H(i, j) * x[j];
      }
      s.rhs[a] = r;
      for (long b = 0; b < m; ++b) s.free_block(a, b) = H(i, s.free_index[static_cast<std::size_t>(b)]);
    }
    Eigen::Ref<Eigen::MatrixXd> block = s.free_block.topLeftCorner(m, m);
    Eigen::LLT<Eigen::Ref<Eigen::MatrixXd>> llt(block);
    auto xf = s.rhs.head(m);
    llt.solveInPlace(xf);
    // Step toward the free minimizer, stopping at the first bound in the way.
    double alpha = 1.0;
    long blocking = -1;
    for (long a = 0; a < m; ++a) {
      const long i = s.free_index[static_cast<std::size_t>(a)];
      const double d = xf[a] - x[i];
      if (d < 0.0 && xf[a] < lo[i]) {
        const double t = (lo[i] - x[i]) / d;
        if (t < alpha) alpha = t, blocking = i;
      } else if (d > 0.0 && xf[a] > hi[i]) {
        const double t = (hi[i] - x[i]) / d;
        if (t < alpha) alpha = t, blocking = i;
      }
    }
    for (long a = 0; a < m; ++a) {
      const long i = s.free_index[static_cast<std::size_t>(a)];
      x[i] = std::clamp(x[i] + alpha * (xf[a] - x[i]), lo[i], hi[i]);
    }
    if (blocking >= 0) {
      state[static_cast<std::size_t>(blocking)] = xf[std::find(s.free_index.begin(), s.free_index.end(), blocking) -
                                                       s.free_index.begin()] < lo[blocking] ? -1 : 1;
      x[blocking] = state[static_cast<std::size_t>(blocking)] < 0 ? lo[blocking] : hi[blocking];
      continue;
    }
    // At the free minimizer: release the held variable whose multiplier has the wrong sign most.
    s.grad.noalias() = H * x;
    s.grad += c;
    long release = -1;
    double worst = 1e-12 * (1.0 + c.cwiseAbs().maxCoeff());
    for (long i = 0; i < n; ++i) {
      const signed char b = state[static_cast<std::size_t>(i)];
      if (b == 0 || lo[i] == hi[i]) continue;
      const double wrong = b < 0 ? -s.grad[i] : s.grad[i];  // at lo the gradient must be ≥ 0
      if (wrong > worst) worst = wrong, release = i;
    }
    if (release < 0) break;
    state[static_cast<std::size_t>(release)] = 0;
  }
  return it;
}

void distribute_torques(const DistributionProblem& p, DistributionResult& out) {
  const long nm = p.active_force_n.size();
  // A = R·diag(F_active) / m, b = (τ − R·F_passive) / m; H = 2(I + λAᵀA), c = −2(λAᵀb + p).
  out.A.noalias() = p.moment_arm_m.transpose() * p.active_force_n.asDiagonal();
  out.A /= p.body_mass_kg;
  out.b.noalias() = p.moment_arm_m.transpose() * p.passive_force_n;
  out.b = (p.desired_torque_nm - out.b) / p.body_mass_kg;
  if (p.coordinate_weight.size() == out.b.size()) {  // weighted errors: rows scaled by √w
    for (long j = 0; j < out.b.size(); ++j) {
      const double root = std::sqrt(p.coordinate_weight[j]);
      out.A.row(j) *= root;
      out.b[j] *= root;
    }
  }
  out.H.noalias() = (2.0 * p.torque_weight) * out.A.transpose() * out.A;
  out.H.diagonal().array() += 2.0;
  out.c.noalias() = (-2.0 * p.torque_weight) * out.A.transpose() * out.b;
  if (p.preferred_activation.size() == nm) out.c -= 2.0 * p.preferred_activation;
  if (out.activation.size() != nm) out.activation = VecX::Zero(nm);
  if (out.lo.size() != nm) out.lo = VecX::Zero(nm);
  out.iterations = solve_box_qp(out.H, out.c, out.lo, p.capacity, out.activation, out.qp);
  out.forces = out.activation.cwiseProduct(p.active_force_n) + p.passive_force_n;
  out.achieved_torque_nm.noalias() = p.moment_arm_m.transpose() * out.forces;
  out.unmet_torque_nm = p.desired_torque_nm - out.achieved_torque_nm;
}

}  // namespace strider
