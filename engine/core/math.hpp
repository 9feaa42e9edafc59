#pragma once
// Eigen types used across the engine. All quantities are SI; angles are radians.
#include <Eigen/Core>
#include <Eigen/Geometry>

namespace strider {

using Vec3 = Eigen::Vector3d;
using Mat3 = Eigen::Matrix3d;
using Quat = Eigen::Quaterniond;
using VecX = Eigen::VectorXd;

inline constexpr double kPi = 3.14159265358979323846;
inline constexpr double deg_to_rad(double deg) { return deg * kPi / 180.0; }
inline constexpr double rad_to_deg(double rad) { return rad * 180.0 / kPi; }

// Rotation by `angle_rad` about the unit vector `axis` (right-hand rule).
inline Mat3 axis_angle(const Vec3& axis, double angle_rad) {
  return Eigen::AngleAxisd(angle_rad, axis).toRotationMatrix();
}

}  // namespace strider
