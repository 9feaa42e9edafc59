#pragma once
// Loads and validates a model YAML file (format in docs/model-format.md).
// Every error is an InputError naming the file, the key path and a fix.
#include <string>

#include "model/model.hpp"

namespace strider {

struct BodyScaling {
  // Target total body mass and height. Values <= 0 keep the file's reference body.
  double body_mass_kg = 0.0;
  double body_height_m = 0.0;
};

// Resolves `runner3d`, `runner2d` (shipped models) or a path to a file.
std::string resolve_model_path(const std::string& name_or_path, const std::string& relative_to);

Model load_model_file(const std::string& path, const BodyScaling& scaling = {});
Model load_model_text(const std::string& yaml_text, const std::string& source_name,
                      const BodyScaling& scaling = {});

}  // namespace strider
