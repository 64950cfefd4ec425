#include "app/sandbox/exit_verdicts.hpp"

#include <fmt/format.h>
#include <signal.h>
#include <string.h>

#include <array>

namespace roadwork::sandbox {
namespace {

// The signal that ended the server: the shell's own, or its command's, which it reports as 128 + N.
std::optional<int> fatal_signal(const ExitStatus& status) {
  if (status.signal) return status.signal;
  if (status.code && *status.code > 128 && *status.code < 128 + NSIG) return *status.code - 128;
  return std::nullopt;
}

bool printed_any(std::string_view output, std::initializer_list<std::string_view> phrases) {
  for (const auto phrase : phrases) {
    if (output.find(phrase) != std::string_view::npos) return true;
  }
  return false;
}

}  // namespace

std::string signal_name(int signo) {
  const char* abbreviation = ::sigabbrev_np(signo);
  return abbreviation ? fmt::format("SIG{}", abbreviation) : fmt::format("signal {}", signo);
}

std::string describe_status(const ExitStatus& status) {
  if (status.code && *status.code > 128 && *status.code < 128 + NSIG) {
    return fmt::format("exited with status {} (killed by {})", *status.code, signal_name(*status.code - 128));
  }
  if (status.code) return fmt::format("exited with status {}", *status.code);
  if (status.signal) return fmt::format("was killed by {}", signal_name(*status.signal));
  return "ended";
}

std::string limit_explanation(const ExitStatus& status, std::string_view last_output,
                              const ProcessLimits& limits, bool process_limit_reached) {
  const auto signal = fatal_signal(status);
  if (limits.cpu_seconds > 0 && signal == SIGXCPU) {
    return fmt::format("it used up its CPU time limit of {} s (RLIMIT_CPU)", limits.cpu_seconds);
  }
  if (limits.file_bytes > 0 && (signal == SIGXFSZ || printed_any(last_output, {"File too large"}))) {
    return fmt::format("it wrote a file larger than its limit of {} (RLIMIT_FSIZE)",
                       describe_bytes(limits.file_bytes));
  }
  if (limits.data_bytes > 0 &&
      printed_any(last_output, {"MemoryError", "Cannot allocate memory", "out of memory", "bad_alloc",
                                "Allocation failed"})) {
    return fmt::format("it ran out of memory: its data limit is {} (RLIMIT_DATA)",
                       describe_bytes(limits.data_bytes));
  }
  if (limits.open_files > 0 && printed_any(last_output, {"Too many open files", "EMFILE"})) {
    return fmt::format("it reached its limit of {} open files (RLIMIT_NOFILE)", limits.open_files);
  }
  if (limits.processes > 0 &&
      (process_limit_reached || printed_any(last_output, {"fork: Resource temporarily unavailable",
                                                          "spawn EAGAIN", "can't start new thread"}))) {
    return fmt::format("it reached its limit of {} processes and threads", limits.processes);
  }
  return "";
}

}  // namespace roadwork::sandbox
