#pragma once
// Hunt–Crossley normal force of a sphere on a plane, in the Hertzian form used by OpenSim's
// HuntCrossleyForce and SCONE/Hyfydy gait models (REFERENCES.md §6):
//   f = (4/3)·E·sqrt(R)·δ^(3/2)·(1 + 1.5·c·δ̇),  clamped at zero (no suction).
// Hunt & Crossley 1975, J Appl Mech 42:440; Hertz contact for the δ^(3/2) law.
namespace strider {

// depth_m: penetration δ (> 0 in contact); depth_rate_mps: dδ/dt (> 0 while compressing).
double hunt_crossley_force_n(double stiffness_pa, double radius_m, double depth_m,
                             double depth_rate_mps, double dissipation_s_per_m);

}  // namespace strider
