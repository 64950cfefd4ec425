#include "app/sandbox/network_namespace_linux.hpp"

#include <fcntl.h>
#include <net/if.h>
#include <sched.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "app/sandbox/server.hpp"

namespace roadwork::sandbox {
namespace {

constexpr const char* kThreadNamespace = "/proc/thread-self/ns/net";

// The namespace the thread was in before it first entered a server's: where leave() returns it.
thread_local UniqueFd home;

std::string failure(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

// A new namespace's loopback is down: without this even 127.0.0.1 is unreachable in it.
bool bring_loopback_up(std::string& error) {
  UniqueFd socket(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  ifreq request{};
  std::strncpy(request.ifr_name, "lo", IFNAMSIZ - 1);
  if (!socket || ::ioctl(socket.get(), SIOCGIFFLAGS, &request) != 0) {
    error = failure("cannot read the loopback interface's flags");
    return false;
  }
  request.ifr_flags = static_cast<short>(request.ifr_flags | IFF_UP);
  if (::ioctl(socket.get(), SIOCSIFFLAGS, &request) != 0) {
    error = failure("cannot bring the loopback interface up");
    return false;
  }
  return true;
}

ino_t inode_of(int fd) {
  struct stat info {};
  return ::fstat(fd, &info) == 0 ? info.st_ino : 0;
}

ino_t current_inode() {
  struct stat info {};
  return ::stat(kThreadNamespace, &info) == 0 ? info.st_ino : 0;
}

}  // namespace

std::unique_ptr<NetworkNamespace> NetworkNamespace::create(std::string& error) {
  // On a thread of its own, which exits afterwards: unsharing moves the calling thread for good, and no
  // thread of roadwork should end up in a namespace by accident.
  UniqueFd fd;
  std::thread maker([&] {
    if (::unshare(CLONE_NEWNET) != 0) {
      error = failure("unshare(CLONE_NEWNET)");
      return;
    }
    if (!bring_loopback_up(error)) return;
    fd = UniqueFd(::open(kThreadNamespace, O_RDONLY | O_CLOEXEC));
    if (!fd) error = failure("cannot open the new network namespace");
  });
  maker.join();
  if (!fd) return nullptr;
  return std::unique_ptr<NetworkNamespace>(new NetworkNamespace(std::move(fd)));
}

bool NetworkNamespace::enter(std::string& error) {
  if (!home) home = UniqueFd(::open(kThreadNamespace, O_RDONLY | O_CLOEXEC));
  if (!home) {
    error = failure("cannot open this thread's network namespace");
    return false;
  }
  if (::setns(fd_.get(), CLONE_NEWNET) != 0) {
    error = failure("setns(CLONE_NEWNET)");
    return false;
  }
  return true;
}

void NetworkNamespace::leave() {
  if (home && current_inode() == inode_of(fd_.get())) ::setns(home.get(), CLONE_NEWNET);
}

std::optional<std::string> network_isolation_unavailable() {
  std::string error;
  if (NetworkNamespace::create(error)) return std::nullopt;
  return error;
}

}  // namespace roadwork::sandbox
