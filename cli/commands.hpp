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

}  // namespace strider::cli
