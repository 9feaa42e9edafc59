#include "contact/contact_model.hpp"

#include <limits>

#include "contact/friction.hpp"
#include "contact/hunt_crossley.hpp"

namespace strider {

void compute_contacts(const Model& model, const Ground& ground, const std::vector<BodyFrame>& frames,
                      const ContactState& state, std::vector<SphereLoad>& spheres,
                      std::vector<FootLoad>& feet, ContactState& next) {
  const ContactParameters& params = model.contact;
  const Vec3& n = ground.normal;
  for (std::size_t i = 0; i < model.contacts.size(); ++i) {
    const int s = static_cast<int>(i);
    const ContactSphere& sphere = model.contacts[i];
    const BodyFrame& frame = frames[sphere.body];
    const Vec3 center = frame.p_WB + frame.R_WB * sphere.center_m;
    const double depth = sphere.radius_m - ground.height_m(center);
    SphereLoad& load = spheres[i];
    load = SphereLoad{};
    // The deepest point of the sphere, projected onto the plane.
    load.point_m = center - ground.height_m(center) * n;
    if (depth <= 0.0) {
      next.touching[s] = 0;
      next.anchor_m.col(s) = load.point_m;
      continue;
    }
    const Vec3 v_point = point_velocity(frame, center - sphere.radius_m * n);
    const double depth_rate = -n.dot(v_point);
    const double fn = hunt_crossley_force_n(params.stiffness_pa, sphere.radius_m, depth, depth_rate,
                                            params.dissipation_s_per_m);
    const Vec3 anchor = state.touching[s] ? Vec3(state.anchor_m.col(s)) : load.point_m;
    const Vec3 v_tangential = v_point - n.dot(v_point) * n;
    const FrictionResult friction = coulomb_friction(params, n, fn, load.point_m, v_tangential, anchor);
    load.normal_force_n = fn;
    load.force_n = fn * n + friction.force_n;
    next.touching[s] = 1;
    next.anchor_m.col(s) = friction.anchor_m;
  }

  for (std::size_t f = 0; f < model.contact_bodies.size(); ++f) {
    FootLoad& foot = feet[f];
    foot = FootLoad{};
    Vec3 weighted = Vec3::Zero();
    for (std::size_t i = 0; i < model.contacts.size(); ++i) {
      if (model.contacts[i].body != model.contact_bodies[f]) continue;
      foot.force_n += spheres[i].force_n;
      foot.normal_force_n += spheres[i].normal_force_n;
      weighted += spheres[i].normal_force_n * spheres[i].point_m;
    }
    if (foot.normal_force_n <= 0.0) {
      foot.cop_m.setConstant(std::numeric_limits<double>::quiet_NaN());
      continue;
    }
    foot.cop_m = weighted / foot.normal_force_n;
    for (std::size_t i = 0; i < model.contacts.size(); ++i) {
      if (model.contacts[i].body != model.contact_bodies[f]) continue;
      foot.free_moment_nm += n.dot((spheres[i].point_m - foot.cop_m).cross(spheres[i].force_n));
    }
  }
}

}  // namespace strider
