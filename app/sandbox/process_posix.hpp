#pragma once
// Spawns `/bin/sh -c COMMAND` as the leader of a new process group, watches it, and kills and reaps the
// whole group. The leader stays a zombie (observed, not reaped) until kill_group_and_reap(), so its pid —
// which is also the group id — cannot be reused while roadwork may still signal the group.

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/core/unique_fd.hpp"
#include "app/sandbox/interrupt_posix.hpp"
#include "app/sandbox/isolation_linux.hpp"
#include "app/sandbox/limits.hpp"

namespace roadwork::sandbox {

/// How a process ended: exactly one of the two is set (neither if someone else reaped it).
struct ExitStatus {
  std::optional<int> code;    ///< it called exit() with this status
  std::optional<int> signal;  ///< it was terminated by this signal
};

/// What to run and where its output goes.
struct SpawnRequest {
  std::string command;  ///< passed to `/bin/sh -c`
  std::filesystem::path working_dir;
  std::map<std::string, std::string> env;  ///< added to (and overriding) this process's environment
  int output_fd = -1;                      ///< becomes the child's stdout and stderr
  std::vector<std::string> unset;          ///< names taken out of the inherited environment
};

/// What confines the child beyond its process group.
struct Confinement {
  ProcessLimits limits;  ///< set in the child before exec (resource_limits_posix.hpp)
  /// A pids cgroup's cgroup.procs, open for writing, that the child joins before exec; -1 for none. With
  /// one, the cgroup counts the processes and RLIMIT_NPROC is not set.
  int cgroup_fd = -1;
  /// Namespaces, mount view and user of the child (isolation_linux.hpp); none when not `enabled`.
  Isolation isolation;
};

/// A child process leading its own process group — and, isolated, pid 1 of a PID namespace of its own, so
/// that every process it starts dies with it. The child gets stdin from /dev/null, no inherited
/// descriptors beyond 0-2, default signal dispositions, an empty signal mask, its confinement's resource
/// limits and cgroup, the network namespace of the thread that spawned it, and SIGKILL when that thread exits
/// (PR_SET_PDEATHSIG): keep that thread alive while the child runs. Destroying a live
/// ChildProcess kills and reaps its group. Move-only; one thread at a time.
class ChildProcess {
 public:
  /// Forks and execs. On failure returns nothing and sets `error` to one sentence, e.g. "cannot enter the
  /// working directory /x: No such file or directory", "cannot set the resource limits: Invalid argument".
  /// Also makes this process a child subreaper, so that the group's orphans are reparented to it and can be
  /// reaped.
  static std::optional<ChildProcess> spawn(const SpawnRequest& request, std::string& error,
                                           const Confinement& confinement = {});

  /// As spawn(), for a learner's process, isolated where the kernel permits it. Only when the isolated spawn
  /// fails is the kernel asked whether it permits isolation here at all (isolation_unavailable(writable),
  /// a trial of a few ms that no start where isolation works waits for). Where it does not, the child is
  /// spawned again unisolated and `unisolated` is set to why ("cannot fork: Operation not permitted");
  /// where it does, or the isolation is `required`, the failure stands.
  static std::optional<ChildProcess> spawn_isolated_where_permitted(const SpawnRequest& request,
                                                                    std::string& error,
                                                                    const Confinement& confinement,
                                                                    std::optional<std::string>& unisolated);

  ChildProcess(ChildProcess&& other) noexcept;
  ChildProcess& operator=(ChildProcess&&) = delete;
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  ~ChildProcess();

  /// The leader's pid, which is also the process group id.
  pid_t pid() const { return pid_; }

  /// How the leader ended, or nothing while it runs. Does not block.
  std::optional<ExitStatus> exit_status();

  /// Waits at most `timeout` for the leader to end, returning as soon as it does (a pidfd wakes the wait).
  /// Returns whether it has ended. Nanosecond resolution, so sub-millisecond back-offs work.
  bool wait_for_exit(std::chrono::nanoseconds timeout);

  /// Sends `signo` to every process of the group; a no-op once the group is reaped.
  void signal_group(int signo);

  /// Sends SIGKILL to the group, takes it out of the interrupt registry, and reaps the leader and every
  /// process of the group that is (or was reparented to be) a child of this process. Blocks until they are
  /// gone, which SIGKILL makes prompt. Returns the leader's status. Idempotent.
  ExitStatus kill_group_and_reap();

 private:
  ChildProcess(pid_t pid, UniqueFd pidfd, GroupRegistration registration);

  pid_t pid_;
  UniqueFd pidfd_;  // may be empty if pidfd_open is unavailable; waits then fall back to short sleeps
  GroupRegistration registration_;
  std::optional<ExitStatus> status_;
  bool reaped_ = false;
};

}  // namespace roadwork::sandbox
