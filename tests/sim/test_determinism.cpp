// Running the same scenario twice gives bit-identical HDF5 datasets: the baseline, shortened,
// with the tracking controller and its muscle-distribution solve.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>

#include "io/hdf5_file.hpp"
#include "sim/run.hpp"
#include "sim/scenario.hpp"

namespace strider {
namespace {

TEST(Determinism, SameScenarioGivesBitIdenticalDatasets) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("strider_det_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string scenario_path = std::string(STRIDER_TEST_SOURCE_DIR) + "/scenarios/baseline.yaml";
  const Scenario s = load_scenario_file(scenario_path, {"duration_s=0.4", "record_hz=1000"});
  run_scenario(s, (dir / "a.h5").string());
  run_scenario(s, (dir / "b.h5").string());
  H5Reader a((dir / "a.h5").string()), b((dir / "b.h5").string());
  const auto names = a.datasets();
  ASSERT_EQ(names, b.datasets());
  int compared = 0;
  for (const auto& name : names) {
    if (!a.has_attr(name, "units")) {
      EXPECT_EQ(a.read_strings(name), b.read_strings(name)) << name;
      continue;
    }
    std::vector<hsize_t> da, db;
    const auto va = a.read(name, &da);
    const auto vb = b.read(name, &db);
    ASSERT_EQ(da, db) << name;
    if (!va.empty()) {
      EXPECT_EQ(0, std::memcmp(va.data(), vb.data(), va.size() * sizeof(double))) << name;
    }
    ++compared;
  }
  EXPECT_GE(compared, 10);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace strider
