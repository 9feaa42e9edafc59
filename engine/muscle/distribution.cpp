#include "muscle/distribution.hpp"

#include <Eigen/Cholesky>
#include <algorithm>

namespace strider {

int solve_box_qp(const Eigen::MatrixXd& H, const VecX& c, const VecX& lo, const VecX& hi, VecX& x,
                 int max_iterations) {
  const long n = x.size();
  x = x.cwiseMax(lo).cwiseMin(hi);
  auto objective = [&](const VecX& y) { return 0.5 * y.dot(H * y) + c.dot(y); };
  std::vector<long> free_index;
  int it = 0;
  for (; it < max_iterations; ++it) {
    const VecX grad = H * x + c;
    // Bound variables whose gradient pushes them outward stay fixed.
    free_index.clear();
    double kkt = 0.0;
    for (long i = 0; i < n; ++i) {
      const bool at_lo = x[i] <= lo[i] + 1e-12 && grad[i] > 0.0;
      const bool at_hi = x[i] >= hi[i] - 1e-12 && grad[i] < 0.0;
      if (!at_lo && !at_hi) {
        free_index.push_back(i);
        kkt = std::max(kkt, std::abs(grad[i]));
      }
    }
    if (kkt < 1e-10 * (1.0 + c.cwiseAbs().maxCoeff())) break;
    const long m = static_cast<long>(free_index.size());
    Eigen::MatrixXd Hff(m, m);
    VecX gf(m);
    for (long a = 0; a < m; ++a) {
      gf[a] = grad[free_index[a]];
      for (long b = 0; b < m; ++b) Hff(a, b) = H(free_index[a], free_index[b]);
    }
    const VecX step_free = -Hff.ldlt().solve(gf);
    VecX step = VecX::Zero(n);
    for (long a = 0; a < m; ++a) step[free_index[a]] = step_free[a];
    // Projected line search (Armijo along the projection arc).
    const double f0 = objective(x);
    double t = 1.0;
    VecX trial = x;
    for (int k = 0; k < 30; ++k) {
      trial = (x + t * step).cwiseMax(lo).cwiseMin(hi);
      if (objective(trial) <= f0 + 1e-4 * grad.dot(trial - x)) break;
      t *= 0.5;
    }
    if ((trial - x).cwiseAbs().maxCoeff() < 1e-14) break;
    x = trial;
  }
  return it;
}

void distribute_torques(const DistributionProblem& p, DistributionResult& out) {
  const long nm = p.active_force_n.size();
  // A = R·diag(F_active) / m, b = (τ − R·F_passive) / m.
  const Eigen::MatrixXd A = (p.moment_arm_m.transpose() * p.active_force_n.asDiagonal()) / p.body_mass_kg;
  const VecX b = (p.desired_torque_nm - p.moment_arm_m.transpose() * p.passive_force_n) / p.body_mass_kg;
  const Eigen::MatrixXd H = 2.0 * (Eigen::MatrixXd::Identity(nm, nm) + p.torque_weight * A.transpose() * A);
  const VecX c = -2.0 * p.torque_weight * A.transpose() * b;
  if (out.activation.size() != nm) out.activation = VecX::Zero(nm);
  out.iterations = solve_box_qp(H, c, VecX::Zero(nm), p.capacity, out.activation);
  out.achieved_torque_nm = p.moment_arm_m.transpose() * (out.activation.cwiseProduct(p.active_force_n) + p.passive_force_n);
  out.unmet_torque_nm = p.desired_torque_nm - out.achieved_torque_nm;
}

}  // namespace strider
