#include "recording.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "io/hdf5_file.hpp"
#include "io/recorder.hpp"
#include "model/model_loader.hpp"
#include "optimize/step_counter.hpp"

namespace strider::viz {

namespace {
Eigen::MatrixXd read_matrix(const H5Reader& in, const std::string& name, std::size_t rows) {
  std::vector<hsize_t> dims;
  const auto data = in.read(name, &dims);
  const long cols = rows == 0 ? 0 : static_cast<long>(data.size() / rows);
  Eigen::MatrixXd m(static_cast<long>(rows), cols);
  for (long r = 0; r < m.rows(); ++r)
    for (long c = 0; c < cols; ++c) m(r, c) = data[static_cast<std::size_t>(r * cols + c)];
  return m;
}
// Steps per minute at each sample, from the touchdowns of both feet in the 3 s before it:
// (touchdowns − 1) over the time from the first to the last; NaN until two fall in the window.
// Steps are counted by the gait analysis's rules (StepCounter: optimize/step_counter.hpp), so
// scuffs and the bounces of a fall are not steps.
std::vector<double> cadence_by_sample(const Recording& r) {
  const std::size_t n = r.samples();
  const int feet = static_cast<int>(std::min<long>(2, r.foot_force_n.cols() / 3));
  StepCounter counter;
  std::vector<double> touchdowns;
  std::vector<double> cadence(n, std::nan(""));
  std::size_t first = 0;
  for (std::size_t i = 0; i < n; ++i) {
    for (int f = 0; f < feet; ++f) {
      const int before = counter.steps();
      counter.add(f, r.time_s[i], r.foot_force_n(static_cast<long>(i), 3 * f + 2));
      if (counter.steps() > before) touchdowns.push_back(counter.newest_step_touchdown_s());
    }
    while (first < touchdowns.size() && touchdowns[first] < r.time_s[i] - 3.0) ++first;
    const std::size_t count = touchdowns.size() - first;
    if (count >= 2 && touchdowns.back() > touchdowns[first])
      cadence[i] = 60.0 * static_cast<double>(count - 1) / (touchdowns.back() - touchdowns[first]);
  }
  return cadence;
}
}  // namespace

std::size_t Recording::sample_at(double t_s) const {
  std::size_t best = 0;
  for (std::size_t i = 0; i < time_s.size(); ++i) {
    if (std::abs(time_s[i] - t_s) < std::abs(time_s[best] - t_s)) best = i;
  }
  return best;
}

Recording load_recording(const std::string& path) {
  H5Reader in(path);
  const auto version = static_cast<std::int64_t>(in.attr_number("/", "layout_version"));
  if (version > kHdf5LayoutVersion) {
    throw InputError(path, "layout_version", "written by a newer strider (layout " + std::to_string(version) + ")",
                     "use a newer strider");
  }
  Recording r;
  r.path = path;
  const BodyScaling scaling{in.attr_number("/provenance", "body_mass_kg"), in.attr_number("/provenance", "body_height_m")};
  // The model file was stored as read; rescaling it with the run's body reproduces the model.
  r.model = std::make_shared<const Model>(
      load_model_text(in.read_text("/provenance/model_yaml"), in.attr_text("/provenance", "model_source"), scaling));
  const YAML::Node scenario = YAML::Load(in.read_text("/provenance/scenario_yaml"));
  if (scenario["slope_percent"]) r.slope_percent = scenario["slope_percent"].as<double>();
  r.time_s = in.read("/time");
  const std::size_t n = r.time_s.size();
  if (n == 0) throw InputError(path, "/time", "the run has no recorded samples (record_hz was 0)", "re-run with record_hz > 0");
  r.q = read_matrix(in, "/q", n);
  if (r.q.cols() != r.model->nq()) throw InputError(path, "/q", "does not match the stored model", "re-run the simulation");
  r.activation = in.exists("/muscles/activation") ? read_matrix(in, "/muscles/activation", n) : Eigen::MatrixXd(static_cast<long>(n), 0);
  r.force_per_max = Eigen::MatrixXd(static_cast<long>(n), 0);
  if (in.exists("/muscles/tendon_force_n")) {
    r.force_per_max = read_matrix(in, "/muscles/tendon_force_n", n);
    for (long m = 0; m < r.force_per_max.cols() && m < static_cast<long>(r.model->muscles.size()); ++m) {
      r.force_per_max.col(m) /= r.model->muscles[static_cast<std::size_t>(m)].mtu.max_isometric_force_n;
    }
  }
  r.fatigue = in.exists("/muscles/fatigue_fatigued") ? read_matrix(in, "/muscles/fatigue_fatigued", n)
                                                     : Eigen::MatrixXd(static_cast<long>(n), 0);
  r.foot_force_n = read_matrix(in, "/contact/force_n", n);
  r.foot_cop_m = read_matrix(in, "/contact/cop_m", n);
  r.com_velocity_mps = read_matrix(in, "/com/velocity_mps", n);
  r.cadence_spm = cadence_by_sample(r);
  if (in.has_attr("/summary", "fell") && in.attr_number("/summary", "fell") != 0.0) {
    r.fell = true;
    r.fall_time_s =
        in.has_attr("/summary", "fall_time_s") ? in.attr_number("/summary", "fall_time_s") : r.time_s.back();
  }
  return r;
}

}  // namespace strider::viz
