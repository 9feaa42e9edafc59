#pragma once
// An optimization's checkpoint: the CMA-ES state after a generation, the generation history and
// what it belongs to, as YAML with 17 significant digits so that `--resume` continues exactly.
// Written atomically after every generation.
#include <cstdint>
#include <string>
#include <vector>

#include "optimize/cmaes.hpp"

namespace strider {

// One generation, as the history table and progress report it. Deterministic values only.
struct GenerationRecord {
  int generation = 0;               // 1 for the first
  std::int64_t evaluations = 0;     // so far
  double best_fitness = 0.0;        // of this generation (inf when every candidate failed)
  double mean_fitness = 0.0;        // of its finite values
  double best_ever = 0.0;
  double sigma = 0.0;
  int failed = 0;                   // candidates whose simulation diverged
};

struct Checkpoint {
  static constexpr int kFormat = 1;
  std::string scenario_hash;         // fnv1a64 of the scenario's resolved YAML (with its optimize section)
  std::vector<std::string> names;    // the free parameters, in order
  int lambda = 0;
  std::uint64_t seed = 0;
  CmaesState state;
  std::vector<GenerationRecord> history;
};

std::string format_checkpoint(const Checkpoint& checkpoint);
// Throws InputError naming the file and key, with the fix (start again without --resume).
Checkpoint parse_checkpoint(const std::string& text, const std::string& path);
Checkpoint read_checkpoint(const std::string& path);

}  // namespace strider
