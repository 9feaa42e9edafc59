// libFuzzer target: the scenario loader, with `base:` chains and `key=value` overrides, and
// the optimize: section's reader.
// Input: the scenario text, then optionally a line "%%" followed by one override per line.
// A small folder of base scenarios (one of them a two-file cycle) is written at start-up, so
// `base: a.yaml` and friends resolve.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "core/error.hpp"
#include "optimize/optimize_spec.hpp"
#include "sim/scenario.hpp"

namespace {
std::filesystem::path folder;
}

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  folder = std::filesystem::temp_directory_path() / ("strider_fuzz_scenario_" + std::to_string(::getpid()));
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "a.yaml") << "model: runner2d\nduration_s: 3\nstrength: {plantarflexors: 0.7}\n";
  std::ofstream(folder / "b.yaml") << "base: a.yaml\nslope_percent: 5\n";
  std::ofstream(folder / "c.yaml") << "base: d.yaml\n";
  std::ofstream(folder / "d.yaml") << "base: c.yaml\n";
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  const auto split = input.find("\n%%\n");
  const std::string text = input.substr(0, split);
  std::vector<std::string> overrides;
  if (split != std::string::npos) {
    std::istringstream lines(input.substr(split + 4));
    for (std::string line; std::getline(lines, line);) overrides.push_back(line);
  }
  try {
    const strider::Scenario s = strider::load_scenario_text(text, (folder / "fuzz.yaml").string(), overrides);
    strider::scenario_model_path(s);
    for (const auto& [key, origin] : s.origin) strider::scenario_key_unit(key);
    if (!s.optimize_yaml.empty()) strider::read_optimize_spec(s);
  } catch (const strider::InputError&) {
  }
  return 0;
}
