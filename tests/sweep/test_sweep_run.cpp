// Running sweeps: the index does not depend on threads or shards; failing and timed-out cases
// are recorded while the others complete; resume redoes only what is missing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/error.hpp"
#include "io/hdf5_file.hpp"
#include "sweep/sweep_dir.hpp"
#include "sweep/sweep_index.hpp"
#include "sweep/sweep_run.hpp"

namespace strider {
namespace {

namespace fs = std::filesystem;

class SweepRun : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("strider_sweep_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }
  std::string dir(const std::string& name) const { return (root_ / name).string(); }

  static Sweep smoke() {
    return load_sweep_file(std::string(STRIDER_TEST_SOURCE_DIR) + "/scenarios/sweeps/smoke.yaml", {"duration_s=0.05"});
  }
  static SweepOutcome run(const Sweep& sweep, const std::string& out, int threads, std::size_t shard = 1,
                          std::size_t shards = 1, bool resume = false, bool retry_failed = false) {
    SweepOptions options;
    options.dir = out;
    options.threads = threads;
    options.shard = shard;
    options.shard_count = shards;
    options.resume = resume;
    options.retry_failed = retry_failed;
    options.log_every_cases = 1000;
    return run_sweep(sweep, options);
  }

  fs::path root_;
};

// Every column of index.h5 but the timing column, bit for bit.
void expect_same_index(const std::string& a_dir, const std::string& b_dir) {
  H5Reader a(a_dir + "/index.h5"), b(b_dir + "/index.h5");
  const auto columns = a.read_strings("/columns");
  ASSERT_EQ(columns, b.read_strings("/columns"));
  int compared = 0;
  for (const auto& column : columns) {
    if (column == "wall_time_s") continue;
    const std::string name = "/index/" + column;
    if (!a.has_attr(name, "units")) {
      EXPECT_EQ(a.read_strings(name), b.read_strings(name)) << column;
    } else {
      const auto va = a.read(name), vb = b.read(name);
      ASSERT_EQ(va.size(), vb.size()) << column;
      if (!va.empty()) {
        EXPECT_EQ(0, std::memcmp(va.data(), vb.data(), va.size() * sizeof(double))) << column;
      }
    }
    ++compared;
  }
  EXPECT_GT(compared, 40);
}

TEST_F(SweepRun, OneOrTwoThreadsOrTwoShardsGiveTheSameIndex) {
  const Sweep sweep = smoke();
  const SweepOutcome one = run(sweep, dir("one"), 1);
  ASSERT_TRUE(one.index_written);
  EXPECT_EQ(one.counts.ok + one.counts.fell, 8u);
  run(sweep, dir("two"), 2);
  expect_same_index(dir("one"), dir("two"));

  const SweepOutcome first = run(sweep, dir("shards"), 1, 1, 2);
  EXPECT_FALSE(first.index_written);  // a shard leaves the index to `strider merge`
  EXPECT_EQ(first.ran, 4u);
  EXPECT_EQ(write_sweep_index(dir("shards")).missing, 4u);
  EXPECT_EQ(run(sweep, dir("shards"), 2, 2, 2).ran, 4u);
  const IndexCounts merged = write_sweep_index(dir("shards"));
  EXPECT_EQ(merged.missing, 0u);
  expect_same_index(dir("one"), dir("shards"));
}

TEST_F(SweepRun, FailingAndTimedOutCasesAreRecordedWhileTheOthersComplete) {
  // runner2d for 0.05 s runs fine; the fixed-base arm for 3000 s passes the 1 s case limit; a
  // model file that does not exist makes the case throw when it starts.
  const Sweep sweep = load_sweep_text(
      "base: long_arm.yaml\ncase_timeout_s: 1\n"
      "axes:\n  linked:\n    model: [runner2d, muscle_arm.yaml, no_such_model.yaml]\n"
      "    duration_s: [0.05, 3000, 0.05]\n",
      std::string(STRIDER_TEST_SOURCE_DIR) + "/tests/data/failing_sweep.yaml");
  const SweepOutcome out = run(sweep, dir("mixed"), 2);
  ASSERT_TRUE(out.index_written);
  EXPECT_EQ(out.counts.ok, 1u);
  EXPECT_EQ(out.counts.timeout, 1u);
  EXPECT_EQ(out.counts.failed, 1u);
  H5Reader index(dir("mixed") + "/index.h5");
  const auto status = index.read_strings("/index/status");
  const auto reason = index.read_strings("/index/reason");
  const auto end = index.read("/index/end_time_s");
  EXPECT_EQ(status, (std::vector<std::string>{"ok", "timeout", "failed"}));
  EXPECT_NE(reason[1].find("timed out"), std::string::npos) << reason[1];
  EXPECT_NE(reason[2].find("no_such_model.yaml"), std::string::npos) << reason[2];
  EXPECT_NEAR(end[0], 0.05, 1e-9);
  EXPECT_TRUE(std::isnan(end[2]));
  // Every case has a complete file; none is left half-written.
  for (std::size_t id = 0; id < 3; ++id) EXPECT_TRUE(read_case_record(dir("mixed"), id, sweep.hash)) << id;
  for (const auto& entry : fs::directory_iterator(dir("mixed") + "/cases")) {
    EXPECT_EQ(entry.path().extension(), ".h5") << entry.path();
  }
  // Failed and timed-out cases are results: --resume keeps them, --retry-failed redoes them.
  EXPECT_EQ(run(sweep, dir("mixed"), 2, 1, 1, true).ran, 0u);
  const SweepOutcome retried = run(sweep, dir("mixed"), 2, 1, 1, true, true);
  EXPECT_EQ(retried.ran, 2u);
  EXPECT_EQ(retried.skipped, 1u);
}

TEST_F(SweepRun, ResumeRedoesOnlyMissingOrIncompleteCases) {
  const Sweep sweep = smoke();
  run(sweep, dir("r"), 2);
  const std::string cases = dir("r") + "/cases/";
  fs::remove(cases + "case_00000003.h5");
  { std::ofstream(cases + "case_00000005.h5") << "truncated"; }        // killed mid-write without atomic rename
  { std::ofstream(cases + "case_00000003.h5.part") << "left over"; }   // killed during the run
  { std::ofstream(cases + "case_00000003.h5.tmp.99999") << "left over"; }
  EXPECT_THROW(run(sweep, dir("r"), 2), InputError);  // finished cases there: needs --resume
  const SweepOutcome resumed = run(sweep, dir("r"), 2, 1, 1, true);
  EXPECT_EQ(resumed.ran, 2u);
  EXPECT_EQ(resumed.skipped, 6u);
  EXPECT_EQ(resumed.counts.ok + resumed.counts.fell, 8u);
  EXPECT_FALSE(fs::exists(cases + "case_00000003.h5.part"));
  EXPECT_FALSE(fs::exists(cases + "case_00000003.h5.tmp.99999"));
  const SweepOutcome again = run(sweep, dir("r"), 2, 1, 1, true);
  EXPECT_EQ(again.ran, 0u);
  // Another sweep (other overrides) may not use the folder, with or without --resume.
  const Sweep other = load_sweep_file(std::string(STRIDER_TEST_SOURCE_DIR) + "/scenarios/sweeps/smoke.yaml",
                                      {"duration_s=0.06"});
  try {
    run(other, dir("r"), 2, 1, 1, true);
    FAIL() << "another sweep was accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("holds another sweep"), std::string::npos) << e.what();
  }
}

TEST_F(SweepRun, ShardsAreParsedFromOne) {
  std::size_t k = 0, n = 0;
  parse_shard("2/8", &k, &n);
  EXPECT_EQ(k, 2u);
  EXPECT_EQ(n, 8u);
  for (const char* bad : {"0/2", "3/2", "1", "a/b", "1/", "/2", "-1/2", "1/2/3"}) {
    EXPECT_THROW(parse_shard(bad, &k, &n), InputError) << bad;
  }
}

}  // namespace
}  // namespace strider
