#pragma once
// A sweep on one machine (or one shard of a job array): choose this process's cases, run them
// on TBB threads with progress, and write the index when the whole sweep is done.
#include <cstddef>
#include <string>
#include <vector>

#include "sweep/sweep_file.hpp"
#include "sweep/sweep_index.hpp"

namespace strider {

struct SweepOptions {
  std::string dir;                    // output folder
  int threads = 0;                    // 0: every core
  bool resume = false;                // skip complete cases, redo the others
  bool retry_failed = false;          // with resume: also redo failed and timed-out cases
  std::size_t shard = 1;              // this process runs the cases with id % shard_count == shard - 1
  std::size_t shard_count = 1;
  std::size_t log_every_cases = 10;   // without a terminal: a progress line every N cases (or 30 s)
  bool terminal = false;              // draw a progress bar
};

struct SweepOutcome {
  bool interrupted = false;  // SIGINT/SIGTERM: cases in flight abandoned, no index written
  std::size_t ran = 0;       // cases finished by this process (any status)
  std::size_t skipped = 0;   // complete before (--resume)
  bool index_written = false;
  IndexCounts counts;        // of the whole sweep, when the index was written
};

// The ids of the shard's cases that still need running: those without a complete file, and
// with `retry_failed` also the failed and timed-out ones. Without `resume`, a case that is
// already complete is an InputError (the folder has results: resume or choose another one).
std::vector<std::size_t> pending_cases(const Sweep& sweep, const std::string& dir, std::size_t shard,
                                       std::size_t shard_count, bool resume, bool retry_failed,
                                       std::size_t* complete_before);

// Parses "k/N" (1 <= k <= N). InputError otherwise.
void parse_shard(const std::string& text, std::size_t* shard, std::size_t* shard_count);

// Refuses more than one thread when the HDF5 library is not thread-safe (InputError with the fix).
void check_hdf5_threads(int threads);

SweepOutcome run_sweep(const Sweep& sweep, const SweepOptions& options);

}  // namespace strider
