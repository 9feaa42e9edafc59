#pragma once
// Stance-normalized curves: each steady stance resampled from touchdown (0 %) to toe-off
// (100 %), then the mean and standard deviation over the stances, per channel.
#include <string>
#include <vector>

#include "analysis/gait.hpp"

namespace strider {

struct StanceCurve {
  std::string name;  // "vertical GRF", "lateral GRF", "free moment", "knee flexion"
  std::string unit;  // "BW", "N·m/kg", "deg"
  VecX mean, spread; // per point of stance; spread is the standard deviation over stances
  int stances = 0;
};

// The four curves `strider compare --plot` draws, at `points` points over stance. A channel the
// run lacks (or a run without steady stances) gives a curve with stances = 0.
std::vector<StanceCurve> stance_curves(const GaitData& data, const GaitSummary& summary, int points = 51);

}  // namespace strider
