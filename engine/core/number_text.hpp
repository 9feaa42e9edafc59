#pragma once
// Numbers as text for files meant to replay exactly: 17 significant digits round-trip every
// double (DESIGN.md, numbers in text files).
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace strider {

inline std::string format17(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// The whole word as a finite number; false for anything else.
inline bool parse_finite(const std::string& word, double& out) {
  if (word.empty()) return false;
  char* end = nullptr;
  out = std::strtod(word.c_str(), &end);
  return end == word.c_str() + word.size() && std::isfinite(out);
}

}  // namespace strider
