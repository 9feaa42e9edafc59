#include "xvfb.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

namespace strider::viz {

VirtualDisplay::VirtualDisplay() {
  const char* existing = std::getenv("DISPLAY");
  if (existing && *existing) {
    display_ = existing;
    return;
  }
  int fds[2];
  if (pipe(fds) != 0) throw std::runtime_error("cannot create a pipe for Xvfb");
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("cannot fork Xvfb");
  if (pid == 0) {
    close(fds[0]);
    const std::string fd = std::to_string(fds[1]);
    // Quiet: Xvfb's own chatter would mix with our output.
    freopen("/dev/null", "w", stderr);
    execlp("Xvfb", "Xvfb", "-displayfd", fd.c_str(), "-screen", "0", "2560x1440x24", "-nolisten", "tcp",
           static_cast<char*>(nullptr));
    _exit(127);
  }
  close(fds[1]);
  std::string number;
  char c = 0;
  while (read(fds[0], &c, 1) == 1 && c != '\n') number += c;
  close(fds[0]);
  if (number.empty()) {
    kill(pid, SIGTERM);
    waitpid(pid, nullptr, 0);
    throw std::runtime_error("Xvfb did not start (is the xvfb package installed? scripts/setup.sh installs it)");
  }
  pid_ = pid;
  display_ = ":" + number;
  setenv("DISPLAY", display_.c_str(), 1);
}

VirtualDisplay::~VirtualDisplay() {
  if (pid_ > 0) {
    kill(pid_, SIGTERM);
    waitpid(pid_, nullptr, 0);
    unsetenv("DISPLAY");
  }
}

}  // namespace strider::viz
