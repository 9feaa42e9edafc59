#pragma once
// A sweep file: a base scenario plus axes, expanded into cases (docs/sweeps.md).
//
//   base: ../drop2d.yaml          # the base scenario, relative to this file (required)
//   set: {duration_s: 0.2}        # overrides for every case (optional)
//   seed: 7                       # sweep seed; each case's scenario seed derives from it
//   case_timeout_s: 600           # wall-clock limit per case; 0 = none
//   axes:
//     grid: {cadence_spm: [160, 170, 180]}             # one axis per key, crossed
//     linked: [{speed_mps: [3, 4], cadence_spm: [...]}] # keys of a group vary together
//     sample: {method: latin_hypercube, count: 8, seed: 3, ranges: {strength.all: [0.6, 1.0]}}
//
// The cases are the cross product of the axes (each grid key, each linked group and the sample
// block count as one axis), numbered from 0 with the last axis varying fastest. Case c's
// scenario seed is hash(sweep seed, c) (case_seed), never a function of threads, ranks or order.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/scenario.hpp"

namespace strider {

// One swept parameter: its dotted scenario key and whether every value is a number.
struct SweptParam {
  std::string key;
  bool numeric = true;
};

struct SweepCase {
  std::size_t id = 0;
  std::uint64_t seed = 0;           // the case's scenario seed
  std::vector<std::string> values;  // one per Sweep::params, as written in the scenario override
};

struct Sweep {
  std::string source;               // the sweep file
  std::string base_path;            // the base scenario file (resolved)
  std::string base_text;            // its text
  std::vector<std::string> common;  // key=value for every case: `set:` then the command line
  std::uint64_t seed = 1;
  double case_timeout_s = 0.0;      // 0: no limit
  std::vector<SweptParam> params;
  std::vector<SweepCase> cases;
  std::string hash;                 // fingerprint of every case's resolved scenario (hex); not of
                                    // case_timeout_s, which may change between resumes
};

// Loads and expands a sweep file; `overrides` (key=value) apply to the base scenario of every
// case. Every case's scenario is loaded once, so bad values fail here. Throws InputError naming
// the file and key: unknown or repeated axis key, empty axis, linked axes of different lengths,
// a sample range that is not [lo, hi], `optimize:` (not supported yet), a bad case value.
Sweep load_sweep_file(const std::string& path, const std::vector<std::string>& overrides = {});
Sweep load_sweep_text(const std::string& yaml_text, const std::string& source,
                      const std::vector<std::string>& overrides = {});

// Scenario seed of case `case_id`: FNV-1a of "seed/case_id" through one SplitMix64 step, kept
// below 2^53 so that it round-trips through YAML and doubles.
std::uint64_t case_seed(std::uint64_t sweep_seed, std::size_t case_id);

// The key=value list that turns the base scenario into this case (common, values, seed).
std::vector<std::string> case_overrides(const Sweep& sweep, const SweepCase& c);
Scenario case_scenario(const Sweep& sweep, const SweepCase& c);

}  // namespace strider
