#pragma once
// Poses from OpenSim inverse-kinematics tables of the gait2392 / Hamner 2010 lineage, mapped to
// Strider's runner models (frames and signs in DESIGN.md, Conventions):
//   - OpenSim's lab frame (x forward, y up, z right) maps to ours by (x, y, z) -> (x, −z, y);
//   - the pelvis orientation is Rz(tilt)·Rx(list)·Ry(rotation) in OpenSim axes; its frame
//     origin (sacrum) is moved to our pelvis origin, the hip centres' midpoint, at
//     (−0.0707, −0.0661, 0) in the pelvis (Hamner 2010 model);
//   - knee flexion = −knee_angle, lumbar flexion = −lumbar_extension, hip and shoulder
//     abduction = −adduction; all other angles keep their sign. The oblique OpenSim ankle,
//     subtalar and elbow axes are taken as our anatomical axes.
// Coordinates the table lacks stay at zero.
#include "io/opensim_table.hpp"
#include "model/model.hpp"

namespace strider {

// q (Strider layout) at time t from an inverse-kinematics table.
VecX pose_from_opensim(const Model& model, const OpenSimTable& ik, double time_s);

// An OpenSim lab-frame vector in Strider's world frame.
inline Vec3 from_opensim_frame(const Vec3& v) { return Vec3(v.x(), -v.z(), v.y()); }

}  // namespace strider
