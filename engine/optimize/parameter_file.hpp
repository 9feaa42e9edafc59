#pragma once
// The human-readable result of an optimization: one line per free parameter with its best
// value, the final mean and spread (17 significant digits, so a replay is exact), after `#`
// comment lines that say where it came from. `strider run --params FILE` replays the best.
//
//   # strider optimize: scenarios/optimize-smoke.yaml
//   # name                      best                   mean                   spread
//   tracking.stance_knee_kp     3.1415926535897931     3.0                    0.25
#include <string>
#include <utility>
#include <vector>

namespace strider {

struct ParameterLine {
  std::string name;
  double best = 0.0, mean = 0.0, spread = 0.0;
  int line = 0;  // in the file it was read from (0 when not read)
};

// The file's text (comments first, each prefixed with "# ").
std::string format_parameter_file(const std::vector<std::string>& comments, const std::vector<ParameterLine>& lines);

// Reads a parameter file. Throws InputError naming the file and line for anything else than
// comments, blank lines and `name best mean spread` lines with finite numbers, and for a name
// given twice or no parameters at all.
std::vector<ParameterLine> read_parameter_file(const std::string& path);
std::vector<ParameterLine> parse_parameter_file(const std::string& text, const std::string& path);

// key=value overrides that set each parameter to its best value.
std::vector<std::string> best_value_overrides(const std::vector<ParameterLine>& lines);

}  // namespace strider
