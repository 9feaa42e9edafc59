// strider summary RUN.h5 [--json]
#include <fmt/format.h>

#include <cmath>

#include "analysis/gait.hpp"
#include "analysis/gait_io.hpp"
#include "commands.hpp"

namespace strider::cli {

int summary_command(const SummaryArgs& args) {
  const GaitSummary s = analyze_gait(load_gait_data(args.run));
  const auto& keys = summary_keys();
  if (args.json) {
    fmt::print("{{");
    for (std::size_t i = 0; i < keys.size(); ++i) {
      const auto& v = s.values.at(keys[i]);
      std::string value = "null";
      if (keys[i] == "fell") value = v && *v != 0.0 ? "true" : "false";
      else if (keys[i] == "strides_analyzed" && v) value = fmt::format("{}", static_cast<int>(*v));
      else if (v && std::isfinite(*v)) value = fmt::format("{:.6g}", *v);
      fmt::print("{}\"{}\": {}", i ? ", " : "", keys[i], value);
    }
    fmt::print("}}\n");
    return 0;
  }
  fmt::print("summary of {} ({} steps over {} strides, first two strides excluded)\n", args.run, s.steps.size(),
             s.strides_analyzed);
  for (const auto& key : keys) {
    const auto& v = s.values.at(key);
    fmt::print("  {:<40} {}\n", key, v && std::isfinite(*v) ? fmt::format("{:.4g}", *v) : "-");
  }
  return 0;
}

}  // namespace strider::cli
