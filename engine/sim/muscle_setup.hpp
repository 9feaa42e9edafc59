#pragma once
// Applies a scenario's muscle sections to a model: strength per muscle, fatigue options and the
// initial fatigue state. Group names are checked against the model's muscle groups.
#include "model/model.hpp"
#include "muscle/muscle_stage.hpp"
#include "sim/scenario.hpp"
#include "sim/state.hpp"

namespace strider {

// Throws InputError (scenario file, `strength.<group>`) for a group the model does not have.
MuscleOptions muscle_options(const Scenario& scenario, const Model& model);

// Sets M_F (and M_R = 1 − M_F) for the muscles of each group in `fatigue.<group>`; a muscle
// in several listed groups takes the largest value.
void apply_initial_fatigue(const Scenario& scenario, const Model& model, State& state);

}  // namespace strider
