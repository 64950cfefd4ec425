#pragma once
// The limits a learner's server runs under (README.md: Limits): resource limits on its processes, and
// the time and size limits of a check run. Two presets: generous for a learner's own machine, strict for
// grading code nobody has read.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace roadwork::sandbox {

/// Resource limits on the server's processes. 0 means roadwork sets none (the inherited limit stays).
/// The per-process ones are set with setrlimit() in the child before exec, so every process the server
/// starts inherits them.
struct ProcessLimits {
  /// CPU time of each process, seconds (RLIMIT_CPU): SIGXCPU at the limit, SIGKILL one second later.
  std::uint64_t cpu_seconds = 0;
  /// Data of each process, bytes (RLIMIT_DATA: heap and private writable mappings). Not RLIMIT_AS: V8 and
  /// the Go runtime reserve gigabytes of address space they never touch, so an address-space limit low
  /// enough to stop a runaway server also stops every node and Go server at start-up.
  std::uint64_t data_bytes = 0;
  /// Open descriptors of each process (RLIMIT_NOFILE).
  std::uint64_t open_files = 0;
  /// Size of any file a process writes, bytes (RLIMIT_FSIZE): writing past it raises SIGXFSZ (or EFBIG where
  /// the program ignores that signal, as Python does).
  std::uint64_t file_bytes = 0;
  /// Processes and threads of the whole server. Enforced by a pids cgroup when roadwork can make one (as
  /// root), which counts exactly the server's tasks. Otherwise by RLIMIT_NPROC set to the tasks the user
  /// already runs plus this many: the kernel counts that limit per real user id across all of the user's
  /// processes, so the allowance is shared with the user's other programs and parallel servers, and it does
  /// not apply to root at all (root with no writable cgroup gets no process limit).
  std::uint64_t processes = 0;
};

/// Every limit of one check run. The timeouts bound the exercise's own (exercise.toml's startup_timeout and
/// time_limit): the run uses the smaller of the two; 0 leaves the exercise's.
struct Limits {
  ProcessLimits process;
  std::size_t output_bytes = 64 * 1024;          ///< server output kept (the most recent), bytes
  std::chrono::milliseconds startup_timeout{0};  ///< spawn to listening
  std::chrono::milliseconds run_timeout{0};      ///< the whole run; the server is killed when it passes
  /// Each request's connect, read, write and whole exchange.
  std::chrono::milliseconds request_timeout{5000};
  std::size_t max_body_bytes = 8 * 1024 * 1024;  ///< response bodies are read at most this far, bytes

  /// For a learner's own machine (the default): bounds that only a runaway server meets.
  static Limits generous();
  /// For grading (`--limits strict`): tight enough that a hostile server cannot hurt the grader's machine,
  /// loose enough for a correct node or Python server.
  static Limits strict();
  /// "default" or "strict"; nothing for another name.
  static std::optional<Limits> preset(std::string_view name);
};

/// The smaller of `own` and a non-zero `bound`: the exercise's timeout under a preset's bound.
std::chrono::milliseconds bounded(std::chrono::milliseconds own, std::chrono::milliseconds bound);

/// "512 MiB", "64 KiB", "1.5 GiB", "300 bytes": a size as a learner reads it.
std::string describe_bytes(std::uint64_t bytes);

/// "300 ms", "10 s", "2.5 s": a duration as a learner reads it.
std::string describe_duration(std::chrono::milliseconds duration);

}  // namespace roadwork::sandbox
