#pragma once
// The sweep index: one row per case, built from the plan and the case files of a sweep folder
// (so a sweep, its shards or its MPI ranks all end with the same table, and `strider merge`
// can rebuild it). Written as DIR/index.h5 and DIR/index.csv, each atomically.
//
// Columns, in order: case_id; param.<key> for every swept key; seed; status (ok, fell, failed,
// timeout, missing); reason; every summary metric (index_metric_keys); wall_time_s (the only
// timing column); file (the case file, relative to DIR; empty when missing).
// index.h5 holds one 1-D dataset per column under /index (numbers as float64, NaN when absent;
// text as UTF-8 strings) and the column order in /columns. index.csv leaves absent numbers empty.
#include <cstddef>
#include <string>
#include <vector>

namespace strider {

// The summary metrics of a run file as index columns: the DESIGN.md summary keys, then the
// run's own (end_time_s, metabolic_energy_j, distance_m, whole-run costs of transport).
const std::vector<std::string>& index_metric_keys();

struct IndexCounts {
  std::size_t ok = 0, fell = 0, failed = 0, timeout = 0, missing = 0;
};

// Reads the case files on `threads` threads (0: every core).
IndexCounts write_sweep_index(const std::string& dir, int threads = 0);

}  // namespace strider
