#pragma once
// Runs a learner's test command to completion, as the sandbox runs servers: its own process group, stdin
// from /dev/null, output captured, nothing left running afterwards.

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/sandbox/isolation_linux.hpp"

namespace roadwork::checking {

/// How the command ended.
struct CommandOutcome {
  /// The shell's exit status, which is its command's (128+N when signal N ended the command).
  std::optional<int> exit_code;
  bool timed_out = false;   ///< `deadline` came first; the group was killed
  std::string error;        ///< the command could not be started (spawn failed); empty otherwise
  std::string last_output;  ///< the last lines of its stdout and stderr together
};

/// Runs `command` through /bin/sh -c in `dir` with `env` added to roadwork's environment, until it exits
/// or `deadline` passes; then kills and reaps whatever is left of its process group. Blocks. Isolated as
/// `isolation` says, as a server is (sandbox/isolation_linux.hpp): only `dir` and a private /tmp writable,
/// `hidden` out of sight.
CommandOutcome run_test_command(const std::string& command, const std::filesystem::path& dir,
                                const std::map<std::string, std::string>& env,
                                std::chrono::steady_clock::time_point deadline,
                                sandbox::IsolationMode isolation,
                                const std::vector<std::filesystem::path>& hidden);

}  // namespace roadwork::checking
