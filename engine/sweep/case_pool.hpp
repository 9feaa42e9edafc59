#pragma once
// Runs sweep cases on TBB worker threads, one case per thread at a time, so memory stays at
// `threads` simulations whatever the sweep's size. The calling thread does not simulate: it
// coordinates (progress, and for MPI the messages), so only it needs to call MPI.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "sweep/sweep_dir.hpp"
#include "sweep/sweep_file.hpp"

namespace strider {

// A thread-safe source of case ids.
class CaseFeed {
 public:
  virtual ~CaseFeed() = default;
  // The next case to run; nullopt when none is left or a stop (SIGINT/SIGTERM) was requested.
  virtual std::optional<std::size_t> next() = 0;
};

// A fixed list, handed out in order.
class ListFeed : public CaseFeed {
 public:
  explicit ListFeed(std::vector<std::size_t> ids) : ids_(std::move(ids)) {}
  std::optional<std::size_t> next() override;

 private:
  std::mutex mutex_;
  std::vector<std::size_t> ids_;
  std::size_t position_ = 0;
};

// A queue the coordinating thread fills (with ids from MPI rank 0) and finally closes.
class QueueFeed : public CaseFeed {
 public:
  std::optional<std::size_t> next() override;  // waits for an id or the close
  void push(std::size_t id);
  void close();
  std::size_t queued() const;

 private:
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<std::size_t> ids_;
  bool closed_ = false;
};

struct CaseOutcome {
  std::size_t case_id = 0;
  CaseRecord record;
};

// Runs cases from `feed` on `threads` worker threads until it is empty. About every 10 ms, and
// once more at the end, the calling thread gets the cases finished since the last call
// (`coordinate`). An error other than a failed case (e.g. the output disk is full) stops the
// workers and is rethrown here; SIGINT/SIGTERM make the workers abandon their cases (nothing
// of them is left) and return.
void run_case_pool(const Sweep& sweep, const std::string& dir, CaseFeed& feed, int threads,
                   const std::function<void(const std::vector<CaseOutcome>&)>& coordinate);

}  // namespace strider
