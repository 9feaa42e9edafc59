#pragma once
// A stop request from outside (SIGINT or SIGTERM, set by the command line's signal handler).
// Long loops poll it and end cleanly; nothing half-written is left behind.
#include <atomic>
#include <stdexcept>

namespace strider {

inline std::atomic<bool>& interrupt_flag() {
  static std::atomic<bool> flag{false};
  return flag;
}
inline bool interrupt_requested() { return interrupt_flag().load(std::memory_order_relaxed); }

class Interrupted : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace strider
