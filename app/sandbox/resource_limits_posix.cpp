#include "app/sandbox/resource_limits_posix.hpp"

#include <unistd.h>

#include <algorithm>

#include "app/sandbox/process_table_linux.hpp"

namespace roadwork::sandbox {
namespace {

void add(RlimitPlan& plan, int resource, std::uint64_t soft, std::uint64_t hard) {
  rlimit current{};
  if (::getrlimit(resource, &current) != 0) return;
  const auto cap = [&](std::uint64_t value) {
    return current.rlim_max == RLIM_INFINITY ? static_cast<rlim_t>(value)
                                             : std::min(static_cast<rlim_t>(value), current.rlim_max);
  };
  plan.settings[plan.count++] = {resource, {cap(soft), cap(hard)}};
}

}  // namespace

RlimitPlan plan_rlimits(const ProcessLimits& limits, bool processes_counted_elsewhere) {
  RlimitPlan plan;
  if (limits.cpu_seconds > 0) add(plan, RLIMIT_CPU, limits.cpu_seconds, limits.cpu_seconds + 1);
  if (limits.data_bytes > 0) add(plan, RLIMIT_DATA, limits.data_bytes, limits.data_bytes);
  if (limits.open_files > 0) add(plan, RLIMIT_NOFILE, limits.open_files, limits.open_files);
  if (limits.file_bytes > 0) add(plan, RLIMIT_FSIZE, limits.file_bytes, limits.file_bytes);
  if (limits.processes > 0 && !processes_counted_elsewhere && ::geteuid() != 0) {
    const auto allowed = count_user_tasks(::getuid()) + limits.processes;
    add(plan, RLIMIT_NPROC, allowed, allowed);
  }
  return plan;
}

bool apply_rlimits(const RlimitPlan& plan) {
  for (std::size_t i = 0; i < plan.count; ++i) {
    if (::setrlimit(plan.settings[i].resource, &plan.settings[i].value) != 0) return false;
  }
  return true;
}

}  // namespace roadwork::sandbox
