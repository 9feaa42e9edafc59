#include "analysis/opensim_pose.hpp"

#include <map>

#include "core/error.hpp"

namespace strider {

namespace {
struct Mapping {
  const char* ours;
  const char* opensim;
  double sign;
};
// The same names on both sides, with _r/_l, and the sign between them.
const Mapping kMappings[] = {
    {"lumbar_flexion", "lumbar_extension", -1.0},  {"lumbar_bending", "lumbar_bending", 1.0},
    {"lumbar_rotation", "lumbar_rotation", 1.0},   {"hip_flexion_r", "hip_flexion_r", 1.0},
    {"hip_abduction_r", "hip_adduction_r", -1.0},  {"hip_rotation_r", "hip_rotation_r", 1.0},
    {"knee_flexion_r", "knee_angle_r", -1.0},      {"ankle_dorsiflexion_r", "ankle_angle_r", 1.0},
    {"ankle_inversion_r", "subtalar_angle_r", 1.0}, {"hip_flexion_l", "hip_flexion_l", 1.0},
    {"hip_abduction_l", "hip_adduction_l", -1.0},  {"hip_rotation_l", "hip_rotation_l", 1.0},
    {"knee_flexion_l", "knee_angle_l", -1.0},      {"ankle_dorsiflexion_l", "ankle_angle_l", 1.0},
    {"ankle_inversion_l", "subtalar_angle_l", 1.0}, {"shoulder_flexion_r", "arm_flex_r", 1.0},
    {"shoulder_abduction_r", "arm_add_r", -1.0},   {"shoulder_rotation_r", "arm_rot_r", 1.0},
    {"elbow_flexion_r", "elbow_flex_r", 1.0},      {"shoulder_flexion_l", "arm_flex_l", 1.0},
    {"shoulder_abduction_l", "arm_add_l", -1.0},   {"shoulder_rotation_l", "arm_rot_l", 1.0},
    {"elbow_flexion_l", "elbow_flex_l", 1.0},
};
const Vec3 kHipMidInPelvis(-0.0707, -0.0661, 0.0);  // Hamner 2010 model, OpenSim axes
}  // namespace

VecX pose_from_opensim(const Model& model, const OpenSimTable& ik, double t) {
  const double angle_scale = ik.in_degrees ? kPi / 180.0 : 1.0;
  auto value = [&](const char* name) {
    const int c = ik.column(name);
    return c < 0 ? 0.0 : ik.at(c, t);
  };
  for (const char* required : {"pelvis_tx", "pelvis_ty", "pelvis_tilt"}) {
    if (ik.column(required) < 0) {
      throw InputError(ik.path, required, "column missing", "give an inverse-kinematics table with pelvis coordinates");
    }
  }
  VecX q = model.zero_q();
  const double tilt = value("pelvis_tilt") * angle_scale;
  const double list = value("pelvis_list") * angle_scale;
  const double rotation = value("pelvis_rotation") * angle_scale;
  const Mat3 R_os = axis_angle(Vec3::UnitZ(), tilt) * axis_angle(Vec3::UnitX(), list) * axis_angle(Vec3::UnitY(), rotation);
  const Vec3 origin_os = Vec3(value("pelvis_tx"), value("pelvis_ty"), value("pelvis_tz")) + R_os * kHipMidInPelvis;
  Mat3 M;
  M << 1, 0, 0, 0, 0, -1, 0, 1, 0;
  const Mat3 R = M * R_os * M.transpose();
  const Vec3 origin = M * origin_os;
  if (model.root_type() == JointType::Free) {
    q.segment<3>(0) = origin;
    const Quat quat(R);
    q[3] = quat.w();
    q[4] = quat.x();
    q[5] = quat.y();
    q[6] = quat.z();
  } else if (model.root_type() == JointType::Planar) {
    q[0] = origin.x();
    q[1] = origin.z();
    // Our pitch about +y is OpenSim's tilt about +z with the opposite sense (+z maps to −y).
    q[2] = -tilt;
  }
  for (const auto& m : kMappings) {
    const int c = model.coordinate_index(m.ours);
    if (c < 0 || ik.column(m.opensim) < 0) continue;
    q[model.root_q_size() + c] = m.sign * value(m.opensim) * angle_scale;
  }
  return q;
}

}  // namespace strider
