#include "app/practice/stop_signals_posix.hpp"

#include <pthread.h>

#include <cerrno>
#include <ctime>

namespace roadwork::practice {

StopSignals::StopSignals() {
  sigemptyset(&signals_);
  for (int signo : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&signals_, signo);
  pthread_sigmask(SIG_BLOCK, &signals_, &previous_);
}

StopSignals::~StopSignals() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }

std::optional<int> StopSignals::wait(std::chrono::milliseconds poll,
                                     const std::function<bool()>& keep_waiting) const {
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(poll);
  const timespec timeout{static_cast<std::time_t>(seconds.count()),
                         static_cast<long>(std::chrono::nanoseconds(poll - seconds).count())};
  while (keep_waiting()) {
    const int signo = sigtimedwait(&signals_, nullptr, &timeout);
    if (signo > 0) return signo;
    // EAGAIN: the poll interval passed; EINTR: another signal's handler ran. Either way, look again.
  }
  return std::nullopt;
}

int exit_code_for_signal(int signo) { return signo == SIGINT ? 130 : 128 + signo; }

}  // namespace roadwork::practice
