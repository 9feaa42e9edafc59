#include "model/model.hpp"

namespace strider {

const char* joint_type_name(JointType type) {
  switch (type) {
    case JointType::Free: return "free";
    case JointType::Planar: return "planar";
    case JointType::Fixed: return "fixed";
    case JointType::Hinge: return "hinge";
    case JointType::Universal: return "universal";
    case JointType::Gimbal: return "gimbal";
  }
  return "?";
}

int joint_coordinate_count(JointType type) {
  switch (type) {
    case JointType::Hinge: return 1;
    case JointType::Universal: return 2;
    case JointType::Gimbal: return 3;
    default: return 0;
  }
}

int Model::root_q_size() const {
  switch (root_type()) {
    case JointType::Free: return 7;
    case JointType::Planar: return 3;
    default: return 0;
  }
}

int Model::root_v_size() const {
  switch (root_type()) {
    case JointType::Free: return 6;
    case JointType::Planar: return 3;
    default: return 0;
  }
}

double Model::total_mass_kg() const {
  double m = 0.0;
  for (const auto& b : bodies) m += b.mass_kg;
  return m;
}

namespace {
std::vector<int> bodies_named(const Model& model, std::initializer_list<const char*> prefixes) {
  std::vector<int> out;
  for (std::size_t i = 0; i < model.bodies.size(); ++i) {
    for (const char* prefix : prefixes) {
      if (model.bodies[i].name.rfind(prefix, 0) == 0) {
        out.push_back(static_cast<int>(i));
        break;
      }
    }
  }
  return out;
}
}  // namespace

std::vector<int> Model::arm_bodies() const { return bodies_named(*this, {"upper_arm", "forearm", "hand"}); }
std::vector<int> Model::leg_bodies() const { return bodies_named(*this, {"thigh", "shank", "foot", "toes"}); }

int Model::body_index(const std::string& body_name) const {
  for (std::size_t i = 0; i < bodies.size(); ++i)
    if (bodies[i].name == body_name) return static_cast<int>(i);
  return -1;
}

int Model::coordinate_index(const std::string& coordinate_name) const {
  for (std::size_t i = 0; i < coordinates.size(); ++i)
    if (coordinates[i].name == coordinate_name) return static_cast<int>(i);
  return -1;
}

int Model::muscle_group_index(const std::string& group_name) const {
  for (std::size_t i = 0; i < muscle_groups.size(); ++i)
    if (muscle_groups[i].name == group_name) return static_cast<int>(i);
  return -1;
}

std::vector<std::string> Model::q_names() const {
  std::vector<std::string> names;
  const std::string root = bodies.front().name;
  if (root_type() == JointType::Free) {
    for (const char* s : {"_x", "_y", "_z", "_qw", "_qx", "_qy", "_qz"}) names.push_back(root + s);
  } else if (root_type() == JointType::Planar) {
    for (const char* s : {"_x", "_z", "_pitch"}) names.push_back(root + s);
  }
  for (const auto& c : coordinates) names.push_back(c.name);
  return names;
}

std::vector<std::string> Model::v_names() const {
  std::vector<std::string> names;
  const std::string root = bodies.front().name;
  if (root_type() == JointType::Free) {
    for (const char* s : {"_vx", "_vy", "_vz", "_wx", "_wy", "_wz"}) names.push_back(root + s);
  } else if (root_type() == JointType::Planar) {
    for (const char* s : {"_vx", "_vz", "_pitch_rate"}) names.push_back(root + s);
  }
  for (const auto& c : coordinates) names.push_back(c.name + "_rate");
  return names;
}

std::vector<std::string> Model::q_units() const {
  std::vector<std::string> units;
  if (root_type() == JointType::Free) {
    units = {"m", "m", "m", "1", "1", "1", "1"};
  } else if (root_type() == JointType::Planar) {
    units = {"m", "m", "rad"};
  }
  units.insert(units.end(), coordinates.size(), "rad");
  return units;
}

std::vector<std::string> Model::v_units() const {
  std::vector<std::string> units;
  if (root_type() == JointType::Free) {
    units = {"m/s", "m/s", "m/s", "rad/s", "rad/s", "rad/s"};
  } else if (root_type() == JointType::Planar) {
    units = {"m/s", "m/s", "rad/s"};
  }
  units.insert(units.end(), coordinates.size(), "rad/s");
  return units;
}

VecX Model::zero_q() const {
  VecX q = VecX::Zero(nq());
  if (root_type() == JointType::Free) q[3] = 1.0;  // identity quaternion (w first)
  return q;
}

}  // namespace strider
