// strider compare A.h5 B.h5 [C.h5 ...] [--csv F.csv]
#include <fmt/format.h>

#include <fstream>

#include "analysis/compare.hpp"
#include "commands.hpp"
#include "core/error.hpp"
#include "io/atomic_file.hpp"
#ifdef STRIDER_HAVE_VIZ
#include "compare_plot.hpp"
#endif

namespace strider::cli {

void write_comparison_csv(const RunComparison& c, const std::string& path, const std::string& key) {
  const std::string csv = comparison_csv(c);
  write_atomically(path, [&](const std::string& tmp) {
    std::ofstream out(tmp, std::ios::binary);
    out << csv;
    if (!out.flush())
      throw InputError(path, key, "could not write the file", "check the disk and permissions");
  });
}

int compare_command(const CompareArgs& args) {
  if (args.runs.size() < 2) {
    throw InputError("<command line>", "runs", "compare needs at least two run files", "give e.g. strider compare a.h5 b.h5");
  }
  const RunComparison c = compare_runs(args.runs);
  fmt::print("{}", comparison_table(c));
  if (!args.csv.empty()) {
    write_comparison_csv(c, args.csv, "--csv");
    fmt::print("wrote {}\n", args.csv);
  }
  if (!args.plot.empty()) {
#ifdef STRIDER_HAVE_VIZ
    viz::plot_comparison(args.runs, args.plot);
    fmt::print("wrote {}\n", args.plot);
#else
    throw InputError("<command line>", "--plot", "this strider was built without visualization",
                     "rebuild with -DSTRIDER_BUILD_VIZ=ON (scripts/build.sh does)");
#endif
  }
  return 0;
}

}  // namespace strider::cli
