// Metabolic heat rates against the models' own formulas (REFERENCES.md §8).
#include <gtest/gtest.h>

#include "muscle/metabolics.hpp"

namespace strider {

TEST(Metabolics, MuscleMassFromForceAndLength) {
  // Soleus 3549 N, l_opt 0.044 m: 3549 / 0.25e6 · 1059.7 · 0.044 = 0.6619 kg.
  EXPECT_NEAR(muscle_mass_kg(3549, 0.044), 3549 / 0.25e6 * 1059.7 * 0.044, 1e-12);
}

TEST(Metabolics, UmbergerIsometricFullActivation) {
  MetabolicInputs in;
  in.mass_kg = 0.66;
  in.excitation = in.activation = 1.0;
  in.slow_twitch_fraction = 0.8;  // soleus-like
  in.active_fiber_force_n = 3549;
  const MetabolicRates r = umberger2010(in);
  // Umberger 2003: activation + maintenance = m·[128·(1 − r) + 25]·A^0.6·S, S = 1.5.
  EXPECT_NEAR(r.activation_maintenance_w, 0.66 * (128 * 0.2 + 25) * 1.5, 1e-9);
  EXPECT_EQ(r.shortening_lengthening_w, 0.0);
  EXPECT_EQ(r.work_w, 0.0);
  EXPECT_NEAR(r.total_w, r.activation_maintenance_w, 1e-12);
}

TEST(Metabolics, UmbergerShorteningAndNoNegativeTotal) {
  MetabolicInputs in;
  in.mass_kg = 0.5;
  in.excitation = in.activation = 0.5;
  in.slow_twitch_fraction = 0.5;
  in.optimal_fiber_length_m = 0.1;
  in.fiber_velocity_mps = -0.2;  // shortening at 2 l_opt/s
  in.active_fiber_force_n = 800;
  const MetabolicRates r = umberger2010(in);
  const double alpha_slow = 100.0 / (10.0 / 2.5), alpha_fast = 153.0 / 10.0;
  EXPECT_NEAR(r.shortening_lengthening_w, 0.5 * (alpha_slow * 2.0 * 0.5 + alpha_fast * 2.0 * 0.5) * 0.25 * 1.5, 1e-9);
  EXPECT_NEAR(r.work_w, 800 * 0.2, 1e-12);
  // Fast lengthening under load: negative work larger than the heat; the total stops at zero.
  in.fiber_velocity_mps = 0.8;
  in.active_fiber_force_n = 2000;
  EXPECT_EQ(umberger2010(in).total_w, 0.0);
}

TEST(Metabolics, BhargavaIsometricFullExcitation) {
  MetabolicInputs in;
  in.mass_kg = 0.66;
  in.excitation = in.activation = 1.0;
  in.slow_twitch_fraction = 0.8;
  const MetabolicRates r = bhargava2004(in);
  // Bhargava 2004: activation 40 / 133 W/kg, maintenance 74 / 111 W/kg (slow / fast).
  EXPECT_NEAR(r.activation_maintenance_w, 0.66 * (40 * 0.8 + 133 * 0.2 + 74 * 0.8 + 111 * 0.2), 1e-9);
}

TEST(Metabolics, RelaxedMuscleCostsNothing) {
  MetabolicInputs in;
  in.mass_kg = 1.0;
  EXPECT_EQ(umberger2010(in).total_w, 0.0);
  EXPECT_EQ(bhargava2004(in).total_w, 0.0);
}

}  // namespace strider
