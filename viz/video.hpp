#pragma once
// Videos and frame folders of recorded runs, rendered offscreen. Frames are piped as raw RGB to
// an `ffmpeg` process (Debian's VTK 9.1 has no FFMPEG writer).
#include <string>
#include <vector>

#include "muscle_colour.hpp"

namespace strider::viz {

struct VideoOptions {
  int width = 1280;
  int height = 720;
  double fps = 30.0;
  std::vector<std::string> labels;  // one per run; empty for none
  MuscleColour colour = MuscleColour::Activation;
};

// One run, or several side by side (each in its own viewport, with its label). The output is
// an MP4 when `output` ends in .mp4, otherwise a folder of PNG frames (frame_00000.png, …).
// Returns the number of frames written.
int render_video(const std::vector<std::string>& runs, const std::string& output, const VideoOptions& options);

}  // namespace strider::viz
