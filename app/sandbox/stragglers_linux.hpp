#pragma once
// Finds and kills the processes of a server that its process group no longer reaches: those that called
// setsid() or setpgid() (a daemon's double fork, a worker that detaches) and their descendants. Killing the
// group alone would leave them running; they are found and killed too, and the ones reparented to roadwork
// (the subreaper) are reaped.

#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "app/sandbox/pids_cgroup_linux.hpp"
#include "app/sandbox/process_table_linux.hpp"

namespace roadwork::sandbox {

/// The processes of one server outside its group. With a pids cgroup they are its members: exact. Without,
/// they are found in /proc: descendants of the group's members, and roadwork's own children (orphans
/// reparented to the subreaper) whose environment holds the server's `marker` entry, with their
/// descendants. A process that both left the group and was started with another environment, and whose
/// ancestors in the server all died, is then out of reach (the interrupt handler still kills it, with all
/// of roadwork's children).
class Stragglers {
 public:
  /// `group`: the server's process group id; `marker`: "NAME=VALUE" in the server's environment;
  /// `cgroup`: the server's pids cgroup, or nullptr. The cgroup must outlive this object.
  Stragglers(pid_t group, std::string marker, const PidsCgroup* cgroup)
      : group_(group), marker_(std::move(marker)), cgroup_(cgroup) {}

  /// One pass of SIGKILL to every process of the server found now, group members included. Reaps nothing,
  /// so it may run on another thread than the one that drives the server (the run watchdog does).
  void kill() const;

  /// How many live processes of the server are outside its group now. Isolated, the kernel kills them the
  /// moment the group's leader (pid 1 of their PID namespace) ends, so stop() counts them before it stops it.
  std::size_t count_outside_group() const;

  /// After the group was killed and reaped: kills what is found, pass after pass, and reaps those that are
  /// roadwork's children, until nothing is left or `patience` has passed. Returns how many it killed.
  std::size_t kill_and_reap(std::chrono::milliseconds patience) const;

  /// Every process of the server found now, in its group or not, zombies included (see the class comment).
  std::vector<ProcessInfo> processes() const;

 private:
  pid_t group_;
  std::string marker_;
  const PidsCgroup* cgroup_;
};

}  // namespace roadwork::sandbox
