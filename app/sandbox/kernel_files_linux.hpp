#pragma once
// Small kernel handles the sandbox opens in several places: a process's pidfd, and the control files of
// /proc and cgroups, which take their whole value in one write(2). Header-only and async-signal-safe, so a
// child may use them between fork and exec.

#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

#include <string_view>

#include "app/core/unique_fd.hpp"

namespace roadwork::sandbox {

/// A pidfd of process `pid` (pidfd_open(2)); none where the kernel lacks it or `pid` is gone. The raw
/// syscall: Debian 12's <sys/pidfd.h> lacks extern "C", so its wrapper does not link from C++.
inline UniqueFd open_pidfd(pid_t pid) {
  return UniqueFd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
}

/// Writes all of `text` to the existing control file `path` (e.g. /proc/self/uid_map, pids.max) in one
/// write(2); false when it cannot be opened or the kernel refuses the value.
inline bool write_control_file(const char* path, std::string_view text) {
  const UniqueFd file(::open(path, O_WRONLY | O_CLOEXEC));
  return file && ::write(file.get(), text.data(), text.size()) == static_cast<ssize_t>(text.size());
}

}  // namespace roadwork::sandbox
