#pragma once
// Sweep progress on stderr: a bar redrawn in place on a terminal; otherwise (batch jobs, log
// files) one line every `log_every_cases` cases or every 30 s, whichever comes first.
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <string>

namespace strider {

class SweepProgress {
 public:
  // `to_run` cases will run in this process (or, for MPI, over all ranks); `skipped` were done before.
  SweepProgress(std::size_t to_run, std::size_t skipped, bool terminal, std::size_t log_every_cases,
                std::FILE* out = stderr);
  void case_done(bool failed);  // fell counts as done, failed and timed out as failed
  void tick();                  // called often by the coordinating thread; prints when due
  void finish();                // final line

  std::size_t done() const { return done_; }
  std::size_t failed() const { return failed_; }
  std::string line() const;     // "12/40 done (1 failed), 28 left, 6.1 cases/min, ETA 4m36s"

 private:
  void print(bool final_line);
  using Clock = std::chrono::steady_clock;
  std::size_t to_run_, skipped_, log_every_;
  bool terminal_;
  std::FILE* out_;
  std::size_t done_ = 0, failed_ = 0, logged_at_ = 0;
  Clock::time_point start_, last_print_;
  bool dirty_ = false;
};

}  // namespace strider
