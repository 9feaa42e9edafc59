#pragma once
// Muscle distribution: the activations that best produce desired joint torques.
//   minimize  Σ (a_i − p_i)² + λ·Σ_j w_j·((R·(a∘F_active + F_passive) − τ)_j / m)²,   0 ≤ a_i ≤ cap_i
// R is the moment-arm matrix, F_active each muscle's force at full activation at its current
// length and velocity (strength scaling included), F_passive its passive force, m the body mass
// (torques in N·m/kg), w_j a coordinate's weight (default 1) and cap_i its remaining capacity
// (1 − fatigued fraction), p_i a preferred activation (default 0: the least Σa²). The torque the
// muscles cannot give is reported, never applied.
#include <vector>

#include "core/math.hpp"

namespace strider {

// Scratch for the solves, sized on first use for n variables (no allocation afterwards).
struct BoxQpScratch {
  VecX grad, step, trial, rhs, product;
  Eigen::MatrixXd free_block;
  std::vector<long> free_index;
  std::vector<signed char> bound_state;
  void resize(long n);
};

// ½xᵀHx + cᵀx over lo ≤ x ≤ hi, H symmetric positive definite: projected Newton (Bertsekas
// 1982). x is the warm start and the result. Returns the iterations used.
int solve_box_qp(const Eigen::MatrixXd& H, const VecX& c, const VecX& lo, const VecX& hi, VecX& x,
                 BoxQpScratch& scratch, int max_iterations = 100);

// The same problem by a primal active-set method (Nocedal & Wright 2006, Algorithm 16.3, for
// bounds): exact to rounding after finitely many changes of the active set, whatever the
// conditioning of H, and fast from a warm start whose active set is nearly right. x must be
// feasible or is clipped. Returns the iterations used (max_iterations: not converged).
int solve_box_qp_active_set(const Eigen::MatrixXd& H, const VecX& c, const VecX& lo, const VecX& hi, VecX& x,
                            BoxQpScratch& scratch, int max_iterations = 500);

struct DistributionProblem {
  Eigen::MatrixXd moment_arm_m;   // muscles × coordinates
  VecX active_force_n;            // per muscle, at activation 1 (excluding passive)
  VecX passive_force_n;           // per muscle
  VecX capacity;                  // per muscle, upper bound on activation
  VecX desired_torque_nm;         // per coordinate
  double body_mass_kg = 70.0;
  double torque_weight = 100.0;   // λ: 1 N·m/kg of error costs as much as 100 units of Σa²
  VecX coordinate_weight;         // per coordinate, a factor on λ for its error; empty: all 1
  VecX preferred_activation;      // per muscle, p; empty: all 0
};

struct DistributionResult {
  VecX activation;
  VecX achieved_torque_nm;
  VecX unmet_torque_nm;  // desired − achieved
  int iterations = 0;
  // Scratch, kept with the result so that repeated solves of one size never allocate.
  Eigen::MatrixXd A, H;
  VecX b, c, lo, forces;
  BoxQpScratch qp;
};

void distribute_torques(const DistributionProblem& p, DistributionResult& out);

}  // namespace strider
