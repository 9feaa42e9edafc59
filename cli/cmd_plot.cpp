// strider plot RUN.h5 [OTHER.h5 ...] [--channels grf|joints|activation] [--select a,b] -o F.png
#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "plot.hpp"

namespace strider::cli {

int plot_command(const PlotArgs& args) {
  viz::PlotOptions o;
  o.channels = args.channels;
  o.select = args.select;
  o.width = args.width;
  o.height = args.height;
  viz::plot_runs(args.runs, args.output, o);
  spdlog::info("wrote {}", args.output);
  return 0;
}

}  // namespace strider::cli
