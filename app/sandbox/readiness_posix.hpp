#pragma once
// Decides when a freshly spawned server is ready: polls connect() to 127.0.0.1:PORT with a short back-off
// while watching the leader for an early exit and, now and then, the kernel's listeners for one on the wrong
// port or on an address 127.0.0.1 does not reach.

#include <chrono>
#include <optional>
#include <string>

#include "app/sandbox/listening_ports_linux.hpp"
#include "app/sandbox/process_posix.hpp"
#include "app/sandbox/stragglers_linux.hpp"

namespace roadwork::sandbox {

/// How waiting for a server ended.
struct Readiness {
  enum Kind {
    Accepting,     ///< 127.0.0.1:port accepted a connection
    Exited,        ///< the leader ended first (its status is in ChildProcess::exit_status())
    WrongPort,     ///< the group listens on `other_port` but not on `port`, for 300 ms or at the deadline
    WrongAddress,  ///< a new socket listens on `port`, but only on `address` (e.g. [::1]), for 300 ms or at
                   ///< the deadline
    PortTaken,     ///< 127.0.0.1:port accepted, but the socket there is another process's, not the server's
    TimedOut,      ///< the deadline passed with none of the above
  } kind;
  std::optional<int> other_port;  ///< WrongPort: the lowest port the group listens on
  std::string address;            ///< WrongAddress: where it listens instead, e.g. "[::1]"
};

/// Waits until `deadline` for one of the outcomes above. Between connect attempts it sleeps on the leader's
/// exit (so an exit ends the wait at once) for 0.5 ms, doubling up to 1 ms: a refused loopback connect costs
/// microseconds, and the gap between the port opening and roadwork noticing stays around 1 ms. Every 50 ms
/// it asks `listeners` (created before the spawn) which ports the group listens on, and where. A connect
/// that succeeds counts only when a process of the server holds the socket it reached, one that `listeners`
/// saw appear: the leader or a process below it, else one of `server` (its cgroup, or a walk through /proc);
/// so checks never reach a process that took the port first.
Readiness wait_until_listening(ChildProcess& child, const Stragglers& server, int port,
                               const NewListeners& listeners, std::chrono::steady_clock::time_point deadline);

/// Whether a TCP connection to 127.0.0.1:`port` is accepted right now (the connection is closed at once).
bool loopback_port_accepts(int port);

}  // namespace roadwork::sandbox
