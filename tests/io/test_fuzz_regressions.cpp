// Every input the fuzzers found a failure with (tests/fuzz/regressions/TARGET/) now gives a
// result or a clean InputError, read the way its fuzz target reads it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "analysis/gait.hpp"
#include "analysis/gait_io.hpp"
#include "core/error.hpp"
#include "core/version.hpp"
#include "model/model_loader.hpp"
#include "sim/scenario.hpp"

namespace strider {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> inputs(const std::string& target) {
  std::vector<fs::path> out;
  const fs::path dir = fs::path(kSourceDir) / "tests/fuzz/regressions" / target;
  if (!fs::exists(dir)) return out;
  for (const auto& entry : fs::directory_iterator(dir)) out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(FuzzRegressions, ScenarioInputs) {
  // The fuzz target's folder of base scenarios (tests/fuzz/fuzz_scenario.cpp).
  const fs::path folder = fs::temp_directory_path() / ("strider_fuzz_regressions_" + std::to_string(::getpid()));
  fs::create_directories(folder);
  std::ofstream(folder / "a.yaml") << "model: runner2d\nduration_s: 3\nstrength: {plantarflexors: 0.7}\n";
  std::ofstream(folder / "b.yaml") << "base: a.yaml\nslope_percent: 5\n";
  std::ofstream(folder / "c.yaml") << "base: d.yaml\n";
  std::ofstream(folder / "d.yaml") << "base: c.yaml\n";
  const auto files = inputs("scenario");
  EXPECT_FALSE(files.empty());
  for (const auto& file : files) {
    const std::string input = bytes(file);
    const auto split = input.find("\n%%\n");
    std::vector<std::string> overrides;
    if (split != std::string::npos) {
      std::istringstream lines(input.substr(split + 4));
      for (std::string line; std::getline(lines, line);) overrides.push_back(line);
    }
    try {
      load_scenario_text(input.substr(0, split), (folder / "fuzz.yaml").string(), overrides);
    } catch (const InputError&) {
    }
  }
  fs::remove_all(folder);
}

TEST(FuzzRegressions, ModelInputs) {
  for (const auto& file : inputs("model_yaml")) {
    try {
      load_model_text(bytes(file), "fuzz_model.yaml", {70.0, 1.75});
    } catch (const InputError&) {
    }
  }
}

// Damaged run files, including one whose metadata crashes libhdf5 once sealed: unsealed, as
// found, the checksum seal refuses them before HDF5 reads anything.
TEST(FuzzRegressions, DamagedRunFilesAreRefused) {
  int refused = 0;
  for (const char* target : {"run_file", "run_file_sealed"}) {
    for (const auto& file : inputs(target)) {
      try {
        analyze_gait(load_gait_data(file.string()));
      } catch (const InputError& e) {
        ++refused;
        EXPECT_NE(std::string(e.what()).find(file.filename().string()), std::string::npos);
      }
    }
  }
  EXPECT_GE(refused, 4);
}

}  // namespace
}  // namespace strider
