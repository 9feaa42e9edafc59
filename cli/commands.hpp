#pragma once
// One function per subcommand. Each returns the process exit code:
// 0 ok, 1 simulation or run failure, 2 bad input.
#include <cstddef>
#include <string>
#include <vector>

#include "analysis/compare.hpp"
#include "model/model.hpp"
#include "sim/bench.hpp"
#include "sim/scenario.hpp"

namespace strider::cli {

struct RunArgs {
  std::string scenario;
  std::string output;
  std::string params;  // parameter file of strider optimize
  std::vector<std::string> overrides;
};
int run_command(const RunArgs& args);

int info_command(const std::string& path, const std::vector<std::string>& overrides = {});
// One warning per conditional path point of `model` that switches off the straight path with a
// length jump above a millimetre (docs/model-format.md): what, where, and the fix.
std::vector<std::string> path_switch_warnings(const Model& model);
// Logs those warnings for a model, or for the model a scenario runs (strider run, sweep and
// optimize).
void warn_path_switches(const Model& model);
void warn_path_switches(const Scenario& scenario);

struct SummaryArgs {
  std::string run;
  bool json = false;
};
int summary_command(const SummaryArgs& args);

struct CompareArgs {
  std::vector<std::string> runs;  // the first is the reference
  std::string csv;                // also write the table here
  std::string plot;               // and draw the stance curves and metric changes here (viz)
};
int compare_command(const CompareArgs& args);
// Writes a comparison's CSV table to `path` atomically; `key` names the option in errors.
void write_comparison_csv(const RunComparison& c, const std::string& path, const std::string& key);

struct ReplayArgs {
  std::string ik, grf, output, model = "runner3d";
  double body_mass_kg = 70.0, body_height_m = 1.75;
  double from_s = -1e300, to_s = 1e300;
  std::string right_prefix = "ground_", left_prefix = "1_ground_";
  double treadmill_speed_mps = 0.0;
  std::string metabolics = "umberger2010";
};
int replay_command(const ReplayArgs& args);

struct BenchArgs {
  std::string model = "runner3d";
  std::string controller = "tracking";
  double seconds = 2.0;
  int repeats = 5;
  double dt_s = kBenchRunningStepS;
  bool json = false;
};
int bench_command(const BenchArgs& args);

struct RenderArgs {
  std::string run;
  std::string output;
  std::vector<std::string> with;  // more runs, side by side
  double frame_s = -1.0;          // a still at this time; < 0 renders the whole run
  double fps = 30.0;
  int width = 1280;
  int height = 720;
  std::string colour_by = "activation";  // activation, force or fatigue
};
int render_command(const RenderArgs& args);

struct PlotArgs {
  std::vector<std::string> runs;
  std::string output, channels = "grf";
  std::vector<std::string> select;
  int width = 1200, height = 600;
};
int plot_command(const PlotArgs& args);

struct ViewArgs {
  std::string run;
  double exit_after_s = 0.0;
};
int view_command(const ViewArgs& args);

struct ExportArgs {
  std::string run, paraview;
  int stride = 1;
};
int export_command(const ExportArgs& args);

struct SweepArgs {
  std::string sweep;
  std::string output;               // default: <sweep name>-sweep
  int threads = 0;                  // 0: every core (with --mpi: the node's cores / its ranks)
  bool resume = false;
  bool retry_failed = false;        // implies resume
  std::string shard;                // "k/N"
  bool mpi = false;
  std::size_t log_every = 10;       // without a terminal: a progress line every N cases (or 30 s)
  std::vector<std::string> overrides;
};
int sweep_command(const SweepArgs& args);
int merge_command(const std::string& dir);

struct OptimizeArgs {
  std::string scenario;
  std::string output;      // default: <scenario name>-optimize
  int threads = -1;        // < 0: the section's
  int generations = -1;    // < 0: the section's
  long long seed = -1;     // < 0: the section's
  bool resume = false;
  std::vector<std::string> overrides;
};
int optimize_command(const OptimizeArgs& args);

struct DemoArgs {
  std::string name;  // arm-swing
  std::string output = "demo-output";
  std::string held = "held_across_chest";  // the held posture compared with swinging arms
  std::string scenario = "scenarios/baseline.yaml";
  std::vector<std::string> overrides;
};
int demo_command(const DemoArgs& args);

}  // namespace strider::cli
