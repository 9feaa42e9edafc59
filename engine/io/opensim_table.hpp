#pragma once
// Reads OpenSim text tables (.mot, .sto): a header that ends with `endheader`, a line of column
// names, then rows of numbers separated by tabs or spaces. Angles stay as written; `in_degrees`
// says what the header declared.
#include <string>
#include <vector>

#include "core/math.hpp"

namespace strider {

struct OpenSimTable {
  std::string path;
  std::vector<std::string> columns;
  Eigen::MatrixXd data;  // rows × columns
  bool in_degrees = false;

  int column(const std::string& name) const;  // -1 when absent
  // The column, linearly interpolated at time t (first column is time), held at the ends.
  double at(int column, double time_s) const;
};

// Throws InputError naming the file and line for anything unreadable.
OpenSimTable read_opensim_table(const std::string& path);

}  // namespace strider
