#pragma once
// Fall detection. A fall is a result, never hidden: the run ends and the output says
// `fell: true` with the time.
#include "contact/ground.hpp"
#include "model/model.hpp"
#include "sim/workspace.hpp"

namespace strider {

// The root (pelvis) frame origin, measured along the ground normal, below this fraction of body
// height counts as a fall. Standing puts the hip centres at about 0.53 H and running keeps them
// above about 0.48 H (Hamner 2010 data: pelvis excursion about 8 cm); 0.40 H is clearly down.
inline constexpr double kFallPelvisHeightFraction = 0.40;

inline bool has_fallen(const Model& model, const Ground& ground, const Workspace& ws) {
  if (model.root_type() == JointType::Fixed || model.body_height_m <= 0.0) return false;
  return ground.height_m(ws.frames.front().p_WB) < kFallPelvisHeightFraction * model.body_height_m;
}

}  // namespace strider
