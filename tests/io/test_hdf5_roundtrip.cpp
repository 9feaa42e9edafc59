// A run's HDF5 file reads back in C++ with the documented names, shapes and units.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>

#include "core/error.hpp"
#include "io/hdf5_file.hpp"
#include "io/recorder.hpp"
#include "model/model_loader.hpp"
#include "sim/run.hpp"
#include "sim/scenario.hpp"

namespace strider {
namespace {

TEST(Hdf5RoundTrip, LayoutNamesShapesAndUnits) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("strider_h5_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string out = (dir / "run.h5").string();
  const Scenario s = load_scenario_file(std::string(STRIDER_TEST_SOURCE_DIR) + "/scenarios/drop.yaml",
                                        {"duration_s=0.2"});
  run_scenario(s, out);
  EXPECT_FALSE(fs::exists(out + ".tmp." + std::to_string(::getpid())));

  const Model model = *load_scenario_model(s);
  H5Reader in(out);
  EXPECT_EQ(in.attr_number("/", "layout_version"), static_cast<double>(kHdf5LayoutVersion));
  std::vector<hsize_t> dims;
  const auto time = in.read("/time", &dims);
  ASSERT_EQ(dims.size(), 1u);
  EXPECT_EQ(dims[0], 41u);  // 0.2 s at 200 Hz, both ends included
  EXPECT_DOUBLE_EQ(time.back(), 0.2);
  EXPECT_EQ(in.attr_text("/time", "units"), "s");

  in.read("/q", &dims);
  EXPECT_EQ(dims, (std::vector<hsize_t>{41, static_cast<hsize_t>(model.nq())}));
  EXPECT_EQ(in.attr_strings("/q", "names"), model.q_names());
  EXPECT_EQ(in.read_strings("/q_units"), model.q_units());
  in.read("/bodies/position_m", &dims);
  EXPECT_EQ(dims, (std::vector<hsize_t>{41, model.bodies.size(), 3}));
  EXPECT_EQ(in.attr_text("/bodies/position_m", "units"), "m");
  EXPECT_EQ(in.attr_strings("/contact/force_n", "names"), (std::vector<std::string>{"foot_r", "foot_l"}));
  EXPECT_EQ(in.attr_text("/contact/force_n", "units"), "N");
  EXPECT_EQ(in.attr_text("/angular_momentum_kgm2ps", "units"), "kg*m^2/s");
  EXPECT_EQ(in.attr_text("/provenance", "model_name"), "runner3d");
  EXPECT_DOUBLE_EQ(in.attr_number("/provenance", "dt_s"), 0.001);
  EXPECT_NE(in.read_text("/provenance/scenario_yaml").find("duration_s: 0.2"), std::string::npos);
  EXPECT_EQ(in.read_text("/provenance/model_yaml"), model.yaml_text);
  EXPECT_EQ(in.attr_number("/summary", "fell"), 0.0);

  // The centre of mass recorded equals the mass-weighted body COMs: first sample, at rest.
  const auto com = in.read("/com/position_m");
  EXPECT_NEAR(com[0], 0.0, 0.05);
  EXPECT_GT(com[2], 0.9);
  fs::remove_all(dir);
}

TEST(Hdf5RoundTrip, CompressedChunksFilteredByUsReadBackThroughHdf5sOwnFilters) {
  // 10000 × 7 values: chunks of 9362 rows, so the second chunk is a padded edge chunk; and a
  // 3-D dataset. The reader decodes with libhdf5's shuffle and deflate filters.
  namespace fs = std::filesystem;
  const std::string out = (fs::temp_directory_path() / ("strider_chunks_" + std::to_string(::getpid()) + ".h5")).string();
  std::vector<double> a(70000), b(3000 * 4 * 3);
  for (std::size_t i = 0; i < a.size(); ++i) a[i] = std::sin(0.001 * static_cast<double>(i)) * 1e3 + static_cast<double>(i % 7);
  for (std::size_t i = 0; i < b.size(); ++i) b[i] = -static_cast<double>(i) / 3.0;
  {
    H5Writer w(out);
    w.write("/a", a.data(), {10000, 7}, "m");
    w.write("/g/b", b.data(), {3000, 4, 3}, "N");
    w.close();
  }
  H5Reader in(out);
  std::vector<hsize_t> dims;
  EXPECT_EQ(in.read("/a", &dims), a);
  EXPECT_EQ(dims, (std::vector<hsize_t>{10000, 7}));
  EXPECT_EQ(in.read("/g/b", &dims), b);
  EXPECT_EQ(dims, (std::vector<hsize_t>{3000, 4, 3}));
  std::filesystem::remove(out);
}

TEST(Hdf5RoundTrip, MomentByMuscleGroupIsTheSumOverTheGroupsMuscles) {
  // Excited muscles at a running pose; the recorded group moments against a plain sum over
  // every muscle of the model (member of the group and crossing the coordinate).
  namespace fs = std::filesystem;
  const Scenario s = load_scenario_text("model: runner3d\ncontroller: tracking\n", "<test>");
  const auto model = load_scenario_model(s);
  ScenarioStart start = start_scenario(s, model);
  Simulation& sim = *start.sim;
  sim.set_excitations(VecX::Constant(static_cast<long>(model->muscles.size()), 0.4));
  for (int i = 0; i < 20; ++i) sim.step();
  sim.evaluate();
  Recorder recorder(*model, 0.0, 0.001, 1000.0);
  recorder.on_step(0, sim.state(), sim.workspace());
  const std::string out = (fs::temp_directory_path() / ("strider_groups_" + std::to_string(::getpid()) + ".h5")).string();
  {
    H5Writer w(out);
    recorder.write(w);
    w.close();
  }
  H5Reader in(out);
  const auto moments = in.read("/joints/moment_by_muscle_group_nm");
  const auto names = in.attr_strings("/joints/moment_by_muscle_group_nm", "names");
  ASSERT_EQ(moments.size(), names.size());
  ASSERT_GT(names.size(), 20u);
  const Workspace& ws = sim.workspace();
  double largest = 0.0;
  for (std::size_t p = 0; p < names.size(); ++p) {
    const auto colon = names[p].find(':');
    const std::string group = names[p].substr(0, colon), coordinate = names[p].substr(colon + 1);
    int g = -1, c = -1;
    for (std::size_t k = 0; k < model->muscle_groups.size(); ++k) {
      if (model->muscle_groups[k].name == group) g = static_cast<int>(k);
    }
    for (std::size_t k = 0; k < model->coordinates.size(); ++k) {
      if (model->coordinates[k].name == coordinate) c = static_cast<int>(k);
    }
    ASSERT_GE(g, 0) << names[p];
    ASSERT_GE(c, 0) << names[p];
    double expected = 0.0;
    for (std::size_t m = 0; m < model->muscles.size(); ++m) {
      const auto& groups = model->muscles[m].groups;
      if (std::find(groups.begin(), groups.end(), g) != groups.end()) {
        expected += ws.moment_arm_m(static_cast<long>(m), c) * ws.muscle[m].tendon_force_n;
      }
    }
    EXPECT_NEAR(moments[p], expected, 1e-9 * (1.0 + std::abs(expected))) << names[p];
    largest = std::max(largest, std::abs(expected));
  }
  EXPECT_GT(largest, 10.0);  // the muscles really pull
  std::filesystem::remove(out);
}

TEST(Hdf5RoundTrip, TruncatedOrMissingFileIsInputError) {
  namespace fs = std::filesystem;
  const std::string path = (fs::temp_directory_path() / "strider_truncated.h5").string();
  {
    std::FILE* f = std::fopen(path.c_str(), "wb");
    std::fputs("\x89HDF\r\n\x1a\n garbage", f);
    std::fclose(f);
  }
  EXPECT_THROW(H5Reader{path}, InputError);
  EXPECT_THROW(H5Reader{"/no/such/file.h5"}, InputError);
  fs::remove(path);
}

}  // namespace
}  // namespace strider
