#include "sweep/sweep_dir.hpp"

#include <unistd.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <set>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "io/atomic_file.hpp"
#include "io/hdf5_file.hpp"
#include "io/yaml_reader.hpp"
#include "sim/run.hpp"

namespace strider {

namespace fs = std::filesystem;

const char* status_name(CaseStatus status) {
  switch (status) {
    case CaseStatus::ok: return "ok";
    case CaseStatus::fell: return "fell";
    case CaseStatus::failed: return "failed";
    case CaseStatus::timeout: return "timeout";
    case CaseStatus::missing: return "missing";
  }
  return "missing";
}

namespace {

CaseStatus status_from_name(const std::string& name) {
  for (auto s : {CaseStatus::ok, CaseStatus::fell, CaseStatus::failed, CaseStatus::timeout}) {
    if (name == status_name(s)) return s;
  }
  return CaseStatus::missing;
}

std::string plan_text(const Sweep& sweep) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  out << YAML::Key << "strider_sweep_plan" << YAML::Value << 1;
  out << YAML::Key << "source" << YAML::Value << sweep.source;
  out << YAML::Key << "hash" << YAML::Value << sweep.hash;
  out << YAML::Key << "params" << YAML::Value << YAML::BeginSeq;
  for (const auto& p : sweep.params) {
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "key" << YAML::Value << p.key << YAML::Key << "numeric"
        << YAML::Value << p.numeric << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "cases" << YAML::Value << YAML::Comment("case id, scenario seed, parameter values")
      << YAML::BeginSeq;
  for (const auto& c : sweep.cases) {
    out << YAML::Flow << YAML::BeginSeq << c.id << c.seed;
    for (const auto& v : c.values) out << YAML::DoubleQuoted << v;
    out << YAML::EndSeq;
  }
  out << YAML::EndSeq << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

void write_text_atomically(const std::string& path, const std::string& text) {
  write_atomically(path, [&](const std::string& temporary) {
    std::ofstream f(temporary, std::ios::binary);
    f << text;
    f.close();
    if (!f) throw std::runtime_error("cannot write " + temporary);
  });
}

// The /sweep group: what the case is and how it ended. `complete` is written last.
void write_sweep_group(H5Writer& out, const Sweep& sweep, const SweepCase& c, const CaseRecord& record) {
  out.write_strings("/sweep/overrides", case_overrides(sweep, c));
  out.attr("/sweep", "sweep_hash", sweep.hash);
  out.attr("/sweep", "case_id", static_cast<std::int64_t>(c.id));
  out.attr("/sweep", "seed", static_cast<std::int64_t>(c.seed));
  out.attr("/sweep", "status", std::string(status_name(record.status)));
  out.attr("/sweep", "reason", record.reason);
  out.attr("/sweep", "wall_time_s", record.wall_time_s);
  // Which process ran the case (not in the index: it differs with threads, ranks and shards).
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  out.attr("/sweep", "process", std::string(host) + ":" + std::to_string(::getpid()));
  out.attr("/sweep", "complete", static_cast<std::int64_t>(1));
}

}  // namespace

std::string case_file_name(std::size_t case_id) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "cases/case_%08zu.h5", case_id);
  return buf;
}

void prepare_sweep_dir(const std::string& dir, const Sweep& sweep) {
  std::error_code ec;
  fs::create_directories(fs::path(dir) / "cases", ec);
  if (ec) throw InputError(dir, "", "cannot create the output folder: " + ec.message(), "choose another -o folder");
  const std::string plan_path = (fs::path(dir) / kSweepPlanFile).string();
  if (fs::exists(plan_path)) {
    const SweepPlan existing = read_sweep_plan(dir);
    if (existing.hash != sweep.hash) {
      throw InputError(plan_path, "hash",
                       "this folder holds another sweep (from " + existing.source + ", hash " + existing.hash +
                           "; this one is " + sweep.hash + ")",
                       "use another -o folder, or the same sweep file, base scenario and overrides");
    }
    return;
  }
  write_text_atomically(plan_path, plan_text(sweep));
}

SweepPlan read_sweep_plan(const std::string& dir) {
  const std::string path = (fs::path(dir) / kSweepPlanFile).string();
  const YAML::Node root = parse_yaml(read_text_file(path, "sweep plan"), path);
  SweepPlan plan;
  try {
    if (!root.IsMap() || root["strider_sweep_plan"].as<int>() != 1) throw YAML::Exception(YAML::Mark(), "version");
    plan.source = root["source"].as<std::string>();
    plan.hash = root["hash"].as<std::string>();
    for (const auto& p : root["params"]) plan.params.push_back({p["key"].as<std::string>(), p["numeric"].as<bool>()});
    for (const auto& row : root["cases"]) {
      SweepCase c;
      c.id = row[0].as<std::size_t>();
      c.seed = row[1].as<std::uint64_t>();
      for (std::size_t i = 2; i < row.size(); ++i) c.values.push_back(row[i].as<std::string>());
      if (c.values.size() != plan.params.size() || c.id != plan.cases.size()) {
        throw YAML::Exception(YAML::Mark(), "row");
      }
      plan.cases.push_back(std::move(c));
    }
  } catch (const YAML::Exception&) {
    throw InputError(path, "", "not a sweep plan written by this Strider", "run the sweep again into a new folder");
  }
  return plan;
}

std::unique_ptr<H5Reader> open_case_file(const std::string& dir, std::size_t case_id) {
  const fs::path path = fs::path(dir) / case_file_name(case_id);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return nullptr;
  try {
    return std::make_unique<H5Reader>(path.string());
  } catch (const std::exception&) {
    return nullptr;  // unreadable or damaged
  }
}

std::optional<CaseRecord> read_case_record(const std::string& dir, std::size_t case_id, const std::string& hash) {
  const auto file = open_case_file(dir, case_id);
  return file ? case_record_of(*file, case_id, hash) : std::nullopt;
}

std::optional<CaseRecord> case_record_of(const H5Reader& file, std::size_t case_id, const std::string& hash) {
  try {
    if (!file.has_attr("/sweep", "complete") || file.attr_number("/sweep", "complete") != 1.0) return std::nullopt;
    if (file.attr_text("/sweep", "sweep_hash") != hash) return std::nullopt;
    if (file.attr_number("/sweep", "case_id") != static_cast<double>(case_id)) return std::nullopt;
    CaseRecord record;
    record.status = status_from_name(file.attr_text("/sweep", "status"));
    record.reason = file.attr_text("/sweep", "reason");
    record.wall_time_s = file.attr_number("/sweep", "wall_time_s");
    if (record.status == CaseStatus::missing) return std::nullopt;
    return record;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

void remove_stale_case_files(const std::string& dir, const std::vector<std::size_t>& case_ids) {
  const std::set<std::size_t> ids(case_ids.begin(), case_ids.end());
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(fs::path(dir) / "cases", ec)) {
    const std::string name = entry.path().filename().string();
    // case_<id>.h5.<anything>: .part, .part.tmp.<pid>, .tmp.<pid>
    std::size_t id = 0;
    int used = 0;
    if (std::sscanf(name.c_str(), "case_%zu.h5.%n", &id, &used) == 1 && used > 0 && ids.count(id)) {
      fs::remove(entry.path(), ec);
    }
  }
}

CaseRecord run_sweep_case(const Sweep& sweep, const SweepCase& c, const std::string& dir) {
  const auto start = std::chrono::steady_clock::now();
  const std::string final_path = (fs::path(dir) / case_file_name(c.id)).string();
  const std::string part_path = final_path + ".part";
  CaseRecord record;
  bool have_run_file = false;
  try {
    const Scenario scenario = case_scenario(sweep, c);
    RunLimits limits;
    limits.wall_time_limit_s = sweep.case_timeout_s;
    const RunResult result = run_scenario(scenario, part_path, limits);
    have_run_file = true;
    record.status = result.fell ? CaseStatus::fell : CaseStatus::ok;
    if (result.fell) record.reason = "fell at t = " + std::to_string(result.fall_time_s) + " s";
  } catch (const Interrupted&) {
    throw;
  } catch (const RunTimedOut& e) {
    record.status = CaseStatus::timeout;
    record.reason = e.what();
  } catch (const std::exception& e) {
    record.status = CaseStatus::failed;
    record.reason = e.what();
  }
  record.wall_time_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::error_code ec;
  try {
    write_atomically(final_path, [&](const std::string& temporary) {
      if (have_run_file) {
        fs::rename(part_path, temporary);
        H5Writer out(temporary, H5Writer::Append{});
        write_sweep_group(out, sweep, c, record);
        out.close();
      } else {
        H5Writer out(temporary);
        write_sweep_group(out, sweep, c, record);
        out.close();
      }
    });
  } catch (...) {
    fs::remove(part_path, ec);
    throw;
  }
  return record;
}

}  // namespace strider
