#pragma once
// Steps counted from a stream of vertical foot forces while a run goes, by the gait analysis's
// rules (analysis/gait.hpp): a foot is loaded above kContactThresholdN; a stance ends once the
// foot has been unloaded for kRecontactMergeS (a bounce is part of the stance); and a contact
// shorter than kMinStanceS is a swinging foot's scuff, not a step. The optimizer's cadence,
// peak-load and vertical-stiffness measures use it (optimize/measures.hpp). No allocation.
#include <array>

namespace strider {

class StepCounter {
 public:
  // The vertical force on foot `foot` (0 or 1) at time `t_s`, in time order, and the height of
  // the centre of mass then (for the stance's vertical stiffness).
  void add(int foot, double t_s, double vertical_n, double com_height_m = 0.0);

  int steps() const { return steps_; }                             // stances of kMinStanceS or more
  double first_touchdown_s() const { return first_touchdown_s_; }  // of those steps
  double last_touchdown_s() const { return last_touchdown_s_; }
  double newest_step_touchdown_s() const { return newest_touchdown_s_; }  // of the step counted last
  int finished_steps() const { return finished_; }            // of those, the ones that ended
  double finished_peak_sum_n() const { return peak_sum_n_; }  // sum of their force peaks
  // Of the finished steps whose centre of mass dropped more than kMinStanceDropM from its height
  // at touchdown: how many, and the sum of their vertical stiffnesses (peak force over that drop,
  // N/m; Morin et al. 2005, as the gait analysis's).
  int stiffness_steps() const { return stiffness_steps_; }
  double stiffness_sum_n_per_m() const { return stiffness_sum_n_per_m_; }

 private:
  std::array<bool, 2> in_stance_{false, false};
  std::array<bool, 2> counted_{false, false};  // the current stance has lasted kMinStanceS
  std::array<double, 2> touchdown_s_{0.0, 0.0};
  std::array<double, 2> last_loaded_s_{0.0, 0.0};
  std::array<double, 2> peak_n_{0.0, 0.0};
  std::array<double, 2> touchdown_height_m_{0.0, 0.0};
  std::array<double, 2> lowest_height_m_{0.0, 0.0};
  int steps_ = 0, finished_ = 0, stiffness_steps_ = 0;
  double stiffness_sum_n_per_m_ = 0.0;
  double first_touchdown_s_ = 0.0, last_touchdown_s_ = 0.0, newest_touchdown_s_ = 0.0, peak_sum_n_ = 0.0;
};

}  // namespace strider
