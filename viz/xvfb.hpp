#pragma once
// Debian's VTK renders only through X11. When DISPLAY is unset, VirtualDisplay starts a private
// Xvfb (choosing its own display number with -displayfd, so parallel runs never collide), sets
// DISPLAY for this process, and stops the server when destroyed.
#include <sys/types.h>

#include <string>

namespace strider::viz {

class VirtualDisplay {
 public:
  VirtualDisplay();  // throws std::runtime_error when Xvfb cannot be started
  ~VirtualDisplay();
  VirtualDisplay(const VirtualDisplay&) = delete;
  VirtualDisplay& operator=(const VirtualDisplay&) = delete;
  bool started() const { return pid_ > 0; }
  const std::string& display() const { return display_; }

 private:
  pid_t pid_ = -1;
  std::string display_;
};

}  // namespace strider::viz
