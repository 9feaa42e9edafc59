#pragma once
// An interactive window on a recorded run: space plays or pauses, the left and right arrows step
// back and forward, + and - change the playback speed, q quits. Needs a display.
#include <string>

namespace strider::viz {

// `exit_after_s` > 0 closes the window after that many seconds of wall time (for tests).
void view_run(const std::string& run_path, double exit_after_s = 0.0);

}  // namespace strider::viz
