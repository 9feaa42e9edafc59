#pragma once
// The initial state of a running simulation: the reference cycle's pose at a phase in flight,
// joint rates from the cycle, and the pelvis moving forward at the target speed, with the
// lowest contact sphere `clearance_m` above the ground (notes/running-control.md: start from
// the reference pose in flight; starting from standing is a different, harder problem).
#include "control/tracking_controller.hpp"
#include "contact/ground.hpp"
#include "sim/state.hpp"

namespace strider {

// Mid-flight after the right foot's toe-off (Hamner duty factor 0.356).
inline constexpr double kRunningStartPhase = 0.42;

State running_start_state(const Model& model, const TrackingController& controller, const Ground& ground,
                          double phase, double clearance_m);

}  // namespace strider
