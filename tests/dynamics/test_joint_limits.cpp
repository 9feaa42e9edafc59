#include <gtest/gtest.h>

#include "dynamics/joint_limits.hpp"

namespace strider {

TEST(JointLimits, ZeroInsideSpringAndDamperOutside) {
  Coordinate c;
  c.limited = true;
  c.min_rad = -0.5;
  c.max_rad = 1.0;
  c.limit_stiffness_nm_per_rad = 200.0;
  c.limit_damping_nms_per_rad = 2.0;
  c.limit_transition_rad = 0.1;
  EXPECT_EQ(joint_limit_torque_nm(c, 0.3, 5.0), 0.0);
  // 0.05 rad past the upper limit: spring 200·0.05 = 10 N·m back, damping ramped to half.
  EXPECT_NEAR(joint_limit_torque_nm(c, 1.05, 0.0), -10.0, 1e-12);
  EXPECT_NEAR(joint_limit_torque_nm(c, 1.05, 1.0), -10.0 - 2.0 * 0.5 * 1.0, 1e-12);
  EXPECT_NEAR(joint_limit_torque_nm(c, -0.7, -1.0), 200.0 * 0.2 + 2.0, 1e-12);
  c.limited = false;
  EXPECT_EQ(joint_limit_torque_nm(c, 5.0, 1.0), 0.0);
}

}  // namespace strider
