#pragma once
// How a server ended, in sentences a learner can act on: its exit status or signal, and which of the
// sandbox's limits explains it.

#include <optional>
#include <string>
#include <string_view>

#include "app/sandbox/limits.hpp"
#include "app/sandbox/process_posix.hpp"

namespace roadwork::sandbox {

/// "SIGSEGV", or "signal 42" for one without a name.
std::string signal_name(int signo);

/// How the leader (the shell) ended, as a phrase: "exited with status 1", "exited with status 139 (killed
/// by SIGSEGV)" (the shell's way of saying its command died of a signal), "was killed by SIGKILL", or
/// "ended" when the status is unknown.
std::string describe_status(const ExitStatus& status);

/// Which limit explains how a server ended, or "" when none does. From the status: SIGXCPU is the CPU
/// limit, SIGXFSZ the file size limit. From the last lines it printed, since a program that meets the data,
/// open-file or file-size limit sees a failing call and reports it its own way: MemoryError, "Cannot
/// allocate memory", "JavaScript heap out of memory", "Too many open files", "File too large", "fork:
/// Resource temporarily unavailable". `process_limit_reached` is what the pids cgroup counted. E.g. "it
/// used up its CPU time limit of 10 s (RLIMIT_CPU)".
std::string limit_explanation(const ExitStatus& status, std::string_view last_output,
                              const ProcessLimits& limits, bool process_limit_reached);

}  // namespace roadwork::sandbox
