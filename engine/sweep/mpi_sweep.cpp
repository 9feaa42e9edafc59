#include "sweep/mpi_sweep.hpp"

#include <mpi.h>

#include <chrono>
#include <cstdint>
#include <exception>
#include <thread>

#include "core/error.hpp"
#include "core/interrupt.hpp"
#include "sweep/case_pool.hpp"
#include "sweep/progress.hpp"
#include "sweep/sweep_dir.hpp"
#include "sweep/sweep_file.hpp"

namespace strider {

namespace {

// Messages to rank 0 (tag kToRoot): {kind, a, b}. Replies (tag kToWorker): one case id, or -1
// when none is left.
constexpr int kToRoot = 1, kToWorker = 2;
enum Kind : std::int64_t { kRequest = 1, kReport = 2, kFinished = 3 };

class MpiSession {
 public:
  MpiSession() {
    int initialised = 0;
    MPI_Initialized(&initialised);
    if (!initialised) {
      int provided = 0;
      MPI_Init_thread(nullptr, nullptr, MPI_THREAD_FUNNELED, &provided);
      owner_ = true;
    }
  }
  ~MpiSession() {
    if (owner_) MPI_Finalize();
  }
  MpiSession(const MpiSession&) = delete;
  MpiSession& operator=(const MpiSession&) = delete;

 private:
  bool owner_ = false;
};

int node_threads_per_rank() {
  MPI_Comm node;
  MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node);
  int ranks_on_node = 1;
  MPI_Comm_size(node, &ranks_on_node);
  MPI_Comm_free(&node);
  const int cores = static_cast<int>(std::thread::hardware_concurrency());
  return std::max(1, cores / std::max(1, ranks_on_node));
}

void send_to_root(std::int64_t kind, std::int64_t a, std::int64_t b) {
  std::int64_t message[3] = {kind, a, b};
  MPI_Send(message, 3, MPI_INT64_T, 0, kToRoot, MPI_COMM_WORLD);
}

bool counts_as_failed(CaseStatus s) { return s == CaseStatus::failed || s == CaseStatus::timeout; }

// Rank 0: hands out `pending` to itself and to the other ranks, counts what they report.
class Root {
 public:
  Root(const std::vector<std::size_t>& pending, int ranks, int threads, SweepProgress& progress)
      : pending_(pending), workers_left_(ranks - 1), threads_(threads), progress_(progress) {}

  void coordinate(QueueFeed& feed, const std::vector<CaseOutcome>& finished) {
    for (const auto& f : finished) progress_.case_done(counts_as_failed(f.record.status));
    own_finished_ += finished.size();
    // Keep this rank's own threads busy, with one case in hand.
    while (!interrupt_requested() && next_ < pending_.size() &&
           own_given_ - own_finished_ < static_cast<std::size_t>(threads_) + 1) {
      feed.push(pending_[next_++]);
      ++own_given_;
    }
    if (next_ >= pending_.size() || interrupt_requested()) feed.close();
    serve();
    progress_.tick();
  }

  // Answers every message waiting; the others' requests take cases from the same list.
  void serve() {
    for (;;) {
      int waiting = 0;
      MPI_Status status;
      MPI_Iprobe(MPI_ANY_SOURCE, kToRoot, MPI_COMM_WORLD, &waiting, &status);
      if (!waiting) return;
      std::int64_t message[3];
      MPI_Recv(message, 3, MPI_INT64_T, status.MPI_SOURCE, kToRoot, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
      if (message[0] == kRequest) {
        std::int64_t id = -1;
        if (!interrupt_requested() && next_ < pending_.size()) id = static_cast<std::int64_t>(pending_[next_++]);
        MPI_Send(&id, 1, MPI_INT64_T, status.MPI_SOURCE, kToWorker, MPI_COMM_WORLD);
      } else if (message[0] == kReport) {
        progress_.case_done(message[2] != 0);
      } else if (message[0] == kFinished) {
        --workers_left_;
      }
    }
  }

  bool workers_done() const { return workers_left_ == 0; }

 private:
  const std::vector<std::size_t>& pending_;
  std::size_t next_ = 0, own_given_ = 0, own_finished_ = 0;
  int workers_left_;
  int threads_;
  SweepProgress& progress_;
};

// Ranks > 0: ask rank 0 for a case whenever fewer than threads + 1 are in hand.
class Worker {
 public:
  explicit Worker(int threads) : threads_(threads) {}

  void coordinate(QueueFeed& feed, const std::vector<CaseOutcome>& finished) {
    for (const auto& f : finished) {
      send_to_root(kReport, static_cast<std::int64_t>(f.case_id), counts_as_failed(f.record.status) ? 1 : 0);
    }
    finished_ += finished.size();
    if (asking_) {
      int arrived = 0;
      MPI_Test(&reply_request_, &arrived, MPI_STATUS_IGNORE);
      if (arrived) {
        asking_ = false;
        if (reply_ >= 0) {
          feed.push(static_cast<std::size_t>(reply_));
          ++given_;
        } else {
          no_more_ = true;
        }
      }
    }
    if (interrupt_requested()) no_more_ = true;
    if (no_more_ && !asking_) {
      feed.close();
      return;
    }
    if (!asking_ && !no_more_ && given_ - finished_ < static_cast<std::size_t>(threads_) + 1) {
      send_to_root(kRequest, 0, 0);
      MPI_Irecv(&reply_, 1, MPI_INT64_T, 0, kToWorker, MPI_COMM_WORLD, &reply_request_);
      asking_ = true;
    }
  }

  // After the threads stopped: collect an outstanding reply (a case handed out then is simply
  // not run; the sweep was interrupted and --resume redoes it), then say so.
  void finish() {
    if (asking_) MPI_Wait(&reply_request_, MPI_STATUS_IGNORE);
    asking_ = false;
    send_to_root(kFinished, interrupt_requested() ? 1 : 0, 0);
  }

 private:
  int threads_;
  std::size_t given_ = 0, finished_ = 0;
  bool asking_ = false, no_more_ = false;
  std::int64_t reply_ = -1;
  MPI_Request reply_request_ = MPI_REQUEST_NULL;
};

}  // namespace

MpiSweepResult run_mpi_sweep(const std::string& sweep_path, const std::vector<std::string>& overrides,
                             const SweepOptions& options) {
  MpiSession session;
  MpiSweepResult result;
  MPI_Comm_rank(MPI_COMM_WORLD, &result.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &result.ranks);
  result.threads_per_rank = options.threads > 0 ? options.threads : node_threads_per_rank();
  const bool root = result.rank == 0;

  // Every rank expands the sweep (deterministic); rank 0 alone prepares the folder and picks the
  // pending cases. Any rank's bad input stops all of them.
  Sweep sweep;
  std::vector<std::size_t> pending;
  std::string error;
  try {
    sweep = load_sweep_file(sweep_path, overrides);
    check_hdf5_threads(result.threads_per_rank);
    if (root) {
      prepare_sweep_dir(options.dir, sweep);
      pending = pending_cases(sweep, options.dir, 1, 1, options.resume, options.retry_failed, &result.outcome.skipped);
      remove_stale_case_files(options.dir, pending);
    }
  } catch (const InputError& e) {
    error = e.what();
  }
  int codes[2] = {error.empty() ? 0 : 1, 0};
  int root_code = codes[0];
  MPI_Bcast(&root_code, 1, MPI_INT, 0, MPI_COMM_WORLD);
  MPI_Allreduce(&codes[0], &codes[1], 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  if (codes[1] != 0) {
    result.bad_input = true;
    if (root && error.empty()) error = "another MPI rank found bad input (see its message)";
    if (root || root_code == 0) result.error = error;
    return result;
  }
  result.cases = sweep.cases.size();

  QueueFeed feed;
  std::exception_ptr failure;  // an error other than a failed case, e.g. a full disk
  if (root) {
    SweepProgress progress(pending.size(), result.outcome.skipped, options.terminal, options.log_every_cases);
    Root coordinator(pending, result.ranks, result.threads_per_rank, progress);
    try {
      run_case_pool(sweep, options.dir, feed, result.threads_per_rank,
                    [&](const std::vector<CaseOutcome>& finished) { coordinator.coordinate(feed, finished); });
    } catch (...) {
      // Keep answering the other ranks (with "no more") until they have stopped, then report.
      failure = std::current_exception();
      interrupt_flag().store(true);
    }
    while (!coordinator.workers_done()) {
      coordinator.serve();
      progress.tick();
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    progress.finish();
    result.outcome.ran = progress.done();
  } else {
    Worker worker(result.threads_per_rank);
    try {
      run_case_pool(sweep, options.dir, feed, result.threads_per_rank,
                    [&](const std::vector<CaseOutcome>& finished) { worker.coordinate(feed, finished); });
    } catch (...) {
      failure = std::current_exception();
      interrupt_flag().store(true);
    }
    worker.finish();
  }

  int interrupted = interrupt_requested() ? 1 : 0, any_interrupted = 0;
  MPI_Allreduce(&interrupted, &any_interrupted, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  result.outcome.interrupted = any_interrupted != 0;
  if (root && !result.outcome.interrupted) {
    result.outcome.counts = write_sweep_index(options.dir, result.threads_per_rank);
    result.outcome.index_written = true;
  }
  MPI_Barrier(MPI_COMM_WORLD);
  if (failure) std::rethrow_exception(failure);
  return result;
}

}  // namespace strider
