#pragma once
// Runs an action at a deadline on a thread of its own unless it is cancelled first: how the sandbox ends a
// run that outlives its time limit even while the checks' HTTP client waits on a server that drips bytes.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stop_token>
#include <thread>

namespace roadwork::sandbox {

/// Calls `action` once at `deadline`, unless cancel() or destruction comes first. Not copyable.
class Watchdog {
 public:
  Watchdog(std::chrono::steady_clock::time_point deadline, std::function<void()> action);
  ~Watchdog() { cancel(); }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  /// Makes sure the action will not run, waiting for it to finish if it has begun. Returns whether it ran.
  /// Idempotent.
  bool cancel();

 private:
  std::mutex mutex_;
  std::condition_variable_any wake_;
  bool fired_ = false;   // guarded by mutex_
  std::jthread thread_;  // last: it starts once every other member exists
};

}  // namespace roadwork::sandbox
