#include "io/atomic_file.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <system_error>

#include "core/error.hpp"
#include "core/interrupt.hpp"

namespace strider {

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
  } catch (...) {
    fs::remove(temporary, ec);
    throw;
  }
  fs::rename(temporary, target, ec);
  if (ec) {
    fs::remove(temporary, ec);
    throw std::runtime_error("cannot rename the finished file into place: " + path);
  }
}

}  // namespace strider
