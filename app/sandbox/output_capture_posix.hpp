#pragma once
// Drains a child's output pipe on a background thread into an OutputRing, so a chatty server never blocks
// on a full pipe and roadwork can read the recent output at any time.

#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

#include "app/core/unique_fd.hpp"
#include "app/sandbox/output_ring.hpp"

namespace roadwork::sandbox {

/// Reads the read end of a pipe until end of file or finish(). All members are thread-safe.
class OutputCapture {
 public:
  /// Takes the pipe's read end (made non-blocking here) and keeps the last `capacity` bytes read from it.
  /// Throws std::system_error if the wake-up descriptor or the thread cannot be created.
  OutputCapture(UniqueFd pipe, std::size_t capacity);
  ~OutputCapture();
  OutputCapture(const OutputCapture&) = delete;
  OutputCapture& operator=(const OutputCapture&) = delete;

  /// Reads, on the calling thread, whatever the pipe holds right now; afterwards everything the child wrote
  /// before this call is in the ring (a write to a pipe is complete once the writer returns).
  void drain();

  /// Takes in what the pipe holds now, then stops the thread and closes the pipe, even if a process that
  /// escaped the group still holds its write end. Idempotent.
  void finish();

  std::string contents();
  std::size_t dropped();
  std::string last_lines(std::size_t count);

 private:
  void run();
  void drain_locked();

  std::mutex mutex_;  // guards ring_ and reads of pipe_, so chunks enter the ring in pipe order
  OutputRing ring_;
  UniqueFd pipe_;
  UniqueFd wake_;  // an eventfd: finish() writes to it to end the thread's poll()
  std::thread thread_;
};

}  // namespace roadwork::sandbox
