#include "app/sandbox/interrupt_posix.hpp"

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
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

// Sends SIGKILL to every pid in a children file (space-separated decimal numbers), read in chunks with a
// number carried over from one chunk to the next. Returns how many pids it found.
int kill_listed(int children) {
  int found = 0;
  pid_t pid = 0;
  char text[1024];
  for (;;) {
    const ssize_t n = ::read(children, text, sizeof text);
    for (ssize_t i = 0; i <= n; ++i) {
      if (i < n && text[i] >= '0' && text[i] <= '9') {
        pid = pid * 10 + (text[i] - '0');
      } else if (pid > 0 && (i < n || n <= 0)) {
        ::kill(pid, SIGKILL);
        ++found;
        pid = 0;
      }
    }
    if (n <= 0) return found;
  }
}

// Calls `visit(fd of /proc/self/task, tid)` for every thread of this process, read from /proc/self/task with
// getdents64: only async-signal-safe calls, and no allocation.
template <typename Visit>
void for_each_thread(Visit visit) {
  const int tasks = ::open("/proc/self/task", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (tasks < 0) return;
  alignas(8) char entries[4096];
  long length;
  while ((length = ::syscall(SYS_getdents64, tasks, entries, sizeof entries)) > 0) {
    for (long offset = 0; offset < length;) {
      // struct linux_dirent64: d_ino (8 bytes), d_off (8), d_reclen (2), d_type (1), then d_name.
      const char* entry = entries + offset;
      unsigned short record = 0;
      __builtin_memcpy(&record, entry + 16, sizeof record);
      offset += record;
      pid_t tid = 0;
      for (const char* digit = entry + 19; *digit >= '0' && *digit <= '9'; ++digit)
        tid = tid * 10 + (*digit - '0');
      if (tid > 0) visit(tasks, tid);
    }
  }
  ::close(tasks);
}

// SIGKILL to every child of this process, from /proc/self/task/TID/children (a thread's children are listed
// under that thread). Returns how many children there were. A listed pid names our child until it is
// reaped, which only this process does.
int kill_own_children() {
  int found = 0;
  for_each_thread([&](int tasks, pid_t tid) {
    char digits[16];
    int count = 0;
    for (pid_t rest = tid; rest > 0; rest /= 10) digits[count++] = static_cast<char>('0' + rest % 10);
    char path[32];  // "TID/children", relative to /proc/self/task
    std::size_t used = 0;
    while (count > 0) path[used++] = digits[--count];
    for (const char* c = "/children"; *c != '\0'; ++c) path[used++] = *c;
    path[used] = '\0';
    const int children = ::openat(tasks, path, O_RDONLY | O_CLOEXEC);
    if (children < 0) return;
    found += kill_listed(children);
    ::close(children);
  });
  return found;
}

// The interrupt note: written into the buffer the handler is not reading, then published by index.
std::array<std::array<char, 512>, 2> notes{};
std::atomic<int> current_note{-1};

void write_note() {
  const int index = current_note.load(std::memory_order_acquire);
  if (index < 0) return;
  const auto& note = notes[static_cast<std::size_t>(index)];
  (void)!::write(STDERR_FILENO, note.data(), __builtin_strlen(note.data()));
}

// The signal that freezes the other threads of an interrupted roadwork (set by install_interrupt_handlers).
int freeze_signal = 0;
std::atomic<bool> interrupted{false};
// Live DeferInterrupt sections. A thread entering one counts itself in, then looks at `interrupted`; the
// handler sets `interrupted`, then looks at the count (both sequentially consistent): so either the thread
// sees the interrupt and parks without doing its work, or the handler sees the thread and waits for it.
std::atomic<int> deferring{0};

// Waits, at most 2 s by the monotonic clock, for the live sections to end; false if some did not (a thread
// stuck in one, on a lock a frozen thread holds or a disk that does not answer).
bool wait_for_deferred_sections() {
  timespec now{};
  ::clock_gettime(CLOCK_MONOTONIC, &now);
  const time_t deadline = now.tv_sec + 2;
  const long deadline_ns = now.tv_nsec;
  while (deferring.load() > 0) {
    ::clock_gettime(CLOCK_MONOTONIC, &now);
    if (now.tv_sec > deadline || (now.tv_sec == deadline && now.tv_nsec >= deadline_ns)) return false;
    const timespec pause{0, 1000000};
    ::nanosleep(&pause, nullptr);
  }
  return true;
}

extern "C" void freeze(int) {
  for (;;) ::pause();
}

extern "C" void kill_groups_and_exit(int signo) {
  // One thread does the work; an interrupt that lands on another thread meanwhile waits for the _exit.
  if (interrupted.exchange(true)) freeze(signo);
  // First the other threads stop where they are. Otherwise one of them would see its server die below and
  // act on it — record a "server was killed" verdict as a grade or an attempt — before the process exits.
  const pid_t self = ::getpid();
  const auto me = static_cast<pid_t>(::syscall(SYS_gettid));
  for_each_thread([&](int, pid_t tid) {
    if (tid != me) ::syscall(SYS_tgkill, self, tid, freeze_signal);
  });
  for (auto& slot : live_groups) {
    const pid_t pgid = slot.load(std::memory_order_acquire);
    if (pgid > 0) ::kill(-pgid, SIGKILL);
  }
  // What left its group (setsid, a daemon's double fork) is reparented to this process, the subreaper, as
  // its ancestors die: kill and reap children until none is left, so nothing outlives roadwork. Bounded,
  // because a process may be stuck in the kernel where even SIGKILL waits for it.
  for (int round = 0; round < 500; ++round) {
    const int children = kill_own_children();
    while (::waitpid(-1, nullptr, WNOHANG) > 0) {
    }
    if (children == 0) break;
    const timespec pause{0, 1000000};
    ::nanosleep(&pause, nullptr);
  }
  if (!wait_for_deferred_sections()) {
    static constexpr char kUnsure[] =
        "roadwork: interrupted while a result was being recorded; the count below may leave it out\n";
    (void)!::write(STDERR_FILENO, kUnsure, sizeof kUnsure - 1);
  }
  write_note();
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

void set_interrupt_note(const char* text) {
  const int next = current_note.load(std::memory_order_relaxed) == 0 ? 1 : 0;
  auto& note = notes[static_cast<std::size_t>(next)];
  std::size_t length = 0;
  for (; text[length] != '\0' && length + 2 < note.size(); ++length) note[length] = text[length];
  note[length++] = '\n';
  note[length] = '\0';
  current_note.store(next, std::memory_order_release);
}

DeferInterrupt::DeferInterrupt() {
  sigset_t held;
  sigemptyset(&held);
  for (int signo : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) sigaddset(&held, signo);
  if (freeze_signal != 0) sigaddset(&held, freeze_signal);
  ::pthread_sigmask(SIG_BLOCK, &held, &previous_);
  deferring.fetch_add(1);
  if (interrupted.load()) {
    // The handler is under way and may not have counted this section: do nothing more, as a frozen thread.
    deferring.fetch_sub(1);
    for (;;) ::pause();
  }
}

DeferInterrupt::~DeferInterrupt() {
  // Counted out first: a freeze held back until now may stop this thread as soon as the mask is restored.
  deferring.fetch_sub(1);
  ::pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
}

void install_interrupt_handlers() {
  // SIGRTMIN is the first real-time signal glibc leaves to programs (it keeps lower ones for itself).
  freeze_signal = SIGRTMIN;
  struct sigaction frozen {};
  frozen.sa_handler = freeze;
  sigfillset(&frozen.sa_mask);
  ::sigaction(freeze_signal, &frozen, nullptr);

  struct sigaction action {};
  action.sa_handler = kill_groups_and_exit;
  // Block the others while the handler runs so a second signal cannot cut the kill loop short. SIGPIPE is
  // here because the reader of roadwork's output may go away (`roadwork check | head`): dying of it at
  // once would leave the servers running.
  sigemptyset(&action.sa_mask);
  for (int signo : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) sigaddset(&action.sa_mask, signo);
  for (int signo : {SIGINT, SIGTERM, SIGHUP, SIGPIPE}) {
    struct sigaction previous {};
    ::sigaction(signo, nullptr, &previous);
    // A signal ignored on entry (roadwork under nohup, or started in the background by a script) stays
    // ignored, as shells expect.
    if (previous.sa_handler == SIG_IGN) continue;
    ::sigaction(signo, &action, nullptr);
  }
}

}  // namespace roadwork::sandbox
