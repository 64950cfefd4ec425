#include "app/sandbox/interrupt_posix.hpp"

#include <signal.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cstddef>
#include <utility>

#include "app/sandbox/server.hpp"

namespace roadwork::sandbox {
namespace {

// Plain atomics rather than a container with a lock: the signal handler reads them, and a handler that
// waited for a lock held by the interrupted thread would deadlock.
static_assert(std::atomic<pid_t>::is_always_lock_free);
constexpr std::size_t kSlots = 1024;
std::array<std::atomic<pid_t>, kSlots> live_groups{};

extern "C" void kill_groups_and_exit(int signo) {
  for (auto& slot : live_groups) {
    const pid_t pgid = slot.load(std::memory_order_acquire);
    if (pgid > 0) ::kill(-pgid, SIGKILL);
  }
  ::_exit(signo == SIGINT ? 130 : 128 + signo);
}

}  // namespace

GroupRegistration::GroupRegistration(pid_t pgid) {
  for (std::size_t i = 0; i < kSlots; ++i) {
    pid_t expected = 0;
    if (live_groups[i].compare_exchange_strong(expected, pgid, std::memory_order_acq_rel)) {
      slot_ = static_cast<int>(i);
      return;
    }
  }
}

GroupRegistration::GroupRegistration(GroupRegistration&& other) noexcept
    : slot_(std::exchange(other.slot_, -1)) {}

GroupRegistration& GroupRegistration::operator=(GroupRegistration&& other) noexcept {
  if (this != &other) {
    release();
    slot_ = std::exchange(other.slot_, -1);
  }
  return *this;
}

void GroupRegistration::release() {
  if (slot_ >= 0) live_groups[static_cast<std::size_t>(slot_)].store(0, std::memory_order_release);
  slot_ = -1;
}

void install_interrupt_handlers() {
  struct sigaction action {};
  action.sa_handler = kill_groups_and_exit;
  // Block the other two while the handler runs so a second signal cannot cut the kill loop short.
  sigemptyset(&action.sa_mask);
  for (int signo : {SIGINT, SIGTERM, SIGHUP}) sigaddset(&action.sa_mask, signo);
  for (int signo : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction previous {};
    ::sigaction(signo, nullptr, &previous);
    // A signal ignored on entry (roadwork under nohup, or started in the background by a script) stays
    // ignored, as shells expect.
    if (previous.sa_handler == SIG_IGN) continue;
    ::sigaction(signo, &action, nullptr);
  }
}

}  // namespace roadwork::sandbox
