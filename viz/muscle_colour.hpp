#pragma once
// What colours the drawn muscles (no VTK here, so that the command line can name it).
#include <string>

namespace strider::viz {

// Activation (0 to 1), tendon force per F_max, or the fatigued fraction M_F; blue 0, red 1.
enum class MuscleColour { Activation, Force, Fatigue };

// "activation", "force" or "fatigue"; false for anything else.
inline bool parse_muscle_colour(const std::string& name, MuscleColour& colour) {
  if (name == "activation")
    colour = MuscleColour::Activation;
  else if (name == "force")
    colour = MuscleColour::Force;
  else if (name == "fatigue")
    colour = MuscleColour::Fatigue;
  else
    return false;
  return true;
}

}  // namespace strider::viz
