#pragma once
// Writes a file under a temporary name in the same folder, flushes it to the disk (fsync) and
// renames it into place only when complete, so that a crash, an error or a power cut never
// leaves a file that looks finished.
#include <functional>
#include <string>

namespace strider {

// Throws InputError when the folder of `path` does not exist. `write` receives the temporary
// path; any exception from it removes the temporary file and propagates.
void write_atomically(const std::string& path, const std::function<void(const std::string&)>& write);

}  // namespace strider
