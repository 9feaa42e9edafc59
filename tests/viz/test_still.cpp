// Rendering a recorded run: a still PNG of the right size that is not blank, with the ground-
// force arrow only while a foot is on the ground. Runs under the renderer's own Xvfb.
#include <gtest/gtest.h>
#include <vtkCellData.h>
#include <vtkDataArray.h>
#include <vtkImageData.h>
#include <vtkPNGReader.h>
#include <vtkPolyData.h>
#include <vtkSmartPointer.h>

#include <cmath>
#include <filesystem>

#include "core/error.hpp"
#include "dynamics/kinematics.hpp"
#include "io/hdf5_file.hpp"
#include "muscle_lines.hpp"
#include "recording.hpp"
#include "sim/run.hpp"
#include "sim/scenario.hpp"
#include "still.hpp"

namespace strider {
namespace {

struct Picture {
  int width = 0, height = 0;
  long body_pixels = 0;   // differ from both the sky and the ground colours
  long arrow_pixels = 0;  // strongly green (the GRF arrow)
};

Picture read_png(const std::string& path) {
  auto reader = vtkSmartPointer<vtkPNGReader>::New();
  reader->SetFileName(path.c_str());
  reader->Update();
  vtkImageData* image = reader->GetOutput();
  int dims[3];
  image->GetDimensions(dims);
  Picture p{dims[0], dims[1], 0, 0};
  for (int y = 0; y < dims[1]; ++y) {
    for (int x = 0; x < dims[0]; ++x) {
      auto* px = static_cast<unsigned char*>(image->GetScalarPointer(x, y, 0));
      const int r = px[0], g = px[1], b = px[2];
      if (g > r + 40 && g > b + 40) ++p.arrow_pixels;
      const bool sky = r > 235 && g > 235 && b > 245;
      const bool ground = std::abs(r - g) < 12 && std::abs(g - b) < 12 && r > 120 && r < 200;
      if (!sky && !ground) ++p.body_pixels;
    }
  }
  return p;
}

TEST(RenderStill, PictureHasTheBodyAndTheArrowOnlyInContact) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("strider_viz_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const Scenario s = load_scenario_file(std::string(STRIDER_TEST_SOURCE_DIR) + "/scenarios/drop.yaml",
                                        {"duration_s=0.3"});
  const std::string run = (dir / "drop.h5").string();
  run_scenario(s, run);
  // Released 5 cm above the ground: in the air at 0.02 s, landed by 0.13 s. (At 0.05 s the toes
  // already touch: the relaxed ankles plantarflex about 12 degrees in the fall.)
  viz::render_still(run, 0.02, (dir / "air.png").string(), 640, 360);
  viz::render_still(run, 0.13, (dir / "landed.png").string(), 640, 360);
  const Picture air = read_png((dir / "air.png").string());
  const Picture landed = read_png((dir / "landed.png").string());
  EXPECT_EQ(air.width, 640);
  EXPECT_EQ(air.height, 360);
  EXPECT_GT(air.body_pixels, 2000);
  EXPECT_LT(air.body_pixels, 640 * 360 / 2);
  EXPECT_EQ(air.arrow_pixels, 0);
  EXPECT_GT(landed.arrow_pixels, 200);
  fs::remove_all(dir);
}

// A recording knows whether its run fell and when (the picture then says so at the last frame):
// the drop falls at about 0.5 s; cut at 0.3 s it has not fallen.
TEST(Recording, KnowsWhetherAndWhenItsRunFell) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("strider_viz_fell_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string drop = std::string(STRIDER_TEST_SOURCE_DIR) + "/scenarios/drop.yaml";
  const RunResult fell = run_scenario(load_scenario_file(drop, {"duration_s=2"}), (dir / "fell.h5").string());
  run_scenario(load_scenario_file(drop, {"duration_s=0.3"}), (dir / "cut.h5").string());
  ASSERT_TRUE(fell.fell);
  const viz::Recording a = viz::load_recording((dir / "fell.h5").string());
  EXPECT_TRUE(a.fell);
  EXPECT_DOUBLE_EQ(a.fall_time_s, fell.fall_time_s);
  EXPECT_NEAR(a.time_s.back(), a.fall_time_s, 0.01);
  EXPECT_FALSE(viz::load_recording((dir / "cut.h5").string()).fell);
  fs::remove_all(dir);
}

// The heads-up cadence, counted from the recorded touchdowns, against the gait analysis of the
// same run; the muscles' force and fatigue channels as recorded (force per F_max); and the
// colouring picks the muscle lines' active scalars.
TEST(Recording, CadenceForceAndFatigueOfARunningRun) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("strider_viz_run_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string path = (dir / "run.h5").string();
  run_scenario(load_scenario_file(std::string(STRIDER_TEST_SOURCE_DIR) + "/scenarios/runner2d-tuned.yaml",
                                  {"duration_s=4"}),
               path);
  const viz::Recording r = viz::load_recording(path);
  ASSERT_EQ(r.cadence_spm.size(), r.samples());
  EXPECT_TRUE(std::isnan(r.cadence_spm.front()));  // no touchdown yet
  // runner2d-tuned steps at about 169 per minute (docs/controller.md).
  EXPECT_GT(r.cadence_spm.back(), 150.0);
  EXPECT_LT(r.cadence_spm.back(), 185.0);
  H5Reader in(path);
  std::vector<hsize_t> dims;
  const auto force = in.read("/muscles/tendon_force_n", &dims);
  const auto fatigued = in.read("/muscles/fatigue_fatigued");
  const std::size_t muscles = r.model->muscles.size(), last = r.samples() - 1;
  ASSERT_EQ(r.force_per_max.cols(), static_cast<long>(muscles));
  for (std::size_t m = 0; m < muscles; ++m) {
    const double f_max = r.model->muscles[m].mtu.max_isometric_force_n;
    EXPECT_NEAR(r.force_per_max(static_cast<long>(last), static_cast<long>(m)) * f_max,
                force[last * muscles + m], 1e-9);
    EXPECT_EQ(r.fatigue(static_cast<long>(last), static_cast<long>(m)), fatigued[last * muscles + m]);
  }
  std::vector<BodyFrame> frames(r.model->bodies.size());
  forward_kinematics(*r.model, r.q.row(static_cast<long>(last)).transpose(), VecX::Zero(r.model->nv()),
                     frames);
  std::vector<Vec3> scratch;
  const struct {
    viz::MuscleColour colour;
    const char* array;
  } cases[] = {{viz::MuscleColour::Activation, "activation"},
               {viz::MuscleColour::Force, "force_per_max"},
               {viz::MuscleColour::Fatigue, "fatigue"}};
  for (const auto& c : cases) {
    const auto lines = viz::muscle_lines(r, last, frames, scratch, c.colour);
    ASSERT_NE(lines->GetCellData()->GetScalars(), nullptr);
    EXPECT_STREQ(lines->GetCellData()->GetScalars()->GetName(), c.array);
    EXPECT_EQ(lines->GetCellData()->GetScalars()->GetNumberOfTuples(), static_cast<vtkIdType>(muscles));
  }
  viz::MuscleColour parsed = viz::MuscleColour::Activation;
  EXPECT_TRUE(viz::parse_muscle_colour("fatigue", parsed));
  EXPECT_EQ(parsed, viz::MuscleColour::Fatigue);
  EXPECT_FALSE(viz::parse_muscle_colour("Force", parsed));
  fs::remove_all(dir);
}

TEST(RenderStill, BadRunFileIsInputError) {
  EXPECT_THROW(viz::render_still("/no/such/run.h5", 0.0, "/tmp/x.png", 64, 64), InputError);
}

}  // namespace
}  // namespace strider

#include "video.hpp"

namespace strider {
namespace {

TEST(RenderVideo, Mp4HasTheExpectedFramesAndFoldersHavePngs) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("strider_video_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const Scenario s = load_scenario_file(std::string(STRIDER_TEST_SOURCE_DIR) + "/scenarios/drop.yaml",
                                        {"duration_s=0.2"});
  const std::string run = (dir / "drop.h5").string();
  run_scenario(s, run);
  viz::VideoOptions o;
  o.width = 320;
  o.height = 240;
  o.fps = 25.0;
  // 0.2 s at 25 fps: frames at 0, 0.04, ..., 0.2.
  const std::string mp4 = (dir / "drop.mp4").string();
  EXPECT_EQ(viz::render_video({run, run}, mp4, o), 6);
  const std::string probe = "ffprobe -v error -count_frames -select_streams v:0 -show_entries "
                            "stream=nb_read_frames,width,height -of csv=p=0 '" + mp4 + "' > '" +
                            (dir / "probe.txt").string() + "'";
  ASSERT_EQ(std::system(probe.c_str()), 0);
  std::FILE* f = std::fopen((dir / "probe.txt").string().c_str(), "r");
  int width = 0, height = 0, frames = 0;
  ASSERT_EQ(std::fscanf(f, "%d,%d,%d", &width, &height, &frames), 3);
  std::fclose(f);
  EXPECT_EQ(width, 320);
  EXPECT_EQ(height, 240);
  EXPECT_EQ(frames, 6);
  const std::string folder = (dir / "frames").string();
  EXPECT_EQ(viz::render_video({run}, folder, o), 6);
  EXPECT_TRUE(fs::exists(fs::path(folder) / "frame_00005.png"));
  fs::remove_all(dir);
}

}  // namespace
}  // namespace strider

#include <vtkCellData.h>
#include <vtkPointData.h>
#include <vtkPolyData.h>
#include <vtkXMLPolyDataReader.h>

#include <fstream>
#include <sstream>

#include "paraview.hpp"

namespace strider {
namespace {

TEST(ParaViewExport, FilesParseBackWithTheirArrays) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("strider_pv_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const Scenario s = load_scenario_file(std::string(STRIDER_TEST_SOURCE_DIR) + "/scenarios/drop.yaml",
                                        {"duration_s=0.15", "record_hz=100"});
  const std::string run = (dir / "drop.h5").string();
  run_scenario(s, run);
  const std::string out = (dir / "pv").string();
  const int frames = viz::export_paraview(run, out);
  EXPECT_EQ(frames, 16);
  std::ifstream pvd(fs::path(out) / "run.pvd");
  std::stringstream text;
  text << pvd.rdbuf();
  const std::string xml = text.str();
  std::size_t datasets = 0;
  for (std::size_t at = xml.find("<DataSet"); at != std::string::npos; at = xml.find("<DataSet", at + 1)) ++datasets;
  EXPECT_EQ(datasets, 3u * 16u);
  auto read = [&](const std::string& name) {
    auto reader = vtkSmartPointer<vtkXMLPolyDataReader>::New();
    reader->SetFileName((fs::path(out) / name).string().c_str());
    reader->Update();
    auto copy = vtkSmartPointer<vtkPolyData>::New();
    copy->DeepCopy(reader->GetOutput());
    return copy;
  };
  const auto bodies = read("bodies_00010.vtp");
  EXPECT_GT(bodies->GetNumberOfPoints(), 500);  // 12 bodies of tubes and spheres
  EXPECT_NE(bodies->GetPointData()->GetArray("body"), nullptr);
  const auto muscles = read("muscles_00010.vtp");
  EXPECT_EQ(muscles->GetNumberOfLines(), 54);
  ASSERT_NE(muscles->GetCellData()->GetArray("activation"), nullptr);
  const auto in_air = read("grf_00000.vtp");
  EXPECT_EQ(in_air->GetNumberOfPoints(), 0);
  const auto landed = read("grf_00014.vtp");  // 0.14 s: both feet down
  EXPECT_EQ(landed->GetNumberOfPoints(), 2);
  ASSERT_NE(landed->GetPointData()->GetArray("force_n"), nullptr);
  EXPECT_GT(landed->GetPointData()->GetArray("force_n")->GetComponent(0, 2), 100.0);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace strider

#include "plot.hpp"

namespace strider {
namespace {

TEST(Plot, ChartOfAKnownSeriesIsDrawn) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("strider_plot_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const Scenario s = load_scenario_file(std::string(STRIDER_TEST_SOURCE_DIR) + "/scenarios/drop.yaml",
                                        {"duration_s=0.3"});
  const std::string run = (dir / "drop.h5").string();
  run_scenario(s, run);
  viz::PlotOptions o;
  o.width = 800;
  o.height = 400;
  const std::string png = (dir / "grf.png").string();
  viz::plot_runs({run, run}, png, o);
  auto reader = vtkSmartPointer<vtkPNGReader>::New();
  reader->SetFileName(png.c_str());
  reader->Update();
  int dims[3];
  reader->GetOutput()->GetDimensions(dims);
  EXPECT_EQ(dims[0], 800);
  EXPECT_EQ(dims[1], 400);
  long coloured = 0;  // line pixels: neither white, grey nor black
  for (int y = 0; y < dims[1]; ++y) {
    for (int x = 0; x < dims[0]; ++x) {
      auto* px = static_cast<unsigned char*>(reader->GetOutput()->GetScalarPointer(x, y, 0));
      const int spread = std::max({px[0], px[1], px[2]}) - std::min({px[0], px[1], px[2]});
      if (spread > 60) ++coloured;
    }
  }
  EXPECT_GT(coloured, 500);
  o.channels = "joints";
  o.select = {"no_such_joint"};
  EXPECT_THROW(viz::plot_runs({run}, png, o), InputError);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace strider
