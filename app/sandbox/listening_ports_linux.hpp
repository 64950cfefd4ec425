#pragma once
// Finds which TCP ports a process group listens on: the kernel's list of listening sockets (sock_diag
// netlink) matched by inode against the socket descriptors in /proc/PID/fd of the group's processes.

#include <sys/types.h>

#include <optional>
#include <string>
#include <unordered_set>

namespace roadwork::sandbox {

/// Watches for listening sockets that appear after it was created. Create it before spawning the server:
/// the server cannot own a socket that already listened then (it inherits no descriptors beyond 0-2), so
/// while no new listener exists a query costs two netlink round trips (~50 us) and no walk through /proc.
class NewListeners {
 public:
  /// Remembers the TCP sockets (IPv4 and IPv6) listening in roadwork's network namespace now.
  NewListeners();

  /// The lowest port on which some process of group `pgid` listens (on any local address) with a socket
  /// created since construction — if none of the new listeners is on `port`. Nothing when the group has no
  /// new listener, or a new listener is on `port` (a connect() will tell whether it is the group's).
  /// Processes that vanish or cannot be inspected mid-walk are skipped. If the kernel's socket list cannot
  /// be read (no sock_diag), the answer is always nothing.
  std::optional<int> other_port_of_group(pid_t pgid, int port) const;

  /// When sockets created since construction listen on `port`, but none of them on an address that a
  /// connection to 127.0.0.1 reaches (127.0.0.1, 0.0.0.0 or ::): the address one of them listens on, as
  /// "[::1]" or "127.0.0.2". Nothing otherwise, or when the kernel's socket list cannot be read.
  std::optional<std::string> unreachable_address_on(int port) const;

  /// The inodes of the sockets created since construction that listen on `port`, on an address a
  /// connection to 127.0.0.1 reaches; nothing when the kernel's socket list cannot be read.
  std::optional<std::unordered_set<unsigned>> new_listeners_on(int port) const;

 private:
  std::unordered_set<unsigned> existing_;  // socket inodes
};

/// Whether process `pid` holds a descriptor of one of the sockets `inodes` (its /proc/PID/fd); false when it
/// is gone or cannot be inspected.
bool holds_socket(pid_t pid, const std::unordered_set<unsigned>& inodes);

}  // namespace roadwork::sandbox
