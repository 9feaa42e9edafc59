#pragma once
// Offscreen pictures of recorded runs.
#include <string>

#include "muscle_colour.hpp"

namespace strider::viz {

// Renders the sample nearest to time_s as a PNG of width × height pixels. Starts a private Xvfb
// when DISPLAY is unset. Throws InputError for a bad run file.
void render_still(const std::string& run_path, double time_s, const std::string& png_path, int width,
                  int height, MuscleColour colour = MuscleColour::Activation);

}  // namespace strider::viz
