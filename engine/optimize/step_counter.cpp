#include "optimize/step_counter.hpp"

#include <algorithm>

#include "analysis/gait.hpp"

namespace strider {

void StepCounter::add(int foot, double t_s, double vertical_n, double com_height_m) {
  const auto f = static_cast<std::size_t>(foot);
  if (vertical_n > kContactThresholdN) {
    if (!in_stance_[f]) {  // touchdown; a step once it has lasted kMinStanceS
      in_stance_[f] = true;
      counted_[f] = false;
      touchdown_s_[f] = t_s;
      peak_n_[f] = 0.0;
      touchdown_height_m_[f] = com_height_m;
      lowest_height_m_[f] = com_height_m;
    }
    peak_n_[f] = std::max(peak_n_[f], vertical_n);
    lowest_height_m_[f] = std::min(lowest_height_m_[f], com_height_m);
    last_loaded_s_[f] = t_s;
    if (!counted_[f] && t_s - touchdown_s_[f] >= kMinStanceS) {
      counted_[f] = true;
      first_touchdown_s_ = steps_ == 0 ? touchdown_s_[f] : std::min(first_touchdown_s_, touchdown_s_[f]);
      last_touchdown_s_ = steps_ == 0 ? touchdown_s_[f] : std::max(last_touchdown_s_, touchdown_s_[f]);
      newest_touchdown_s_ = touchdown_s_[f];
      ++steps_;
    }
  } else if (in_stance_[f] && t_s - last_loaded_s_[f] >= kRecontactMergeS) {  // the stance has ended
    if (counted_[f]) {
      peak_sum_n_ += peak_n_[f];
      ++finished_;
      const double drop_m = touchdown_height_m_[f] - lowest_height_m_[f];
      if (drop_m > kMinStanceDropM) {
        stiffness_sum_n_per_m_ += peak_n_[f] / drop_m;
        ++stiffness_steps_;
      }
    }
    in_stance_[f] = false;
  }
}

}  // namespace strider
