#pragma once
// The output folder of a sweep (docs/sweeps.md):
//   DIR/sweep-plan.yaml        the expanded sweep: hash, parameters, every case's values and seed
//   DIR/cases/case_00000017.h5 one file per finished case, renamed into place when complete
//   DIR/index.h5, index.csv    the index (sweep_index.hpp)
// A case file is complete when it exists under its final name and its /sweep group says
// complete = 1 and carries the sweep's hash. Anything else (.part, .tmp.<pid>) is left over
// from a killed process and is removed before the case runs again.
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sweep/sweep_file.hpp"

namespace strider {

class H5Reader;

enum class CaseStatus { ok, fell, failed, timeout, missing };
const char* status_name(CaseStatus status);

// What a complete case file records.
struct CaseRecord {
  CaseStatus status = CaseStatus::missing;
  std::string reason;        // why it fell, failed or timed out
  double wall_time_s = 0.0;  // wall-clock time of the case (a timing column)
};

// The sweep as stored in the folder, enough to build the index without the sweep file.
struct SweepPlan {
  std::string source;
  std::string hash;
  std::vector<SweptParam> params;
  std::vector<SweepCase> cases;
};

inline constexpr const char* kSweepPlanFile = "sweep-plan.yaml";

// Relative to DIR: "cases/case_00000017.h5".
std::string case_file_name(std::size_t case_id);

// Creates DIR (and DIR/cases) and writes the plan, or checks that the plan already there is of
// the same sweep: a folder made from another sweep file or other overrides is an InputError.
void prepare_sweep_dir(const std::string& dir, const Sweep& sweep);
SweepPlan read_sweep_plan(const std::string& dir);  // InputError when missing or malformed

// The record of a complete case file of this sweep; nullopt when the file is missing,
// incomplete, unreadable or of another sweep.
std::optional<CaseRecord> read_case_record(const std::string& dir, std::size_t case_id, const std::string& hash);
// The same from a case file already open (opening one checks its whole checksum seal).
std::optional<CaseRecord> case_record_of(const H5Reader& file, std::size_t case_id, const std::string& hash);
// A case file opened for reading; null when it is missing, unreadable or damaged.
std::unique_ptr<H5Reader> open_case_file(const std::string& dir, std::size_t case_id);

// Removes what killed processes left of these cases (.part and .tmp.* files).
void remove_stale_case_files(const std::string& dir, const std::vector<std::size_t>& case_ids);

// Runs one case and writes its file atomically: the run file with a /sweep group, or, when the
// case fails or times out, a file with only the /sweep group and the reason. A fall is a result
// (status fell). Throws Interrupted (SIGINT/SIGTERM), leaving nothing of the case behind.
CaseRecord run_sweep_case(const Sweep& sweep, const SweepCase& c, const std::string& dir);

}  // namespace strider
