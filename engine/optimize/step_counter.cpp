#include "optimize/step_counter.hpp"

#include <algorithm>

#include "analysis/gait.hpp"

namespace strider {

void StepCounter::add(int foot, double t_s, double vertical_n) {
  const auto f = static_cast<std::size_t>(foot);
  if (vertical_n > kContactThresholdN) {
    if (!in_stance_[f]) {  // touchdown; a step once it has lasted kMinStanceS
      in_stance_[f] = true;
      counted_[f] = false;
      touchdown_s_[f] = t_s;
      peak_n_[f] = 0.0;
    }
    peak_n_[f] = std::max(peak_n_[f], vertical_n);
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
    }
    in_stance_[f] = false;
  }
}

}  // namespace strider
