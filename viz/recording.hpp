#pragma once
// A recorded run read back from its HDF5 file, with its model rebuilt from the provenance, for
// drawing. Throws InputError for a file that is not a readable Strider run.
#include <memory>
#include <string>
#include <vector>

#include "model/model.hpp"

namespace strider::viz {

struct Recording {
  std::string path;
  std::shared_ptr<const Model> model;
  double slope_percent = 0.0;
  std::vector<double> time_s;
  Eigen::MatrixXd q;                  // samples × nq
  Eigen::MatrixXd activation;         // samples × muscles (may have 0 columns)
  Eigen::MatrixXd force_per_max;      // samples × muscles: tendon force / F_max (may have 0 columns)
  Eigen::MatrixXd fatigue;            // samples × muscles: fatigued fraction M_F (may have 0 columns)
  Eigen::MatrixXd foot_force_n;       // samples × (feet·3)
  Eigen::MatrixXd foot_cop_m;         // samples × (feet·3)
  Eigen::MatrixXd com_velocity_mps;   // samples × 3
  std::vector<double>
      cadence_spm;  // per sample: steps per minute over the last 3 s; NaN before two touchdowns
  bool fell = false;                  // the run ended with a fall (/summary's `fell`)
  double fall_time_s = 0.0;           // when, if it fell
  std::size_t samples() const { return time_s.size(); }
  std::size_t sample_at(double t_s) const;  // nearest sample
};

Recording load_recording(const std::string& path);

}  // namespace strider::viz
