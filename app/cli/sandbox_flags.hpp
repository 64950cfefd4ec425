#pragma once
// The sandbox options `check` and `grade` share: --limits PRESET and --isolate-network.

#include <filesystem>
#include <string>
#include <vector>

#include "app/checking/check_run.hpp"

namespace CLI {
class App;
}

namespace roadwork::cli {

/// What the user chose; `limits` starts as the command's default preset ("default" or "strict").
struct SandboxFlags {
  std::string limits;
  bool isolate_network = false;
};

/// Adds --limits (default|strict) and --isolate-network to `command`, writing into `flags`.
void add_sandbox_flags(CLI::App& command, SandboxFlags& flags);

/// Sets `options.limits` and `options.isolate_network` from `flags`. When network isolation was asked for but
/// cannot work here, prints one line to stderr — "network isolation is not available here: REASON; grading
/// without it" — and goes on without it.
void apply_limit_flags(const SandboxFlags& flags, checking::CheckOptions& options);

/// apply_limit_flags(), then decides isolation up front, for `grade`: Required, or, when the kernel refuses
/// the sandbox's namespaces or the idmapped mounts of the folders the servers will write (`writable`: the
/// grading output), Off, after printing "roadwork cannot isolate the servers here: REASON; they run
/// unisolated"; returns whether it is Required.
bool apply_sandbox_flags(const SandboxFlags& flags, checking::CheckOptions& options,
                         const std::vector<std::filesystem::path>& writable);

}  // namespace roadwork::cli
