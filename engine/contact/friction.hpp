#pragma once
// Elastic–plastic Coulomb friction for one contact sphere.
//
// A smooth velocity-regularized Coulomb law lets a body on a slope creep at a speed set by the
// regularization velocity, and a regularization small enough to stop creep is too stiff for an
// explicit 1 ms step. Instead each sphere keeps an anchor point on the ground while it touches:
// below the static limit the tangential force is a spring-damper to the anchor (stick, no
// creep); above it the force is dynamic Coulomb friction μ_d·f_n along the trial direction and
// the anchor is dragged along (slip). The force is continuous in time and never exceeds the
// Coulomb cone. This is the bristle / reset-integrator idea of Haessig & Friedland 1991
// (J Dyn Syst Meas Control 113:354) and Gonthier et al. 2004 (Multibody Syst Dyn 11:209).
#include "core/math.hpp"
#include "model/model.hpp"

namespace strider {

struct FrictionResult {
  Vec3 force_n = Vec3::Zero();  // tangential force on the body
  Vec3 anchor_m = Vec3::Zero(); // anchor for the next step
  bool slipping = false;
};

// p_contact_m: contact point on the ground plane; v_tangential_mps: its velocity along the
// plane; anchor_m: the current anchor (on the plane); normal_force_n >= 0.
FrictionResult coulomb_friction(const ContactParameters& p, const Vec3& normal, double normal_force_n,
                                const Vec3& p_contact_m, const Vec3& v_tangential_mps,
                                const Vec3& anchor_m);

}  // namespace strider
