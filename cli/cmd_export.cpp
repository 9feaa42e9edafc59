// strider export RUN.h5 --paraview DIR [--stride N]
#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "paraview.hpp"

namespace strider::cli {

int export_command(const ExportArgs& args) {
  const int frames = viz::export_paraview(args.run, args.paraview, args.stride);
  spdlog::info("wrote {} frames to {} (open run.pvd in ParaView)", frames, args.paraview);
  return 0;
}

}  // namespace strider::cli
