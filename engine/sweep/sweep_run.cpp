#include "sweep/sweep_run.hpp"

#include <hdf5.h>

#include <cstdlib>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "core/threads.hpp"
#include "sweep/case_pool.hpp"
#include "sweep/progress.hpp"
#include "sweep/sweep_dir.hpp"

namespace strider {

void parse_shard(const std::string& text, std::size_t* shard, std::size_t* shard_count) {
  const auto slash = text.find('/');
  char* end = nullptr;
  bool ok = slash != std::string::npos && slash > 0 && slash + 1 < text.size();
  unsigned long k = 0, n = 0;
  if (ok) {
    const std::string left = text.substr(0, slash), right = text.substr(slash + 1);
    k = std::strtoul(left.c_str(), &end, 10);
    ok = *end == '\0' && left.find_first_not_of("0123456789") == std::string::npos;
    n = std::strtoul(right.c_str(), &end, 10);
    ok = ok && *end == '\0' && right.find_first_not_of("0123456789") == std::string::npos;
  }
  if (!ok || k < 1 || n < 1 || k > n) {
    throw InputError("<command line>", "--shard", "'" + text + "' is not a shard k/N with 1 <= k <= N",
                     "write e.g. --shard 2/8 (k counts from 1)");
  }
  *shard = k;
  *shard_count = n;
}

void check_hdf5_threads(int threads) {
  hbool_t safe = 0;
  H5is_library_threadsafe(&safe);
  if (threads > 1 && !safe) {
    throw InputError("<command line>", "--threads",
                     "this HDF5 library is not thread-safe, so cases cannot run on several threads",
                     "use --threads 1 with more MPI ranks, or build against an HDF5 configured with "
                     "--enable-threadsafe (docs/cluster.md)");
  }
}

std::vector<std::size_t> pending_cases(const Sweep& sweep, const std::string& dir, std::size_t shard,
                                       std::size_t shard_count, bool resume, bool retry_failed,
                                       std::size_t* complete_before) {
  std::vector<std::size_t> pending;
  std::size_t complete = 0;
  for (const auto& c : sweep.cases) {
    if (c.id % shard_count != shard - 1) continue;
    if (const auto record = read_case_record(dir, c.id, sweep.hash)) {
      if (!resume) {
        throw InputError(dir, "", "this folder already holds finished cases of this sweep (e.g. " +
                                      case_file_name(c.id) + ")",
                         "pass --resume to run only what is missing, or choose another -o folder");
      }
      const bool failed = record->status == CaseStatus::failed || record->status == CaseStatus::timeout;
      if (!(retry_failed && failed)) {
        ++complete;
        continue;
      }
    }
    pending.push_back(c.id);
  }
  if (complete_before) *complete_before = complete;
  return pending;
}

SweepOutcome run_sweep(const Sweep& sweep, const SweepOptions& options) {
  const int threads = options.threads > 0 ? options.threads : default_thread_count();
  check_hdf5_threads(threads);
  prepare_sweep_dir(options.dir, sweep);
  SweepOutcome outcome;
  const auto pending =
      pending_cases(sweep, options.dir, options.shard, options.shard_count, options.resume, options.retry_failed,
                    &outcome.skipped);
  remove_stale_case_files(options.dir, pending);
  SweepProgress progress(pending.size(), outcome.skipped, options.terminal, options.log_every_cases);
  ListFeed feed(pending);
  run_case_pool(sweep, options.dir, feed, threads, [&](const std::vector<CaseOutcome>& finished) {
    for (const auto& f : finished) {
      progress.case_done(f.record.status == CaseStatus::failed || f.record.status == CaseStatus::timeout);
    }
    progress.tick();
  });
  progress.finish();
  outcome.ran = progress.done();
  if (interrupt_requested()) {
    outcome.interrupted = true;
    return outcome;
  }
  if (options.shard_count == 1) {
    outcome.counts = write_sweep_index(options.dir, threads);
    outcome.index_written = true;
  }
  return outcome;
}

}  // namespace strider
