#pragma once
// Runs an action at a deadline on a thread of its own unless it is cancelled first: how the sandbox ends a
// run that outlives its time limit even while the checks' HTTP client waits on a server that drips bytes.

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>

namespace roadwork::sandbox {

/// Calls `action` once at the deadline arm() sets, unless cancel() or destruction comes first. Its thread
/// starts with the object, so a server's start makes it while it waits for the port and arms it once the
/// server is ready: the thread's creation is not between the server's readiness and the first check. Not
/// copyable.
class Watchdog {
 public:
  explicit Watchdog(std::function<void()> action);
  ~Watchdog() { cancel(); }
  Watchdog(const Watchdog&) = delete;
  Watchdog& operator=(const Watchdog&) = delete;

  /// Sets the deadline; a later call has no effect.
  void arm(std::chrono::steady_clock::time_point deadline);

  /// Makes sure the action will not run, waiting for it to finish if it has begun. Returns whether it ran.
  /// Idempotent.
  bool cancel();

 private:
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;  // guarded by mutex_
  bool fired_ = false;                                             // guarded by mutex_
  std::jthread thread_;  // last: it starts once every other member exists
};

}  // namespace roadwork::sandbox
