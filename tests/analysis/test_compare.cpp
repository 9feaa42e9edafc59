// The comparison table: changes from the reference run, and the CSV form.
#include <gtest/gtest.h>

#include "analysis/compare.hpp"

namespace strider {
namespace {

RunComparison two_runs() {
  RunComparison c;
  c.runs = {"a.h5", "b \"x\".h5"};
  c.metrics = {"cadence_spm", "speed_mps", "fell"};
  c.values = {{170.0, 187.0}, {3.5, std::nullopt}, {0.0, 1.0}};
  return c;
}

TEST(Compare, ChangesFromTheReference) {
  const RunComparison c = two_runs();
  EXPECT_DOUBLE_EQ(*change_abs(c, 0, 1), 17.0);
  EXPECT_NEAR(*change_pct(c, 0, 1), 10.0, 1e-12);
  EXPECT_FALSE(change_abs(c, 1, 1));  // a missing value has no change
  EXPECT_FALSE(change_pct(c, 2, 1));  // nor a percentage of zero
  EXPECT_DOUBLE_EQ(*change_abs(c, 2, 1), 1.0);
}

TEST(Compare, TableAndCsv) {
  const RunComparison c = two_runs();
  const std::string table = comparison_table(c);
  EXPECT_NE(table.find("(reference)"), std::string::npos);
  EXPECT_NE(table.find("+17"), std::string::npos);
  EXPECT_NE(table.find("+10.0"), std::string::npos);
  const std::string csv = comparison_csv(c);
  EXPECT_EQ(csv.substr(0, csv.find('\n')), "metric,\"a.h5\",\"b \"\"x\"\".h5\",change 1,change % 1");
  EXPECT_NE(csv.find("\ncadence_spm,170,187,17,10\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\nspeed_mps,3.5,,,\n"), std::string::npos) << csv;
}

}  // namespace
}  // namespace strider
