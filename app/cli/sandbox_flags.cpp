#include "app/cli/sandbox_flags.hpp"

#include <fmt/core.h>

#include <CLI/CLI.hpp>

#include "app/sandbox/server.hpp"

namespace roadwork::cli {

void add_sandbox_flags(CLI::App& command, SandboxFlags& flags) {
  command
      .add_option("--limits", flags.limits,
                  "Resource and time limits of the server: default (generous, for your own code) or strict "
                  "(for grading code you did not write)")
      ->check(CLI::IsMember({"default", "strict"}))
      ->capture_default_str();
  command.add_flag("--isolate-network", flags.isolate_network,
                   "Run the server in a network namespace of its own, with only loopback (needs root)");
}

void apply_limit_flags(const SandboxFlags& flags, checking::CheckOptions& options) {
  options.limits = *sandbox::Limits::preset(flags.limits);
  options.isolate_network = false;
  if (flags.isolate_network) {
    if (const auto reason = sandbox::network_isolation_unavailable()) {
      fmt::print(stderr, "network isolation is not available here: {}; grading without it\n", *reason);
    } else {
      options.isolate_network = true;
    }
  }
}

bool apply_sandbox_flags(const SandboxFlags& flags, checking::CheckOptions& options,
                         const std::vector<std::filesystem::path>& writable) {
  apply_limit_flags(flags, options);
  options.isolation = sandbox::IsolationMode::Required;
  if (const auto reason = sandbox::isolation_unavailable(writable)) {
    fmt::print(stderr, "{}\n", checking::unisolated_warning(*reason));
    options.isolation = sandbox::IsolationMode::Off;
  }
  return options.isolation != sandbox::IsolationMode::Off;
}

}  // namespace roadwork::cli
