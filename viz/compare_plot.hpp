#pragma once
// The picture `strider compare --plot` draws: per run, the stance-normalized vertical and lateral
// ground reaction force, free moment and knee angle (mean ± one standard deviation over the
// steady stances), and a bar chart of the main metrics' % change from the first run.
#include <string>
#include <vector>

namespace strider::viz {

void plot_comparison(const std::vector<std::string>& runs, const std::string& png_path, int width = 1500,
                     int height = 900);

// The metrics the bar chart shows, in its order.
const std::vector<std::string>& comparison_bar_metrics();

}  // namespace strider::viz
