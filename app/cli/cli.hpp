#pragma once
// The command line (README.md: Using roadwork as a learner). One file per subcommand: setup_<name> registers
// it on the CLI11 app and run_<name> does the work and returns the exit code.

#include <functional>

namespace roadwork::cli {

/// Parses argv and runs the subcommand through run_reporting_errors.
int main(int argc, char** argv);

/// Runs `command` and returns its exit code. What it throws of what roadwork reports as errors (a Fatal; a
/// broken progress store or grade database, and a failure of the machine such as no free port: exit 2) is
/// printed to stderr as `roadwork: error: …` (README.md: exit codes) and its exit code returned instead.
/// The one place these are caught: main runs every command through it, and watch each of its checks.
int run_reporting_errors(const std::function<int()>& command);

}  // namespace roadwork::cli
