#pragma once
// Fills GaitData from a run (or replay) HDF5 file; channels the file lacks stay empty.
#include <string>

#include "analysis/gait.hpp"

namespace strider {

GaitData load_gait_data(const std::string& run_path);

}  // namespace strider
