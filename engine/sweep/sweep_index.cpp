#include "sweep/sweep_index.hpp"

#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <optional>

#include "analysis/gait.hpp"
#include "io/atomic_file.hpp"
#include "io/hdf5_file.hpp"
#include "sweep/sweep_dir.hpp"

namespace strider {

namespace fs = std::filesystem;

const std::vector<std::string>& index_metric_keys() {
  static const std::vector<std::string> keys = [] {
    std::vector<std::string> k = summary_keys();
    for (const char* extra : {"end_time_s", "metabolic_energy_j", "distance_m", "whole_run_cost_of_transport_j_per_kg_m",
                              "whole_run_cost_of_transport_net_j_per_kg_m"}) {
      k.emplace_back(extra);
    }
    return k;
  }();
  return keys;
}

namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

struct Column {
  std::string name;
  bool numeric = true;
  std::vector<double> numbers;
  std::vector<std::string> texts;
};

std::string csv_number(double v) {
  if (!std::isfinite(v)) return "";
  // The shortest text that reads back to the same double.
  char buf[32];
  const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  return std::string(buf, end);
}

std::string csv_text(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

// The metrics of one case file; NaN for what it lacks (a failed case has no summary).
std::vector<double> read_metrics(const H5Reader& file) {
  std::vector<double> values(index_metric_keys().size(), kNone);
  for (std::size_t k = 0; k < values.size(); ++k) {
    const std::string& key = index_metric_keys()[k];
    if (key == "end_time_s") {
      if (file.exists("/summary/end_time_s")) values[k] = file.read("/summary/end_time_s").at(0);
    } else if (file.has_attr("/summary", key)) {
      values[k] = file.attr_number("/summary", key);
    }
  }
  return values;
}

// What the index needs of one case: its record, and for a run that completed (ok or fell)
// its metrics and the seed it recorded. The file is opened once.
struct CaseRow {
  std::optional<CaseRecord> record;
  std::vector<double> metrics = std::vector<double>(index_metric_keys().size(), kNone);
  std::optional<double> seed;
};

CaseRow read_case_row(const std::string& dir, std::size_t case_id, const std::string& hash) {
  CaseRow row;
  const auto file = open_case_file(dir, case_id);
  if (!file) return row;  // missing, unreadable or damaged
  row.record = case_record_of(*file, case_id, hash);
  if (row.record && (row.record->status == CaseStatus::ok || row.record->status == CaseStatus::fell)) {
    row.metrics = read_metrics(*file);
    row.seed = file->attr_number("/provenance", "seed");
  }
  return row;
}

}  // namespace

IndexCounts write_sweep_index(const std::string& dir, int threads) {
  const SweepPlan plan = read_sweep_plan(dir);
  std::vector<Column> columns;
  auto add = [&](const std::string& name, bool numeric) -> Column& {
    columns.push_back({name, numeric, {}, {}});
    return columns.back();
  };
  add("case_id", true);
  for (const auto& p : plan.params) add("param." + p.key, p.numeric);
  add("seed", true);
  add("status", false);
  add("reason", false);
  for (const auto& key : index_metric_keys()) add(key, true);
  add("wall_time_s", true);
  add("file", false);

  // The case files are read in parallel (each open checks the file's checksum, outside HDF5's
  // lock); the table is filled in case order.
  std::vector<CaseRow> case_rows(plan.cases.size());
  tbb::task_arena arena(threads > 0 ? threads : tbb::task_arena::automatic);
  arena.execute([&] {
    tbb::parallel_for(std::size_t{0}, plan.cases.size(),
                      [&](std::size_t i) { case_rows[i] = read_case_row(dir, plan.cases[i].id, plan.hash); });
  });
  IndexCounts counts;
  const std::size_t first_metric = plan.params.size() + 4;
  for (std::size_t i = 0; i < plan.cases.size(); ++i) {
    const SweepCase& c = plan.cases[i];
    const auto& record = case_rows[i].record;
    const std::vector<double>& metrics = case_rows[i].metrics;
    const std::optional<double>& metrics_seed = case_rows[i].seed;
    const CaseStatus status = record ? record->status : CaseStatus::missing;
    switch (status) {
      case CaseStatus::ok: ++counts.ok; break;
      case CaseStatus::fell: ++counts.fell; break;
      case CaseStatus::failed: ++counts.failed; break;
      case CaseStatus::timeout: ++counts.timeout; break;
      case CaseStatus::missing: ++counts.missing; break;
    }
    std::size_t col = 0;
    columns[col++].numbers.push_back(static_cast<double>(c.id));
    for (std::size_t p = 0; p < plan.params.size(); ++p, ++col) {
      if (columns[col].numeric) columns[col].numbers.push_back(std::stod(c.values[p]));
      else columns[col].texts.push_back(c.values[p]);
    }
    // The seed the run itself recorded (its provenance), so that the index shows what ran.
    columns[col++].numbers.push_back(metrics_seed.value_or(static_cast<double>(c.seed)));
    columns[col++].texts.emplace_back(status_name(status));
    columns[col++].texts.push_back(record ? record->reason : "no complete case file");
    for (std::size_t k = 0; k < metrics.size(); ++k) columns[first_metric + k].numbers.push_back(metrics[k]);
    col = first_metric + metrics.size();
    columns[col++].numbers.push_back(record ? record->wall_time_s : kNone);
    columns[col++].texts.push_back(record ? case_file_name(c.id) : "");
  }

  const hsize_t rows = plan.cases.size();
  write_atomically((fs::path(dir) / "index.h5").string(), [&](const std::string& temporary) {
    H5Writer out(temporary);
    std::vector<std::string> names;
    for (const auto& column : columns) {
      names.push_back(column.name);
      if (column.numeric) out.write("/index/" + column.name, column.numbers.data(), {rows}, "");
      else out.write_strings("/index/" + column.name, column.texts);
    }
    out.write_strings("/columns", names);
    out.attr("/index", "rows", static_cast<std::int64_t>(rows));
    out.attr("/index", "sweep_hash", plan.hash);
    out.attr("/index", "sweep_source", plan.source);
    out.attr("/", "creator", std::string("strider sweep index"));
    out.close();
  });
  write_atomically((fs::path(dir) / "index.csv").string(), [&](const std::string& temporary) {
    std::ofstream f(temporary, std::ios::binary);
    for (std::size_t c = 0; c < columns.size(); ++c) f << (c ? "," : "") << csv_text(columns[c].name);
    f << "\n";
    for (std::size_t r = 0; r < rows; ++r) {
      for (std::size_t c = 0; c < columns.size(); ++c) {
        const Column& column = columns[c];
        f << (c ? "," : "") << (column.numeric ? csv_number(column.numbers[r]) : csv_text(column.texts[r]));
      }
      f << "\n";
    }
    f.close();
    if (!f) throw std::runtime_error("cannot write " + temporary);
  });
  return counts;
}

}  // namespace strider
