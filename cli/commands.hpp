#pragma once
// One function per subcommand. Each returns the process exit code:
// 0 ok, 1 simulation or run failure, 2 bad input.
#include <string>
#include <vector>

namespace strider::cli {

struct RunArgs {
  std::string scenario;
  std::string output;
  std::vector<std::string> overrides;
};
int run_command(const RunArgs& args);

int info_command(const std::string& path);

struct RenderArgs {
  std::string run;
  std::string output;
  double frame_s = -1.0;  // a still at this time; < 0 is not supported yet
  int width = 1280;
  int height = 720;
};
int render_command(const RenderArgs& args);

}  // namespace strider::cli
