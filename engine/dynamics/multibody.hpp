#pragma once
// The articulated-body dynamics of one simulation: Bullet's btMultiBody (Featherstone), in double
// precision, stepped directly without a dynamics world:
//   set state → clear forces → add gravity, contact, passive and muscle loads → ABA
//   accelerations (computeAccelerationsArticulatedBodyAlgorithmMultiDof with dt = 0).
// Bullet's hidden link damping and joint-velocity clamp are switched off, and sleeping too.
//
// Integration is ours (Simulation); Bullet supplies only the forward dynamics.
//
// One Multibody belongs to one simulation (one thread). It allocates only when built.
#include <memory>
#include <vector>

#include "core/math.hpp"
#include "dynamics/kinematics.hpp"
#include "model/model.hpp"

class btMultiBody;
template <typename T>
class btAlignedObjectArray;

namespace strider {

class Multibody {
 public:
  explicit Multibody(const Model& model);
  ~Multibody();
  Multibody(const Multibody&) = delete;
  Multibody& operator=(const Multibody&) = delete;

  // (q, v) => Bullet's internal state.
  void set_state(const VecX& q, const VecX& v);
  // Bullet's internal state => (q, v). The root quaternion is normalized.
  void get_state(VecX& q, VecX& v) const;

  void clear_loads();
  // A force applied at a world point of a body (needs that body's current COM).
  void add_force(int body, const Vec3& force_W, const Vec3& p_W, const BodyFrame& frame);
  // A pure moment on a body (world frame).
  void add_body_torque(int body, const Vec3& torque_W);
  // Gravity on every body.
  void add_gravity();
  // Generalized force on a joint coordinate (index into Model::coordinates).
  void add_coordinate_torque(int coordinate, double torque_nm);

  // Generalized accelerations (layout of v) at the state last passed to set_state(), under the
  // loads added since clear_loads(): Bullet's articulated-body algorithm, no integration.
  void accelerations(VecX& vdot);

  // For tests: Bullet's own world position of a body's centre of mass.
  Vec3 bullet_com_position(int body) const;

 private:
  struct Scratch;
  const Model& model_;
  std::unique_ptr<btMultiBody> mb_;
  std::unique_ptr<Scratch> scratch_;
  std::vector<int> body_link_;        // Bullet link of each body (-1 = base)
  std::vector<int> coordinate_link_;  // Bullet link of each joint coordinate
  std::vector<int> root_links_;       // planar root: links for x, z, pitch
};

}  // namespace strider
