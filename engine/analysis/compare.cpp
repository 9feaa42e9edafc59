#include "analysis/compare.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "analysis/gait.hpp"
#include "analysis/gait_io.hpp"

namespace strider {

RunComparison compare_runs(const std::vector<std::string>& run_paths) {
  RunComparison c;
  c.runs = run_paths;
  c.metrics = summary_keys();
  c.values.assign(c.metrics.size(), std::vector<std::optional<double>>(run_paths.size()));
  for (std::size_t r = 0; r < run_paths.size(); ++r) {
    const GaitSummary s = analyze_gait(load_gait_data(run_paths[r]));
    for (std::size_t m = 0; m < c.metrics.size(); ++m) {
      const auto it = s.values.find(c.metrics[m]);
      if (it != s.values.end() && it->second && std::isfinite(*it->second)) c.values[m][r] = it->second;
    }
  }
  return c;
}

std::optional<double> change_abs(const RunComparison& c, std::size_t metric, std::size_t run) {
  const auto& v = c.values[metric];
  if (!v[0] || !v[run]) return std::nullopt;
  return *v[run] - *v[0];
}

std::optional<double> change_pct(const RunComparison& c, std::size_t metric, std::size_t run) {
  const auto& v = c.values[metric];
  if (!v[0] || !v[run] || *v[0] == 0.0) return std::nullopt;
  return 100.0 * (*v[run] - *v[0]) / std::abs(*v[0]);
}

namespace {
std::string printed(const char* format, double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, v);
  return buffer;
}
std::string padded(const std::string& s, std::size_t width, bool left = false) {
  if (s.size() >= width) return s;
  return left ? s + std::string(width - s.size(), ' ') : std::string(width - s.size(), ' ') + s;
}
std::string bracket(std::size_t r) {
  std::string s("[");
  s += std::to_string(r);
  s += ']';
  return s;
}
std::string number(const std::optional<double>& v) { return v ? printed("%.4g", *v) : std::string("-"); }
std::string signed_number(const std::optional<double>& v) { return v ? printed("%+.4g", *v) : std::string("-"); }
std::string csv_number(const std::optional<double>& v) { return v ? printed("%.9g", *v) : std::string(); }
std::string csv_quoted(const std::string& s) {
  std::string out("\"");
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
  return out;
}
}  // namespace

std::string comparison_table(const RunComparison& c) {
  std::string out;
  for (std::size_t r = 0; r < c.runs.size(); ++r) {
    out += "  ";
    out += bracket(r);
    out += ' ';
    out += c.runs[r];
    out += r == 0 ? "  (reference)\n" : "\n";
  }
  out += "  ";
  out += padded("metric", 38, true);
  for (std::size_t r = 0; r < c.runs.size(); ++r) {
    out += ' ';
    out += padded(bracket(r), 11);
    if (r > 0) {
      out += ' ';
      out += padded("change", 10);
      out += ' ';
      out += padded("%", 8);
    }
  }
  out += "\n";
  for (std::size_t m = 0; m < c.metrics.size(); ++m) {
    out += "  ";
    out += padded(c.metrics[m], 38, true);
    for (std::size_t r = 0; r < c.runs.size(); ++r) {
      out += ' ';
      out += padded(number(c.values[m][r]), 11);
      if (r > 0) {
        const auto pct = change_pct(c, m, r);
        out += ' ';
        out += padded(signed_number(change_abs(c, m, r)), 10);
        out += ' ';
        out += padded(pct ? printed("%+.1f", *pct) : "-", 8);
      }
    }
    out += "\n";
  }
  return out;
}

std::string comparison_csv(const RunComparison& c) {
  std::string out = "metric";
  for (std::size_t r = 0; r < c.runs.size(); ++r) {
    out += ',';
    out += csv_quoted(c.runs[r]);
  }
  for (std::size_t r = 1; r < c.runs.size(); ++r) {
    out += ",change ";
    out += std::to_string(r);
    out += ",change % ";
    out += std::to_string(r);
  }
  out += "\n";
  for (std::size_t m = 0; m < c.metrics.size(); ++m) {
    out += c.metrics[m];
    for (std::size_t r = 0; r < c.runs.size(); ++r) {
      out += ',';
      out += csv_number(c.values[m][r]);
    }
    for (std::size_t r = 1; r < c.runs.size(); ++r) {
      out += ',';
      out += csv_number(change_abs(c, m, r));
      out += ',';
      out += csv_number(change_pct(c, m, r));
    }
    out += "\n";
  }
  return out;
}

}  // namespace strider
