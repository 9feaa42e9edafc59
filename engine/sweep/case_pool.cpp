#include "sweep/case_pool.hpp"

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_arena.h>

#include <chrono>
#include <exception>
#include <memory>

#include "core/interrupt.hpp"

namespace strider {

std::optional<std::size_t> ListFeed::next() {
  std::lock_guard lock(mutex_);
  if (interrupt_requested() || position_ >= ids_.size()) return std::nullopt;
  return ids_[position_++];
}

std::optional<std::size_t> QueueFeed::next() {
  std::unique_lock lock(mutex_);
  // Wake now and then to notice a stop request.
  while (ids_.empty() && !closed_ && !interrupt_requested()) ready_.wait_for(lock, std::chrono::milliseconds(50));
  if (ids_.empty() || interrupt_requested()) return std::nullopt;
  const std::size_t id = ids_.front();
  ids_.pop_front();
  return id;
}

void QueueFeed::push(std::size_t id) {
  {
    std::lock_guard lock(mutex_);
    ids_.push_back(id);
  }
  ready_.notify_one();
}

void QueueFeed::close() {
  {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  ready_.notify_all();
}

std::size_t QueueFeed::queued() const {
  std::lock_guard lock(mutex_);
  return ids_.size();
}

namespace {
// Shared by the workers and the coordinator; owned jointly so that a worker finishing last can
// still touch it after the coordinator has returned.
struct PoolState {
  std::mutex mutex;
  std::condition_variable changed;
  std::vector<CaseOutcome> finished;
  int running = 0;
  bool stop = false;
  std::exception_ptr error;
};
}  // namespace

void run_case_pool(const Sweep& sweep, const std::string& dir, CaseFeed& feed, int threads,
                   const std::function<void(const std::vector<CaseOutcome>&)>& coordinate) {
  if (threads < 1) threads = 1;
  // The workers plus this (coordinating) thread; raises TBB's pool above the core count if asked.
  tbb::global_control parallelism(tbb::global_control::max_allowed_parallelism,
                                  static_cast<std::size_t>(threads) + 1);
  tbb::task_arena arena(threads, 0);
  auto state = std::make_shared<PoolState>();
  state->running = threads;
  for (int t = 0; t < threads; ++t) {
    arena.enqueue([state, &sweep, &dir, &feed] {
      for (;;) {
        {
          std::lock_guard lock(state->mutex);
          if (state->stop) break;
        }
        const auto id = feed.next();
        if (!id) break;
        try {
          CaseOutcome outcome{*id, run_sweep_case(sweep, sweep.cases[*id], dir)};
          std::lock_guard lock(state->mutex);
          state->finished.push_back(std::move(outcome));
        } catch (const Interrupted&) {
          break;
        } catch (...) {
          std::lock_guard lock(state->mutex);
          if (!state->error) state->error = std::current_exception();
          state->stop = true;
          break;
        }
      }
      std::lock_guard lock(state->mutex);
      --state->running;
      state->changed.notify_all();
    });
  }
  std::vector<CaseOutcome> batch;
  for (;;) {
    bool all_stopped = false;
    {
      std::unique_lock lock(state->mutex);
      state->changed.wait_for(lock, std::chrono::milliseconds(10));
      batch.swap(state->finished);
      all_stopped = state->running == 0;
    }
    coordinate(batch);
    batch.clear();
    if (all_stopped) break;
  }
  if (state->error) std::rethrow_exception(state->error);
}

}  // namespace strider
