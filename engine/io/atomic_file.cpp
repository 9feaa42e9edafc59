#include "io/atomic_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <system_error>

#include "core/error.hpp"
#include "core/interrupt.hpp"

namespace strider {

namespace {
// Flushes a file's data, or a folder's entries, to the disk. False when that fails.
bool sync_to_disk(const std::string& path, bool folder) {
  const int fd = ::open(path.c_str(), folder ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) return false;
  const bool ok = ::fsync(fd) == 0;
  ::close(fd);
  return ok;
}
}  // namespace

void write_atomically(const std::string& path, const std::function<void(const std::string&)>& write) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) {
    throw InputError(path, "", "the output folder '" + folder.string() + "' does not exist",
                     "create the folder first or choose another output path");
  }
  const std::string temporary = path + ".tmp." + std::to_string(::getpid());
  try {
    write(temporary);
    if (interrupt_requested()) throw Interrupted("interrupted while writing " + path + "; nothing written");
    // The data reach the disk before the name does, so that a power cut never leaves an empty
    // or partial file under the final name.
    if (!sync_to_disk(temporary, false)) {
      throw std::runtime_error("cannot flush " + temporary + " to the disk; nothing written to " + path);
    }
  } catch (...) {
    fs::remove(temporary, ec);
    throw;
  }
  fs::rename(temporary, target, ec);
  if (ec) {
    fs::remove(temporary, ec);
    throw std::runtime_error("cannot rename the finished file into place: " + path);
  }
  // The rename itself, recorded in the folder. Some file systems cannot sync a folder; the file
  // is complete either way, so that is not an error.
  sync_to_disk(folder.string(), true);
}

}  // namespace strider
