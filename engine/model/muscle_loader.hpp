#pragma once
// Reads the `muscle_defaults`, `muscle_groups` and `muscles` sections of a model file
// (docs/model-format.md). Scaling: path points, l_opt and l_slack with body height; F_max with
// (body mass)^(2/3).
#include "io/yaml_reader.hpp"
#include "model/model.hpp"

namespace strider {

void load_muscles(YamlMap& top, Model& model);

}  // namespace strider
