#pragma once
// Muscle paths: length, lengthening velocity and moment arms from the current pose.
//
// The path is the chain of straight segments through its active points. For a joint coordinate
// q_c with world axis a_c through joint centre J_c, a point X on a body downstream of that joint
// moves as ∂X/∂q_c = a_c × (X − J_c). The moment arm is r_c = −∂l/∂q_c
// = −Σ_segments e·(∂Q/∂q_c − ∂P/∂q_c) with e the unit vector from P to Q, so that a shortening
// muscle does positive work: τ_c = r_c·F and τ·q̇ = −F·dl/dt. The lengthening velocity is
// dl/dt = −Σ_c r_c·q̇_c over the coordinates the muscle crosses.
#include <vector>

#include "core/math.hpp"
#include "dynamics/kinematics.hpp"
#include "model/model.hpp"

namespace strider {

// (frames, coordinate axes, q, v) => lengths, velocities and the moment-arm matrix
// (muscles × joint coordinates; zero for coordinates a muscle does not cross).
void compute_muscle_paths(const Model& model, const std::vector<BodyFrame>& frames,
                          const Eigen::Matrix3Xd& axes_W, const VecX& q, const VecX& v,
                          VecX& length_m, VecX& velocity_mps, Eigen::MatrixXd& moment_arm_m);

// World positions of a muscle's active path points at the pose (for drawing).
void muscle_path_points(const Model& model, const std::vector<BodyFrame>& frames, const VecX& q,
                        int muscle, std::vector<Vec3>& points_W);

// A conditional path point that switches on or off away from the straight path between its
// neighbours makes the muscle's length jump there, and the tendon takes the whole jump at once.
// One such switch: the length with the point minus without it, at the switching angle with
// every other coordinate at zero.
struct PathSwitchJump {
  int muscle = -1;         // index in model.muscles
  int point = -1;          // index in its path
  int coordinate = -1;     // the coordinate that switches it
  double angle_rad = 0.0;  // where it switches (a bound of its range inside the coordinate's)
  double jump_m = 0.0;
};
// Every switch of every muscle's conditional points whose jump exceeds `min_jump_m`. Not for the
// simulation step (it allocates).
std::vector<PathSwitchJump> conditional_switch_jumps(const Model& model, double min_jump_m);

// The coordinates whose motion can change a path through `path` (for the loader).
std::vector<int> crossed_coordinates(const Model& model, const std::vector<PathPoint>& path);

}  // namespace strider
