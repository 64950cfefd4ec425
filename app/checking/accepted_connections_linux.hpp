#pragma once
// Which connections a server has accepted, as the kernel lists them in /proc/<pid>/net/tcp and tcp6 (the
// tables of the server's own network namespace): how a signal step knows its request is in the server's
// hands before it sends the signal.

#include <set>

namespace roadwork::checking {

/// Socket inodes of the established TCP connections, in the network namespace of process `pid`, whose
/// local port is `port` and that a process has accepted (a connection still waiting in the listen backlog
/// has no inode yet). Empty when /proc cannot be read.
std::set<unsigned long> accepted_connections(int pid, int port);

}  // namespace roadwork::checking
