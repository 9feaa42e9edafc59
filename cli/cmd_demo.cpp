// strider demo arm-swing [-o DIR] [--held MODE] [--scenario FILE] [key=value ...]
// The arm-swing demo: the scenario run with the arms swinging and with them held, both at once,
// then the comparison (table, CSV and, with viz, the stance-curve plot and a side-by-side video)
// in one folder, naming the leg-force and rotation metrics that changed.
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <tbb/parallel_invoke.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <utility>

#include "analysis/compare.hpp"
#include "commands.hpp"
#include "control/reference_cycle.hpp"
#include "core/error.hpp"
#include "sim/run.hpp"
#include "sim/scenario.hpp"
#ifdef STRIDER_HAVE_VIZ
#include "compare_plot.hpp"
#include "video.hpp"
#endif

namespace strider::cli {

namespace {

// The summary metrics the demo names when they change: the legs' ground forces and joint
// moments, and the body's rotation about the vertical.
const char* const kLegForceMetrics[] = {"vgrf_active_peak_bw",        "vgrf_impact_peak_bw",
                                        "loading_rate_bw_per_s",      "braking_impulse_bw_s",
                                        "propulsive_impulse_bw_s",    "lateral_grf_peak_bw",
                                        "free_moment_peak_nm_per_kg", "hip_moment_peak_nm_per_kg",
                                        "knee_moment_peak_nm_per_kg", "ankle_moment_peak_nm_per_kg"};
const char* const kRotationMetrics[] = {"pelvis_yaw_range_deg", "trunk_yaw_range_deg",
                                        "vertical_angular_momentum_range_norm", "arm_angular_momentum_share"};
constexpr double kChangedPct = 5.0;  // a change this large (in %) is named
// s: each run's length unless overridden. Twelve seconds are 360 video frames and, while the
// baseline stays up, about 24 strides after the start.
constexpr int kDemoDurationS = 12;

// "metric a → b (±x %)" for each of `names` whose change from run 0 to run 1 is at least
// kChangedPct, largest first, and how many of `names` have no value in one of the runs (a run
// that fell before its first analysed stride has none).
struct NamedChanges {
  std::vector<std::string> lines;
  int missing = 0;
  int total = 0;
};

template <std::size_t N>
NamedChanges changed(const RunComparison& c, const char* const (&names)[N]) {
  std::vector<std::pair<double, std::string>> found;
  NamedChanges out;
  for (const char* name : names) {
    const auto it = std::find(c.metrics.begin(), c.metrics.end(), name);
    if (it == c.metrics.end()) continue;
    ++out.total;
    const auto m = static_cast<std::size_t>(it - c.metrics.begin());
    const auto pct = change_pct(c, m, 1);
    if (!pct) {
      ++out.missing;
      continue;
    }
    if (std::abs(*pct) < kChangedPct) continue;
    found.emplace_back(std::abs(*pct), fmt::format("{} {:.3g} -> {:.3g} ({:+.0f} %)", name, *c.values[m][0],
                                                   *c.values[m][1], *pct));
  }
  std::sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (auto& f : found) out.lines.push_back(std::move(f.second));
  return out;
}

void print_named(const char* what, const NamedChanges& named) {
  if (named.missing == named.total) {
    fmt::print("{}: none to compare (a run fell before its first analysed stride)\n", what);
    return;
  }
  if (named.lines.empty()) {
    fmt::print("{}: none changed by {:.0f} % or more\n", what, kChangedPct);
  } else {
    fmt::print("{} that changed by {:.0f} % or more:\n", what, kChangedPct);
    for (const auto& l : named.lines) fmt::print("  {}\n", l);
  }
  if (named.missing > 0) fmt::print("  ({} of {} had no value to compare)\n", named.missing, named.total);
}

}  // namespace

int demo_command(const DemoArgs& args) {
  if (args.name != "arm-swing") {
    throw InputError("<command line>", "demo", "unknown demo '" + args.name + "'",
                     "use: strider demo arm-swing");
  }
  ArmSwing held = ArmSwing::Normal;
  if (!parse_arm_swing(args.held, held) || held == ArmSwing::Normal || held == ArmSwing::Scaled) {
    throw InputError("<command line>", "--held", "'" + args.held + "' is not a held arm posture",
                     "use held_behind_back, held_across_chest or hands_on_head");
  }
  if (!std::filesystem::is_regular_file(args.scenario)) {
    throw InputError(args.scenario, "--scenario", "no such scenario file",
                     "run from the source tree (scenarios/baseline.yaml) or give --scenario FILE");
  }
  // The runs are cut to kDemoDurationS unless the command line says otherwise (a later override
  // wins), so that the demo, video included, stays within about two minutes on two cores.
  std::vector<std::string> overrides = {fmt::format("duration_s={}", kDemoDurationS)};
  overrides.insert(overrides.end(), args.overrides.begin(), args.overrides.end());
  std::vector<std::string> normal_overrides = overrides, held_overrides = overrides;
  normal_overrides.push_back("arm_swing=normal");
  held_overrides.push_back("arm_swing=" + args.held);
  const Scenario normal = load_scenario_file(args.scenario, normal_overrides);
  const Scenario holding = load_scenario_file(args.scenario, held_overrides);
  std::filesystem::create_directories(args.output);
  const std::string out = args.output + "/";
  const std::string normal_h5 = out + "arms_normal.h5", held_h5 = out + "arms_" + args.held + ".h5";
  spdlog::info("running {} twice, arms swinging and {}, for {} s each -> {}", args.scenario, args.held,
               normal.duration_s, args.output);
  RunResult normal_result, held_result;
  tbb::parallel_invoke([&] { normal_result = run_scenario(normal, normal_h5); },
                       [&] { held_result = run_scenario(holding, held_h5); });
  for (const auto& [name, r] : {std::pair{normal_h5, normal_result}, std::pair{held_h5, held_result}}) {
    if (r.fell) spdlog::warn("{}: the body FELL at t = {:.3f} s", name, r.fall_time_s);
  }

  const RunComparison c = compare_runs({normal_h5, held_h5});
  fmt::print("\nArms swinging [0] against {} [1]{}:\n{}", args.held,
             normal_result.fell || held_result.fell ? ", over the strides before each fall" : "",
             comparison_table(c));
  const std::string csv_path = out + "arms_compare.csv";
  write_comparison_csv(c, csv_path, "-o");
  fmt::print("\n");
  print_named("Leg-force metrics", changed(c, kLegForceMetrics));
  print_named("Rotation metrics", changed(c, kRotationMetrics));
  fmt::print("\nwrote {} and {}, and the table {}\n", normal_h5, held_h5, csv_path);
#ifdef STRIDER_HAVE_VIZ
  viz::plot_comparison({normal_h5, held_h5}, out + "arms_compare.png");
  viz::VideoOptions video;
  video.labels = {"arms swinging", args.held};
  const int frames = viz::render_video({normal_h5, held_h5}, out + "arms.mp4", video);
  fmt::print("wrote {} (stance curves and metric changes) and {} ({} frames, side by side)\n",
             out + "arms_compare.png", out + "arms.mp4", frames);
#else
  fmt::print("no plot or video: this strider was built without visualization\n");
#endif
  return 0;
}

}  // namespace strider::cli
