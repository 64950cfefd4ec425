#pragma once
// A one-line progress spinner for tasks that can take over a second (starting a server, a long step).

#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <stop_token>
#include <string>
#include <thread>

namespace roadwork::term {

/// Shows `⠋ starting server…` on one line of the terminal `fd`, redrawn in place with '\r' about ten times a
/// second from its own thread, until stop() or destruction erases the line, leaving the cursor at its
/// start for the next output. The first frame waits 100 ms, so tasks quicker than that show nothing.
/// When `fd` does not understand escapes (terminal.hpp), it writes nothing at all: logs and pipes get only
/// the lines the caller prints. Flush other output to the same terminal before starting one, and print
/// nothing to it while the spinner runs.
class Spinner {
 public:
  /// Starts spinning `label` (shown with "…" after it, cut to the terminal width).
  explicit Spinner(std::string label, int fd = STDERR_FILENO);
  ~Spinner();
  Spinner(const Spinner&) = delete;
  Spinner& operator=(const Spinner&) = delete;

  /// Shows `label` from the next frame on.
  void set_label(std::string label);

  /// Stops the thread and erases the line if anything was drawn. Calling it again does nothing.
  void stop();

 private:
  void spin(const std::stop_token& stop);
  void draw(std::size_t frame);

  int fd_;
  std::mutex mutex_;
  std::condition_variable_any tick_;
  std::string label_;    // guarded by mutex_
  bool drawn_ = false;   // written by the thread, read after it is joined
  std::jthread thread_;  // last: it starts running once every other member exists
};

}  // namespace roadwork::term
