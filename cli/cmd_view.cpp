// strider view RUN.h5
#include "commands.hpp"
#include "viewer.hpp"

namespace strider::cli {

int view_command(const ViewArgs& args) {
  viz::view_run(args.run, args.exit_after_s);
  return 0;
}

}  // namespace strider::cli
