#include "analysis/replay.hpp"

#include <cmath>
#include <memory>

#include "analysis/opensim_pose.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "dynamics/inverse_dynamics.hpp"
#include "dynamics/joint_limits.hpp"
#include "io/atomic_file.hpp"
#include "io/hdf5_file.hpp"
#include "io/recorder.hpp"
#include "model/model_loader.hpp"
#include "muscle/curves.hpp"
#include "muscle/distribution.hpp"
#include "muscle/metabolics.hpp"
#include "muscle/muscle_stage.hpp"
#include "muscle/muscle_tendon.hpp"
#include "muscle/path.hpp"

namespace strider {

namespace {

// Zero-lag Gaussian smoothing of every column but time (uniform sampling assumed).
OpenSimTable smoothed(const OpenSimTable& t, double sigma_s) {
  OpenSimTable out = t;
  const double h = (t.data(t.data.rows() - 1, 0) - t.data(0, 0)) / static_cast<double>(t.data.rows() - 1);
  const double sigma = sigma_s / h;
  if (sigma < 0.3) return out;
  const int half = static_cast<int>(std::ceil(3 * sigma));
  for (long c = 1; c < t.data.cols(); ++c) {
    for (long r = 0; r < t.data.rows(); ++r) {
      double sum = 0.0, weight = 0.0;
      for (int k = -half; k <= half; ++k) {
        const long rr = std::clamp<long>(r + k, 0, t.data.rows() - 1);
        const double w = std::exp(-0.5 * k * k / (sigma * sigma));
        sum += w * t.data(rr, c);
        weight += w;
      }
      out.data(r, c) = sum / weight;
    }
  }
  return out;
}

Vec3 rotation_vector(const Mat3& R) {
  const Eigen::AngleAxisd aa(R);
  return aa.axis() * aa.angle();
}

// Generalized velocity between two poses h apart (world angular velocity for a free root).
VecX velocity_between(const Model& m, const VecX& qa, const VecX& qb, double h) {
  VecX v(m.nv());
  const int q0 = m.root_q_size(), v0 = m.root_v_size();
  if (m.root_type() == JointType::Free) {
    v.segment<3>(0) = (qb.segment<3>(0) - qa.segment<3>(0)) / h;
    const Mat3 Ra = Quat(qa[3], qa[4], qa[5], qa[6]).toRotationMatrix();
    const Mat3 Rb = Quat(qb[3], qb[4], qb[5], qb[6]).toRotationMatrix();
    v.segment<3>(3) = rotation_vector(Rb * Ra.transpose()) / h;
  } else if (m.root_type() == JointType::Planar) {
    v.head<3>() = (qb.head<3>() - qa.head<3>()) / h;
  }
  const long n = static_cast<long>(m.coordinates.size());
  v.segment(v0, n) = (qb.segment(q0, n) - qa.segment(q0, n)) / h;
  return v;
}

struct FootColumns {
  int fx, fy, fz, px, py, pz, tx, ty, tz;
};

FootColumns foot_columns(const OpenSimTable& grf, const std::string& prefix) {
  auto col = [&](const std::string& name) {
    const int c = grf.column(prefix + name);
    if (c < 0) {
      throw InputError(grf.path, prefix + name, "column missing",
                       "set the ground-force column prefixes (--grf-right-prefix, --grf-left-prefix)");
    }
    return c;
  };
  return {col("force_vx"), col("force_vy"), col("force_vz"), col("force_px"), col("force_py"), col("force_pz"),
          col("torque_x"), col("torque_y"), col("torque_z")};
}

// The muscles driven along the replayed motion: each unit's compliant tendon and fibre are
// integrated forward (1 ms or finer sub-steps, path length and activation interpolated linearly
// between frames, the excitation taken equal to the solved activation, as static optimization
// has no activation dynamics), from static equilibrium at the first frame. At each frame the
// unit's state gives its metabolic rates (muscle/metabolics.hpp). Returns per frame and muscle
// the metabolic power (W) and the tendon force of the driven unit (N), and per frame the
// whole-body power with the basal rate.
struct DrivenMuscles {
  std::vector<double> power_w, tendon_force_n, fiber_velocity_mps, body_power_w;
};

DrivenMuscles drive_muscles(const Model& m, const std::vector<double>& times,
                            const std::vector<double>& lengths, const std::vector<double>& velocities,
                            const std::vector<double>& activations, MetabolicModel model) {
  const std::size_t n = times.size(), nm = m.muscles.size();
  DrivenMuscles out;
  out.power_w.assign(n * nm, 0.0);
  out.tendon_force_n.assign(n * nm, 0.0);
  out.fiber_velocity_mps.assign(n * nm, 0.0);
  out.body_power_w.assign(n, kBasalRateWPerKg * m.total_mass_kg());
  for (std::size_t i = 0; i < nm; ++i) {
    const Muscle& mu = m.muscles[i];
    const MuscleTendonParameters& p = mu.mtu;
    double fiber = equilibrium_fiber_length(p, activations[i], lengths[i]);
    for (std::size_t f = 0; f < n; ++f) {
      const std::size_t k = f * nm + i;
      const MuscleTendonOutput o =
          muscle_tendon_forces(p, p.max_isometric_force_n, activations[k], lengths[k], velocities[k], fiber);
      const double power = metabolic_rates(model, metabolic_inputs(mu, activations[k], activations[k], o)).total_w;
      out.power_w[k] = power;
      out.body_power_w[f] += power;
      out.tendon_force_n[k] = o.tendon_force_n;
      out.fiber_velocity_mps[k] = o.fiber_velocity_mps;
      if (f + 1 == n) break;
      const std::size_t next = k + nm;
      const double span = times[f + 1] - times[f];
      const int substeps = std::max(1, static_cast<int>(std::ceil(span / 1e-3)));
      const double dt = span / substeps;
      const double path_rate = (lengths[next] - lengths[k]) / span;
      for (int s = 0; s < substeps; ++s) {
        const double w = (s + 0.5) / substeps;
        const double a = (1.0 - w) * activations[k] + w * activations[next];
        const double length = lengths[k] + (static_cast<double>(s) / substeps) * (lengths[next] - lengths[k]);
        fiber = step_fiber_length(p, a, length, path_rate, fiber, dt);
      }
    }
  }
  return out;
}

}  // namespace

ReplaySummary run_replay(const ReplayOptions& o, const std::string& output_path) {
  const OpenSimTable ik = smoothed(read_opensim_table(o.ik_path), o.smoothing_s);
  const OpenSimTable grf = read_opensim_table(o.grf_path);
  const std::string model_path = resolve_model_path(o.model, "");
  auto model = std::make_shared<const Model>(load_model_file(model_path, {o.body_mass_kg, o.body_height_m}));
  const Model& m = *model;
  const int foot_r = m.body_index("foot_r"), foot_l = m.body_index("foot_l");
  if (foot_r < 0 || foot_l < 0) throw InputError(model_path, "bodies", "replay needs bodies foot_r and foot_l", "use a runner model");
  const FootColumns right = foot_columns(grf, o.right_prefix), left = foot_columns(grf, o.left_prefix);

  // Frames: the table's own samples inside [start, end], leaving room for differences.
  std::vector<double> times;
  const long rows = ik.data.rows();
  for (long r = 2; r + 2 < rows; ++r) {
    const double t = ik.data(r, 0);
    if (t >= o.start_s && t <= o.end_s) times.push_back(t);
  }
  if (times.empty()) throw InputError(o.ik_path, "", "no frames in the requested time range", "check --from and --to");
  const double h = (ik.data(rows - 1, 0) - ik.data(0, 0)) / static_cast<double>(rows - 1);

  const std::size_t n = times.size(), nv = static_cast<std::size_t>(m.nv()), nq = static_cast<std::size_t>(m.nq());
  const std::size_t nc = m.coordinates.size(), nm = m.muscles.size();
  std::vector<double> q_out, tau_out, unmet_out, act_out, force_out, grf_out, cop_out, com_vel, com_pos,
      ang_mom, limb_ang_mom, muscle_out, passive_out, mtu_out, mtu_vel_out, fiber_out;
  const std::vector<int> arm_bodies = m.arm_bodies(), leg_bodies = m.leg_bodies();
  std::vector<BodyFrame> frames(m.bodies.size());
  Eigen::Matrix3Xd axes(3, static_cast<long>(nc));
  InverseDynamicsScratch scratch;
  DistributionProblem problem;
  problem.body_mass_kg = m.total_mass_kg();
  problem.capacity = VecX::Ones(static_cast<long>(nm));
  DistributionResult result;
  VecX lengths(static_cast<long>(nm)), velocities(static_cast<long>(nm)), tau(m.nv()), limits(static_cast<long>(nc));
  Eigen::MatrixXd arms = Eigen::MatrixXd::Zero(static_cast<long>(nm), static_cast<long>(nc));
  double unmet_sq = 0.0, force_sq = 0.0, moment_sq = 0.0;

  for (double t : times) {
    const VecX qm = pose_from_opensim(m, ik, t - h), q = pose_from_opensim(m, ik, t), qp = pose_from_opensim(m, ik, t + h);
    const VecX v_before = velocity_between(m, qm, q, h), v_after = velocity_between(m, q, qp, h);
    const VecX v = 0.5 * (v_before + v_after);
    const VecX vdot = (v_after - v_before) / h;
    forward_kinematics(m, q, v, frames, &axes);

    std::vector<ExternalForce> loads;
    double grf_row[6] = {0, 0, 0, 0, 0, 0};
    double cop_row[6];
    for (int side = 0; side < 2; ++side) {
      const FootColumns& c = side == 0 ? right : left;
      const Vec3 force = from_opensim_frame(Vec3(grf.at(c.fx, t), grf.at(c.fy, t), grf.at(c.fz, t)));
      const Vec3 point = from_opensim_frame(Vec3(grf.at(c.px, t), grf.at(c.py, t), grf.at(c.pz, t)));
      const Vec3 torque = from_opensim_frame(Vec3(grf.at(c.tx, t), grf.at(c.ty, t), grf.at(c.tz, t)));
      const bool contact = force.z() > o.contact_threshold_n;
      for (int k = 0; k < 3; ++k) {
        grf_row[3 * side + k] = contact ? force[k] : 0.0;
        cop_row[3 * side + k] = contact ? point[k] : std::nan("");
      }
      if (contact) loads.push_back({side == 0 ? foot_r : foot_l, force, point, torque});
    }
    inverse_dynamics(m, q, v, vdot, loads, scratch, tau);

    // Muscles at this pose. Passive force and isometric force at full activation come from
    // the compliant unit in static equilibrium (the tendon takes its share of the stretch; a
    // rigid tendon would put it all into the fibre and overstate passive forces). The
    // force–velocity factor uses the fibre's share of the path velocity, l_opt·cos α_opt /
    // (l_opt·cos α_opt + l_slack): a simple compliance split, stated as such in docs/controller.md.
    compute_muscle_paths(m, frames, axes, q, v, lengths, velocities, arms);
    problem.moment_arm_m = arms;
    problem.active_force_n.resize(static_cast<long>(nm));
    problem.passive_force_n.resize(static_cast<long>(nm));
    for (std::size_t i = 0; i < nm; ++i) {
      const MuscleTendonParameters& p = m.muscles[i].mtu;
      const long k = static_cast<long>(i);
      const double relaxed = equilibrium_fiber_length(p, 0.0, lengths[k]);
      const double passive = muscle_tendon_forces(p, p.max_isometric_force_n, 0.0, lengths[k], 0.0, relaxed).tendon_force_n;
      const double active = equilibrium_fiber_length(p, 1.0, lengths[k]);
      const double isometric = muscle_tendon_forces(p, p.max_isometric_force_n, 1.0, lengths[k], 0.0, active).tendon_force_n;
      const double v_norm = fiber_velocity_norm_estimate(p, velocities[k]);
      problem.active_force_n[k] = std::max(0.0, (isometric - passive) * std::max(0.0, degroote2016::force_velocity(v_norm)));
      problem.passive_force_n[k] = passive;
    }
    joint_limit_torques(m, q, v, limits);
    problem.desired_torque_nm = tau.tail(static_cast<long>(nc)) - limits;
    distribute_torques(problem, result);

    for (std::size_t i = 0; i < nq; ++i) q_out.push_back(q[static_cast<long>(i)]);
    for (std::size_t i = 0; i < nv; ++i) tau_out.push_back(tau[static_cast<long>(i)]);
    for (std::size_t i = 0; i < nc; ++i) {
      muscle_out.push_back(result.achieved_torque_nm[static_cast<long>(i)]);
      passive_out.push_back(limits[static_cast<long>(i)]);
      const double u = result.unmet_torque_nm[static_cast<long>(i)];
      unmet_out.push_back(u);
      unmet_sq += (u / problem.body_mass_kg) * (u / problem.body_mass_kg);
    }
    for (std::size_t i = 0; i < nm; ++i) {
      const long k = static_cast<long>(i);
      act_out.push_back(result.activation[k]);
      force_out.push_back(result.activation[k] * problem.active_force_n[k] + problem.passive_force_n[k]);
      mtu_out.push_back(lengths[k]);
      mtu_vel_out.push_back(velocities[k]);
      // The fibre in static equilibrium with its tendon at the solved activation (isometric: the
      // force–velocity factor is left out here), the operating length a researcher compares
      // with l_opt.
      const MuscleTendonParameters& p = m.muscles[i].mtu;
      fiber_out.push_back(p.optimal_fiber_length_m *
                          equilibrium_fiber_length(p, result.activation[k], lengths[k]));
    }
    for (double g : grf_row) grf_out.push_back(g);
    for (double c : cop_row) cop_out.push_back(c);
    const WholeBody whole = whole_body(m, frames);
    // In the belt's frame on a treadmill: the ground runs back at the belt's speed.
    const Vec3 belt_velocity = Vec3::UnitX() * o.treadmill_speed_mps;
    for (int k = 0; k < 3; ++k) com_vel.push_back(whole.v_WCom[k] + belt_velocity[k]);
    for (int k = 0; k < 3; ++k) com_pos.push_back(whole.p_WCom[k] + belt_velocity[k] * (t - times.front()));
    for (int k = 0; k < 3; ++k) ang_mom.push_back(whole.angular_momentum_com_kgm2ps[k]);
    const Vec3 arms_h = angular_momentum_of(m, frames, arm_bodies, whole);
    const Vec3 legs_h = angular_momentum_of(m, frames, leg_bodies, whole);
    for (int k = 0; k < 3; ++k) limb_ang_mom.push_back(arms_h[k]);
    for (int k = 0; k < 3; ++k) limb_ang_mom.push_back(legs_h[k]);
    if (m.root_type() == JointType::Free) {
      force_sq += tau.segment<3>(0).squaredNorm();
      moment_sq += tau.segment<3>(3).squaredNorm();
    }
  }

  const DrivenMuscles driven = drive_muscles(m, times, mtu_out, mtu_vel_out, act_out, o.metabolic_model);

  ReplaySummary summary;
  summary.frames = n;
  double energy_j = 0.0;
  for (std::size_t f = 0; f + 1 < n; ++f)
    energy_j += 0.5 * (driven.body_power_w[f] + driven.body_power_w[f + 1]) * (times[f + 1] - times[f]);
  summary.metabolic_power_w_per_kg = n > 1 ? energy_j / (times.back() - times.front()) / m.total_mass_kg() : 0.0;
  double force_gap_sq = 0.0;
  for (std::size_t k = 0; k < n * nm; ++k) force_gap_sq += std::pow(driven.tendon_force_n[k] - force_out[k], 2);
  summary.driven_force_gap_rms_n = std::sqrt(force_gap_sq / static_cast<double>(n * nm));
  summary.unmet_rms_nm_per_kg = std::sqrt(unmet_sq / static_cast<double>(n * nc));
  summary.residual_force_rms_n = std::sqrt(force_sq / static_cast<double>(n));
  summary.residual_moment_rms_nm = std::sqrt(moment_sq / static_cast<double>(n));

  // Per-coordinate RMS unmet torque, N·m/kg.
  std::vector<double> unmet_rms(nc, 0.0);
  for (std::size_t f = 0; f < n; ++f)
    for (std::size_t c = 0; c < nc; ++c) unmet_rms[c] += std::pow(unmet_out[f * nc + c] / problem.body_mass_kg, 2);
  for (auto& u : unmet_rms) u = std::sqrt(u / static_cast<double>(n));

  std::vector<std::string> muscle_names, coordinate_names;
  for (const auto& mu : m.muscles) muscle_names.push_back(mu.name);
  for (const auto& c : m.coordinates) coordinate_names.push_back(c.name);
  write_atomically(output_path, [&](const std::string& temporary) {
    H5Writer out(temporary);
    const hsize_t N = n;
    out.write("/time", times.data(), {N}, "s");
    out.write("/q", q_out.data(), {N, nq}, "see names/units attributes", m.q_names());
    out.write_strings("/q_units", m.q_units());
    out.write("/muscles/activation", act_out.data(), {N, nm}, "1", muscle_names);
    out.write("/muscles/tendon_force_n", force_out.data(), {N, nm}, "N", muscle_names);
    out.write("/muscles/mtu_length_m", mtu_out.data(), {N, nm}, "m", muscle_names);
    out.write("/muscles/fiber_length_m", fiber_out.data(), {N, nm}, "m", muscle_names);
    out.write("/muscles/metabolic_power_w", driven.power_w.data(), {N, nm}, "W", muscle_names);
    out.write("/metabolics/power_w", driven.body_power_w.data(), {N}, "W");
    out.write("/replay/driven_tendon_force_n", driven.tendon_force_n.data(), {N, nm}, "N", muscle_names);
    out.write("/replay/driven_fiber_velocity_mps", driven.fiber_velocity_mps.data(), {N, nm}, "m/s", muscle_names);
    out.write("/contact/force_n", grf_out.data(), {N, 2, 3}, "N", {"foot_r", "foot_l"});
    out.write("/contact/cop_m", cop_out.data(), {N, 2, 3}, "m", {"foot_r", "foot_l"});
    out.write("/com/velocity_mps", com_vel.data(), {N, 3}, "m/s", {"x", "y", "z"});
    out.write("/com/position_m", com_pos.data(), {N, 3}, "m", {"x", "y", "z"});
    out.write("/angular_momentum_kgm2ps", ang_mom.data(), {N, 3}, "kg*m^2/s", {"x", "y", "z"});
    out.write("/angular_momentum_limbs_kgm2ps", limb_ang_mom.data(), {N, 2, 3}, "kg*m^2/s", {"arms", "legs"});
    out.write("/replay/inverse_dynamics_nm", tau_out.data(), {N, nv}, "N or N*m (see names)", m.v_names());
    out.write("/replay/unmet_torque_nm", unmet_out.data(), {N, nc}, "N*m", coordinate_names);
    // The same in the run layout, so that `strider summary` reads replays like runs.
    out.write("/joints/muscle_torque_nm", muscle_out.data(), {N, nc}, "N*m", coordinate_names);
    out.write("/joints/passive_torque_nm", passive_out.data(), {N, nc}, "N*m", coordinate_names);
    out.write("/joints/unmet_torque_nm", unmet_out.data(), {N, nc}, "N*m", coordinate_names);
    out.write("/replay/unmet_torque_rms_nm_per_kg", unmet_rms.data(), {nc}, "N*m/kg", coordinate_names);
    out.write_text("/provenance/model_yaml", m.yaml_text);
    out.write_text("/provenance/scenario_yaml", "slope_percent: 0\n");
    out.attr("/", "layout_version", kHdf5LayoutVersion);
    out.attr("/", "creator", std::string("strider replay"));
    out.attr("/provenance", "engine_version", std::string(kEngineVersion));
    out.attr("/provenance", "git_hash", std::string(git_hash()));
    out.attr("/provenance", "model_name", m.name);
    out.attr("/provenance", "model_source", m.source);
    out.attr("/provenance", "body_mass_kg", o.body_mass_kg);
    out.attr("/provenance", "body_height_m", o.body_height_m);
    out.attr("/provenance", "ik_source", o.ik_path);
    out.attr("/provenance", "grf_source", o.grf_path);
    out.attr("/provenance", "smoothing_s", o.smoothing_s);
    out.attr("/provenance", "treadmill_speed_mps", o.treadmill_speed_mps);
    out.attr("/provenance", "metabolic_model",
             std::string(o.metabolic_model == MetabolicModel::Umberger2010 ? "umberger2010" : "bhargava2004"));
    out.attr("/replay", "unmet_torque_rms_nm_per_kg", summary.unmet_rms_nm_per_kg);
    out.attr("/replay", "residual_force_rms_n", summary.residual_force_rms_n);
    out.attr("/replay", "residual_moment_rms_nm", summary.residual_moment_rms_nm);
    out.attr("/replay", "metabolic_power_w_per_kg", summary.metabolic_power_w_per_kg);
    out.attr("/replay", "driven_force_gap_rms_n", summary.driven_force_gap_rms_n);
    out.close();
  });
  return summary;
}

}  // namespace strider
