#include "dynamics/multibody.hpp"

#include <BulletDynamics/Featherstone/btMultiBody.h>
#include <BulletDynamics/Featherstone/btMultiBodyLink.h>

namespace strider {

namespace {
btVector3 bt(const Vec3& v) { return btVector3(v.x(), v.y(), v.z()); }
Vec3 eig(const btVector3& v) { return Vec3(v.x(), v.y(), v.z()); }

// Bullet link count: a revolute link per joint coordinate, one fixed link per fixed joint,
// and three links (x, z, pitch) for a planar root.
int count_links(const Model& model) {
  int n = 0;
  for (std::size_t i = 0; i < model.bodies.size(); ++i) {
    const Body& b = model.bodies[i];
    if (b.parent < 0) {
      if (b.joint.type == JointType::Planar) n += 3;
    } else {
      n += b.joint.type == JointType::Fixed ? 1 : b.joint.coordinate_count;
    }
  }
  return n;
}
}  // namespace

struct Multibody::Scratch {
  btAlignedObjectArray<btScalar> r;
  btAlignedObjectArray<btVector3> v;
  btAlignedObjectArray<btMatrix3x3> m;
};

Multibody::Multibody(const Model& model) : model_(model), scratch_(std::make_unique<Scratch>()) {
  const Body& root = model.bodies.front();
  const int n_links = count_links(model);
  const bool fixed_base = root.joint.type != JointType::Free;
  const bool root_is_base = root.joint.type != JointType::Planar;
  // A planar root hangs its pelvis off a fixed, massless-in-effect base by x, z and pitch links.
  mb_ = std::make_unique<btMultiBody>(n_links, root_is_base ? root.mass_kg : 1.0,
                                      root_is_base ? bt(root.inertia_kgm2) : btVector3(1, 1, 1),
                                      fixed_base, false);
  mb_->setLinearDamping(0.0);
  mb_->setAngularDamping(0.0);
  mb_->setMaxCoordinateVelocity(1e30);
  mb_->setCanSleep(false);
  mb_->setUseGyroTerm(true);
  mb_->setHasSelfCollision(false);

  const btQuaternion identity(0, 0, 0, 1);
  body_link_.assign(model.bodies.size(), -1);
  coordinate_link_.assign(model.coordinates.size(), -1);
  int link = 0;
  for (std::size_t i = 0; i < model.bodies.size(); ++i) {
    const Body& b = model.bodies[i];
    if (b.parent < 0) {
      if (b.joint.type == JointType::Planar) {
        const btVector3 zero(0, 0, 0);
        mb_->setupPrismatic(link, 0.0, zero, -1, identity, btVector3(1, 0, 0), zero, zero, true);
        mb_->setupPrismatic(link + 1, 0.0, zero, link, identity, btVector3(0, 0, 1), zero, zero, true);
        mb_->setupRevolute(link + 2, b.mass_kg, bt(b.inertia_kgm2), link + 1, identity,
                           btVector3(0, 1, 0), zero, bt(b.com_m), true);
        root_links_ = {link, link + 1, link + 2};
        body_link_[i] = link + 2;
        link += 3;
      } else if (b.joint.type == JointType::Fixed) {
        mb_->setBasePos(bt(b.joint.location_m + b.com_m));
      }
      continue;
    }
    const Body& parent = model.bodies[b.parent];
    const int parent_link = body_link_[b.parent];
    const Vec3 parent_com_to_pivot = b.joint.location_m - parent.com_m;
    if (b.joint.type == JointType::Fixed) {
      mb_->setupFixed(link, b.mass_kg, bt(b.inertia_kgm2), parent_link, identity,
                      bt(parent_com_to_pivot), bt(b.com_m), true);
      body_link_[i] = link++;
      continue;
    }
    // A chain of revolute links; only the last one carries the body's mass. The intermediate
    // links are massless and sit at the joint centre.
    int parent_of_next = parent_link;
    for (int k = 0; k < b.joint.coordinate_count; ++k) {
      const int c = b.joint.first_coordinate + k;
      const bool last = k + 1 == b.joint.coordinate_count;
      const Vec3 offset = k == 0 ? parent_com_to_pivot : Vec3::Zero();
      mb_->setupRevolute(link, last ? b.mass_kg : 0.0, last ? bt(b.inertia_kgm2) : btVector3(0, 0, 0),
                         parent_of_next, identity, bt(model.coordinates[c].axis), bt(offset),
                         last ? bt(b.com_m) : btVector3(0, 0, 0), true);
      coordinate_link_[c] = link;
      parent_of_next = link;
      ++link;
    }
    body_link_[i] = parent_of_next;
  }
  mb_->finalizeMultiDof();
  set_state(model.zero_q(), VecX::Zero(model.nv()));
}

Multibody::~Multibody() = default;

void Multibody::set_state(const VecX& q, const VecX& v) {
  const Body& root = model_.bodies.front();
  const int q0 = model_.root_q_size();
  const int v0 = model_.root_v_size();
  if (root.joint.type == JointType::Free) {
    const Quat quat = root_quaternion(q);
    const Mat3 R = quat.toRotationMatrix();
    const Vec3 r_com = R * root.com_m;
    const Vec3 w = v.segment<3>(3);
    mb_->setBasePos(bt(q.segment<3>(0) + r_com));
    // Bullet stores the world-to-base rotation, the inverse of the body's orientation.
    mb_->setWorldToBaseRot(btQuaternion(-quat.x(), -quat.y(), -quat.z(), quat.w()));
    mb_->setBaseVel(bt(v.segment<3>(0) + w.cross(r_com)));
    mb_->setBaseOmega(bt(w));
  } else if (root.joint.type == JointType::Planar) {
    for (int k = 0; k < 3; ++k) {
      mb_->setJointPos(root_links_[k], q[k]);
      mb_->setJointVel(root_links_[k], v[k]);
    }
  }
  for (std::size_t c = 0; c < model_.coordinates.size(); ++c) {
    mb_->setJointPos(coordinate_link_[c], q[q0 + static_cast<int>(c)]);
    mb_->setJointVel(coordinate_link_[c], v[v0 + static_cast<int>(c)]);
  }
}

void Multibody::get_state(VecX& q, VecX& v) const {
  const Body& root = model_.bodies.front();
  const int q0 = model_.root_q_size();
  const int v0 = model_.root_v_size();
  if (root.joint.type == JointType::Free) {
    const btQuaternion& w2b = mb_->getWorldToBaseRot();
    Quat quat(w2b.w(), -w2b.x(), -w2b.y(), -w2b.z());
    quat.normalize();
    const Mat3 R = quat.toRotationMatrix();
    const Vec3 r_com = R * root.com_m;
    const Vec3 w = eig(mb_->getBaseOmega());
    q.segment<3>(0) = eig(mb_->getBasePos()) - r_com;
    q[3] = quat.w();
    q[4] = quat.x();
    q[5] = quat.y();
    q[6] = quat.z();
    v.segment<3>(0) = eig(mb_->getBaseVel()) - w.cross(r_com);
    v.segment<3>(3) = w;
  } else if (root.joint.type == JointType::Planar) {
    for (int k = 0; k < 3; ++k) {
      q[k] = mb_->getJointPos(root_links_[k]);
      v[k] = mb_->getJointVel(root_links_[k]);
    }
  }
  for (std::size_t c = 0; c < model_.coordinates.size(); ++c) {
    q[q0 + static_cast<int>(c)] = mb_->getJointPos(coordinate_link_[c]);
    v[v0 + static_cast<int>(c)] = mb_->getJointVel(coordinate_link_[c]);
  }
}

void Multibody::clear_loads() { mb_->clearForcesAndTorques(); }

void Multibody::add_force(int body, const Vec3& force_W, const Vec3& p_W, const BodyFrame& frame) {
  const int link = body_link_[body];
  const Vec3 torque = (p_W - frame.p_WCom).cross(force_W);
  if (link < 0) {
    mb_->addBaseForce(bt(force_W));
    mb_->addBaseTorque(bt(torque));
  } else {
    mb_->addLinkForce(link, bt(force_W));
    mb_->addLinkTorque(link, bt(torque));
  }
}

void Multibody::add_body_torque(int body, const Vec3& torque_W) {
  const int link = body_link_[body];
  if (link < 0) {
    mb_->addBaseTorque(bt(torque_W));
  } else {
    mb_->addLinkTorque(link, bt(torque_W));
  }
}

void Multibody::add_gravity() {
  for (std::size_t i = 0; i < model_.bodies.size(); ++i) {
    const btVector3 weight = bt(model_.bodies[i].mass_kg * model_.gravity_mps2);
    const int link = body_link_[i];
    if (link < 0) {
      mb_->addBaseForce(weight);
    } else {
      mb_->addLinkForce(link, weight);
    }
  }
}

void Multibody::add_coordinate_torque(int coordinate, double torque_nm) {
  mb_->addJointTorque(coordinate_link_[coordinate], torque_nm);
}

void Multibody::accelerations(VecX& vdot) {
  // With dt = 0 Bullet leaves the velocities alone; the accelerations stay in scratch_r from
  // index getNumDofs(): [base angular (world), base linear (world), joint accelerations].
  mb_->computeAccelerationsArticulatedBodyAlgorithmMultiDof(0.0, scratch_->r, scratch_->v,
                                                            scratch_->m, false, false, false);
  const btScalar* out = &scratch_->r[mb_->getNumDofs()];
  const btScalar* joint_accel = out + 6;
  const Body& root = model_.bodies.front();
  const int v0 = model_.root_v_size();
  if (root.joint.type == JointType::Free) {
    // Bullet's base output is the world acceleration of the base COM (the free-fall test with
    // spin checks this). Move it to the pelvis frame origin: a_O = a_com - wdot x r - w x (w x r).
    const Vec3 w = eig(mb_->getBaseOmega());
    const Vec3 wdot(out[0], out[1], out[2]);
    const Vec3 a_com(out[3], out[4], out[5]);
    const btQuaternion& w2b = mb_->getWorldToBaseRot();
    const Vec3 r = Quat(w2b.w(), -w2b.x(), -w2b.y(), -w2b.z()).normalized() * root.com_m;
    vdot.segment<3>(0) = a_com - wdot.cross(r) - w.cross(w.cross(r));
    vdot.segment<3>(3) = wdot;
  } else if (root.joint.type == JointType::Planar) {
    for (int k = 0; k < 3; ++k) vdot[k] = joint_accel[mb_->getLink(root_links_[k]).m_dofOffset];
  }
  for (std::size_t c = 0; c < model_.coordinates.size(); ++c) {
    vdot[v0 + static_cast<int>(c)] = joint_accel[mb_->getLink(coordinate_link_[c]).m_dofOffset];
  }
}

Vec3 Multibody::bullet_com_position(int body) const {
  const int link = body_link_[body];
  if (link < 0) return eig(mb_->getBasePos());
  btAlignedObjectArray<btQuaternion> world_to_local;
  btAlignedObjectArray<btVector3> local_origin;
  const_cast<btMultiBody*>(mb_.get())->forwardKinematics(world_to_local, local_origin);
  return eig(local_origin[link + 1]);
}

}  // namespace strider
