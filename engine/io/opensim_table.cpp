#include "io/opensim_table.hpp"

#include <cmath>
#include <sstream>

#include "core/error.hpp"
#include "io/yaml_reader.hpp"

namespace strider {

int OpenSimTable::column(const std::string& name) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == name) return static_cast<int>(i);
  return -1;
}

double OpenSimTable::at(int c, double t) const {
  const long n = data.rows();
  if (t <= data(0, 0)) return data(0, c);
  if (t >= data(n - 1, 0)) return data(n - 1, c);
  long lo = 0, hi = n - 1;
  while (hi - lo > 1) {
    const long mid = (lo + hi) / 2;
    if (data(mid, 0) <= t) lo = mid; else hi = mid;
  }
  const double w = (t - data(lo, 0)) / (data(hi, 0) - data(lo, 0));
  return data(lo, c) + w * (data(hi, c) - data(lo, c));
}

OpenSimTable read_opensim_table(const std::string& path) {
  std::istringstream in(read_text_file(path, "OpenSim table"));
  OpenSimTable t;
  t.path = path;
  std::string line;
  int line_number = 0;
  bool header_done = false;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.find("inDegrees=yes") != std::string::npos) t.in_degrees = true;
    if (line.rfind("endheader", 0) == 0 || line.find("endheader") != std::string::npos) {
      header_done = true;
      break;
    }
  }
  if (!header_done) throw InputError(path, "", "no `endheader` line", "give an OpenSim .mot or .sto file");
  // Column names: the first non-empty line after the header.
  while (std::getline(in, line)) {
    ++line_number;
    std::istringstream names(line);
    std::string name;
    while (names >> name) t.columns.push_back(name);
    if (!t.columns.empty()) break;
  }
  if (t.columns.empty() || t.columns.front() != "time") {
    throw InputError(path, "line " + std::to_string(line_number), "expected column names starting with `time`",
                     "give an OpenSim .mot or .sto file");
  }
  std::vector<double> values;
  long rows = 0;
  while (std::getline(in, line)) {
    ++line_number;
    std::istringstream row(line);
    std::string cell;
    std::size_t count = 0;
    while (row >> cell) {
      std::size_t used = 0;
      double v = 0.0;
      try {
        v = std::stod(cell, &used);
      } catch (const std::exception&) {
        used = 0;
      }
      if (used != cell.size() || !std::isfinite(v)) {
        throw InputError(path, "line " + std::to_string(line_number), "'" + cell + "' is not a finite number",
                         "fix or remove the row");
      }
      values.push_back(v);
      ++count;
    }
    if (count == 0) continue;
    if (count != t.columns.size()) {
      throw InputError(path, "line " + std::to_string(line_number),
                       "has " + std::to_string(count) + " values for " + std::to_string(t.columns.size()) + " columns",
                       "make every row as long as the header");
    }
    ++rows;
  }
  if (rows < 2) throw InputError(path, "", "fewer than two rows of data", "give a longer recording");
  t.data.resize(rows, static_cast<long>(t.columns.size()));
  for (long r = 0; r < rows; ++r)
    for (long c = 0; c < t.data.cols(); ++c) t.data(r, c) = values[static_cast<std::size_t>(r * t.data.cols() + c)];
  // Some exports repeat a row or start over (the Hamner GRF file does); keep time increasing.
  long kept = 1;
  for (long r = 1; r < rows; ++r) {
    if (t.data(r, 0) > t.data(kept - 1, 0)) t.data.row(kept++) = t.data.row(r);
  }
  t.data.conservativeResize(kept, Eigen::NoChange);
  return t;
}

}  // namespace strider
