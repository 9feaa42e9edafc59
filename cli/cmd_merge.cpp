// strider merge DIR: the index of a sweep folder from its plan and case files (after shards).
#include <spdlog/spdlog.h>

#include "commands.hpp"
#include "sweep/sweep_index.hpp"

namespace strider::cli {

int merge_command(const std::string& dir) {
  const IndexCounts c = write_sweep_index(dir);
  spdlog::info("index of {}: {} ok, {} fell, {} failed, {} timed out, {} missing -> index.csv and index.h5", dir,
               c.ok, c.fell, c.failed, c.timeout, c.missing);
  if (c.missing > 0) {
    spdlog::error("{} case(s) have no complete file yet (status missing in the index); run the missing shards "
                  "with --resume, then merge again",
                  c.missing);
    return 1;
  }
  return 0;
}

}  // namespace strider::cli
