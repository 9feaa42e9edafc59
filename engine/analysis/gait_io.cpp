#include "analysis/gait_io.hpp"

#include "io/yaml_reader.hpp"

#include <yaml-cpp/yaml.h>

#include <cmath>

#include "core/error.hpp"
#include "io/hdf5_file.hpp"
#include "io/recorder.hpp"

namespace strider {

namespace {
// Columns of a samples × names dataset, by name.
std::map<std::string, VecX> columns(const H5Reader& in, const std::string& name, std::size_t samples) {
  std::map<std::string, VecX> out;
  if (!in.exists(name)) return out;
  std::vector<hsize_t> dims;
  const auto data = in.read(name, &dims);
  const auto names = in.attr_strings(name, "names");
  if (dims.size() != 2 || dims[0] != samples || dims[1] != names.size()) return out;
  for (std::size_t c = 0; c < names.size(); ++c) {
    VecX v(static_cast<long>(samples));
    for (std::size_t r = 0; r < samples; ++r) v[static_cast<long>(r)] = data[r * names.size() + c];
    out[names[c]] = v;
  }
  return out;
}

double yaw_of(double w, double x, double y, double z) { return std::atan2(2.0 * (w * z + x * y), 1.0 - 2.0 * (y * y + z * z)); }
}  // namespace

GaitData load_gait_data(const std::string& path) {
  H5Reader in(path);
  const auto version = static_cast<std::int64_t>(in.attr_number("/", "layout_version"));
  if (version > kHdf5LayoutVersion) {
    throw InputError(path, "layout_version", "written by a newer strider (layout " + std::to_string(version) + ")",
                     "use a newer strider");
  }
  GaitData d;
  d.time_s = in.read("/time");
  const std::size_t n = d.time_s.size();
  d.body_mass_kg = in.attr_number("/provenance", "body_mass_kg");
  const YAML::Node scenario = parse_yaml(in.read_text("/provenance/scenario_yaml"), path + ":/provenance/scenario_yaml");
  double slope = 0.0;
  if (scenario.IsMap() && scenario["slope_percent"]) {
    try {
      slope = scenario["slope_percent"].as<double>();
    } catch (const YAML::Exception&) {
      throw InputError(path, "/provenance/scenario_yaml", "slope_percent is not a number", "re-run the simulation");
    }
  }
  if (!std::isfinite(slope)) throw InputError(path, "/provenance/scenario_yaml", "slope_percent is not finite", "re-run the simulation");
  const double angle = std::atan(slope / 100.0);
  d.ground_forward = Vec3(std::cos(angle), 0.0, std::sin(angle));
  d.ground_normal = Vec3(-std::sin(angle), 0.0, std::cos(angle));

  std::vector<hsize_t> dims;
  const auto force = in.read("/contact/force_n", &dims);
  const auto feet = in.attr_strings("/contact/force_n", "names");
  if (dims.size() != 3 || dims[0] != n || dims[1] != feet.size() || dims[2] != 3) {
    throw InputError(path, "/contact/force_n", "its shape does not match /time and its names", "re-run the simulation");
  }
  std::vector<double> free_moment;
  if (in.exists("/contact/free_moment_nm")) free_moment = in.read("/contact/free_moment_nm");
  if (!free_moment.empty() && free_moment.size() != n * feet.size()) {
    throw InputError(path, "/contact/free_moment_nm", "its shape does not match /contact/force_n", "re-run the simulation");
  }
  for (const char* foot : {"foot_r", "foot_l"}) {
    const auto it = std::find(feet.begin(), feet.end(), foot);
    if (it == feet.end()) throw InputError(path, "/contact/force_n", std::string("no ") + foot, "analyze a runner's run");
    const std::size_t f = static_cast<std::size_t>(it - feet.begin());
    Eigen::MatrixXd F(static_cast<long>(n), 3);
    VecX M = VecX::Zero(free_moment.empty() ? 0 : static_cast<long>(n));
    for (std::size_t r = 0; r < n; ++r) {
      for (int k = 0; k < 3; ++k) F(static_cast<long>(r), k) = force[(r * feet.size() + f) * 3 + static_cast<std::size_t>(k)];
      if (!free_moment.empty()) M[static_cast<long>(r)] = free_moment[r * feet.size() + f];
    }
    d.foot_force_n.push_back(F);
    d.foot_free_moment_nm.push_back(M);
  }
  d.angle_rad = columns(in, "/q", n);
  auto muscle = columns(in, "/joints/muscle_torque_nm", n);
  const auto passive = columns(in, "/joints/passive_torque_nm", n);
  for (auto& [name, m] : muscle) {
    const auto p = passive.find(name);
    d.moment_nm[name] = p == passive.end() ? m : VecX(m + p->second);
  }
  d.tendon_force_n = columns(in, "/muscles/tendon_force_n", n);
  if (in.exists("/com/position_m")) {
    const auto com = in.read("/com/position_m");
    d.com_position_m.resize(static_cast<long>(n), 3);
    for (std::size_t r = 0; r < n; ++r)
      for (int k = 0; k < 3; ++k) d.com_position_m(static_cast<long>(r), k) = com[r * 3 + static_cast<std::size_t>(k)];
  }
  if (in.has_attr("/provenance", "body_height_m")) d.body_height_m = in.attr_number("/provenance", "body_height_m");
  auto rows_of = [&](const std::string& name, std::size_t block, std::size_t offset, Eigen::MatrixXd& out) {
    if (!in.exists(name)) return;
    const auto values = in.read(name);
    if (values.size() != n * block * 3) {
      throw InputError(path, name, "its shape does not match /time", "re-run the simulation");
    }
    out.resize(static_cast<long>(n), 3);
    for (std::size_t r = 0; r < n; ++r)
      for (int k = 0; k < 3; ++k) out(static_cast<long>(r), k) = values[(r * block + offset) * 3 + static_cast<std::size_t>(k)];
  };
  rows_of("/angular_momentum_kgm2ps", 1, 0, d.angular_momentum_kgm2ps);
  rows_of("/angular_momentum_limbs_kgm2ps", 2, 0, d.arm_angular_momentum_kgm2ps);
  rows_of("/angular_momentum_limbs_kgm2ps", 2, 1, d.leg_angular_momentum_kgm2ps);
  const auto unmet = columns(in, "/joints/unmet_torque_nm", n);
  if (!unmet.empty()) {
    d.unmet_torque_sq_sum = VecX::Zero(static_cast<long>(n));
    for (const auto& [name, u] : unmet) d.unmet_torque_sq_sum += (u / d.body_mass_kg).cwiseAbs2();
    d.unmet_joint_count = static_cast<int>(unmet.size());
  }
  if (in.exists("/metabolics/power_w")) {
    const auto p = in.read("/metabolics/power_w");
    d.metabolic_power_w = Eigen::Map<const VecX>(p.data(), static_cast<long>(p.size()));
  }
  if (in.exists("/bodies/orientation_wxyz")) {
    const auto quat = in.read("/bodies/orientation_wxyz", &dims);
    const auto bodies = in.attr_strings("/bodies/orientation_wxyz", "names");
    auto yaw_series = [&](const std::string& body) {
      const auto it = std::find(bodies.begin(), bodies.end(), body);
      VecX yaw;
      if (it == bodies.end()) return yaw;
      const std::size_t b = static_cast<std::size_t>(it - bodies.begin());
      yaw.resize(static_cast<long>(n));
      for (std::size_t r = 0; r < n; ++r) {
        const double* q = &quat[(r * bodies.size() + b) * 4];
        yaw[static_cast<long>(r)] = yaw_of(q[0], q[1], q[2], q[3]);
      }
      // Unwrap so that ranges across ±π stay right.
      for (long r = 1; r < yaw.size(); ++r) {
        while (yaw[r] - yaw[r - 1] > kPi) yaw[r] -= 2 * kPi;
        while (yaw[r] - yaw[r - 1] < -kPi) yaw[r] += 2 * kPi;
      }
      return yaw;
    };
    d.pelvis_yaw_rad = yaw_series("pelvis");
    d.trunk_yaw_rad = yaw_series("torso");
  }
  if (in.has_attr("/summary", "fell")) {
    d.fell = in.attr_number("/summary", "fell") != 0.0;
    d.fall_time_s = in.attr_number("/summary", "fall_time_s");
  }
  d.end_capacity_min = in.has_attr("/summary", "fatigue_capacity_min_frac") ? in.attr_number("/summary", "fatigue_capacity_min_frac")
                                                                             : std::nan("");
  return d;
}

}  // namespace strider
