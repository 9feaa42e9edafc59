#pragma once
// The Model: everything about a body that does not change during a run. Built once by the
// loader (scaled to the scenario's body mass and height) and then shared read-only by every
// simulation and thread.
//
// Frames: every body has a frame whose origin is its joint centre (proximal joint). In the
// model's zero pose all body frames are parallel to the world frame: x forward, y left, z up.
// Generalized coordinates q and velocities v are laid out as:
//   root free   : q = [x y z  qw qx qy qz | joints],  v = [vx vy vz  wx wy wz | joint rates]
//                 (pelvis frame origin and orientation in world; velocities in world frame)
//   root planar : q = [x z pitch | joints],            v = [vx vz pitch_rate | joint rates]
//   root fixed  : q = [joints],                        v = [joint rates]
#include <string>
#include <vector>

#include "core/math.hpp"
#include "muscle/fatigue.hpp"
#include "muscle/muscle_tendon.hpp"

namespace strider {

enum class JointType { Free, Planar, Fixed, Hinge, Universal, Gimbal };

const char* joint_type_name(JointType type);
// Number of joint coordinates a joint type owns (root types own none: their coordinates are
// the root block of q).
int joint_coordinate_count(JointType type);

// One rotational degree of freedom of a hinge, universal or gimbal joint.
struct Coordinate {
  std::string name;
  int body = -1;            // the body this coordinate moves
  Vec3 axis{0, 0, 1};       // unit axis in the child frame after the preceding rotations
  bool limited = true;
  double min_rad = 0.0;     // passive limit range
  double max_rad = 0.0;
  double limit_stiffness_nm_per_rad = 0.0;
  double limit_damping_nms_per_rad = 0.0;
  double limit_transition_rad = 0.0;  // damping ramps in over this depth past the limit
};

struct Geometry {
  enum class Kind { Capsule, Sphere, Box };
  Kind kind = Kind::Capsule;
  Vec3 from_m = Vec3::Zero();  // capsule end points, or sphere/box centre (from_m)
  Vec3 to_m = Vec3::Zero();
  double radius_m = 0.0;
  Vec3 size_m = Vec3::Zero();  // box full extents
};

struct ContactSphere {
  std::string name;
  int body = -1;
  Vec3 center_m = Vec3::Zero();  // in the body frame
  double radius_m = 0.0;
};

// Ground contact law parameters (Hunt–Crossley normal force, elastic-plastic Coulomb friction).
struct ContactParameters {
  double stiffness_pa = 2e6;               // E in (4/3)·E·sqrt(R)·δ^1.5 (SCONE H0918)
  double dissipation_s_per_m = 1.0;        // c in (1 + 1.5·c·δ̇) (SCONE H0918)
  double friction_static = 0.9;            // SCONE H0918
  double friction_dynamic = 0.8;           // SCONE H0918
  double tangential_stiffness_n_per_m = 5e4;  // stick-phase spring (chosen, see docs/physics.md)
  double tangential_damping_ns_per_m = 300;   // stick-phase damper (chosen)
};

struct Joint {
  JointType type = JointType::Fixed;
  Vec3 location_m = Vec3::Zero();  // joint centre in the parent frame (in world for the root)
  int first_coordinate = -1;       // index into Model::coordinates
  int coordinate_count = 0;
};

struct Body {
  std::string name;
  int parent = -1;
  double mass_kg = 0.0;
  Vec3 com_m = Vec3::Zero();          // centre of mass in the body frame
  Vec3 inertia_kgm2 = Vec3::Zero();   // principal moments about the COM, along body axes
  Joint joint;
  std::vector<Geometry> geometry;
};

// A point of a muscle path, fixed on a body. A conditional point (a "via" that only exists over
// part of a joint's range, e.g. the patella over a flexed knee) is active while its coordinate
// lies inside [min, max].
// A moving point (like a patella riding over a flexing knee) has its body-frame location
// interpolated linearly from a table over one coordinate's angle; past the table's ends it stays
// at the end values.
struct PathPoint {
  int body = -1;
  Vec3 point_m = Vec3::Zero();   // in the body frame
  int condition_coordinate = -1; // -1: always active
  double condition_min_rad = 0.0;
  double condition_max_rad = 0.0;
  int moving_coordinate = -1;    // -1: fixed at point_m
  std::vector<double> moving_angles_rad;  // increasing
  std::vector<Vec3> moving_points_m;      // location at each angle, in the body frame
};

struct Muscle {
  std::string name;
  std::vector<int> groups;            // indices into Model::muscle_groups ("all" included)
  MuscleTendonParameters mtu;         // F_max already scaled to the body
  double activation_time_s = 0.01;    // REFERENCES.md §5 (OpenSim, SCONE)
  double deactivation_time_s = 0.04;
  double slow_twitch_fraction = 0.5;
  double mass_kg = 0.0;               // from F_max and l_opt (Umberger 2003)
  std::vector<PathPoint> path;        // origin first, insertion last
  std::vector<int> crossed_coordinates;  // joint coordinates whose motion changes the length
  FatigueParameters fatigue;          // from the first of its groups that defines fatigue
};

struct MuscleGroup {
  std::string name;
  bool has_fatigue = false;
  FatigueParameters fatigue;
};

struct Model {
  std::string name;
  std::string source;     // file path the model came from
  std::string yaml_text;  // the model file as read, for provenance
  double body_mass_kg = 0.0;   // what the model was scaled to (total mass)
  double body_height_m = 0.0;
  double mass_scale = 1.0;     // applied scale factors relative to the file's reference body
  double length_scale = 1.0;

  Vec3 gravity_mps2{0, 0, -9.81};
  std::vector<Body> bodies;  // parents always come before children
  std::vector<Coordinate> coordinates;
  std::vector<ContactSphere> contacts;
  ContactParameters contact;
  std::vector<int> contact_bodies;  // bodies that own contact spheres ("feet"), in body order
  std::vector<Muscle> muscles;
  std::vector<MuscleGroup> muscle_groups;  // "all" first
  // For each body, 1 for every joint coordinate between it and the root (its "ancestors").
  std::vector<std::vector<unsigned char>> body_depends_on_coordinate;

  JointType root_type() const { return bodies.front().joint.type; }
  int root_q_size() const;  // 7, 3 or 0
  int root_v_size() const;  // 6, 3 or 0
  int nq() const { return root_q_size() + static_cast<int>(coordinates.size()); }
  int nv() const { return root_v_size() + static_cast<int>(coordinates.size()); }
  double total_mass_kg() const;
  int body_index(const std::string& name) const;        // -1 when absent
  // The bodies of the arms (names starting upper_arm, forearm or hand) and of the legs (thigh,
  // shank, foot or toes), for the limbs' share of the angular momentum.
  std::vector<int> arm_bodies() const;
  std::vector<int> leg_bodies() const;
  int coordinate_index(const std::string& name) const;  // -1 when absent
  int muscle_group_index(const std::string& name) const;  // -1 when absent
  std::vector<std::string> q_names() const;
  std::vector<std::string> v_names() const;
  std::vector<std::string> q_units() const;
  std::vector<std::string> v_units() const;
  // The zero pose: identity root orientation, root at the origin, all joint angles zero.
  VecX zero_q() const;
};

}  // namespace strider
