#pragma once
// A scenario: what to simulate. Loaded from YAML with strict validation (unknown keys are
// errors with a suggestion; values are range-checked; units are in the key names).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace strider {

struct Scenario {
  std::string model = "runner3d";  // runner3d, runner2d, or a path to a model file
  double body_mass_kg = 70.0;      // total body mass the model is scaled to
  double body_height_m = 1.75;     // body height the model's lengths are scaled to
  double duration_s = 2.0;         // simulated time
  double dt_s = 0.001;             // dynamics step
  double record_hz = 200.0;        // recording rate; 0 keeps only the summary
  std::uint64_t seed = 1;          // random seed (recorded in provenance)
  double slope_percent = 0.0;      // ground slope, positive uphill along +x
  double start_clearance_m = 0.05; // gap between the lowest contact sphere and the ground at t = 0
  // F_max multipliers per muscle group (`all` applies to every muscle; scales multiply).
  std::map<std::string, double> strength;
  // Fatigue: the time-scale factor multiplies the 3CC-r fatigue and recovery rates, so that a
  // short simulation stands in for a longer run; per group, the fatigued fraction M_F at t = 0.
  bool fatigue_enabled = true;
  double fatigue_time_scale = 1.0;
  std::string fatigue_rest_rule = "zero_demand";  // or demand_met (muscle/fatigue.hpp)
  std::map<std::string, double> initial_fatigue;
  std::string metabolics = "umberger2010";        // or bhargava2004
  // The run (the runner issue; the controller is under development).
  std::string controller = "none";  // none (muscles stay as set: relaxed) or tracking
  double speed_mps = 3.5;
  double cadence_spm = 170.0;       // steps per minute, both feet
  std::string arm_swing = "normal";  // normal, scaled, held_across_chest, held_behind_back, hands_on_head
  double arm_swing_scale = 1.0;      // with arm_swing: scaled
  double trunk_lean_deg = 0.0;       // added forward lean of the trunk (lumbar flexion target)
  double leg_swing_scale = 1.0;      // scales the reference hip and knee flexion about their means
  // The tracking controller's gains (control/tracking_controller.hpp, TrackingGains), by name;
  // gains not named keep their defaults.
  std::map<std::string, double> tracking;
  // The `optimize:` section as YAML text (empty when absent); optimize/optimize_spec.hpp reads it.
  std::string optimize_yaml;

  std::string source;        // file the scenario came from
  std::string resolved_yaml; // the scenario after overrides, with every key but `optimize`, as YAML
  // Where each given value came from, by key path (`duration_s`, `strength.plantarflexors`):
  // a file of the `base:` chain or "<command line>"; keys not listed have their defaults.
  std::map<std::string, std::string> origin;
};

// Every top-level key, for suggestions and documentation.
const std::vector<std::string>& scenario_keys();

// Loads a scenario file and applies `key=value` overrides (in order). A scenario may name
// another with `base: other.yaml` (relative to its own folder); it inherits every key of the
// base and overrides what it gives itself, section keys one by one. Throws InputError, also for
// a base that does not exist or a cycle of bases.
Scenario load_scenario_file(const std::string& path, const std::vector<std::string>& overrides = {});
Scenario load_scenario_text(const std::string& yaml_text, const std::string& source,
                            const std::vector<std::string>& overrides = {});

// The unit of a scenario key path, from its name ("s" for duration_s); empty when unitless.
std::string scenario_key_unit(const std::string& key_path);

// Path of the model file a scenario names, resolved relative to the file that gave `model`.
std::string scenario_model_path(const Scenario& scenario);

}  // namespace strider
