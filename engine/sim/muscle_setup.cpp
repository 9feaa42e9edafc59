#include "sim/muscle_setup.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "io/yaml_reader.hpp"

namespace strider {

namespace {
int group_or_fail(const Scenario& scenario, const Model& model, const std::string& section,
                  const std::string& group) {
  const int g = model.muscle_group_index(group);
  if (g >= 0) return g;
  std::vector<std::string> known;
  for (const auto& mg : model.muscle_groups) known.push_back(mg.name);
  const std::string guess = closest_match(group, known);
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  throw InputError(scenario.source, section + "." + group,
                   "unknown muscle group for model '" + model.name + "'",
                   guess.empty() ? "use one of: " + list : "did you mean '" + guess + "'?");
}

bool in_group(const Muscle& muscle, int group) {
  return std::find(muscle.groups.begin(), muscle.groups.end(), group) != muscle.groups.end();
}
}  // namespace

MuscleOptions muscle_options(const Scenario& scenario, const Model& model) {
  MuscleOptions o;
  o.strength.assign(model.muscles.size(), 1.0);
  for (const auto& [group, scale] : scenario.strength) {
    const int g = group_or_fail(scenario, model, "strength", group);
    for (std::size_t m = 0; m < model.muscles.size(); ++m) {
      if (in_group(model.muscles[m], g)) o.strength[m] *= scale;
    }
  }
  for (const auto& [group, value] : scenario.initial_fatigue) group_or_fail(scenario, model, "fatigue", group);
  o.fatigue_enabled = scenario.fatigue_enabled;
  o.fatigue_time_scale = scenario.fatigue_time_scale;
  o.rest_rule = scenario.fatigue_rest_rule == "demand_met" ? RestRule::DemandMet : RestRule::ZeroDemand;
  o.metabolic_model = scenario.metabolics == "bhargava2004" ? MetabolicModel::Bhargava2004 : MetabolicModel::Umberger2010;
  return o;
}

void apply_initial_fatigue(const Scenario& scenario, const Model& model, State& state) {
  for (const auto& [group, value] : scenario.initial_fatigue) {
    const int g = group_or_fail(scenario, model, "fatigue", group);
    for (std::size_t m = 0; m < model.muscles.size(); ++m) {
      const long i = static_cast<long>(m);
      if (!in_group(model.muscles[m], g) || value <= state.fatigue_fatigued[i]) continue;
      state.fatigue_fatigued[i] = value;
      state.fatigue_active[i] = 0.0;
      state.fatigue_resting[i] = 1.0 - value;
    }
  }
}

}  // namespace strider
