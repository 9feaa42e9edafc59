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
