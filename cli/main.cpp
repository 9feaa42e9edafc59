// The `strider` command line. Subcommands live in their own files (cmd_*.cpp).
#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <iostream>

#include "commands.hpp"
#include "core/error.hpp"
#include "core/interrupt.hpp"

namespace {
extern "C" void request_stop(int) { strider::interrupt_flag().store(true); }
}  // namespace

int main(int argc, char** argv) {
  // SIGINT/SIGTERM: finish cleanly (the run loop polls the flag; temporary files are removed).
  // SIGXFSZ: a file-size limit makes writes fail with an error instead of killing us.
  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"Strider: a muscle-driven, physics-based running simulator"};
  app.require_subcommand(1);
  // Log lines (progress, warnings, errors) go to stderr; stdout carries only command output.
  spdlog::set_default_logger(spdlog::stderr_color_mt("strider"));
  spdlog::set_pattern("%^[%l]%$ %v");

  strider::cli::RunArgs run_args;
  auto* run = app.add_subcommand("run", "Run one simulation and write its HDF5 file");
  run->add_option("scenario", run_args.scenario, "Scenario YAML file")->required();
  run->add_option("-o,--output", run_args.output, "Output HDF5 file (default: <scenario name>.h5)");
  run->add_option("--params", run_args.params,
                  "Parameter file from strider optimize: its best values are applied (before key=value overrides)");
  run->add_option("overrides", run_args.overrides, "Scenario overrides as key=value");

  std::string info_path;
  std::vector<std::string> info_overrides;
  auto* info = app.add_subcommand("info", "Describe a model, scenario or run file");
  info->add_option("file", info_path, "MODEL.yaml, SCENARIO.yaml or RUN.h5")->required();
  info->add_option("overrides", info_overrides, "Scenario overrides as key=value (scenarios only)");

  strider::cli::SummaryArgs summary_args;
  auto* summary = app.add_subcommand("summary", "Gait measures of a run (steady state, first two strides excluded)");
  summary->add_option("run", summary_args.run, "Run HDF5 file")->required();
  summary->add_flag("--json", summary_args.json, "Print the DESIGN.md summary keys as JSON");

  strider::cli::CompareArgs compare_args;
  auto* compare = app.add_subcommand("compare", "Summary metrics of runs side by side, with changes from the first");
  compare->add_option("runs", compare_args.runs, "Run HDF5 files; the first is the reference")->required();
  compare->add_option("--csv", compare_args.csv, "Also write the table as CSV");
  compare->add_option("--plot", compare_args.plot,
                      "Draw stance-normalized GRF, free moment and knee angle (mean ± SD) and metric changes to a PNG");

  strider::cli::ReplayArgs replay_args;
  auto* replay = app.add_subcommand(
      "replay", "Static-optimization replay of recorded kinematics and ground forces (OpenSim .mot files)");
  replay->add_option("--ik", replay_args.ik, "Inverse-kinematics table (.mot)")->required();
  replay->add_option("--grf", replay_args.grf, "Ground-reaction-force table (.mot)")->required();
  replay->add_option("-o,--output", replay_args.output, "Output HDF5 file")->required();
  replay->add_option("--model", replay_args.model, "runner3d, runner2d or a model file");
  replay->add_option("--body-mass-kg", replay_args.body_mass_kg, "Body mass the model is scaled to")->check(CLI::Range(30.0, 200.0));
  replay->add_option("--body-height-m", replay_args.body_height_m, "Body height the model is scaled to")->check(CLI::Range(1.2, 2.3));
  replay->add_option("--treadmill-speed-mps", replay_args.treadmill_speed_mps,
                     "Belt speed of treadmill data; the centre of mass is written in the belt's frame")
      ->check(CLI::Range(0.0, 12.0));
  replay->add_option("--metabolics", replay_args.metabolics, "Metabolic model: umberger2010 or bhargava2004")
      ->check(CLI::IsMember({"umberger2010", "bhargava2004"}));
  replay->add_option("--from", replay_args.from_s, "Start time, s");
  replay->add_option("--to", replay_args.to_s, "End time, s");
  replay->add_option("--grf-right-prefix", replay_args.right_prefix, "Column prefix of the right foot's force, point, torque");
  replay->add_option("--grf-left-prefix", replay_args.left_prefix, "Column prefix of the left foot's");

  strider::cli::BenchArgs bench_args;
  auto* bench = app.add_subcommand("bench", "Real-time factor of a standard run (one thread, median)");
  bench->add_option("--model", bench_args.model, "runner3d, runner2d or a model file");
  bench->add_option("--controller", bench_args.controller,
                    "tracking (the baseline run, restarted at each fall) or none (standing, muscles at 0.2)")
      ->check(CLI::IsMember({"tracking", "none"}));
  bench->add_option("--seconds", bench_args.seconds, "Simulated seconds per timed run")->check(CLI::Range(0.01, 600.0));
  bench->add_option("--repeats", bench_args.repeats, "Timed runs (the median is reported)")->check(CLI::Range(1, 100));
  bench
      ->add_option("--dt-s", bench_args.dt_s,
                   "Dynamics step, s (default: " + fmt::format("{}", strider::kBenchRunningStepS) +
                       ", the running scenarios' step; 0.001 for the older figures)")
      ->check(CLI::Range(1e-5, 0.002));
  bench->add_flag("--json", bench_args.json, "Print JSON");

  strider::cli::RenderArgs render_args;
  auto* render = app.add_subcommand("render", "Draw a recorded run: a video, PNG frames or one still (viz build)");
  render->add_option("run", render_args.run, "Run HDF5 file")->required();
  render->add_option("-o,--output", render_args.output, "OUT.mp4, a folder for PNG frames, or F.png with --frame")
      ->required();
  render->add_option("--with", render_args.with, "Other runs drawn side by side");
  render->add_option("--frame", render_args.frame_s, "Render one still at this time in seconds");
  render->add_option("--fps", render_args.fps, "Frames per second of the video")->check(CLI::Range(1.0, 240.0));
  render->add_option("--width", render_args.width, "Image width in pixels")->check(CLI::Range(64, 7680));
  render->add_option("--height", render_args.height, "Image height in pixels")->check(CLI::Range(64, 4320));
  render->add_option(
      "--colour-by,--color-by", render_args.colour_by,
      "Colour the muscles by activation, force (tendon force / F_max) or fatigue (fatigued fraction); "
      "blue 0 to red 1");

  strider::cli::PlotArgs plot_args;
  auto* plot = app.add_subcommand("plot", "Time-series chart of one or more runs as PNG (viz build)");
  plot->add_option("runs", plot_args.runs, "Run HDF5 files")->required();
  plot->add_option("-o,--output", plot_args.output, "Output PNG")->required();
  plot->add_option("--channels", plot_args.channels, "grf, joints or activation");
  plot->add_option("--select", plot_args.select, "Coordinate or muscle names to draw")->delimiter(',');

  strider::cli::ViewArgs view_args;
  auto* view = app.add_subcommand("view", "Interactive window on a run: space, arrows, +/-, q (viz build, needs a display)");
  view->add_option("run", view_args.run, "Run HDF5 file")->required();
  view->add_option("--exit-after", view_args.exit_after_s, "Close after this many seconds (for tests)");

  strider::cli::ExportArgs export_args;
  auto* exporter = app.add_subcommand("export", "Export a recorded run for ParaView (viz build)");
  exporter->add_option("run", export_args.run, "Run HDF5 file")->required();
  exporter->add_option("--paraview", export_args.paraview, "Output folder (.vtp per frame and run.pvd)")->required();
  exporter->add_option("--stride", export_args.stride, "Export every N-th sample")->check(CLI::Range(1, 100000));

  strider::cli::SweepArgs sweep_args;
  auto* sweep = app.add_subcommand("sweep", "Run a sweep of cases in parallel (TBB threads, MPI ranks or shards)");
  sweep->add_option("sweep", sweep_args.sweep, "Sweep YAML file")->required();
  sweep->add_option("-o,--output", sweep_args.output, "Output folder (default: <sweep name>-sweep)");
  sweep->add_option("--threads", sweep_args.threads, "Threads (per rank with --mpi); default: every core")
      ->check(CLI::Range(1, 4096));
  sweep->add_flag("--resume", sweep_args.resume, "Skip complete cases, redo the others");
  sweep->add_flag("--retry-failed", sweep_args.retry_failed, "Resume, and also redo failed and timed-out cases");
  sweep->add_option("--shard", sweep_args.shard, "Run every N-th case, k from 1 to N (job arrays; then strider merge)");
  sweep->add_flag("--mpi", sweep_args.mpi, "Distribute cases over MPI ranks (run under mpirun)");
  sweep->add_option("--log-every", sweep_args.log_every, "Without a terminal: a progress line every N cases (or 30 s)")
      ->check(CLI::Range(1, 1000000000));
  sweep->add_option("overrides", sweep_args.overrides, "Overrides of every case's base scenario, key=value");

  strider::cli::OptimizeArgs optimize_args;
  auto* optimize = app.add_subcommand("optimize", "CMA-ES over a scenario's free parameters (its optimize: section)");
  optimize->add_option("scenario", optimize_args.scenario, "Scenario YAML file with an optimize: section")->required();
  optimize->add_option("-o,--output", optimize_args.output, "Output folder (default: <scenario name>-optimize)");
  optimize->add_option("--threads", optimize_args.threads, "Threads evaluating the population; default: the section's, else every core")
      ->check(CLI::Range(1, 4096));
  optimize->add_option("--generations", optimize_args.generations, "Generation limit (overrides the section's)")
      ->check(CLI::Range(1, 1000000));
  optimize->add_option("--seed", optimize_args.seed, "Seed of the candidates' draws (overrides the section's)");
  optimize->add_flag("--resume", optimize_args.resume, "Continue from the folder's checkpoint");
  optimize->add_option("overrides", optimize_args.overrides, "Scenario overrides as key=value");

  strider::cli::DemoArgs demo_args;
  auto* demo =
      app.add_subcommand("demo", "A demonstration: arm-swing (swinging against held arms, compared)");
  demo->add_option("name", demo_args.name, "arm-swing")->required();
  demo->add_option("-o,--output", demo_args.output, "Output folder (default: demo-output)");
  demo->add_option("--held", demo_args.held,
                   "The held posture: held_across_chest (default), held_behind_back or hands_on_head");
  demo->add_option("--scenario", demo_args.scenario,
                   "Scenario run both ways (default: scenarios/baseline.yaml)");
  demo->add_option("overrides", demo_args.overrides,
                   "Scenario overrides as key=value (duration_s is 12 unless given)");

  std::string merge_dir;
  auto* merge = app.add_subcommand("merge", "Build a sweep's index (index.h5, index.csv) from its case files");
  merge->add_option("dir", merge_dir, "Sweep output folder")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }

  try {
    if (*run) return strider::cli::run_command(run_args);
    if (*compare) return strider::cli::compare_command(compare_args);
    if (*info) return strider::cli::info_command(info_path, info_overrides);
    if (*replay) return strider::cli::replay_command(replay_args);
    if (*summary) return strider::cli::summary_command(summary_args);
    if (*bench) return strider::cli::bench_command(bench_args);
    if (*sweep) return strider::cli::sweep_command(sweep_args);
    if (*merge) return strider::cli::merge_command(merge_dir);
    if (*optimize) return strider::cli::optimize_command(optimize_args);
    if (*demo) return strider::cli::demo_command(demo_args);
#ifdef STRIDER_HAVE_VIZ
    if (*render) return strider::cli::render_command(render_args);
    if (*exporter) return strider::cli::export_command(export_args);
    if (*plot) return strider::cli::plot_command(plot_args);
    if (*view) return strider::cli::view_command(view_args);
#else
    if (*render || *exporter || *plot || *view) {
      spdlog::error("this strider was built without visualization (configure with -DSTRIDER_BUILD_VIZ=ON)");
      return 2;
    }
#endif
  } catch (const strider::InputError& e) {
    spdlog::error("{}", e.what());
    return 2;
  } catch (const strider::Interrupted& e) {
    spdlog::warn("{}", e.what());
    return 130;
  } catch (const strider::SimulationError& e) {
    spdlog::error("{}", e.what());
    return 1;
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    return 1;
  }
  return 2;
}
