#pragma once
// `strider compare`: the summary metrics of several runs side by side, each with its change from
// the first run (absolute and in %).
#include <optional>
#include <string>
#include <vector>

namespace strider {

struct RunComparison {
  std::vector<std::string> runs;     // file paths, the first is the reference
  std::vector<std::string> metrics;  // the DESIGN.md summary keys, in their order
  // values[m][r]: metric m of run r (nullopt where the summary says null).
  std::vector<std::vector<std::optional<double>>> values;
};

// Runs the gait analysis on every file. Throws InputError for an unreadable file.
RunComparison compare_runs(const std::vector<std::string>& run_paths);

// Change of run r from run 0: absolute and relative (nullopt when either value is missing, and
// the relative one also when the reference is zero).
std::optional<double> change_abs(const RunComparison& c, std::size_t metric, std::size_t run);
std::optional<double> change_pct(const RunComparison& c, std::size_t metric, std::size_t run);

// The table as text (for a terminal) and as CSV (one row per metric; for each run its value,
// then for every run after the first its change and % change).
std::string comparison_table(const RunComparison& c);
std::string comparison_csv(const RunComparison& c);

}  // namespace strider
