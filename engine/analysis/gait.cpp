#include "analysis/gait.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace strider {

const std::vector<std::string>& summary_keys() {
  static const std::vector<std::string> keys = {
      "fell", "fall_time_s", "strides_analyzed", "speed_mps", "cadence_spm", "step_length_m", "contact_time_s",
      "flight_time_s", "duty_factor", "vgrf_active_peak_bw", "vgrf_impact_peak_bw", "loading_rate_bw_per_s",
      "braking_impulse_bw_s", "propulsive_impulse_bw_s", "lateral_grf_peak_bw", "free_moment_peak_nm_per_kg",
      "knee_flexion_peak_stance_deg", "hip_moment_peak_nm_per_kg", "knee_moment_peak_nm_per_kg",
      "ankle_moment_peak_nm_per_kg", "achilles_force_peak_bw", "unmet_torque_rms_nm_per_kg",
      "com_vertical_excursion_m", "vertical_stiffness_kn_per_m", "pelvis_yaw_range_deg", "trunk_yaw_range_deg",
      "vertical_angular_momentum_range_norm", "arm_angular_momentum_share", "metabolic_power_w_per_kg",
      "cost_of_transport_j_per_kg_m", "cost_of_transport_net_j_per_kg_m", "fatigue_capacity_min_frac"};
  return keys;
}

namespace {

constexpr double kGravity = 9.81;
const char* kSide[2] = {"_r", "_l"};

std::optional<double> mean_of(const std::vector<Step>& steps, std::optional<double> Step::*field) {
  double sum = 0.0;
  int n = 0;
  for (const auto& s : steps) {
    if ((s.*field).has_value()) {
      sum += *(s.*field);
      ++n;
    }
  }
  // A measure most steps lack (e.g. an impact peak in forefoot running) is null.
  if (n == 0 || 2 * n < static_cast<int>(steps.size())) return std::nullopt;
  return sum / n;
}

double mean_of(const std::vector<Step>& steps, double Step::*field) {
  double sum = 0.0;
  for (const auto& s : steps) sum += s.*field;
  return steps.empty() ? 0.0 : sum / static_cast<double>(steps.size());
}

Step measure_step(const GaitData& d, int foot, std::size_t td, std::size_t to) {
  const double bw = d.body_mass_kg * kGravity;
  const Eigen::MatrixXd& F = d.foot_force_n[static_cast<std::size_t>(foot)];
  const Vec3 left = d.ground_normal.cross(d.ground_forward);
  auto vertical = [&](std::size_t i) { return F.row(static_cast<long>(i)).dot(d.ground_normal); };
  Step s;
  s.foot = foot;
  s.touchdown = td;
  s.toe_off = to;
  s.contact_time_s = d.time_s[to] - d.time_s[td];
  const std::size_t n = to - td;
  // Active peak: the largest vertical force in mid-stance (20-80 % of contact).
  double active = 0.0;
  for (std::size_t i = td; i < to; ++i) {
    const double phase = static_cast<double>(i - td) / static_cast<double>(std::max<std::size_t>(n, 1));
    if (n < 5 || (phase >= 0.2 && phase <= 0.8)) active = std::max(active, vertical(i));
  }
  s.vgrf_active_peak_bw = active / bw;
  // Impact peak: an early local maximum (first 35 % of contact) followed by a dip of 5 %.
  for (std::size_t i = td + 1; i + 1 < to && static_cast<double>(i - td) < 0.35 * static_cast<double>(n); ++i) {
    const double f = vertical(i);
    if (f > vertical(i - 1) && f >= vertical(i + 1) && f < active) {
      double dip = f;
      for (std::size_t j = i + 1; j < to && static_cast<double>(j - td) < 0.5 * static_cast<double>(n); ++j) dip = std::min(dip, vertical(j));
      if (dip < 0.95 * f) {
        s.vgrf_impact_peak_bw = f / bw;
        break;
      }
    }
  }
  // Loading rate: 20-80 % of the impact peak, or the first 50 ms without one.
  auto crossing = [&](double level) {
    for (std::size_t i = td + 1; i < to; ++i) {
      const double a = vertical(i - 1), b = vertical(i);
      if (a < level && b >= level) return d.time_s[i - 1] + (level - a) / (b - a) * (d.time_s[i] - d.time_s[i - 1]);
    }
    return d.time_s[td];
  };
  if (s.vgrf_impact_peak_bw) {
    const double peak = *s.vgrf_impact_peak_bw * bw;
    const double dt = crossing(0.8 * peak) - crossing(0.2 * peak);
    s.loading_rate_bw_per_s = dt > 0 ? 0.6 * peak / bw / dt : 0.0;
  } else {
    std::size_t i = td;
    while (i + 1 < to && d.time_s[i] - d.time_s[td] < 0.05) ++i;
    const double dt = d.time_s[i] - d.time_s[td];
    s.loading_rate_bw_per_s = dt > 0 ? (vertical(i) - vertical(td)) / bw / dt : 0.0;
  }
  // Fore-aft impulses (trapezoid) and the lateral peak.
  for (std::size_t i = td; i + 1 <= to && i + 1 < d.time_s.size(); ++i) {
    const double dt = d.time_s[i + 1] - d.time_s[i];
    const double fa = 0.5 * (F.row(static_cast<long>(i)).dot(d.ground_forward) + F.row(static_cast<long>(i + 1)).dot(d.ground_forward));
    (fa < 0 ? s.braking_impulse_bw_s : s.propulsive_impulse_bw_s) += std::abs(fa) * dt / bw;
  }
  for (std::size_t i = td; i < to; ++i) s.lateral_grf_peak_bw = std::max(s.lateral_grf_peak_bw, std::abs(F.row(static_cast<long>(i)).dot(left)) / bw);
  if (static_cast<std::size_t>(foot) < d.foot_free_moment_nm.size() && d.foot_free_moment_nm[static_cast<std::size_t>(foot)].size() > 0) {
    double peak = 0.0;
    for (std::size_t i = td; i < to; ++i) peak = std::max(peak, std::abs(d.foot_free_moment_nm[static_cast<std::size_t>(foot)][static_cast<long>(i)]));
    s.free_moment_peak_nm_per_kg = peak / d.body_mass_kg;
  }
  const std::string side = kSide[foot];
  auto peak_over = [&](const std::map<std::string, VecX>& channels, const std::string& name, double scale) -> std::optional<double> {
    const auto it = channels.find(name);
    if (it == channels.end() || it->second.size() == 0) return std::nullopt;
    double peak = -1e300;
    for (std::size_t i = td; i < to; ++i) peak = std::max(peak, scale * it->second[static_cast<long>(i)]);
    return peak;
  };
  s.knee_flexion_peak_deg = peak_over(d.angle_rad, "knee_flexion" + side, 180.0 / kPi);
  // Extension and plantarflexion moments are negative in Strider's signs.
  s.hip_moment_peak_nm_per_kg = peak_over(d.moment_nm, "hip_flexion" + side, -1.0 / d.body_mass_kg);
  s.knee_moment_peak_nm_per_kg = peak_over(d.moment_nm, "knee_flexion" + side, -1.0 / d.body_mass_kg);
  s.ankle_moment_peak_nm_per_kg = peak_over(d.moment_nm, "ankle_dorsiflexion" + side, -1.0 / d.body_mass_kg);
  const auto soleus = d.tendon_force_n.find("soleus" + side), gastroc = d.tendon_force_n.find("gastroc" + side);
  if (soleus != d.tendon_force_n.end() && gastroc != d.tendon_force_n.end()) {
    double peak = 0.0;
    for (std::size_t i = td; i < to; ++i) peak = std::max(peak, soleus->second[static_cast<long>(i)] + gastroc->second[static_cast<long>(i)]);
    s.achilles_force_peak_bw = peak / bw;
  }
  if (d.com_position_m.rows() == static_cast<long>(d.time_s.size())) {
    const double touchdown_m = d.com_position_m.row(static_cast<long>(td)).dot(d.ground_normal);
    double lowest_m = touchdown_m, peak_n = 0.0;
    for (std::size_t i = td; i < to; ++i) {
      lowest_m = std::min(lowest_m, d.com_position_m.row(static_cast<long>(i)).dot(d.ground_normal));
      peak_n = std::max(peak_n, vertical(i));
    }
    // A stance whose centre of mass does not drop (a millimetre or less) has no stiffness to measure.
    if (touchdown_m - lowest_m > kMinStanceDropM) s.vertical_stiffness_kn_per_m = 1e-3 * peak_n / (touchdown_m - lowest_m);
  }
  return s;
}

}  // namespace

GaitSummary analyze_gait(const GaitData& d, int skip_strides) {
  GaitSummary out;
  for (const auto& key : summary_keys()) out.values[key] = std::nullopt;
  out.values["fell"] = d.fell ? 1.0 : 0.0;
  if (d.fell) out.values["fall_time_s"] = d.fall_time_s;
  out.values["fatigue_capacity_min_frac"] = std::isfinite(d.end_capacity_min) ? std::optional<double>(d.end_capacity_min) : std::nullopt;
  const std::size_t n = d.time_s.size();
  if (n < 3 || d.foot_force_n.size() < 2) {
    out.values["strides_analyzed"] = 0.0;
    return out;
  }
  // Events per foot.
  std::vector<std::size_t> touchdowns[2], toe_offs[2];
  for (int f = 0; f < 2; ++f) {
    const Eigen::MatrixXd& F = d.foot_force_n[static_cast<std::size_t>(f)];
    bool was = F.row(0).dot(d.ground_normal) > kContactThresholdN;
    for (std::size_t i = 1; i < n; ++i) {
      const bool now = F.row(static_cast<long>(i)).dot(d.ground_normal) > kContactThresholdN;
      // A foot back on the ground within kRecontactMergeS of leaving it bounced: the same stance
      // goes on (no foot swings through in that time).
      const bool bounce = now && !was && !toe_offs[f].empty() &&
                          (touchdowns[f].empty() || toe_offs[f].back() > touchdowns[f].back()) &&
                          d.time_s[i] - d.time_s[toe_offs[f].back()] < kRecontactMergeS;
      if (bounce) {
        toe_offs[f].pop_back();
      } else {
        if (now && !was) touchdowns[f].push_back(i);
        if (!now && was) toe_offs[f].push_back(i);
      }
      was = now;
    }
  }
  // A contact too short to be a stance (kMinStanceS) is dropped, its touchdown and its lift-off.
  for (int f = 0; f < 2; ++f) {
    std::vector<std::size_t> kept;
    for (std::size_t td : touchdowns[f]) {
      const auto off = std::upper_bound(toe_offs[f].begin(), toe_offs[f].end(), td);
      if (off != toe_offs[f].end() && d.time_s[*off] - d.time_s[td] < kMinStanceS) {
        toe_offs[f].erase(off);
      } else {
        kept.push_back(td);
      }
    }
    touchdowns[f] = kept;
  }
  // The window: whole right strides after the first `skip_strides`. A run that fell ends in
  // the fall, not in the gait: the body's last contacts, as it goes down, are short and
  // scrambled and would count as quick strides. So the window then ends at the last right
  // touchdown a whole stride (the median one) before the fall, as it starts after the first
  // strides.
  std::vector<std::size_t> right = touchdowns[0];
  if (d.fell && right.size() >= 3) {
    std::vector<double> intervals;
    for (std::size_t k = 1; k < right.size(); ++k)
      intervals.push_back(d.time_s[right[k]] - d.time_s[right[k - 1]]);
    const auto middle = intervals.begin() + static_cast<long>(intervals.size() / 2);
    std::nth_element(intervals.begin(), middle, intervals.end());
    while (!right.empty() && d.time_s[right.back()] > d.fall_time_s - *middle) right.pop_back();
  }
  if (right.size() < static_cast<std::size_t>(skip_strides) + 2) {
    out.values["strides_analyzed"] = 0.0;
    return out;
  }
  const std::size_t start = right[static_cast<std::size_t>(skip_strides)], end = right.back();
  const int strides = static_cast<int>(right.size()) - 1 - skip_strides;
  out.strides_analyzed = strides;
  out.values["strides_analyzed"] = strides;
  const double window_s = d.time_s[end] - d.time_s[start];

  for (int f = 0; f < 2; ++f) {
    for (std::size_t td : touchdowns[f]) {
      if (td < start || td >= end) continue;
      const auto to = std::upper_bound(toe_offs[f].begin(), toe_offs[f].end(), td);
      if (to == toe_offs[f].end()) continue;
      out.steps.push_back(measure_step(d, f, td, *to));
    }
  }
  std::sort(out.steps.begin(), out.steps.end(), [](const Step& a, const Step& b) { return a.touchdown < b.touchdown; });
  if (out.steps.empty()) return out;

  // Peak-to-peak of a signal within each analyzed stride, averaged over the strides.
  auto mean_stride_range = [&](const VecX& signal) {
    double sum = 0.0;
    for (int k = 0; k < strides; ++k) {
      const std::size_t a = right[static_cast<std::size_t>(skip_strides + k)];
      const std::size_t b = right[static_cast<std::size_t>(skip_strides + k + 1)];
      const auto stride = signal.segment(static_cast<long>(a), static_cast<long>(b - a + 1));
      sum += stride.maxCoeff() - stride.minCoeff();
    }
    return sum / strides;
  };
  const double cadence = 2.0 * strides * 60.0 / window_s;
  out.values["cadence_spm"] = cadence;
  std::optional<double> speed;
  if (d.com_position_m.rows() == static_cast<long>(n)) {
    speed = (d.com_position_m.row(static_cast<long>(end)) - d.com_position_m.row(static_cast<long>(start))).dot(d.ground_forward) / window_s;
    out.values["speed_mps"] = speed;
    out.values["step_length_m"] = *speed / (cadence / 60.0);
    VecX height(static_cast<long>(n));
    for (std::size_t i = 0; i < n; ++i) height[static_cast<long>(i)] = d.com_position_m.row(static_cast<long>(i)).dot(d.ground_normal);
    out.values["com_vertical_excursion_m"] = mean_stride_range(height);
  }
  const double contact = mean_of(out.steps, &Step::contact_time_s);
  out.values["contact_time_s"] = contact;
  out.values["duty_factor"] = contact / (window_s / strides);
  double flight = 0.0;
  int flights = 0;
  for (std::size_t k = 0; k + 1 < out.steps.size(); ++k) {
    const double gap = d.time_s[out.steps[k + 1].touchdown] - d.time_s[out.steps[k].toe_off];
    if (out.steps[k + 1].foot != out.steps[k].foot) {
      flight += std::max(0.0, gap);
      ++flights;
    }
  }
  if (flights > 0) out.values["flight_time_s"] = flight / flights;
  out.values["vgrf_active_peak_bw"] = mean_of(out.steps, &Step::vgrf_active_peak_bw);
  out.values["vgrf_impact_peak_bw"] = mean_of(out.steps, &Step::vgrf_impact_peak_bw);
  out.values["loading_rate_bw_per_s"] = mean_of(out.steps, &Step::loading_rate_bw_per_s);
  out.values["braking_impulse_bw_s"] = mean_of(out.steps, &Step::braking_impulse_bw_s);
  out.values["propulsive_impulse_bw_s"] = mean_of(out.steps, &Step::propulsive_impulse_bw_s);
  out.values["lateral_grf_peak_bw"] = mean_of(out.steps, &Step::lateral_grf_peak_bw);
  out.values["free_moment_peak_nm_per_kg"] = mean_of(out.steps, &Step::free_moment_peak_nm_per_kg);
  out.values["knee_flexion_peak_stance_deg"] = mean_of(out.steps, &Step::knee_flexion_peak_deg);
  out.values["hip_moment_peak_nm_per_kg"] = mean_of(out.steps, &Step::hip_moment_peak_nm_per_kg);
  out.values["knee_moment_peak_nm_per_kg"] = mean_of(out.steps, &Step::knee_moment_peak_nm_per_kg);
  out.values["ankle_moment_peak_nm_per_kg"] = mean_of(out.steps, &Step::ankle_moment_peak_nm_per_kg);
  out.values["achilles_force_peak_bw"] = mean_of(out.steps, &Step::achilles_force_peak_bw);
  out.values["vertical_stiffness_kn_per_m"] = mean_of(out.steps, &Step::vertical_stiffness_kn_per_m);

  auto yaw_range = [&](const VecX& yaw) -> std::optional<double> {
    if (yaw.size() != static_cast<long>(n)) return std::nullopt;
    return mean_stride_range(yaw) * 180.0 / kPi;
  };
  // Vertical angular momentum (about the world vertical through the centre of mass).
  auto vertical = [&](const Eigen::MatrixXd& H) -> std::optional<VecX> {
    if (H.rows() != static_cast<long>(n) || H.cols() != 3) return std::nullopt;
    return VecX(H.col(2));
  };
  const auto whole_z = vertical(d.angular_momentum_kgm2ps);
  if (whole_z && speed && *speed > 0.1 && d.body_height_m > 0.0) {
    out.values["vertical_angular_momentum_range_norm"] =
        mean_stride_range(*whole_z) / (d.body_mass_kg * *speed * d.body_height_m);
  }
  const auto arms_z = vertical(d.arm_angular_momentum_kgm2ps), legs_z = vertical(d.leg_angular_momentum_kgm2ps);
  if (arms_z && legs_z) {
    const double legs_range = mean_stride_range(*legs_z);
    if (legs_range > 0.0) out.values["arm_angular_momentum_share"] = mean_stride_range(*arms_z) / legs_range;
  }
  out.values["pelvis_yaw_range_deg"] = yaw_range(d.pelvis_yaw_rad);
  out.values["trunk_yaw_range_deg"] = yaw_range(d.trunk_yaw_rad);
  if (d.unmet_torque_sq_sum.size() == static_cast<long>(n) && d.unmet_joint_count > 0) {
    const double mean_sq = d.unmet_torque_sq_sum.segment(static_cast<long>(start), static_cast<long>(end - start)).mean();
    out.values["unmet_torque_rms_nm_per_kg"] = std::sqrt(mean_sq / d.unmet_joint_count);
  }
  if (d.metabolic_power_w.size() == static_cast<long>(n)) {
    const double power = d.metabolic_power_w.segment(static_cast<long>(start), static_cast<long>(end - start)).mean();
    out.values["metabolic_power_w_per_kg"] = power / d.body_mass_kg;
    if (speed && *speed > 0.1) {
      out.values["cost_of_transport_j_per_kg_m"] = power / (d.body_mass_kg * *speed);
      out.values["cost_of_transport_net_j_per_kg_m"] = (power - 1.2 * d.body_mass_kg) / (d.body_mass_kg * *speed);
    }
  }
  return out;
}

}  // namespace strider
