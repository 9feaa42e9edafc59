// strider bench [--model NAME] [--controller tracking|none] [--seconds S] [--repeats N] [--dt-s DT] [--json]
#include <fmt/format.h>

#include "commands.hpp"
#include "sim/bench.hpp"

namespace strider::cli {

int bench_command(const BenchArgs& args) {
  const BenchResult r = bench_model(args.model, args.seconds, args.repeats, args.controller, args.dt_s);
  if (args.json) {
    fmt::print("{{\"model\": \"{}\", \"controller\": \"{}\", \"real_time_factor\": {:.3f}, \"step_us\": {:.3f}, "
               "\"dt_s\": {}}}\n",
               r.model, r.controller, r.real_time_factor, r.step_us, r.dt_s);
  } else {
    fmt::print("{} ({} controller): {:.1f}x real time, {:.1f} us per {} s step (median of {} runs of {} s, one thread)\n",
               r.model, r.controller, r.real_time_factor, r.step_us, r.dt_s, r.repeats, args.seconds);
  }
  return 0;
}

}  // namespace strider::cli
