// strider render RUN.h5 [-o OUT.mp4|DIR] [--with OTHER.h5 ...] [--fps F] [--width W --height H]
// strider render RUN.h5 --frame T_S -o F.png
// (--colour-by activation|force|fatigue for either)
#include <spdlog/spdlog.h>

#include <filesystem>

#include "commands.hpp"
#include "core/error.hpp"
#include "still.hpp"
#include "video.hpp"

namespace strider::cli {

int render_command(const RenderArgs& args) {
  viz::MuscleColour colour = viz::MuscleColour::Activation;
  if (!viz::parse_muscle_colour(args.colour_by, colour)) {
    throw InputError("<command line>", "--colour-by", "unknown muscle colouring '" + args.colour_by + "'",
                     "use activation, force or fatigue");
  }
  if (args.frame_s >= 0.0) {
    viz::render_still(args.run, args.frame_s, args.output, args.width, args.height, colour);
    spdlog::info("wrote {} ({}x{}, t = {} s)", args.output, args.width, args.height, args.frame_s);
    return 0;
  }
  std::vector<std::string> runs{args.run};
  runs.insert(runs.end(), args.with.begin(), args.with.end());
  viz::VideoOptions options;
  options.width = args.width;
  options.height = args.height;
  options.fps = args.fps;
  options.colour = colour;
  if (runs.size() > 1) {
    for (const auto& r : runs) options.labels.push_back(std::filesystem::path(r).stem().string());
  }
  const int frames = viz::render_video(runs, args.output, options);
  spdlog::info("wrote {} ({} frames, {}x{} at {} fps)", args.output, frames, args.width, args.height, args.fps);
  return 0;
}

}  // namespace strider::cli
