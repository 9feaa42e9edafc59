// strider render RUN.h5 --frame T_S -o F.png [--width W --height H]
// (Videos, side-by-side runs and frame folders come with the visualization issue.)
#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "still.hpp"

namespace strider::cli {

int render_command(const RenderArgs& args) {
  viz::render_still(args.run, args.frame_s, args.output, args.width, args.height);
  spdlog::info("wrote {} ({}x{}, t = {} s)", args.output, args.width, args.height, args.frame_s);
  return 0;
}

}  // namespace strider::cli
