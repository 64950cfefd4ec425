#include "app/sandbox/output_capture_posix.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/eventfd.h>

#include <cerrno>
#include <cstdint>
#include <system_error>

namespace roadwork::sandbox {

OutputCapture::OutputCapture(UniqueFd pipe, std::size_t capacity)
    : ring_(capacity), pipe_(std::move(pipe)), wake_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (!wake_) throw std::system_error(errno, std::system_category(), "eventfd");
  ::fcntl(pipe_.get(), F_SETFL, ::fcntl(pipe_.get(), F_GETFL) | O_NONBLOCK);
  thread_ = std::thread([this] { run(); });
}

OutputCapture::~OutputCapture() { finish(); }

void OutputCapture::run() {
  pollfd fds[2] = {{pipe_.get(), POLLIN, 0}, {wake_.get(), POLLIN, 0}};
  for (;;) {
    if (::poll(fds, 2, -1) < 0) {
      if (errno == EINTR) continue;
      return;
    }
    if (fds[1].revents != 0) return;
    std::lock_guard lock(mutex_);
    drain_locked();
    // Every writer is gone and the pipe is read to its end; polling again would spin on POLLHUP.
    if ((fds[0].revents & (POLLHUP | POLLERR | POLLNVAL)) != 0) return;
  }
}

void OutputCapture::drain() {
  std::lock_guard lock(mutex_);
  drain_locked();
}

void OutputCapture::drain_locked() {
  if (!pipe_) return;
  char chunk[16 * 1024];
  for (;;) {
    const ssize_t n = ::read(pipe_.get(), chunk, sizeof chunk);
    if (n > 0) {
      ring_.append({chunk, static_cast<std::size_t>(n)});
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      return;  // EAGAIN: nothing more for now; 0: end of file, which poll() reports as POLLHUP
    }
  }
}

void OutputCapture::finish() {
  if (thread_.joinable()) {
    const std::uint64_t one = 1;
    while (::write(wake_.get(), &one, sizeof one) < 0 && errno == EINTR) {
    }
    thread_.join();
  }
  std::lock_guard lock(mutex_);
  drain_locked();
  pipe_.reset();
}

std::string OutputCapture::contents() {
  std::lock_guard lock(mutex_);
  return ring_.contents();
}

std::size_t OutputCapture::dropped() {
  std::lock_guard lock(mutex_);
  return ring_.dropped();
}

std::string OutputCapture::last_lines(std::size_t count) {
  std::lock_guard lock(mutex_);
  return ring_.last_lines(count);
}

}  // namespace roadwork::sandbox
