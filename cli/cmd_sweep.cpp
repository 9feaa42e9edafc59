// strider sweep SWEEP.yaml [-o DIR] [--threads N] [--resume] [--retry-failed] [--shard k/N] [--mpi] [key=value ...]
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "commands.hpp"
#include "core/error.hpp"
#include "sim/scenario.hpp"
#include "sweep/sweep_file.hpp"
#include "sweep/sweep_run.hpp"
#ifdef STRIDER_HAVE_MPI
#include "sweep/mpi_sweep.hpp"
#endif

namespace strider::cli {

int sweep_command(const SweepArgs& args) {
  SweepOptions options;
  options.dir = args.output.empty() ? std::filesystem::path(args.sweep).stem().string() + "-sweep" : args.output;
  options.threads = args.threads;
  options.resume = args.resume || args.retry_failed;
  options.retry_failed = args.retry_failed;
  options.log_every_cases = args.log_every;
  options.terminal = ::isatty(STDERR_FILENO) != 0;
  if (!args.shard.empty()) parse_shard(args.shard, &options.shard, &options.shard_count);
  if (args.mpi) {
#ifdef STRIDER_HAVE_MPI
    if (options.shard_count > 1) {
      throw InputError("<command line>", "--shard", "--shard and --mpi do not combine", "use one or the other");
    }
    const MpiSweepResult mpi = run_mpi_sweep(args.sweep, args.overrides, options);
    if (mpi.bad_input) {
      if (!mpi.error.empty()) spdlog::error("{}", mpi.error);
      return 2;
    }
    if (mpi.rank == 0 && !mpi.outcome.interrupted) {
      const auto& c = mpi.outcome.counts;
      spdlog::info("MPI sweep of {} cases over {} ranks x {} threads: {} run now, {} done before; {} ok, {} fell, "
                   "{} failed, {} timed out; index: {}/index.csv and index.h5",
                   mpi.cases, mpi.ranks, mpi.threads_per_rank, mpi.outcome.ran, mpi.outcome.skipped, c.ok, c.fell,
                   c.failed, c.timeout, options.dir);
    }
    if (mpi.outcome.interrupted) {
      if (mpi.rank == 0) spdlog::warn("sweep stopped; cases in flight were abandoned; continue with --resume");
      return 130;
    }
    return 0;
#else
    throw InputError("<command line>", "--mpi", "this strider was built without MPI",
                     "configure with -DSTRIDER_USE_MPI=ON (docs/cluster.md)");
#endif
  }
  const Sweep sweep = load_sweep_file(args.sweep, args.overrides);
  spdlog::info("sweep {}: {} cases, {} parameter(s), hash {} -> {}{}", args.sweep, sweep.cases.size(),
               sweep.params.size(), sweep.hash, options.dir,
               options.shard_count > 1 ? fmt::format(" (shard {}/{})", options.shard, options.shard_count) : "");
  warn_path_switches(load_scenario_file(sweep.base_path, sweep.common));  // the base's model
  const SweepOutcome outcome = run_sweep(sweep, options);
  if (outcome.interrupted) {
    spdlog::warn("sweep stopped: {} case(s) finished this time; cases in flight were abandoned (nothing of them "
                 "written); continue with --resume",
                 outcome.ran);
    return 130;
  }
  if (!outcome.index_written) {
    spdlog::info("shard {}/{} done: {} case(s) run, {} done before; when every shard is done run `strider merge {}`",
                 options.shard, options.shard_count, outcome.ran, outcome.skipped, options.dir);
    return 0;
  }
  const auto& c = outcome.counts;
  spdlog::info("sweep done: {} ok, {} fell, {} failed, {} timed out; index: {}/index.csv and index.h5", c.ok, c.fell,
               c.failed, c.timeout, options.dir);
  return 0;
}

}  // namespace strider::cli
