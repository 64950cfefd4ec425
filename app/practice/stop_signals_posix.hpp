#pragma once
// Waiting for Ctrl-C in commands that run until the learner stops them (`practice`, `demo`). roadwork's
// interrupt handler (sandbox::install_interrupt_handlers) kills server groups and _exits at once, which is
// right in the middle of a check; these commands instead take the signal as their normal way to end, stop
// their server gracefully and say goodbye.

#include <signal.h>

#include <chrono>
#include <functional>
#include <optional>

namespace roadwork::practice {

/// Blocks SIGINT, SIGTERM and SIGHUP in the calling thread while it lives, and so in every thread it starts
/// meanwhile (threads inherit the mask): construct it before starting any. The previous mask comes back on
/// destruction; a signal still pending then reaches the interrupt handler.
class StopSignals {
 public:
  StopSignals();
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  /// Waits for one of the signals and returns its number. Every `poll`, asks `keep_waiting` and returns
  /// nullopt once it says false (the server stopped by itself).
  std::optional<int> wait(std::chrono::milliseconds poll, const std::function<bool()>& keep_waiting) const;

 private:
  sigset_t signals_{};
  sigset_t previous_{};
};

/// The exit status of a command ended by `signo`, as roadwork's interrupt handler and shells report it:
/// 130 for SIGINT (Ctrl-C), 128 + the number for the others.
int exit_code_for_signal(int signo);

}  // namespace roadwork::practice
