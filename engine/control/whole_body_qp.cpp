#include "control/whole_body_qp.hpp"

#include <algorithm>
#include <cmath>

namespace strider {

namespace {
constexpr int kEdges = 4;              // friction pyramid edges per contact point
constexpr double kMaxEdgeForceBw = 10.0;  // bound on one edge's force, body weights
}  // namespace

// The factorization is sized here, never copied: Eigen leaves an unfactorized LLT's status
// uninitialized, and copying it reads that (UndefinedBehaviorSanitizer reports it).
WholeBodyQp::WholeBodyQp(const Model& model) : llt_(model.nv()) {
  const long nv = model.nv(), nc = static_cast<long>(model.coordinates.size());
  const long nm = static_cast<long>(model.muscles.size());
  const long np = static_cast<long>(model.contacts.size());
  const long nz = nm + kEdges * np;
  const long rows = nc + 3 + 3 + 3 + 3 + 3 * np;
  zero_v_ = VecX::Zero(nv);
  unit_ = VecX::Zero(nv);
  column_ = VecX::Zero(nv);
  gravity_ = VecX::Zero(nv);
  h_ = VecX::Zero(nv);
  g0_ = VecX::Zero(nv);
  tau0_ = VecX::Zero(nv);
  rhs_ = VecX::Zero(rows);
  reg_ = VecX::Zero(nz);
  target_ = VecX::Zero(nz);
  M_ = Eigen::MatrixXd::Zero(nv, nv);
  G_ = Eigen::MatrixXd::Zero(nv, nz);
  A_ = Eigen::MatrixXd::Zero(rows, nz);
  H_ = Eigen::MatrixXd::Zero(nz, nz);
  SB_ = Eigen::MatrixXd::Zero(nv, nz);
  JD_ = Eigen::MatrixXd::Zero(3 * np, nv);
  J_ = Eigen::Matrix3Xd::Zero(3, nv);
  z_ = VecX::Zero(nz);
  lo_ = VecX::Zero(nz);
  hi_ = VecX::Zero(nz);
  c_ = VecX::Zero(nz);
  qp_.resize(nz);
  // Inverse dynamics sizes its scratch on first use: do it here, outside the step.
  inverse_dynamics(model, model.zero_q(), zero_v_, zero_v_, none_, id_, column_);
}

void WholeBodyQp::mass_matrix(const Model& model, const VecX& q, const VecX& v, Eigen::MatrixXd& M, VecX& h) {
  const long nv = model.nv();
  zero_v_.setZero();
  inverse_dynamics(model, q, v, zero_v_, none_, id_, h);
  inverse_dynamics(model, q, zero_v_, zero_v_, none_, id_, gravity_);
  for (long i = 0; i < nv; ++i) {
    unit_.setZero();
    unit_[i] = 1.0;
    inverse_dynamics(model, q, zero_v_, unit_, none_, id_, column_);
    M.col(i) = column_ - gravity_;
  }
  // Symmetric up to rounding; make it exactly so for the Cholesky factorization.
  for (long i = 0; i < nv; ++i) {
    for (long j = i + 1; j < nv; ++j) {
      const double mean = 0.5 * (M(i, j) + M(j, i));
      M(i, j) = mean;
      M(j, i) = mean;
    }
  }
}

void WholeBodyQp::prepare(const Model& model, const VecX& q, const VecX& v) {
  mass_matrix(model, q, v, M_, h_);
  llt_.compute(M_);
}

void WholeBodyQp::angular_jacobian(const Model& model, const Eigen::Matrix3Xd& axes_W, int body, Eigen::Matrix3Xd& J) {
  J.setZero();
  if (model.root_type() == JointType::Free) {
    J.block<3, 3>(0, 3).setIdentity();
  } else if (model.root_type() == JointType::Planar) {
    J.col(2) = Vec3::UnitY();
  }
  const int v0 = model.root_v_size();
  const auto& depends = model.body_depends_on_coordinate[static_cast<std::size_t>(body)];
  for (std::size_t c = 0; c < model.coordinates.size(); ++c) {
    if (depends[c]) J.col(v0 + static_cast<long>(c)) = axes_W.col(static_cast<long>(c));
  }
}

void WholeBodyQp::point_jacobian(const Model& model, const std::vector<BodyFrame>& frames,
                                 const Eigen::Matrix3Xd& axes_W, int body, const Vec3& p_W, Eigen::Matrix3Xd& J) {
  J.setZero();
  const BodyFrame& root = frames.front();
  const Vec3 r = p_W - root.p_WB;
  if (model.root_type() == JointType::Free) {
    J.block<3, 3>(0, 0).setIdentity();
    for (int k = 0; k < 3; ++k) J.col(3 + k) = Vec3::Unit(k).cross(r);
  } else if (model.root_type() == JointType::Planar) {
    J.col(0) = Vec3::UnitX();
    J.col(1) = Vec3::UnitZ();
    J.col(2) = Vec3::UnitY().cross(r);
  }
  const int v0 = model.root_v_size();
  const auto& depends = model.body_depends_on_coordinate[static_cast<std::size_t>(body)];
  for (std::size_t c = 0; c < model.coordinates.size(); ++c) {
    if (!depends[c]) continue;
    const Vec3& joint = frames[static_cast<std::size_t>(model.coordinates[c].body)].p_WB;
    J.col(v0 + static_cast<long>(c)) = axes_W.col(static_cast<long>(c)).cross(p_W - joint);
  }
}

void WholeBodyQp::solve(const Model& model, const VecX& v, const std::vector<BodyFrame>& frames,
                        const Eigen::Matrix3Xd& axes_W, const Eigen::MatrixXd& moment_arm_m,
                        const VecX& joint_passive_nm, const WholeBodyQpInput& in, WholeBodyQpResult& out) {
  const long nc = static_cast<long>(model.coordinates.size());
  const long nm = static_cast<long>(model.muscles.size());
  const long np_max = static_cast<long>(model.contacts.size());
  const long nz = nm + kEdges * np_max;
  const long np = std::min(np_max, static_cast<long>(in.contact_point_m.size()));
  const int v0 = model.root_v_size();
  const double mass = model.total_mass_kg();
  const double g = model.gravity_mps2.norm();

  // Generalized forces per unit of each unknown: muscles (joint rows only), then pyramid edges.
  SB_.setZero();
  SB_.block(v0, 0, nc, nm).noalias() = moment_arm_m.transpose() * in.active_force_n.asDiagonal();
  tau0_.setZero();
  tau0_.segment(v0, nc).noalias() = moment_arm_m.transpose() * in.passive_force_n;
  tau0_.segment(v0, nc) += joint_passive_nm;
  // Tangent directions of the ground.
  const Vec3 n = in.ground_normal.normalized();
  const Vec3 t1 = (Vec3::UnitY().cross(n)).normalized();  // forward along the ground
  const Vec3 t2 = n.cross(t1);
  const Vec3 tangents[kEdges] = {t1, -t1, t2, -t2};
  Vec3 edges[kEdges];
  for (int k = 0; k < kEdges; ++k) edges[k] = (n + in.friction * tangents[k]).normalized();
  for (long i = 0; i < np; ++i) {
    point_jacobian(model, frames, axes_W, in.contact_body[static_cast<std::size_t>(i)],
                   in.contact_point_m[static_cast<std::size_t>(i)], J_);
    JD_.middleRows(3 * i, 3) = J_;
    for (int k = 0; k < kEdges; ++k) {
      SB_.col(nm + kEdges * i + k).noalias() = (mass * g) * (J_.transpose() * edges[k]);
    }
  }
  G_ = SB_;
  llt_.solveInPlace(G_);
  g0_ = tau0_ - h_;
  llt_.solveInPlace(g0_);

  // Task rows, each scaled by the square root of its weight; unused rows stay zero.
  A_.setZero();
  rhs_.setZero();
  long r = 0;
  for (long c = 0; c < nc; ++c, ++r) {
    const double w = in.joint_weight[c];
    if (w <= 0.0) continue;
    const double s = std::sqrt(w);
    A_.row(r) = s * G_.row(v0 + c);
    rhs_[r] = s * (in.joint_accel_radps2[c] - g0_[v0 + c]);
  }
  if (in.pelvis_weight > 0.0) {
    const double s = std::sqrt(in.pelvis_weight);
    if (model.root_type() == JointType::Free) {
      for (int k = 0; k < 3; ++k) {
        A_.row(r + k) = s * G_.row(3 + k);
        rhs_[r + k] = s * (in.pelvis_angular_accel_radps2[k] - g0_[3 + k]);
      }
    } else if (model.root_type() == JointType::Planar) {
      A_.row(r) = s * G_.row(2);
      rhs_[r] = s * (in.pelvis_angular_accel_radps2.y() - g0_[2]);
    }
  }
  r += 3;
  if (in.trunk_weight > 0.0 && in.trunk_body >= 0) {
    const double s = std::sqrt(in.trunk_weight);
    angular_jacobian(model, axes_W, in.trunk_body, J_);
    for (int k = 0; k < 3; ++k) {
      if (model.root_type() == JointType::Planar && k != 1) continue;
      A_.row(r + k).noalias() = s * (J_.row(k) * G_);
      rhs_[r + k] = s * (in.trunk_angular_accel_radps2[k] - J_.row(k).dot(g0_));
    }
  }
  r += 3;
  if (np > 0) {  // m·c̈ = m·g + Σλ: the centre of mass moves only through the ground reaction
    for (int k = 0; k < 3; ++k) {
      if (in.com_weight[k] <= 0.0) continue;
      const double s = std::sqrt(in.com_weight[k]);
      for (long i = 0; i < np; ++i) {
        for (int e = 0; e < kEdges; ++e) A_(r + k, nm + kEdges * i + e) = s * g * edges[e][k];
      }
      rhs_[r + k] = s * (in.com_accel_mps2[k] - model.gravity_mps2[k]);
    }
  }
  r += 3;
  if (np > 0) {  // k̇ = Σ (p_i − c) × λ_i, per kg of body mass
    for (int k = 0; k < 3; ++k) {
      if (in.angular_momentum_weight[k] <= 0.0) continue;
      const double s = std::sqrt(in.angular_momentum_weight[k]);
      for (long i = 0; i < np; ++i) {
        const Vec3 arm = in.contact_point_m[static_cast<std::size_t>(i)] - in.com_m;
        for (int e = 0; e < kEdges; ++e) A_(r + k, nm + kEdges * i + e) = s * g * arm.cross(edges[e])[k];
      }
      rhs_[r + k] = s * in.angular_momentum_rate_nm[k] / mass;
    }
  }
  r += 3;
  if (in.contact_weight > 0.0) {
    const double s = std::sqrt(in.contact_weight);
    for (long i = 0; i < np; ++i) {
      const auto Ji = JD_.middleRows(3 * i, 3);
      for (int k = 0; k < 3; ++k) {
        A_.row(r + 3 * i + k).noalias() = s * (Ji.row(k) * G_);
        rhs_[r + 3 * i + k] = s * (-in.contact_damping_per_s * Ji.row(k).dot(v) - Ji.row(k).dot(g0_));
      }
    }
  }

  // Regularization and bounds: activations in their reachable range, edges of stance points
  // non-negative, the others fixed at zero.
  // A floor on the regularization keeps H positive definite whatever the weights.
  constexpr double kMinRegularization = 1e-9;
  for (long i = 0; i < nm; ++i) {
    reg_[i] = std::max(kMinRegularization, in.activation_weight);
    target_[i] = in.preferred_activation.size() == nm ? in.preferred_activation[i] : 0.0;
    lo_[i] = in.activation_lo[i];
    hi_[i] = std::max(in.activation_lo[i], in.activation_hi[i]);
  }
  for (long j = nm; j < nz; ++j) {
    reg_[j] = std::max(kMinRegularization, in.force_weight);
    target_[j] = 0.0;
    lo_[j] = 0.0;
    hi_[j] = (j - nm) < kEdges * np ? kMaxEdgeForceBw : 0.0;
  }
  H_.noalias() = A_.transpose() * A_;
  H_.diagonal() += reg_;
  H_ *= 2.0;
  c_.noalias() = A_.transpose() * rhs_;
  c_ = -2.0 * (c_ + reg_.cwiseProduct(target_));
  if (out.activation.size() == nm) z_.head(nm) = out.activation;
  out.iterations = solve_box_qp_active_set(H_, c_, lo_, hi_, z_, qp_);

  // Outputs: activations, predicted accelerations, ground reaction, and the torques.
  out.activation = z_.head(nm);
  out.accel = g0_;
  out.accel.noalias() += G_ * z_;
  out.contact_force_n.setZero();
  out.angular_momentum_rate_nm.setZero();
  for (long i = 0; i < np; ++i) {
    for (int k = 0; k < kEdges; ++k) {
      const Vec3 force = mass * g * z_[nm + kEdges * i + k] * edges[k];
      out.contact_force_n += force;
      out.angular_momentum_rate_nm += (in.contact_point_m[static_cast<std::size_t>(i)] - in.com_m).cross(force);
    }
  }
  out.muscle_torque_nm.noalias() = SB_.block(v0, 0, nc, nm) * z_.head(nm);
  out.muscle_torque_nm += tau0_.segment(v0, nc) - joint_passive_nm;
  // Asked: the inverse dynamics of the desired joint accelerations with the solve's pelvis
  // accelerations and ground reaction, i.e. the muscle torque plus M's joint block times the
  // joint tasks' remaining errors (where a joint is tracked at all).
  column_.setZero();
  for (long c = 0; c < nc; ++c) {
    if (in.joint_weight[c] > 0.0) column_[v0 + c] = in.joint_accel_radps2[c] - out.accel[v0 + c];
  }
  unit_.noalias() = M_ * column_;
  out.asked_torque_nm = out.muscle_torque_nm + unit_.segment(v0, nc);
}

}  // namespace strider
