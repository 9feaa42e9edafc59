// libFuzzer target: the sweep-file expander. A base scenario is written at start-up so that
// `base: base.yaml` resolves; every input must expand or give an InputError.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "core/error.hpp"
#include "sweep/sweep_file.hpp"

namespace {
std::filesystem::path folder;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  folder = std::filesystem::temp_directory_path() / ("strider_fuzz_sweep_" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "base.yaml") << "model: runner2d\nduration_s: 0.1\n";
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    strider::load_sweep_text(text, (folder / "fuzz_sweep.yaml").string());
  } catch (const strider::InputError&) {
  }
  return 0;
}
