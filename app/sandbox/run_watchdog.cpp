#include "app/sandbox/run_watchdog.hpp"

namespace roadwork::sandbox {

Watchdog::Watchdog(std::chrono::steady_clock::time_point deadline, std::function<void()> action)
    : thread_([this, deadline, action = std::move(action)](const std::stop_token& stop) {
        std::unique_lock lock(mutex_);
        // Returns at the deadline, or earlier when cancel() requests a stop.
        wake_.wait_until(lock, stop, deadline, [] { return false; });
        if (stop.stop_requested()) return;
        fired_ = true;
        action();
      }) {}

bool Watchdog::cancel() {
  if (thread_.joinable()) {
    thread_.request_stop();
    thread_.join();
  }
  std::lock_guard lock(mutex_);
  return fired_;
}

}  // namespace roadwork::sandbox
