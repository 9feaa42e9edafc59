#include "model/muscle_loader.hpp"

#include <cmath>

#include "muscle/metabolics.hpp"
#include "muscle/path.hpp"

namespace strider {

namespace {

struct MuscleDefaults {
  double activation_time_s = 0.01;    // REFERENCES.md §5 (OpenSim and SCONE gait models)
  double deactivation_time_s = 0.04;
  double max_contraction_velocity_lopt_per_s = 10.0;  // De Groote 2016
  double tendon_strain_at_max_force = 0.049;          // REFERENCES.md §5
  double fiber_damping = 0.1;                         // Millard et al. 2013
  double passive_fiber_strain = 0.6;                  // De Groote 2016 (REFERENCES.md §5)
  double slow_twitch_fraction = 0.5;
  bool rigid_tendon = false;
};

double required_positive(YamlMap& map, const std::string& key) {
  const double v = map.number(key);
  if (!(v > 0.0)) map.fail(key, "must be positive", "give a value > 0");
  return v;
}

double positive(YamlMap& map, const std::string& key, double fallback) {
  const double v = map.number(key, fallback);
  if (!(v > 0.0)) map.fail(key, "must be positive", "give a value > 0");
  return v;
}

FatigueParameters read_fatigue(YamlMap& g, const FatigueParameters& base) {
  FatigueParameters f = base;
  f.fatigue_rate_per_s = g.number_in("fatigue_rate_per_s", f.fatigue_rate_per_s, 0.0, 10.0);
  f.recovery_rate_per_s = g.number_in("recovery_rate_per_s", f.recovery_rate_per_s, 0.0, 10.0);
  f.rest_recovery_multiplier = g.number_in("rest_recovery_multiplier", f.rest_recovery_multiplier, 1.0, 100.0);
  return f;
}

}  // namespace

void load_muscles(YamlMap& top, Model& model) {
  // Which coordinates each body depends on (also needed without muscles).
  const std::size_t nc = model.coordinates.size();
  model.body_depends_on_coordinate.assign(model.bodies.size(), std::vector<unsigned char>(nc, 0));
  for (std::size_t b = 0; b < model.bodies.size(); ++b) {
    const Body& body = model.bodies[b];
    if (body.parent >= 0) model.body_depends_on_coordinate[b] = model.body_depends_on_coordinate[body.parent];
    for (int k = 0; k < body.joint.coordinate_count; ++k) {
      model.body_depends_on_coordinate[b][body.joint.first_coordinate + k] = 1;
    }
  }

  MuscleDefaults d;
  if (auto m = top.optional_map("muscle_defaults")) {
    d.activation_time_s = positive(*m, "activation_time_s", d.activation_time_s);
    d.deactivation_time_s = positive(*m, "deactivation_time_s", d.deactivation_time_s);
    d.max_contraction_velocity_lopt_per_s = positive(*m, "max_contraction_velocity_lopt_per_s", d.max_contraction_velocity_lopt_per_s);
    d.tendon_strain_at_max_force = m->number_in("tendon_strain_at_max_force", d.tendon_strain_at_max_force, 0.01, 0.2);
    d.fiber_damping = m->number_in("fiber_damping", d.fiber_damping, 0.01, 1.0);
    d.passive_fiber_strain = m->number_in("passive_fiber_strain", d.passive_fiber_strain, 0.2, 3.0);
    d.slow_twitch_fraction = m->number_in("slow_twitch_fraction", d.slow_twitch_fraction, 0.0, 1.0);
    d.rigid_tendon = m->flag("rigid_tendon", d.rigid_tendon);
    m->finish();
  }

  model.muscle_groups.clear();
  model.muscle_groups.push_back(MuscleGroup{"all", false, FatigueParameters{}});
  for (auto& g : top.map_list("muscle_groups", false)) {
    const std::string name = g.text("name");
    int index = model.muscle_group_index(name);
    if (index > 0) g.fail("name", "duplicate muscle group '" + name + "'", "declare each group once");
    if (index < 0) {
      model.muscle_groups.push_back(MuscleGroup{name, false, FatigueParameters{}});
      index = static_cast<int>(model.muscle_groups.size()) - 1;
    }
    MuscleGroup& group = model.muscle_groups[index];
    const bool any = g.has("fatigue_rate_per_s") || g.has("recovery_rate_per_s") || g.has("rest_recovery_multiplier");
    group.fatigue = read_fatigue(g, group.fatigue);
    group.has_fatigue = any;
    g.finish();
  }

  const double force_scale = std::pow(model.mass_scale, 2.0 / 3.0);
  const double length_scale = model.length_scale;
  for (auto& entry : top.map_list("muscles", false)) {
    Muscle muscle;
    muscle.name = entry.text("name");
    for (const auto& other : model.muscles) {
      if (other.name == muscle.name) entry.fail("name", "duplicate muscle name '" + muscle.name + "'", "give each muscle a unique name");
    }
    muscle.groups.push_back(0);
    if (entry.has("groups")) {
      for (const auto& group_name : entry.texts("groups")) {
        const int g = model.muscle_group_index(group_name);
        if (g < 0) {
          std::vector<std::string> known;
          for (const auto& mg : model.muscle_groups) known.push_back(mg.name);
          const std::string guess = closest_match(group_name, known);
          entry.fail("groups", "muscle group '" + group_name + "' is not declared in muscle_groups",
                     guess.empty() ? "declare it under muscle_groups" : "did you mean '" + guess + "'?");
        }
        if (g > 0) muscle.groups.push_back(g);
      }
    } else {
      entry.texts("groups");  // reports the missing key
    }
    MuscleTendonParameters& p = muscle.mtu;
    p.max_isometric_force_n = required_positive(entry, "max_isometric_force_n") * force_scale;
    p.optimal_fiber_length_m = required_positive(entry, "optimal_fiber_length_m") * length_scale;
    p.tendon_slack_length_m = required_positive(entry, "tendon_slack_length_m") * length_scale;
    p.pennation_at_optimal_rad = deg_to_rad(entry.number_in("pennation_at_optimal_deg", 0.0, 0.0, 60.0));
    p.max_contraction_velocity_lopt_per_s = d.max_contraction_velocity_lopt_per_s;
    p.tendon_strain_at_max_force = d.tendon_strain_at_max_force;
    p.fiber_damping = d.fiber_damping;
    p.passive_fiber_strain = entry.number_in("passive_fiber_strain", d.passive_fiber_strain, 0.2, 3.0);
    p.rigid_tendon = entry.flag("rigid_tendon", d.rigid_tendon);
    muscle.activation_time_s = d.activation_time_s;
    muscle.deactivation_time_s = d.deactivation_time_s;
    muscle.slow_twitch_fraction = entry.number_in("slow_twitch_fraction", d.slow_twitch_fraction, 0.0, 1.0);
    muscle.mass_kg = muscle_mass_kg(p.max_isometric_force_n, p.optimal_fiber_length_m);

    auto points = entry.map_list("path", true);
    if (points.size() < 2) entry.fail("path", "a path needs at least an origin and an insertion", "list two or more points");
    for (auto& pt : points) {
      PathPoint point;
      const std::string body = pt.text("body");
      point.body = model.body_index(body);
      if (point.body < 0) pt.fail("body", "body '" + body + "' not found", "name a body of this model");
      if (!pt.has("moves_with")) point.point_m = pt.vec3("point_m") * length_scale;
      if (auto moves = pt.optional_map("moves_with")) {
        const std::string coordinate = moves->text("coordinate");
        point.moving_coordinate = model.coordinate_index(coordinate);
        if (point.moving_coordinate < 0) {
          moves->fail("coordinate", "coordinate '" + coordinate + "' not found", "name a joint coordinate of this model");
        }
        const YAML::Node angles = moves->raw("angles_deg");  // copies: raw() reuses its holder
        const YAML::Node locations = moves->raw("points_m");
        auto number = [&](const YAML::Node& n, const char* key) {
          double value = 0.0;
          std::size_t used = 0;
          try {
            value = n.IsScalar() ? std::stod(n.Scalar(), &used) : 0.0;
          } catch (const std::exception&) {
            used = 0;
          }
          if (!n.IsScalar() || used != n.Scalar().size() || !std::isfinite(value)) {
            moves->fail(key, "expected finite numbers", "write plain numbers");
          }
          return value;
        };
        if (!angles.IsSequence() || !locations.IsSequence() || angles.size() < 2 || angles.size() != locations.size()) {
          moves->fail("points_m", "needs a list of angles_deg and an equally long list of points_m (at least 2)",
                      "give one [x, y, z] per angle");
        }
        for (std::size_t k = 0; k < angles.size(); ++k) {
          const double angle = deg_to_rad(number(angles[k], "angles_deg"));
          if (!std::isfinite(angle) || (k > 0 && angle <= point.moving_angles_rad.back())) {
            moves->fail("angles_deg", "angles must be finite and increasing", "sort the table by angle");
          }
          const YAML::Node& xyz = locations[k];
          if (!xyz.IsSequence() || xyz.size() != 3) moves->fail("points_m", "each point needs [x, y, z]", "write [x, y, z]");
          const Vec3 local(number(xyz[0], "points_m"), number(xyz[1], "points_m"), number(xyz[2], "points_m"));
          point.moving_angles_rad.push_back(angle);
          point.moving_points_m.push_back(local * length_scale);
        }
        point.point_m = point.moving_points_m.front();
        moves->finish();
      }
      if (auto when = pt.optional_map("active_when")) {
        const std::string coordinate = when->text("coordinate");
        point.condition_coordinate = model.coordinate_index(coordinate);
        if (point.condition_coordinate < 0) {
          when->fail("coordinate", "coordinate '" + coordinate + "' not found", "name a joint coordinate of this model");
        }
        const auto range = when->numbers("range_deg", 2);
        if (!(range[0] < range[1])) when->fail("range_deg", "lower bound must be below the upper", "write [min, max]");
        point.condition_min_rad = deg_to_rad(range[0]);
        point.condition_max_rad = deg_to_rad(range[1]);
        when->finish();
      }
      pt.finish();
      muscle.path.push_back(point);
    }
    if (muscle.path.front().condition_coordinate >= 0 || muscle.path.back().condition_coordinate >= 0) {
      entry.fail("path", "the origin and insertion must always be active", "make only via points conditional");
    }
    muscle.crossed_coordinates = crossed_coordinates(model, muscle.path);
    if (muscle.crossed_coordinates.empty()) {
      entry.fail("path", "the path crosses no joint", "attach origin and insertion to different bodies");
    }
    // Fatigue parameters: the first of the muscle's own groups that defines them, else `all`.
    muscle.fatigue = model.muscle_groups[0].fatigue;
    for (std::size_t i = 1; i < muscle.groups.size(); ++i) {
      if (model.muscle_groups[muscle.groups[i]].has_fatigue) {
        muscle.fatigue = model.muscle_groups[muscle.groups[i]].fatigue;
        break;
      }
    }
    entry.finish();
    model.muscles.push_back(muscle);
  }
}

}  // namespace strider
