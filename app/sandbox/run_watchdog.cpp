#include "app/sandbox/run_watchdog.hpp"

namespace roadwork::sandbox {

Watchdog::Watchdog(std::function<void()> action)
    : thread_([this, action = std::move(action)](const std::stop_token& stop) {
        std::unique_lock lock(mutex_);
        // Until arm() gives the deadline, then until it, each wait ended early by cancel()'s stop request.
        if (!wake_.wait(lock, stop, [this] { return deadline_.has_value(); })) return;
        wake_.wait_until(lock, stop, *deadline_, [] { return false; });
        if (stop.stop_requested()) return;
        fired_ = true;
        action();
      }) {}

void Watchdog::arm(std::chrono::steady_clock::time_point deadline) {
  {
    std::lock_guard lock(mutex_);
    if (deadline_) return;
    deadline_ = deadline;
  }
  wake_.notify_all();
}

bool Watchdog::cancel() {
  if (thread_.joinable()) {
    thread_.request_stop();
    thread_.join();
  }
  std::lock_guard lock(mutex_);
  return fired_;
}

}  // namespace roadwork::sandbox
