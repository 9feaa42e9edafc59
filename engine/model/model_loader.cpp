#include "model/model_loader.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <sstream>

#include "core/error.hpp"
#include "core/version.hpp"
#include "io/yaml_reader.hpp"
#include "model/muscle_loader.hpp"

namespace strider {
namespace {

const std::vector<std::string> kJointTypes = {"free", "planar", "fixed", "hinge", "universal",
                                              "gimbal"};

JointType parse_joint_type(YamlMap& joint) {
  const std::string type = joint.text("type");
  for (std::size_t i = 0; i < kJointTypes.size(); ++i) {
    if (kJointTypes[i] == type) return static_cast<JointType>(i);
  }
  const std::string guess = closest_match(type, kJointTypes);
  joint.fail("type", "unknown joint type '" + type + "'",
             (guess.empty() ? std::string() : "did you mean '" + guess + "'? ") +
                 "use one of free, planar, fixed, hinge, universal, gimbal");
}

bool is_root_type(JointType t) {
  return t == JointType::Free || t == JointType::Planar;
}

double positive(YamlMap& map, const std::string& key, double scale) {
  const double v = map.number(key);
  if (!(v > 0.0)) map.fail(key, "must be positive, got " + std::to_string(v), "give a value > 0");
  return v * scale;
}

Geometry parse_geometry(YamlMap& entry, double length_scale) {
  Geometry g;
  int kinds = 0;
  if (auto capsule = entry.optional_map("capsule")) {
    ++kinds;
    g.kind = Geometry::Kind::Capsule;
    g.from_m = capsule->vec3("from_m") * length_scale;
    g.to_m = capsule->vec3("to_m") * length_scale;
    g.radius_m = positive(*capsule, "radius_m", length_scale);
    capsule->finish();
  }
  if (auto sphere = entry.optional_map("sphere")) {
    ++kinds;
    g.kind = Geometry::Kind::Sphere;
    g.from_m = sphere->vec3("center_m") * length_scale;
    g.radius_m = positive(*sphere, "radius_m", length_scale);
    sphere->finish();
  }
  if (auto box = entry.optional_map("box")) {
    ++kinds;
    g.kind = Geometry::Kind::Box;
    g.from_m = box->vec3("center_m") * length_scale;
    g.size_m = box->vec3("size_m") * length_scale;
    if (g.size_m.minCoeff() <= 0) box->fail("size_m", "extents must be positive", "give sizes > 0");
    box->finish();
  }
  if (kinds != 1) {
    entry.fail("", "each geometry entry needs exactly one of capsule, sphere, box",
               "write e.g. `- capsule: {from_m: [0,0,0], to_m: [0,0,-0.4], radius_m: 0.05}`");
  }
  entry.finish();
  return g;
}

struct LimitDefaults {
  double stiffness_nm_per_rad = 200.0;
  double damping_nms_per_rad = 2.0;
  double transition_rad = deg_to_rad(5.0);
};

void parse_coordinates(YamlMap& joint, int body_index, const LimitDefaults& limits, Model& model) {
  auto list = joint.map_list("coordinates", true);
  const int expected = joint_coordinate_count(model.bodies[body_index].joint.type);
  if (static_cast<int>(list.size()) != expected) {
    joint.fail("coordinates",
               "a " + std::string(joint_type_name(model.bodies[body_index].joint.type)) +
                   " joint needs " + std::to_string(expected) + " coordinate(s), got " +
                   std::to_string(list.size()),
               "list exactly " + std::to_string(expected) + " coordinate(s)");
  }
  model.bodies[body_index].joint.first_coordinate = static_cast<int>(model.coordinates.size());
  model.bodies[body_index].joint.coordinate_count = expected;
  for (auto& entry : list) {
    Coordinate c;
    c.name = entry.text("name");
    if (model.coordinate_index(c.name) >= 0) {
      entry.fail("name", "duplicate coordinate name '" + c.name + "'", "give each coordinate a unique name");
    }
    c.body = body_index;
    const Vec3 axis = entry.vec3("axis");
    if (axis.norm() < 1e-9) entry.fail("axis", "axis must not be zero", "give a direction, e.g. [0, 1, 0]");
    c.axis = axis.normalized();
    if (entry.has("range_deg")) {
      const auto range = entry.numbers("range_deg", 2);
      if (!(range[0] < range[1])) {
        entry.fail("range_deg", "lower limit must be below the upper limit", "write [min, max]");
      }
      c.limited = true;
      c.min_rad = deg_to_rad(range[0]);
      c.max_rad = deg_to_rad(range[1]);
    } else {
      c.limited = false;
    }
    c.limit_stiffness_nm_per_rad = entry.number("limit_stiffness_nm_per_rad", limits.stiffness_nm_per_rad);
    c.limit_damping_nms_per_rad = entry.number("limit_damping_nms_per_rad", limits.damping_nms_per_rad);
    if (c.limit_stiffness_nm_per_rad < 0 || c.limit_damping_nms_per_rad < 0) {
      entry.fail("limit_stiffness_nm_per_rad", "limit stiffness and damping must not be negative",
                 "give values >= 0");
    }
    c.limit_transition_rad = limits.transition_rad;
    entry.finish();
    model.coordinates.push_back(c);
  }
}

void parse_body(YamlMap& entry, const LimitDefaults& limits, double mass_scale, double length_scale,
                Model& model) {
  Body body;
  body.name = entry.text("name");
  if (model.body_index(body.name) >= 0) {
    entry.fail("name", "duplicate body name '" + body.name + "'", "give each body a unique name");
  }
  const bool is_first = model.bodies.empty();
  if (entry.has("parent")) {
    const std::string parent = entry.text("parent");
    body.parent = model.body_index(parent);
    if (body.parent < 0) {
      entry.fail("parent", "parent body '" + parent + "' not found",
                 "name a body listed above this one (parents come before children)");
    }
  } else if (!is_first) {
    entry.fail("parent", "missing required key", "name the parent body; only the first body is the root");
  }
  const double mass = entry.number("mass_kg");
  if (!(mass > 0.0)) {
    entry.fail("mass_kg", "mass must be positive, got " + std::to_string(mass), "give a mass > 0 kg");
  }
  body.mass_kg = mass * mass_scale;
  body.com_m = entry.vec3("com_m", Vec3::Zero()) * length_scale;
  const Vec3 inertia = entry.vec3("inertia_kgm2");
  if (inertia.minCoeff() <= 0.0) {
    entry.fail("inertia_kgm2", "principal moments must be positive", "give three values > 0");
  }
  for (int i = 0; i < 3; ++i) {
    if (inertia[i] > inertia[(i + 1) % 3] + inertia[(i + 2) % 3] + 1e-12) {
      entry.fail("inertia_kgm2", "principal moments violate the triangle inequality",
                 "each moment must not exceed the sum of the other two");
    }
  }
  body.inertia_kgm2 = inertia * mass_scale * length_scale * length_scale;

  YamlMap joint = entry.map("joint");
  model.bodies.push_back(body);
  const int index = static_cast<int>(model.bodies.size()) - 1;
  Body& b = model.bodies.back();
  b.joint.type = parse_joint_type(joint);
  if (is_first && !is_root_type(b.joint.type) && b.joint.type != JointType::Fixed) {
    joint.fail("type", "the first body is the root and needs a free, planar or fixed joint",
               "use type: free (3D), planar (sagittal plane) or fixed (welded to the ground)");
  }
  if (!is_first && is_root_type(b.joint.type)) {
    joint.fail("type", "free and planar joints are allowed only on the first (root) body",
               "use hinge, universal, gimbal or fixed");
  }
  b.joint.location_m = joint.vec3("location_m", Vec3::Zero()) * length_scale;
  if (joint_coordinate_count(b.joint.type) > 0) {
    parse_coordinates(joint, index, limits, model);
  }
  joint.finish();

  for (auto& g : entry.map_list("geometry", false)) {
    model.bodies[index].geometry.push_back(parse_geometry(g, length_scale));
  }
  for (auto& c : entry.map_list("contacts", false)) {
    ContactSphere sphere;
    sphere.name = c.text("name");
    sphere.body = index;
    sphere.center_m = c.vec3("center_m") * length_scale;
    sphere.radius_m = positive(c, "radius_m", length_scale);
    c.finish();
    model.contacts.push_back(sphere);
  }
  entry.finish();
}

}  // namespace

std::string resolve_model_path(const std::string& name_or_path, const std::string& relative_to) {
  namespace fs = std::filesystem;
  if (name_or_path.find('/') == std::string::npos && name_or_path.find(".yaml") == std::string::npos) {
    // A shipped model name: look in $STRIDER_MODEL_DIR, then in the source tree's models/.
    const char* env = std::getenv("STRIDER_MODEL_DIR");
    const fs::path dir = env ? fs::path(env) : fs::path(kSourceDir) / "models";
    return (dir / (name_or_path + ".yaml")).string();
  }
  fs::path p(name_or_path);
  if (p.is_relative() && !relative_to.empty()) p = fs::path(relative_to).parent_path() / p;
  return p.string();
}

Model load_model_file(const std::string& path, const BodyScaling& scaling) {
  return load_model_text(read_text_file(path, "model"), path, scaling);
}

Model load_model_text(const std::string& yaml_text, const std::string& source_name,
                      const BodyScaling& scaling) {
  YAML::Node root_node = parse_yaml(yaml_text, source_name);
  YamlMap top(root_node, source_name, "");
  Model model;
  model.source = source_name;
  model.yaml_text = yaml_text;
  model.name = top.text("name");
  top.text("description", "");

  double reference_mass = 0.0, reference_height = 0.0;
  if (auto ref = top.optional_map("reference")) {
    reference_mass = positive(*ref, "body_mass_kg", 1.0);
    reference_height = positive(*ref, "body_height_m", 1.0);
    ref->finish();
  }
  if (reference_mass > 0.0) {
    if (scaling.body_mass_kg > 0.0) model.mass_scale = scaling.body_mass_kg / reference_mass;
    if (scaling.body_height_m > 0.0) model.length_scale = scaling.body_height_m / reference_height;
  }
  model.gravity_mps2 = top.vec3("gravity_mps2", model.gravity_mps2);

  LimitDefaults limits;
  if (auto lim = top.optional_map("limits")) {
    limits.stiffness_nm_per_rad = lim->number("stiffness_nm_per_rad", limits.stiffness_nm_per_rad);
    limits.damping_nms_per_rad = lim->number("damping_nms_per_rad", limits.damping_nms_per_rad);
    limits.transition_rad = deg_to_rad(lim->number("transition_deg", rad_to_deg(limits.transition_rad)));
    lim->finish();
  }
  if (auto c = top.optional_map("contact")) {
    ContactParameters& p = model.contact;
    p.stiffness_pa = positive(*c, "stiffness_pa", 1.0);
    p.dissipation_s_per_m = c->number_in("dissipation_s_per_m", p.dissipation_s_per_m, 0.0, 100.0);
    p.friction_static = c->number_in("friction_static", p.friction_static, 0.0, 5.0);
    p.friction_dynamic = c->number_in("friction_dynamic", p.friction_dynamic, 0.0, 5.0);
    if (p.friction_dynamic > p.friction_static) {
      c->fail("friction_dynamic", "dynamic friction exceeds static friction",
              "make friction_dynamic <= friction_static");
    }
    p.tangential_stiffness_n_per_m = positive(*c, "tangential_stiffness_n_per_m", 1.0);
    p.tangential_damping_ns_per_m =
        c->number_in("tangential_damping_ns_per_m", p.tangential_damping_ns_per_m, 0.0, 1e6);
    c->finish();
  }

  auto bodies = top.map_list("bodies", true);
  if (bodies.empty()) top.fail("bodies", "the model has no bodies", "list at least one body");
  for (auto& entry : bodies) parse_body(entry, limits, model.mass_scale, model.length_scale, model);
  load_muscles(top, model);
  top.finish();

  for (const auto& c : model.contacts) {
    if (std::find(model.contact_bodies.begin(), model.contact_bodies.end(), c.body) ==
        model.contact_bodies.end()) {
      model.contact_bodies.push_back(c.body);
    }
  }
  std::sort(model.contact_bodies.begin(), model.contact_bodies.end());
  model.body_mass_kg = model.total_mass_kg();
  model.body_height_m = reference_height > 0.0 ? reference_height * model.length_scale : 0.0;
  return model;
}

}  // namespace strider
