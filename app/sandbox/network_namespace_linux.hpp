#pragma once
// A network namespace of its own for one server (`--isolate-network`): only a loopback interface, so the
// server can listen on 127.0.0.1 and ::1 and reach nothing else — not the internet, not the machine's
// other services, not the other servers of a grading run.
//
// How roadwork still reaches the server: a socket belongs to the namespace of the thread that created it,
// and setns() moves one thread, not the process. The thread that drives a server enters its namespace
// before spawning it (the child inherits the namespace through fork) and stays there until the server is
// stopped, so the readiness probes and the checks' HTTP client, which create their sockets on that thread,
// connect to the server's loopback. Every other thread of roadwork stays where it was.

#include <memory>
#include <string>

#include "app/core/unique_fd.hpp"

namespace roadwork::sandbox {

/// A network namespace with its loopback up, kept alive by a descriptor. Not copyable.
class NetworkNamespace {
 public:
  /// Creates the namespace. unshare(CLONE_NEWNET) needs CAP_SYS_ADMIN: root has it; an unprivileged user
  /// would need a user namespace, which a multi-threaded process cannot enter, so there it fails. On failure
  /// returns nullptr and sets `error` to the reason, e.g. "unshare(CLONE_NEWNET): Operation not permitted".
  static std::unique_ptr<NetworkNamespace> create(std::string& error);

  NetworkNamespace(const NetworkNamespace&) = delete;
  NetworkNamespace& operator=(const NetworkNamespace&) = delete;

  /// Moves the calling thread into the namespace. The thread's namespace before its first enter() is its
  /// home, which leave() returns to. On failure returns false and sets `error`.
  bool enter(std::string& error);

  /// Moves the calling thread back home if it is in this namespace now; otherwise (another server's
  /// namespace has been entered since) leaves it where it is.
  void leave();

 private:
  explicit NetworkNamespace(UniqueFd fd) : fd_(std::move(fd)) {}
  UniqueFd fd_;
};

}  // namespace roadwork::sandbox
