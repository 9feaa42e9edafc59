#include "contact/friction.hpp"

namespace strider {

FrictionResult coulomb_friction(const ContactParameters& p, const Vec3& normal, double normal_force_n,
                                const Vec3& p_contact_m, const Vec3& v_tangential_mps,
                                const Vec3& anchor_m) {
  FrictionResult out;
  Vec3 stretch = p_contact_m - anchor_m;
  stretch -= normal.dot(stretch) * normal;
  const Vec3 trial = -p.tangential_stiffness_n_per_m * stretch - p.tangential_damping_ns_per_m * v_tangential_mps;
  const double trial_norm = trial.norm();
  if (trial_norm <= p.friction_static * normal_force_n) {
    out.force_n = trial;
    out.anchor_m = anchor_m;
    return out;
  }
  // Slip: dynamic friction along the trial direction; move the anchor so that the spring alone
  // would give exactly that force.
  const Vec3 direction = trial / trial_norm;
  const double force = p.friction_dynamic * normal_force_n;
  out.force_n = force * direction;
  out.anchor_m = p_contact_m + (force / p.tangential_stiffness_n_per_m) * direction;
  out.slipping = true;
  return out;
}

}  // namespace strider
