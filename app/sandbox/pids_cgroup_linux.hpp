#pragma once
// A cgroup of its own for one server in the kernel's pids controller. It caps the server's processes and
// threads where RLIMIT_NPROC cannot (root is exempt from it, and it counts per user, not per server), and it
// names every process of the server, also those that left its process group with setsid() or setpgid().

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "app/core/unique_fd.hpp"

namespace roadwork::sandbox {

/// `roadwork-<pid>-<n>` below roadwork's own cgroup, in cgroup v1's pids hierarchy or in cgroup v2 where
/// the pids controller is enabled for roadwork's cgroup's children. Destroying it kills what is left in it
/// and removes the directory. Not copyable; thread-safe for its const members.
class PidsCgroup {
 public:
  /// Makes the cgroup with pids.max = `max_tasks`. Nothing when that is not possible here: not root (the
  /// cgroup file system is root's unless delegated), no pids controller, or a read-only /sys/fs/cgroup.
  /// The first call also removes empty cgroups left by roadwork processes that were killed.
  static std::unique_ptr<PidsCgroup> create(std::uint64_t max_tasks);

  /// Moves roadwork into the cgroup it is in already, which changes nothing but pays now what the kernel
  /// charges the first move into any cgroup after a quiet while: a wait for an RCU grace period (5–20 ms
  /// measured), during which no process on the machine can fork. A move in the next ~10 ms then takes
  /// ~0.3 ms. So a command that starts one server runs this on a thread of its own first, while it loads the
  /// pack, and its server's start no longer waits. Nothing happens, and nothing is reported, where roadwork
  /// may not write its own cgroup's cgroup.procs (not root, a read-only /sys/fs/cgroup).
  static void warm_up();

  ~PidsCgroup();
  PidsCgroup(const PidsCgroup&) = delete;
  PidsCgroup& operator=(const PidsCgroup&) = delete;

  /// cgroup.procs open for writing: a child writes "0" to it to move itself in before exec, so everything
  /// it starts is counted and listed from the first instruction on.
  int join_fd() const { return procs_.get(); }

  /// The processes in the cgroup now (zombies have already left it).
  std::vector<pid_t> members() const;

  /// Whether a fork or clone failed because the cgroup was full (pids.events counts them).
  bool limit_reached() const;

  /// Sends SIGKILL to every member: at once with cgroup.kill (cgroup v2, Linux 5.14+), else one by one,
  /// pass after pass while members remain, since a member may fork while it is being killed. Does not wait
  /// for them to be reaped.
  void kill_members() const;

 private:
  PidsCgroup(std::string path, UniqueFd procs) : path_(std::move(path)), procs_(std::move(procs)) {}

  std::string path_;
  UniqueFd procs_;
};

}  // namespace roadwork::sandbox
