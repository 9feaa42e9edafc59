#pragma once
// Time-series charts of recorded runs (VTK charts), rendered offscreen to PNG.
#include <string>
#include <vector>

namespace strider::viz {

struct PlotOptions {
  // grf (vertical and fore-aft ground force per foot, in body weights), joints (sagittal joint
  // angles in degrees), activation (muscle activations).
  std::string channels = "grf";
  std::vector<std::string> select;  // for joints / activation: names to draw (default: a standard set)
  int width = 1200;
  int height = 600;
};

// One chart with a line per series and run; several runs are told apart in the legend.
void plot_runs(const std::vector<std::string>& runs, const std::string& png_path, const PlotOptions& options);

}  // namespace strider::viz
