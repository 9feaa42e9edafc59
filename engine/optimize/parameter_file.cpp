#include "optimize/parameter_file.hpp"

#include <cmath>
#include <algorithm>
#include <cstdlib>
#include <set>
#include <sstream>

#include "core/error.hpp"
#include "core/number_text.hpp"
#include "io/yaml_reader.hpp"

namespace strider {

std::string format_parameter_file(const std::vector<std::string>& comments, const std::vector<ParameterLine>& lines) {
  std::size_t width = 4;
  for (const auto& l : lines) width = std::max(width, l.name.size());
  auto padded = [](std::string text, std::size_t to) {
    if (text.size() < to) text.append(to - text.size(), ' ');
    return text;
  };
  std::string out;
  for (const auto& c : comments) out += "# " + c + "\n";
  out += "# " + padded("name", width - 2) + " " + padded("best", 24) + " " + padded("mean", 24) + " spread\n";
  for (const auto& l : lines) {
    out += padded(l.name, width) + " " + padded(format17(l.best), 24) + " " + padded(format17(l.mean), 24) + " " +
           format17(l.spread) + "\n";
  }
  return out;
}

std::vector<ParameterLine> parse_parameter_file(const std::string& text, const std::string& path) {
  std::vector<ParameterLine> lines;
  std::set<std::string> seen;
  std::istringstream in(text);
  std::string line;
  int number = 0;
  const std::string fix = "each line is `name best mean spread`; re-create the file with strider optimize";
  while (std::getline(in, line)) {
    ++number;
    const std::string where = "line " + std::to_string(number);
    if (line.find('\0') != std::string::npos) throw InputError(path, where, "not a text file", fix);
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line[first] == '#') continue;
    std::istringstream words(line);
    std::vector<std::string> fields;
    std::string w;
    while (words >> w) fields.push_back(w);
    if (fields.size() != 4) {
      throw InputError(path, where, "expected 4 fields (name best mean spread), found " + std::to_string(fields.size()), fix);
    }
    ParameterLine p;
    p.name = fields[0];
    p.line = number;
    const char* labels[3] = {"best", "mean", "spread"};
    double* values[3] = {&p.best, &p.mean, &p.spread};
    for (int k = 0; k < 3; ++k) {
      if (!parse_finite(fields[static_cast<std::size_t>(k) + 1], *values[k])) {
        throw InputError(path, where, std::string("the ") + labels[k] + " value '" + fields[static_cast<std::size_t>(k) + 1] +
                                          "' of " + p.name + " is not a finite number", fix);
      }
    }
    if (p.name.find('=') != std::string::npos) throw InputError(path, where, "a parameter name cannot contain '='", fix);
    if (!seen.insert(p.name).second) throw InputError(path, where, "'" + p.name + "' is given twice", "keep one line per parameter");
    lines.push_back(p);
  }
  if (lines.empty()) throw InputError(path, "", "the file lists no parameters", fix);
  return lines;
}

std::vector<ParameterLine> read_parameter_file(const std::string& path) {
  return parse_parameter_file(read_text_file(path, "parameter file"), path);
}

std::vector<std::string> best_value_overrides(const std::vector<ParameterLine>& lines) {
  std::vector<std::string> out;
  for (const auto& l : lines) out.push_back(l.name + "=" + format17(l.best));
  return out;
}

}  // namespace strider
