#pragma once
// ParaView export of a recorded run: per frame, three PolyData files (segments with a `body`
// array, muscles as lines with an `activation` array, ground forces as points with a
// `force_n` vector array) and a .pvd collection that ParaView opens as a time series.
#include <string>

namespace strider::viz {

// Writes DIR/run.pvd and DIR/{bodies,muscles,grf}_NNNNN.vtp, one set per recorded sample
// (every `stride`-th sample). Returns the number of frames.
int export_paraview(const std::string& run_path, const std::string& folder, int stride = 1);

}  // namespace strider::viz
