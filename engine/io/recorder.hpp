#pragma once
// Records a run's time series at the recording rate into preallocated buffers and writes them
// to HDF5 (layout in docs/hdf5-layout.md). Recording never allocates once constructed, as
// long as no more than the planned number of samples is recorded.
#include <cstdint>
#include <vector>

#include "io/hdf5_file.hpp"
#include "model/model.hpp"
#include "sim/state.hpp"
#include "sim/workspace.hpp"

namespace strider {

inline constexpr std::int64_t kHdf5LayoutVersion = 1;

class Recorder {
 public:
  // Plans for duration_s of simulation at dt_s, sampled every round(1/(record_hz·dt_s)) steps.
  // record_hz == 0 records nothing.
  Recorder(const Model& model, double duration_s, double dt_s, double record_hz);

  // Call once per step with the step index (0 at t = 0) after Simulation::evaluate().
  void on_step(std::int64_t step, const State& state, const Workspace& ws);
  std::size_t samples() const { return time_.size(); }
  // Bytes of the recorded values, and of the buffers planned at construction.
  std::size_t recorded_bytes() const;
  std::size_t reserved_bytes() const;
  void write(H5Writer& out) const;

 private:
  std::vector<const std::vector<double>*> channels() const {
    return {&time_, &q_, &v_, &body_pos_, &body_quat_, &com_pos_, &com_vel_, &ang_mom_, &limb_ang_mom_, &energy_, &foot_force_,
            &foot_cop_, &foot_free_moment_, &passive_torque_, &excitation_, &activation_, &tendon_force_,
            &fiber_length_, &fiber_velocity_, &mtu_length_, &fatigue_active_, &fatigue_resting_,
            &fatigue_fatigued_, &muscle_power_, &muscle_torque_, &group_moment_, &metabolic_power_,
            &desired_torque_, &unmet_torque_};
  }
  const Model& model_;
  std::int64_t stride_ = 0;
  std::vector<double> time_, q_, v_, body_pos_, body_quat_, com_pos_, com_vel_, ang_mom_, limb_ang_mom_, energy_,
      foot_force_, foot_cop_, foot_free_moment_, passive_torque_;
  // Muscles: one row of nm values per sample for each channel.
  std::vector<double> excitation_, activation_, tendon_force_, fiber_length_, fiber_velocity_,
      mtu_length_, fatigue_active_, fatigue_resting_, fatigue_fatigued_, muscle_power_, muscle_torque_,
      group_moment_, metabolic_power_, desired_torque_, unmet_torque_;
  // Joint moments by muscle group: (group, coordinate) pairs that some muscle of the group crosses.
  std::vector<std::pair<int, int>> group_pairs_;
  std::vector<int> arm_bodies_, leg_bodies_;
  // The muscles of each pair: pair p's are pair_muscles_[pair_end_[p-1] .. pair_end_[p]).
  std::vector<int> pair_muscles_;
  std::vector<std::size_t> pair_end_;
};

}  // namespace strider
