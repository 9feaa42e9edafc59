#include "sweep/progress.hpp"

#include <cmath>

namespace strider {

namespace {
std::string duration_text(double seconds) {
  if (!std::isfinite(seconds)) return "?";
  const long s = std::lround(seconds);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ldh%02ldm", s / 3600, (s % 3600) / 60);
  else if (s >= 60) std::snprintf(buf, sizeof buf, "%ldm%02lds", s / 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%lds", s);
  return buf;
}
constexpr double kLogIntervalS = 30.0;
constexpr double kRedrawIntervalS = 0.25;
}  // namespace

SweepProgress::SweepProgress(std::size_t to_run, std::size_t skipped, bool terminal, std::size_t log_every_cases,
                             std::FILE* out)
    : to_run_(to_run),
      skipped_(skipped),
      log_every_(log_every_cases == 0 ? 1 : log_every_cases),
      terminal_(terminal),
      out_(out),
      start_(Clock::now()),
      last_print_(start_) {}

void SweepProgress::case_done(bool failed) {
  ++done_;
  if (failed) ++failed_;
  dirty_ = true;
}

std::string SweepProgress::line() const {
  const double elapsed_s = std::chrono::duration<double>(Clock::now() - start_).count();
  const double per_min = elapsed_s > 0.0 ? 60.0 * static_cast<double>(done_) / elapsed_s : 0.0;
  const std::size_t left = to_run_ - done_;
  const double eta_s = done_ > 0 ? elapsed_s / static_cast<double>(done_) * static_cast<double>(left) : NAN;
  char buf[200];
  std::snprintf(buf, sizeof buf, "%zu/%zu done (%zu failed), %zu left, %.1f cases/min, ETA %s%s", done_, to_run_,
                failed_, left, per_min, left == 0 ? "0s" : duration_text(eta_s).c_str(),
                skipped_ ? (", " + std::to_string(skipped_) + " done before").c_str() : "");
  return buf;
}

void SweepProgress::print(bool final_line) {
  if (terminal_) {
    constexpr int kWidth = 24;
    const int filled = to_run_ ? static_cast<int>(kWidth * done_ / to_run_) : kWidth;
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.resize(kWidth, '.');
    std::fprintf(out_, "\r[%s] %s\033[K%s", bar.c_str(), line().c_str(), final_line ? "\n" : "");
  } else {
    std::fprintf(out_, "[info] sweep: %s\n", line().c_str());
  }
  std::fflush(out_);
  last_print_ = Clock::now();
  logged_at_ = done_;
  dirty_ = false;
}

void SweepProgress::tick() {
  const double since_s = std::chrono::duration<double>(Clock::now() - last_print_).count();
  if (terminal_) {
    if (since_s >= kRedrawIntervalS && (dirty_ || since_s >= 1.0)) print(false);
    return;
  }
  if (done_ >= logged_at_ + log_every_ || since_s >= kLogIntervalS) print(false);
}

void SweepProgress::finish() { print(true); }

}  // namespace strider
