#pragma once
// A sweep over MPI ranks (`mpirun -n N strider sweep SWEEP.yaml --mpi`), built only with
// STRIDER_USE_MPI=ON. Rank 0 hands out case ids one at a time as ranks ask for them (dynamic
// distribution), runs cases itself on its own threads, shows progress for the whole sweep and
// writes the index. Every rank runs its cases on TBB threads; only each rank's main thread
// calls MPI (MPI_THREAD_FUNNELED). Ranks write case files to the shared output folder, so the
// index and every file are the same as with one process.
#include <string>
#include <vector>

#include "sweep/sweep_run.hpp"

namespace strider {

struct MpiSweepResult {
  int rank = 0;
  int ranks = 1;
  int threads_per_rank = 1;
  std::size_t cases = 0;
  SweepOutcome outcome;  // on rank 0: the whole sweep (ran = cases run over all ranks)
  // Bad input (exit code 2): every rank stops; `error` is the message this rank should print
  // (rank 0's, or a rank's own when rank 0 saw no problem), empty when it should stay quiet.
  bool bad_input = false;
  std::string error;
};

// Initialises and finalises MPI. Threads per rank default to the node's cores divided by the
// ranks on that node (MPI_Comm_split_type shared). All ranks agree on the outcome (bad input,
// interrupted) before returning.
MpiSweepResult run_mpi_sweep(const std::string& sweep_path, const std::vector<std::string>& overrides,
                             const SweepOptions& options);

}  // namespace strider
