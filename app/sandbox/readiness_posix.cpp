// Also home of pick_free_port(): both are about TCP sockets on 127.0.0.1.
#include "app/sandbox/readiness_posix.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <deque>
#include <mutex>
#include <string>
#include <system_error>

#include "app/core/unique_fd.hpp"
#include "app/sandbox/server.hpp"

namespace roadwork::sandbox {
namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

constexpr auto kFirstBackoff = 500us;
constexpr auto kMaxBackoff = 1ms;
constexpr auto kScanInterval = 50ms;
// A server may open a side port (a debugger, metrics) a moment before its main one, so a wrong port counts
// only once it has been the whole picture for this long.
constexpr auto kWrongPortSettle = 300ms;

sockaddr_in loopback(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  return address;
}

// Whether the socket a connect() to `port` just reached is the server's (wait_until_listening). The leader
// and the processes below it are a few reads; the rest of the server (orphans, a daemon's double fork) costs
// a walk through /proc without a cgroup, so it is looked at only when they do not hold the socket.
bool reached_the_server(const ChildProcess& child, const Stragglers& server, const NewListeners& listeners,
                        int port) {
  const auto sockets = listeners.new_listeners_on(port);
  if (!sockets) return true;  // nothing to tell them apart with
  if (sockets->empty()) return false;
  const auto holds = [&](pid_t pid) { return holds_socket(pid, *sockets); };
  const auto tree = process_tree(child.pid());
  if (std::any_of(tree.begin(), tree.end(), holds)) return true;
  const auto all = server.processes();
  return std::any_of(all.begin(), all.end(), [&](const ProcessInfo& process) { return holds(process.pid); });
}

}  // namespace

bool loopback_port_accepts(int port) {
  UniqueFd socket(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!socket) return false;
  const sockaddr_in address = loopback(port);
  if (::connect(socket.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) return true;
  if (errno != EINPROGRESS) return false;
  // Loopback handshakes finish inside connect() unless the listen queue is full; give that case a moment,
  // and let the caller's next attempt decide if it is still pending.
  pollfd writable{socket.get(), POLLOUT, 0};
  if (::poll(&writable, 1, 1) != 1) return false;
  int error = 0;
  socklen_t length = sizeof error;
  return ::getsockopt(socket.get(), SOL_SOCKET, SO_ERROR, &error, &length) == 0 && error == 0;
}

Readiness wait_until_listening(ChildProcess& child, const Stragglers& server, int port,
                               const NewListeners& listeners, Clock::time_point deadline) {
  Clock::duration backoff = kFirstBackoff;
  auto next_scan = Clock::now() + kScanInterval;
  auto wrong_since = Clock::time_point::max();  // max: the picture is not wrong
  Readiness wrong{Readiness::TimedOut, std::nullopt, {}};
  for (;;) {
    if (loopback_port_accepts(port)) {
      if (reached_the_server(child, server, listeners, port)) return {Readiness::Accepting, std::nullopt, {}};
      return {Readiness::PortTaken, std::nullopt, {}};
    }
    if (child.exit_status()) return {Readiness::Exited, std::nullopt, {}};
    const auto now = Clock::now();
    if (now >= next_scan) {
      next_scan = now + kScanInterval;
      wrong = {Readiness::TimedOut, std::nullopt, {}};
      if (auto other = listeners.other_port_of_group(child.pid(), port)) {
        wrong = {Readiness::WrongPort, other, {}};
      } else if (auto address = listeners.unreachable_address_on(port)) {
        wrong = {Readiness::WrongAddress, std::nullopt, std::move(*address)};
      }
      if (wrong.kind == Readiness::TimedOut) {
        wrong_since = Clock::time_point::max();
      } else if (wrong_since == Clock::time_point::max()) {
        wrong_since = now;
      } else if (now - wrong_since >= kWrongPortSettle) {
        return wrong;
      }
    }
    // At the deadline a wrong port or address says more than "never listened", settled or not.
    if (now >= deadline) return wrong;
    child.wait_for_exit(std::min<Clock::duration>(backoff, deadline - now));
    backoff = std::min<Clock::duration>(backoff * 2, kMaxBackoff);
  }
}

int pick_free_port() {
  // Parallel grading picks ports from several threads at once, and the kernel may hand the same free port
  // to two of them before either server has bound it; so a port handed out recently is not handed out
  // again (bind(0) walks the ephemeral range, so the next try gets another).
  static std::mutex mutex;
  static std::deque<int> recent;
  constexpr std::size_t kRemembered = 1024;
  std::lock_guard lock(mutex);
  for (;;) {
    UniqueFd socket(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in address = loopback(0);
    socklen_t length = sizeof address;
    if (!socket || ::bind(socket.get(), reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0 ||
        ::getsockname(socket.get(), reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      throw std::system_error(errno, std::generic_category(), "cannot find a free port on 127.0.0.1");
    }
    const int port = ntohs(address.sin_port);
    if (std::find(recent.begin(), recent.end(), port) != recent.end()) continue;
    recent.push_back(port);
    if (recent.size() > kRemembered) recent.pop_front();
    return port;
  }
}

}  // namespace roadwork::sandbox
