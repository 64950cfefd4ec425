#pragma once
// Turns ProcessLimits into setrlimit() calls for a child between fork and exec. The values are worked out
// before fork, because the child may then only make async-signal-safe calls (no allocation, no /proc walk).

#include <sys/resource.h>

#include <array>
#include <cstddef>

#include "app/sandbox/limits.hpp"

namespace roadwork::sandbox {

/// The setrlimit() calls one child makes. Fixed size: the child cannot allocate.
struct RlimitPlan {
  struct Setting {
    int resource = 0;
    rlimit value{};
  };
  std::array<Setting, 5> settings{};
  std::size_t count = 0;
};

/// Works out the calls for `limits` from this process's own limits. Soft and hard limit are both set, so
/// the server cannot raise them again; a limit above the current hard one is lowered to it (only a
/// privileged process may raise a hard limit). RLIMIT_CPU's hard limit is one second above its soft one:
/// SIGXCPU first, which a program may catch to report, then SIGKILL. RLIMIT_NPROC is left out when
/// `processes_counted_elsewhere` (a pids cgroup counts them) and for root, which it does not bind;
/// otherwise it is the user's current task count plus the allowance (see ProcessLimits::processes).
RlimitPlan plan_rlimits(const ProcessLimits& limits, bool processes_counted_elsewhere);

/// Makes the calls in the child, before exec. Async-signal-safe in practice: setrlimit() is a plain system
/// call wrapper that takes no lock. Returns false (errno set) at the first call that fails.
bool apply_rlimits(const RlimitPlan& plan);

}  // namespace roadwork::sandbox
