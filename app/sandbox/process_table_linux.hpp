#pragma once
// Reads the process table (/proc) for the sandbox: who is whose parent, which group, which user, and
// signals a process without the risk of hitting another that reused its pid.

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace roadwork::sandbox {

/// One process as /proc/PID/stat shows it.
struct ProcessInfo {
  pid_t pid = 0;
  pid_t parent = 0;
  pid_t group = 0;
  char state = '?';  ///< 'R', 'S', 'D', 'T', 'Z' (a zombie: ended, not yet reaped), …
  /// Start time in clock ticks after boot. With the pid it names one process: a reused pid has a later one.
  std::uint64_t started = 0;
  long threads = 1;

  bool zombie() const { return state == 'Z' || state == 'X'; }
};

/// The process `pid`, or nothing when it is gone (or /proc cannot be read).
std::optional<ProcessInfo> read_process(pid_t pid);

/// Every process whose /proc/PID/stat could be read; processes that end mid-walk are skipped.
std::vector<ProcessInfo> list_processes();

/// `leader` and every process below it, from each task's children file (/proc/PID/task/TID/children): a few
/// reads instead of a walk through /proc. The orphans of a process that exited are not below it any more.
std::vector<pid_t> process_tree(pid_t leader);

/// The tasks (processes and threads) of the user owning them, which is what RLIMIT_NPROC counts.
std::uint64_t count_user_tasks(uid_t uid);

/// Whether the environment `pid` was started with holds the entry `entry` ("NAME=VALUE"). False for a
/// zombie, whose environment is gone, and for a process roadwork may not inspect.
bool environment_holds(pid_t pid, std::string_view entry);

/// Sends `signo` to `process` if its pid still names that process: a pidfd pins the pid, then its start
/// time is compared. Returns whether the signal was sent.
bool signal_exactly(const ProcessInfo& process, int signo);

}  // namespace roadwork::sandbox
